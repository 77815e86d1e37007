//! Every sentence the intake says, in Danish, English and Swedish side by side.
//!
//! A problem is kept as a [`Said`] (which sentence, and the values it names) and put into words
//! only when shown, so the caller decides the language once for everything it prints.

kriterium_engine::translation_table! {
    /// A sentence of the intake; `{name}` placeholders are filled from a [`Said`]'s values.
    Msg {
        // Places.
        SheetRowColumn => "ark »{sheet}«, række {row}, kolonne »{column}«", "sheet \"{sheet}\", row {row}, column \"{column}\"", "blad ”{sheet}”, rad {row}, kolumn ”{column}”";
        RowColumn => "række {row}, kolonne »{column}«", "row {row}, column \"{column}\"", "rad {row}, kolumn ”{column}”";
        SheetRow => "ark »{sheet}«, række {row}", "sheet \"{sheet}\", row {row}", "blad ”{sheet}”, rad {row}";
        Row => "række {row}", "row {row}", "rad {row}";
        /// A message made elsewhere (the engine's validation), passed through as it is.
        Plain => "{text}", "{text}", "{text}";
        DidYouMean => "; mente du »{name}«?", "; did you mean \"{name}\"?", "; menade du ”{name}”?";
        // Values in cells.
        NotAmount => "»{value}« er ikke et beløb; skriv fx 50000 eller 50.000", "\"{value}\" is not an amount; write e.g. 50000 or 50.000", "”{value}” är inte ett belopp; skriv t.ex. 50000 eller 50.000";
        AmountNotWhole => "»{value}« er ikke et helt beløb; skriv beløbet i hele kroner, fx 50000", "\"{value}\" is not a whole amount; write it in whole units, e.g. 50000", "”{value}” är inte ett helt belopp; skriv beloppet i hela kronor, t.ex. 50000";
        NotNumber => "»{value}« er ikke et tal; skriv fx 12 eller 1.250,5", "\"{value}\" is not a number; write e.g. 12 or 1.250,5", "”{value}” är inte ett tal; skriv t.ex. 12 eller 1.250,5";
        NotWhole => "»{value}« er ikke et helt tal; skriv fx 45", "\"{value}\" is not a whole number; write e.g. 45", "”{value}” är inte ett heltal; skriv t.ex. 45";
        NotDate => "»{value}« er ikke en dato; skriv fx 14-03-2025 eller 2025-03-14", "\"{value}\" is not a date; write e.g. 14-03-2025 or 2025-03-14", "”{value}” är inte ett datum; skriv t.ex. 2025-03-14 eller 14-03-2025";
        NoSuchDay => "»{value}« findes ikke i kalenderen; ret dag eller måned", "\"{value}\" is not a day of the calendar; correct the day or the month", "”{value}” finns inte i kalendern; rätta dag eller månad";
        NotYesNo => "»{value}« er hverken ja eller nej; skriv ja, nej eller x", "\"{value}\" is neither yes nor no; write yes, no or x", "”{value}” är varken ja eller nej; skriv ja, nej eller x";
        NotKnownValue => "»{value}« er ikke en af de kendte værdier ({known}){hint}", "\"{value}\" is not one of the known values ({known}){hint}", "”{value}” är inte ett av de kända värdena ({known}){hint}";
        AmountAmbiguous => "»{value}« kan læses som et decimaltal eller som tusinder; skriv 400000 eller 400.000", "\"{value}\" can be read as a decimal number or as thousands; write 400000 or 400.000", "”{value}” kan läsas som ett decimaltal eller som tusental; skriv 400000 eller 400.000";
        NumberAmbiguous => "»{value}« kan læses som et decimaltal eller som tusinder; skriv fx 1000 eller 1.000 for tusind, 1,5 for halvanden", "\"{value}\" can be read as a decimal number or as thousands; write e.g. 1000 or 1.000 for a thousand, 1,5 for one and a half", "”{value}” kan läsas som ett decimaltal eller som tusental; skriv t.ex. 1000 eller 1.000 för tusen, 1,5 för en och en halv";
        TooLarge => "»{value}« er for stort et tal til at blive læst nøjagtigt", "\"{value}\" is too large a number to be read exactly", "”{value}” är ett för stort tal för att läsas exakt";
        TimeNotMidnight => "»{value}« har et klokkeslæt; feltet er en dato, så skriv kun datoen, fx 14-03-2025", "\"{value}\" has a time of day; the field is a date, so write only the date, e.g. 14-03-2025", "”{value}” har ett klockslag; fältet är ett datum, så skriv bara datumet, t.ex. 2025-03-14";
        CellIsNumber => "cellen er et tal og viser »{value}«, men feltet er tekst, og tallet ville blive en anden tekst; skriv den som tekst i arket", "the cell is a number showing \"{value}\", but the field is text and the number would become another text; write it as text in the sheet", "cellen är ett tal och visar ”{value}”, men fältet är text och talet skulle bli en annan text; skriv den som text i bladet";
        CellIsDate => "cellen er en dato, men feltet er tekst, og datoen ville blive et løbenummer ({value}); skriv den som tekst i arket", "the cell is a date, but the field is text and the date would become a serial number ({value}); write it as text in the sheet", "cellen är ett datum, men fältet är text och datumet skulle bli ett löpnummer ({value}); skriv den som text i bladet";
        CellIsBool => "cellen er en sandhedsværdi (SAND/FALSK), men feltet er tekst; skriv den som tekst i arket", "the cell is a true/false value, but the field is text; write it as text in the sheet", "cellen är ett sanningsvärde (SANT/FALSKT), men fältet är text; skriv den som text i bladet";
        CellError => "cellen viser fejlen »{value}«; ret formlen i regnearket", "the cell shows the error \"{value}\"; correct the formula in the spreadsheet", "cellen visar felet ”{value}”; rätta formeln i kalkylbladet";
        EmptyRequired => "cellen er tom, men feltet skal udfyldes", "the cell is empty, but this field must be filled in", "cellen är tom, men fältet måste fyllas i";
        SharedId => "id »{id}« står også i række {rows}; et id må kun bruges af én ansøgning, så ingen af dem er importeret", "the id \"{id}\" is also in row {rows}; an id names one application, so none of them is imported", "id ”{id}” finns också på rad {rows}; ett id får bara användas av en ansökan, så ingen av dem importeras";
        // Reading the sheet.
        UnknownEncoding => "tegnsættet »{value}« kendes ikke; skriv fx windows-1252 eller utf-8", "the encoding \"{value}\" is unknown; write e.g. windows-1252 or utf-8", "teckenkodningen ”{value}” är okänd; skriv t.ex. windows-1252 eller utf-8";
        NotUtf8 => "filen er ikke UTF-8 (byte {offset}), som opsætningen siger; fjern encoding eller skriv encoding = \"windows-1252\"", "the file is not UTF-8 (byte {offset}) as the mapping says; remove encoding or write encoding = \"windows-1252\"", "filen är inte UTF-8 (byte {offset}) som mappningen anger; ta bort encoding eller skriv encoding = \"windows-1252\"";
        NotCsv => "filen kan ikke læses som CSV: {reason}", "the file cannot be read as CSV: {reason}", "filen kan inte läsas som CSV: {reason}";
        NotText => "filen er ikke en tekstfil (CSV): den rummer binære data (byte {offset}); gem arket som CSV eller .xlsx", "the file is not a text file (CSV): it holds binary data (byte {offset}); save the sheet as CSV or .xlsx", "filen är inte en textfil (CSV): den innehåller binära data (byte {offset}); spara bladet som CSV eller .xlsx";
        FieldCount => "række {row} har {count} felter, men overskriften har {width}; ret skilletegn eller anførselstegn i rækken", "row {row} has {count} fields, but the heading row has {width}; correct the separators or quotes in the row", "rad {row} har {count} fält, men rubrikraden har {width}; rätta avgränsare eller citattecken på raden";
        QuoteOpen => "anførselstegnet der åbner et felt i række {row} (linje {line}) lukkes aldrig, så resten af filen ville blive ét felt; luk det eller fjern det", "the quote that opens a field in row {row} (line {line}) is never closed, so the rest of the file would be one field; close or remove it", "citattecknet som öppnar ett fält på rad {row} (rad {line} i filen) stängs aldrig, så resten av filen skulle bli ett fält; stäng eller ta bort det";
        NotXlsx => "filen kan ikke læses som et Excel-regneark (.xlsx): den er ikke en zip-fil, som et .xlsx-regneark er; gem arket som .xlsx eller CSV", "the file cannot be read as an Excel workbook (.xlsx): it is not a zip archive, as an .xlsx workbook is; save the sheet as .xlsx or CSV", "filen kan inte läsas som en Excel-arbetsbok (.xlsx): den är inte ett zip-arkiv, som en .xlsx-arbetsbok är; spara bladet som .xlsx eller CSV";
        CellOutsideSheet => "filen kan ikke læses som et Excel-regneark (.xlsx): cellen {cell} ligger uden for et regnearks største størrelse (1.048.576 rækker og 16.384 kolonner, A til XFD), så filen er beskadiget eller ikke skrevet af et regnearksprogram; åbn den i Excel eller LibreOffice, og gem den igen som .xlsx", "the file cannot be read as an Excel workbook (.xlsx): the cell {cell} lies beyond the largest sheet (1,048,576 rows and 16,384 columns, A to XFD), so the file is damaged or not written by a spreadsheet program; open it in Excel or LibreOffice and save it again as .xlsx", "filen kan inte läsas som en Excel-arbetsbok (.xlsx): cellen {cell} ligger utanför ett kalkylblads största storlek (1 048 576 rader och 16 384 kolumner, A till XFD), så filen är skadad eller inte skriven av ett kalkylprogram; öppna den i Excel eller LibreOffice och spara den igen som .xlsx";
        XlsxDamaged => "filen kan ikke læses som et Excel-regneark (.xlsx): dens indhold er beskadiget eller ikke i Excels format; åbn den i Excel eller LibreOffice, og gem den igen som .xlsx", "the file cannot be read as an Excel workbook (.xlsx): its content is damaged or not in Excel's format; open it in Excel or LibreOffice and save it again as .xlsx", "filen kan inte läsas som en Excel-arbetsbok (.xlsx): dess innehåll är skadat eller inte i Excels format; öppna den i Excel eller LibreOffice och spara den igen som .xlsx";
        NoSuchSheet => "regnearket har intet ark »{sheet}«{hint} (arkene hedder: {sheets})", "the workbook has no sheet \"{sheet}\"{hint} (its sheets: {sheets})", "arbetsboken har inget blad ”{sheet}”{hint} (bladen heter: {sheets})";
        EmptySheet => "arket er tomt; første række skal rumme kolonnernes overskrifter", "the sheet is empty; its first row must hold the column headings", "bladet är tomt; första raden ska innehålla kolumnernas rubriker";
        // The mapping.
        MappingUnreadable => "opsætningen kan ikke læses: {reason}", "the mapping cannot be read: {reason}", "mappningen kan inte läsas: {reason}";
        NotPointer => "»{field}« er ikke en feltsti; skriv den fx som /budget/requested", "\"{field}\" is not a field path; write it like /budget/requested", "”{field}” är ingen fältsökväg; skriv den t.ex. som /budget/requested";
        UnknownField => "en ansøgning har intet felt »{field}«{hint}", "an application has no field \"{field}\"{hint}", "en ansökan har inget fält ”{field}”{hint}";
        MissingColumn => "arket har ingen kolonne »{column}«{hint}", "the sheet has no column \"{column}\"{hint}", "bladet har ingen kolumn ”{column}”{hint}";
        RepeatedHeading => "arket har {count} kolonner med overskriften »{column}«; giv dem forskellige overskrifter", "the sheet has {count} columns headed \"{column}\"; give them different headings", "bladet har {count} kolumner med rubriken ”{column}”; ge dem olika rubriker";
        RequiredUnmapped => "intet i opsætningen udfylder det krævede felt »{field}«; tilføj en kolonne eller en fast værdi til det", "nothing in the mapping fills the required field \"{field}\"; add a column or a fixed value for it", "inget i mappningen fyller i det obligatoriska fältet ”{field}”; lägg till en kolumn eller ett fast värde för det";
        FieldTwice => "feltet »{field}« udfyldes to steder i opsætningen; det må kun udfyldes ét sted", "the field \"{field}\" is filled in two places of the mapping; fill it in one", "fältet ”{field}” fylls i på två ställen i mappningen; fyll i det på ett";
        ItemOutsideList => "»item« hører kun til en kolonne under [[list]]", "\"item\" belongs only to a column under [[list]]", "”item” hör bara till en kolumn under [[list]]";
        ItemMissing => "en kolonne under [[list]] skal sige, hvilket element den hører til, fx item = 1", "a column under [[list]] must say which element it belongs to, e.g. item = 1", "en kolumn under [[list]] måste ange vilket element den hör till, t.ex. item = 1";
        NoMapping => "opsætningen »{name}« er hverken en fil eller en formular i regelsættet {pack} (forms/{name}.toml)", "the mapping \"{name}\" is neither a file nor a form of the pack {pack} (forms/{name}.toml)", "mappningen ”{name}” är varken en fil eller ett formulär i regelpaketet {pack} (forms/{name}.toml)";
        NotSheetFile => "{file} er hverken en CSV-fil (.csv, .txt, .tsv) eller et Excel-regneark (.xlsx)", "{file} is neither a CSV file (.csv, .txt, .tsv) nor an Excel workbook (.xlsx)", "{file} är varken en CSV-fil (.csv, .txt, .tsv) eller en Excel-arbetsbok (.xlsx)";
        CannotRead => "{file} kan ikke læses: {reason}", "{file} cannot be read: {reason}", "{file} kan inte läsas: {reason}";
        MappingExists => "{mapping} findes allerede, og --template ville overskrive den; fjern den først, eller vælg et andet navn med -o", "{mapping} exists already and --template would overwrite it; remove it first or choose another name with -o", "{mapping} finns redan och --template skulle skriva över den; ta bort den först eller välj ett annat namn med -o";
        TemplateSheet => "Ansøgninger", "Applications", "Ansökningar";
        Yes => "ja", "yes", "ja";
        No => "nej", "no", "nej";
        TemplateNeedsXlsx => "--template skriver et Excel-regneark; skriv fx -o ansoegning.xlsx", "--template writes an Excel workbook; write e.g. -o form.xlsx", "--template skriver en Excel-arbetsbok; skriv t.ex. -o ansokan.xlsx";
        TemplateNotWritten => "formularen kan ikke skrives: {reason}", "the form cannot be written: {reason}", "formuläret kan inte skrivas: {reason}";
        TemplateWritten => "skrev formularen {form} og dens opsætning {mapping}; importér den udfyldte formular med kriterium import {form} --mapping {mapping} -o ansoegninger.jsonl", "wrote the form {form} and its mapping {mapping}; import the filled-in form with kriterium import {form} --mapping {mapping} -o applications.jsonl", "skrev formuläret {form} och dess mappning {mapping}; importera det ifyllda formuläret med kriterium import {form} --mapping {mapping} -o ansokningar.jsonl";
        // Review sheets (`reviews.rs`).
        ReviewColumnUnknown => "arket har en kolonne »{column}«, som et bedømmelsesark ikke har{hint}; kolonnerne er {known}", "the sheet has a column \"{column}\" that a review sheet does not have{hint}; its columns are {known}", "bladet har en kolumn ”{column}” som ett bedömningsblad inte har{hint}; kolumnerna är {known}";
        ReviewColumnMissing => "arket har ingen kolonne »{column}«; et bedømmelsesark skal have kolonnerne {required}", "the sheet has no column \"{column}\"; a review sheet must have the columns {required}", "bladet har ingen kolumn ”{column}”; ett bedömningsblad måste ha kolumnerna {required}";
        ReviewColumnTwice => "arket har to kolonner for »{column}«: »{first}« og »{second}«; slet den ene", "the sheet has two columns for \"{column}\": \"{first}\" and \"{second}\"; delete one of them", "bladet har två kolumner för ”{column}”: ”{first}” och ”{second}”; ta bort den ena";
        ReviewColumnUnheaded => "kolonne nr. {number} har ingen overskrift, men rummer noget (første gang i celle {cell}); giv den en af overskrifterne {known}, eller slet indholdet", "column {number} has no heading but holds something (first in cell {cell}); give it one of the headings {known} or delete what it holds", "kolumn nr {number} har ingen rubrik men innehåller något (första gången i cell {cell}); ge den en av rubrikerna {known} eller ta bort innehållet";
        ReviewTitleMismatch => "titlen »{title}« er ikke titlen på »{application}«, som hedder »{expected}«; ret id'et eller titlen, så pointene går til den rigtige ansøgning", "the title \"{title}\" is not the title of \"{application}\", which is called \"{expected}\"; correct the id or the title so that the score goes to the right application", "titeln ”{title}” är inte titeln på ”{application}”, som heter ”{expected}”; rätta id:t eller titeln så att poängen går till rätt ansökan";
        ReviewTitleOther => "titlen »{title}« er titlen på »{other}«, ikke på »{application}«, som hedder »{expected}«; ret id'et eller titlen, så pointene går til den rigtige ansøgning", "the title \"{title}\" is the title of \"{other}\", not of \"{application}\", which is called \"{expected}\"; correct the id or the title so that the score goes to the right application", "titeln ”{title}” är titeln på ”{other}”, inte på ”{application}”, som heter ”{expected}”; rätta id:t eller titeln så att poängen går till rätt ansökan";
        ReviewUnknownApplication => "ansøgningen »{value}« er ikke blandt ansøgningerne{hint}", "the application \"{value}\" is not among the applications{hint}", "ansökan ”{value}” finns inte bland ansökningarna{hint}";
        ReviewUnknownCriterion => "regelsættet har intet kriterium »{value}«{hint}; bedømmerne giver point for {known}", "the rule pack has no criterion \"{value}\"{hint}; reviewers score {known}", "regelpaketet har inget kriterium ”{value}”{hint}; bedömarna ger poäng för {known}";
        ReviewNotReviewed => "kriteriet »{value}« får point ud fra ansøgningens oplysninger, ikke af bedømmere; bedømmerne giver point for {known}", "the criterion \"{value}\" is scored from the application's facts, not by reviewers; reviewers score {known}", "kriteriet ”{value}” får poäng utifrån ansökans uppgifter, inte av bedömare; bedömarna ger poäng för {known}";
        ReviewNoneReviewed => "regelsættet har intet kriterium, som bedømmere giver point for; der er intet at bedømme", "the rule pack has no criterion scored by reviewers; there is nothing to review", "regelpaketet har inget kriterium som bedömare ger poäng för; det finns inget att bedöma";
        ScoreNotWhole => "»{value}« er ikke et helt antal point; skriv et helt tal fra {min} til {max}", "\"{value}\" is not a whole number of points; write a whole number from {min} to {max}", "”{value}” är inte ett helt antal poäng; skriv ett heltal från {min} till {max}";
        ScoreNotNumber => "»{value}« er ikke et helt antal point; skriv et helt tal, fx 4", "\"{value}\" is not a whole number of points; write a whole number, e.g. 4", "”{value}” är inte ett helt antal poäng; skriv ett heltal, t.ex. 4";
        ScoreOutsideScale => "{value} point ligger uden for skalaen {min}–{max} for »{criterion}«; skriv et helt tal fra {min} til {max}", "{value} points is outside the scale {min}–{max} of \"{criterion}\"; write a whole number from {min} to {max}", "{value} poäng ligger utanför skalan {min}–{max} för ”{criterion}”; skriv ett heltal från {min} till {max}";
        ScoreIsDate => "cellen er formateret som en dato (tallet {value}), og det ligger uden for skalaen {min}–{max} for »{criterion}«; formatér cellen som tal og skriv et helt tal fra {min} til {max}", "the cell is formatted as a date (the number {value}), which is outside the scale {min}–{max} of \"{criterion}\"; format the cell as a number and write a whole number from {min} to {max}", "cellen är formaterad som ett datum (talet {value}), som ligger utanför skalan {min}–{max} för ”{criterion}”; formatera cellen som tal och skriv ett heltal från {min} till {max}";
        FormulaNoValue => "cellen rummer formlen »{value}«, men formlen har ingen beregnet værdi; gem arket i Excel eller LibreOffice, så værdien kommer med", "the cell holds the formula \"{value}\", but the formula has no computed value; save the sheet in Excel or LibreOffice so that the value is stored", "cellen innehåller formeln ”{value}”, men formeln har inget beräknat värde; spara bladet i Excel eller LibreOffice så att värdet kommer med";
        CommentTooLong => "kommentaren har {characters} tegn; en kommentar må højst have {limit} tegn, så kort den ned", "the comment has {characters} characters; a comment may have at most {limit}, so shorten it", "kommentaren har {characters} tecken; en kommentar får ha högst {limit} tecken, så korta den";
        NotAReviewSheet => "arket rummer noget, men ingen af dets overskrifter er et bedømmelsesarks (Bedømmer, Ansøgning, Titel, Kriterium, Point, Kommentar), så intet i det ville blive læst; giv det overskrifterne i første række, eller slet arket fra projektmappen", "the sheet holds something, but none of its headings is a review sheet's (Reviewer, Application, Title, Criterion, Score, Comment), so nothing in it would be read; give it the headings in its first row, or delete the sheet from the workbook", "bladet innehåller något, men ingen av dess rubriker är ett bedömningsblads (Bedömare, Ansökan, Titel, Kriterium, Poäng, Kommentar), så inget i det skulle läsas; ge det rubrikerna i första raden, eller ta bort bladet ur arbetsboken";
        ReviewSheetEmpty => "der er ingen bedømmelser i arket: ingen række nævner en bedømmer; udfyld kolonnerne for bedømmer og point, eller udelad filen", "there are no reviews in the sheet: no row names a reviewer; fill in the reviewer and score columns, or leave the file out", "det finns inga bedömningar i bladet: ingen rad nämner en bedömare; fyll i kolumnerna för bedömare och poäng, eller utelämna filen";
        ReviewerMissing => "rækken har point, men intet navn på bedømmeren; skriv navnet, som det står i panelet", "the row has a score but no reviewer's name; write the name as the panel has it", "raden har poäng men inget namn på bedömaren; skriv namnet som det står i panelen";
        ReviewTwice => "{reviewer} har også givet »{application}« point for »{criterion}« i række {row}; en bedømmer giver ét tal pr. ansøgning og kriterium, så slet den ene række", "{reviewer} also scored \"{criterion}\" of \"{application}\" in row {row}; a reviewer gives one score per application and criterion, so delete one of the rows", "{reviewer} har också gett ”{application}” poäng för ”{criterion}” på rad {row}; en bedömare ger ett tal per ansökan och kriterium, så ta bort den ena raden";
        ReviewTemplateNotWritten => "bedømmelsesarket kan ikke skrives: {reason}", "the review sheet cannot be written: {reason}", "bedömningsbladet kan inte skrivas: {reason}";
        // The outcome.
        Summary => "{rows}: {valid}, {rejected}", "{rows}: {valid}, {rejected}", "{rows}: {valid}, {rejected}";
        RowOne => "1 række", "1 row", "1 rad";
        Rows => "{count} rækker", "{count} rows", "{count} rader";
        ApplicationOne => "1 ansøgning", "1 application", "1 ansökan";
        Applications => "{count} ansøgninger", "{count} applications", "{count} ansökningar";
        RejectedOne => "1 afvist", "1 rejected", "1 avvisad";
        Rejected => "{count} afvist", "{count} rejected", "{count} avvisade";
        EmptyRows => "; tomme rækker sprunget over (række nr.): {rows}", "; empty rows skipped (row numbers): {rows}", "; tomma rader överhoppade (radnummer): {rows}";
        Written => "; skrevet til {file}", "; written to {file}", "; skrivet till {file}";
        MappingBroken => "opsætningen {file} kan ikke bruges til arket: {count} fejl", "the mapping {file} cannot be used for the sheet: {count} problems", "mappningen {file} kan inte användas för bladet: {count} fel";
    }
}

/// `count` with its noun in `lang`: `one` for 1, `many` (with `{count}`) for any other number.
pub fn counted(count: usize, one: Msg, many: Msg, lang: &str) -> String {
    match count {
        1 => one.text(lang).to_string(),
        n => many.fill(lang, &[("count", &n.to_string())]),
    }
}

/// `value`, a whole number, with its digits grouped as `lang` writes them (`5.000`, `5,000`);
/// anything else as it is.
fn grouped(value: &str, lang: &str) -> String {
    match value.parse::<i128>() {
        Ok(n) => kriterium_engine::labels::group_digits(
            n,
            kriterium_engine::labels::thousands_separator(lang),
        ),
        Err(_) => value.to_string(),
    }
}

/// A sentence and the values it names, put into words by [`Said::text`] in any language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Said {
    /// Which sentence.
    pub msg: Msg,
    /// The value of each `{name}` in it.
    pub values: Vec<(&'static str, String)>,
    /// A problem the engine's validation found, put into words by the engine in the same
    /// language, after `values`' `text` (a JSON pointer, or nothing).
    pub engine: Option<kriterium_engine::problem::Message>,
    /// Where the problem is, outermost first (the file, then the sheet, row and column), said
    /// before the sentence, each followed by `: `; empty when the caller says the place itself.
    pub at: Vec<Said>,
}

impl Said {
    /// `msg` with the values of its placeholders. A value from a file (a cell, a heading) is
    /// quoted as every message quotes one: on one line, cut after 200 characters; `text`, a
    /// message the engine made and quoted already, is kept whole.
    pub fn new(msg: Msg, values: &[(&'static str, &str)]) -> Self {
        Said {
            msg,
            values: values
                .iter()
                .map(|(k, v)| match *k {
                    "text" => (*k, (*v).to_string()),
                    _ => (*k, kriterium_engine::text::quote(v)),
                })
                .collect(),
            engine: None,
            at: Vec::new(),
        }
    }

    /// The engine's own message (in any of its languages), after `prefix` (a JSON pointer and
    /// `: `, or nothing).
    pub fn engine(prefix: &str, message: kriterium_engine::problem::Message) -> Self {
        Said {
            msg: Msg::Plain,
            values: vec![("text", prefix.to_string())],
            engine: Some(message),
            at: Vec::new(),
        }
    }

    /// The sentence in `lang` (`da`, `en`, `sv`). A value named `hint` holds the name of a
    /// likely meant value, put into that language's "did you mean" here; one named
    /// `characters` or `limit` is a whole number, grouped as `lang` writes it (`5.000`).
    pub fn text(&self, lang: &str) -> String {
        let values: Vec<(&str, String)> = self
            .values
            .iter()
            .map(|(k, v)| match *k {
                "hint" if !v.is_empty() => (*k, Msg::DidYouMean.fill(lang, &[("name", v)])),
                // A count of characters is grouped as the language writes numbers (5.000).
                "characters" | "limit" => (*k, grouped(v, lang)),
                _ => (*k, v.clone()),
            })
            .collect();
        let borrowed: Vec<(&str, &str)> = values.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let said = self.msg.fill(lang, &borrowed);
        let said = match &self.engine {
            Some(message) => format!("{said}{}", message.display_in(lang)),
            None => said,
        };
        let mut placed: String = self.at.iter().map(|p| p.text(lang) + ": ").collect();
        placed.push_str(&said);
        placed
    }

    /// The same sentence said at `place` (a file's name as [`Said::plain`], or
    /// [`crate::place`]), after any place it has already.
    pub fn at(mut self, place: Said) -> Self {
        self.at.push(place);
        self
    }

    /// `text` as it is, not quoted: a file's name or a message made already.
    pub fn plain(text: &str) -> Self {
        Said::new(Msg::Plain, &[("text", text)])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_has_the_same_placeholders() {
        assert_eq!(Msg::placeholders_differ(), Vec::<&str>::new());
        assert_eq!(
            crate::headings::Heading::placeholders_differ(),
            Vec::<&str>::new()
        );
    }

    #[test]
    fn counts_take_the_singular_for_one() {
        let summary = |rows, valid, rejected, lang| {
            Msg::Summary.fill(
                lang,
                &[
                    ("rows", &counted(rows, Msg::RowOne, Msg::Rows, lang)),
                    (
                        "valid",
                        &counted(valid, Msg::ApplicationOne, Msg::Applications, lang),
                    ),
                    (
                        "rejected",
                        &counted(rejected, Msg::RejectedOne, Msg::Rejected, lang),
                    ),
                ],
            )
        };
        assert_eq!(summary(1, 1, 0, "da"), "1 række: 1 ansøgning, 0 afvist");
        assert_eq!(
            summary(12, 9, 3, "da"),
            "12 rækker: 9 ansøgninger, 3 afvist"
        );
        assert_eq!(summary(2, 1, 1, "sv"), "2 rader: 1 ansökan, 1 avvisad");
        assert_eq!(summary(1, 0, 1, "en"), "1 row: 0 applications, 1 rejected");
    }

    #[test]
    fn a_hint_is_said_in_the_language_of_the_sentence() {
        let said = Said::new(
            Msg::MissingColumn,
            &[("column", "Ansøgt belob"), ("hint", "Ansøgt beløb")],
        );
        assert_eq!(
            said.text("da"),
            "arket har ingen kolonne »Ansøgt belob«; mente du »Ansøgt beløb«?"
        );
        assert_eq!(
            said.text("sv"),
            "bladet har ingen kolumn ”Ansøgt belob”; menade du ”Ansøgt beløb”?"
        );
        let none = Said::new(Msg::MissingColumn, &[("column", "X"), ("hint", "")]);
        assert_eq!(none.text("en"), "the sheet has no column \"X\"");
        // A cell's value is quoted on one line and cut, as every message quotes one.
        let long = format!("a\u{1b}b{}", "x".repeat(300));
        let said = Said::new(Msg::NotAmount, &[("value", &long)]).text("da");
        assert!(said.starts_with("»a<U+001B>bxxx"), "{said}");
        assert!(said.contains("x…« er ikke et beløb"), "{said}");
    }
}
