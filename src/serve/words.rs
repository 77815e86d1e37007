//! What the app's pages and its start say, in Danish, English and Swedish. Templates read them
//! as `w.Key`; placeholders in braces are filled by [`say`].

use super::App;

kriterium_engine::translation_table! {
    /// A label or sentence of the web app.
    Ui {
    Started => "kriterium kører nu på din egen maskine over registret {register}. Åbn denne adresse i en browser (den giver adgang; del den kun med dem, der må træffe afgørelser). Stop med Ctrl+C:", "kriterium is now running on your own machine over the register {register}. Open this address in a browser (it gives access; share it only with those who may decide). Stop with Ctrl+C:", "kriterium körs nu på din egen dator över registret {register}. Öppna den här adressen i en webbläsare (den ger åtkomst; dela den bara med dem som får fatta beslut). Stoppa med Ctrl+C:";
    Stopped => "kriterium serve er stoppet.", "kriterium serve has stopped.", "kriterium serve har stoppats.";
    CannotListen => "kan ikke lytte på 127.0.0.1:{port} ({reason}); vælg en anden port med --port, eller --port 0 for en ledig", "cannot listen on 127.0.0.1:{port} ({reason}); choose another port with --port, or --port 0 for a free one", "kan inte lyssna på 127.0.0.1:{port} ({reason}); välj en annan port med --port, eller --port 0 för en ledig";
    AppName => "kriterium", "kriterium", "kriterium";
    SkipToContent => "Spring til indholdet", "Skip to content", "Hoppa till innehållet";
    Rounds => "Runder", "Rounds", "Omgångar";
    NoRounds => "Registret har endnu ingen runder. Åbn en med »kriterium round open«, og læg ansøgningerne ind med »kriterium round add«.", "The register has no rounds yet. Open one with `kriterium round open`, and add the applications with `kriterium round add`.", "Registret har ännu inga omgångar. Öppna en med ”kriterium round open”, och lägg in ansökningarna med ”kriterium round add”.";
    Round => "Runde", "Round", "Omgång";
    Year => "År", "Year", "År";
    State => "Status", "State", "Status";
    Open => "åben", "open", "öppen";
    Closed => "afsluttet", "closed", "avslutad";
    Applications => "Ansøgninger", "Applications", "Ansökningar";
    Budget => "Pulje", "Budget", "Budget";
    Granted => "Bevilget", "Granted", "Beviljat";
    Title => "Titel", "Title", "Titel";
    Pack => "Regelsæt", "Rule pack", "Regelpaket";
    Ranking => "Rangordning", "Ranking", "Rangordning";
    Rank => "Nr.", "Rank", "Nr";
    Application => "Ansøgning", "Application", "Ansökan";
    Points => "Point", "Points", "Poäng";
    Requested => "Ansøgt", "Requested", "Sökt";
    Recommendation => "Indstilling", "Recommendation", "Rekommendation";
    Decision => "Afgørelse", "Decision", "Beslut";
    NoDecision => "ingen endnu", "none yet", "inget ännu";
    FundingLine => "Støttelinjen: puljen rækker hertil", "The funding line: the budget reaches this far", "Stödlinjen: budgeten räcker hit";
    BudgetUsed => "Indstillingen bruger {used} af puljen på {budget} ({percent}); {left} er tilbage.", "The recommendation uses {used} of the budget of {budget} ({percent}); {left} is left.", "Rekommendationen använder {used} av budgeten på {budget} ({percent}); {left} återstår.";
    BudgetBar => "Puljen brugt", "Budget used", "Budget använd";
    MoneyPerYear => "Penge pr. år", "Money per year", "Pengar per år";
    YearBudget => "Årets budget", "Year's budget", "Årets budget";
    GrantedByDecision => "Bevilget ved afgørelse", "Granted by decision", "Beviljat genom beslut";
    Left => "Tilbage", "Left", "Kvar";
    Recommended => "Indstillet i åbne runder", "Recommended in open rounds", "Rekommenderat i öppna omgångar";
    AwaitingReview => "Afventer bedømmelse", "Awaiting review", "Väntar på bedömning";
    AwaitingNote => "Støttelinjen er foreløbig, indtil disse er bedømt:", "The funding line is provisional until these are reviewed:", "Stödlinjen är preliminär tills dessa har bedömts:";
    Portfolio => "Porteføljens mål", "Portfolio goals", "Portföljens mål";
    ClosedNote => "Runden er afsluttet {at}. Den kan ses, men intet i den kan ændres.", "The round was closed at {at}. It can be seen, but nothing in it can change.", "Omgången avslutades {at}. Den kan ses, men inget i den kan ändras.";
    BackToRounds => "Alle runder", "All rounds", "Alla omgångar";
    NotFound => "Siden findes ikke", "The page does not exist", "Sidan finns inte";
    NotFoundDetail => "Adressen {path} er ikke en side i kriterium. Gå til oversigten over runder.", "The address {path} is not a page of kriterium. Go to the list of rounds.", "Adressen {path} är inte en sida i kriterium. Gå till översikten över omgångar.";
    ForeignHost => "Ukendt værtsnavn", "Unknown host name", "Okänt värdnamn";
    NoToken => "Ingen adgang", "No access", "Ingen åtkomst";
    WrongToken => "Forkert adgangsnøgle", "Wrong access token", "Fel åtkomstnyckel";
    AccessHelp => "Åbn den adresse med ?token=…, som »kriterium serve« skrev, da den startede. Adressen ændres, hver gang den startes.", "Open the address with ?token=… that `kriterium serve` printed when it started. The address changes each time it starts.", "Öppna adressen med ?token=… som ”kriterium serve” skrev när den startade. Adressen ändras varje gång den startas.";
    ForeignOrigin => "Afvist: forespørgslen kom fra en anden side", "Refused: the request came from another site", "Avvisat: begäran kom från en annan webbplats";
    ForeignOriginHelp => "Ændringer kan kun sendes fra kriteriums egne sider. Intet er ændret.", "Changes can only be sent from kriterium's own pages. Nothing was changed.", "Ändringar kan bara skickas från kriteriums egna sidor. Inget har ändrats.";
    BadForm => "Formularen kunne ikke læses", "The form could not be read", "Formuläret kunde inte läsas";
    Refused => "Ikke gjort", "Not done", "Inte gjort";
    Failed => "Det lykkedes ikke", "It did not work", "Det lyckades inte";
    FormTooLarge => "formularen er større end {limit}, som er det mest, der læses; intet er ændret", "the form is larger than {limit}, the most that is read; nothing was changed", "formuläret är större än {limit}, det mesta som läses; inget har ändrats";
    FormNotText => "formularen er ikke tekst i UTF-8; intet er ændret", "the form is not text in UTF-8; nothing was changed", "formuläret är inte text i UTF-8; inget har ändrats";
    FormNotForm => "det sendte er ikke en formular (forventet application/x-www-form-urlencoded); intet er ændret", "what was sent is not a form (expected application/x-www-form-urlencoded); nothing was changed", "det som skickades är inte ett formulär (förväntat application/x-www-form-urlencoded); inget har ändrats";
    FormNoCsrf => "formularen mangler sin sikkerhedsnøgle (den kom ikke fra en side i denne kriterium); genindlæs siden og prøv igen. Intet er ændret", "the form lacks its security token (it did not come from a page of this kriterium); reload the page and try again. Nothing was changed", "formuläret saknar sin säkerhetsnyckel (det kom inte från en sida i denna kriterium); ladda om sidan och försök igen. Inget har ändrats";
    FormMissing => "feltet {field} mangler i formularen", "the field {field} is missing from the form", "fältet {field} saknas i formuläret";
    FormTwice => "feltet {field} står mere end én gang i formularen", "the field {field} appears more than once in the form", "fältet {field} förekommer mer än en gång i formuläret";
    RoundNotFound => "Runden findes ikke", "The round does not exist", "Omgången finns inte";
    // deciding
    ApplicationNotFound => "Ansøgningen findes ikke", "The application does not exist", "Ansökan finns inte";
    Unreadable => "den gemte ansøgning eller bedømmelse af {id} kan ikke læses ({problem}); registret kan være ændret uden om kriterium — kør »kriterium verify«", "the stored application or assessment of {id} cannot be read ({problem}); the register may have been changed outside kriterium — run `kriterium verify`", "den sparade ansökan eller bedömningen av {id} kan inte läsas ({problem}); registret kan ha ändrats utanför kriterium — kör ”kriterium verify”";
    ExpectedUnreadable => "formularens felt »expected« skal være »none« eller nummeret på den afgørelse, siden viste, ikke {value}; genindlæs siden og prøv igen. Intet er ændret", "the form's field `expected` must be `none` or the number of the decision the page showed, not {value}; reload the page and try again. Nothing was changed", "formulärets fält ”expected” ska vara ”none” eller numret på det beslut sidan visade, inte {value}; ladda om sidan och försök igen. Inget har ändrats";
    OutcomeNeeded => "vælg afgørelsen: tilsagn, delvist tilsagn eller afslag. Intet er ændret.", "choose the decision: grant, partial grant or refusal. Nothing was changed.", "välj beslutet: beviljande, delvis beviljande eller avslag. Inget har ändrats.";
    AmountNeeded => "et delvist tilsagn skal have et beløb i hele kroner. Intet er ændret.", "a partial grant needs an amount in whole kroner. Nothing was changed.", "ett delvis beviljande behöver ett belopp i hela kronor. Inget har ändrats.";
    AmountUnreadable => "beløbet {value} kan ikke læses; skriv hele kroner, fx 100000 eller 100.000. Intet er ændret.", "the amount {value} cannot be read; write whole kroner, e.g. 100000 or 100.000. Nothing was changed.", "beloppet {value} kan inte läsas; skriv hela kronor, t.ex. 100000 eller 100.000. Inget har ändrats.";
    DecisionUnchanged => "Afgørelsen var allerede netop denne (registreret {at}); intet er ændret.", "The decision was this very one already (recorded at {at}); nothing was changed.", "Beslutet var redan just detta (registrerat {at}); inget har ändrats.";
    ReasonHint => "Skal begrundes, hvis afgørelsen afviger fra indstillingen ({recommendation}). Begrundelsen gemmes som ét afsnit (linjeskift bliver til mellemrum), højst 2.000 tegn.", "Needed when the decision departs from the recommendation ({recommendation}). The reason is kept as one paragraph (line breaks become spaces), at most 2,000 characters.", "Måste motiveras om beslutet avviker från rekommendationen ({recommendation}). Motiveringen sparas som ett stycke (radbrytningar blir mellanslag), högst 2 000 tecken.";
    LetterAfterDecision => "Brevet kan laves, når afgørelsen er registreret.", "The letter can be made once the decision is recorded.", "Brevet kan göras när beslutet är registrerat.";
    NoLetter => "Intet brev", "No letter", "Inget brev";
    CurrentDecision => "Afgørelse", "Decision", "Beslut";
    DecisionHistory => "Tidligere afgørelser", "Earlier decisions", "Tidigare beslut";
    RecordedBy => "registreret {at} af {by}", "recorded at {at} by {by}", "registrerat {at} av {by}";
    DecidedOn => "Mødedato", "Meeting date", "Mötesdatum";
    Reason => "Begrundelse", "Reason", "Motivering";
    StoodAside => "Inhabile", "Stood aside", "Jäviga";
    NoneStoodAside => "Ingen i panelet er inhabil i ansøgningen.", "No one on the panel has a conflict of interest with the application.", "Ingen i panelen är jävig i ansökan.";
    DecideHeading => "Registrér afgørelsen", "Record the decision", "Registrera beslutet";
    OutcomeGrant => "Tilsagn (hele det ansøgte beløb, {amount})", "Grant (the whole amount requested, {amount})", "Beviljande (hela det sökta beloppet, {amount})";
    OutcomePartial => "Delvist tilsagn", "Partial grant", "Delvis beviljande";
    OutcomeReject => "Afslag", "Refusal", "Avslag";
    AmountLabel => "Beløb ved delvist tilsagn (kr.)", "Amount of a partial grant (kr.)", "Belopp vid delvis beviljande (kr.)";
    AbstainedLabel => "Hvem var inhabile og deltog ikke i afgørelsen?", "Who stood aside and took no part in the decision?", "Vem var jävig och deltog inte i beslutet?";
    AbstainedFree => "Navn på den, der var inhabil (kan stå tom)", "Name of the member who stood aside (may be left empty)", "Namn på den som var jävig (kan lämnas tom)";
    ConflictWhy => "inhabil: {why}", "conflict: {why}", "jäv: {why}";
    RecordButton => "Registrér afgørelsen", "Record the decision", "Registrera beslutet";
    ClosedReadOnly => "Runden er afsluttet; afgørelser kan ikke længere ændres.", "The round is closed; decisions can no longer change.", "Omgången är avslutad; beslut kan inte längre ändras.";
    Letter => "Afgørelsesbrev", "Decision letter", "Beslutsbrev";
    LetterPdf => "Hent brevet som PDF", "Download the letter as PDF", "Hämta brevet som PDF";
    LetterHtml => "Vis brevet", "Show the letter", "Visa brevet";
    Report => "Vurdering", "Assessment", "Bedömning";
    Reviews => "Bedømmelser", "Reviews", "Bedömningar";
    ReviewsUpload => "Indlæs udfyldte bedømmelsesark", "Enter filled review sheets", "Läs in ifyllda bedömningsblad";
    ReviewsSheets => "Ark (.xlsx eller .csv; flere på én gang)", "Sheets (.xlsx or .csv; several at once)", "Blad (.xlsx eller .csv; flera på en gång)";
    ReviewsReplace => "Et nyt ark erstatter bedømmerens tidligere bedømmelser, også dem det udelader", "A new sheet replaces the reviewer's earlier reviews, also those it leaves out", "Ett nytt blad ersätter bedömarens tidigare bedömningar, även dem det utelämnar";
    ReviewsButton => "Indlæs bedømmelserne", "Enter the reviews", "Läs in bedömningarna";
    ReviewsEntered => "Bedømmelserne er indlæst", "The reviews are entered", "Bedömningarna är inlästa";
    ReviewsNotEntered => "Bedømmelserne er ikke indlæst", "The reviews were not entered", "Bedömningarna lästes inte in";
    ReviewsNoSheet => "vælg mindst ét bedømmelsesark at indlæse. Intet er ændret.", "choose at least one review sheet to enter. Nothing was changed.", "välj minst ett bedömningsblad att läsa in. Inget har ändrats.";
    ReviewsTooLarge => "de sendte ark fylder mere end {limit}, som er det mest, der læses; send færre ad gangen. Intet er ændret.", "the sheets sent are larger than {limit}, the most that is read; send fewer at a time. Nothing was changed.", "de skickade bladen är större än {limit}, det mesta som läses; skicka färre åt gången. Inget har ändrats.";
    ReviewsUnreadable => "det sendte kunne ikke læses som en formular med filer ({problem}). Intet er ændret.", "what was sent could not be read as a form with files ({problem}). Nothing was changed.", "det som skickades kunde inte läsas som ett formulär med filer ({problem}). Inget har ändrats.";
    ReviewsTemplate => "Hent bedømmelsesarket til udfyldning (.xlsx)", "Download the review sheet to fill in (.xlsx)", "Hämta bedömningsbladet att fylla i (.xlsx)";
    ReviewsOf => "Bedømmelser i runde {round}", "Reviews in round {round}", "Bedömningar i omgång {round}";
    // tuning
    Tune => "Justér vægte", "Tune weights", "Justera vikter";
    TuneIntro => "Flyt en vægt eller puljen og se, hvad der ændrer sig i forhold til regelsættet {pack} ved rundens pulje ({budget}). Intet gemmes i runden.", "Move a weight or the budget and see what changes against the rule pack {pack} at the round's budget ({budget}). Nothing is stored in the round.", "Flytta en vikt eller budgeten och se vad som ändras jämfört med regelpaketet {pack} vid omgångens budget ({budget}). Inget sparas i omgången.";
    TuneWeights => "Vægte", "Weights", "Vikter";
    TunePackWeight => "regelsættet: {weight}", "the pack: {weight}", "regelpaketet: {weight}";
    TuneBudget => "Pulje (kr.)", "Budget (kr.)", "Budget (kr.)";
    TuneRecompute => "Beregn igen", "Recompute", "Beräkna igen";
    TuneChanges => "Ændringer i forhold til regelsættet", "Changes against the rule pack", "Ändringar jämfört med regelpaketet";
    TuneSummary => "Brugt af puljen: {old} → {new}; {moved} flytter plads, {newly} får nu støtte, {no_longer} får ikke længere støtte.", "Budget used: {old} → {new}; {moved} move, {newly} newly funded, {no_longer} no longer funded.", "Använt av budgeten: {old} → {new}; {moved} flyttar, {newly} får nu stöd, {no_longer} får inte längre stöd.";
    TuneNoChange => "Ingen ansøgning skifter plads, indstilling eller beløb.", "No application changes rank, recommendation or grant.", "Ingen ansökan byter plats, rekommendation eller belopp.";
    TuneGrant => "Beløb", "Grant", "Belopp";
    TuneFlips => "skifter støtte", "funding flips", "stödet ändras";
    TuneSensitive => "Følsomme afgørelser", "Sensitive decisions", "Känsliga beslut";
    TuneFlagFunded => "{app} får støtte, men mister den, hvis vægten for {criterion} går fra {weight} til {new_weight} ({percent} %).", "{app} is funded, but loses it if the weight of {criterion} goes from {weight} to {new_weight} ({percent} %).", "{app} får stöd, men förlorar det om vikten för {criterion} går från {weight} till {new_weight} ({percent} %).";
    TuneFlagNotFunded => "{app} får ikke støtte, men får den, hvis vægten for {criterion} går fra {weight} til {new_weight} ({percent} %).", "{app} is not funded, but is if the weight of {criterion} goes from {weight} to {new_weight} ({percent} %).", "{app} får inte stöd, men får det om vikten för {criterion} går från {weight} till {new_weight} ({percent} %).";
    TuneRobust => "Ingen ansøgnings støtte skifter, når én vægt ændres med højst {percent} %.", "No application's funding flips when one weight changes by at most {percent} %.", "Ingen ansökans stöd ändras när en vikt ändras med högst {percent} %.";
    TuneBad => "Vægtene kan ikke bruges", "The weights cannot be used", "Vikterna kan inte användas";
    TuneUnknownCriterion => "{field} er ikke et kriterium i rundens regelsæt; det har {known}", "{field} is not a criterion of the round's rule pack; it has {known}", "{field} är inte ett kriterium i omgångens regelpaket; det har {known}";
    TuneWeightNotNumber => "vægten for {criterion} er {value}, som ikke er et tal; skriv fx 1.25 (punktum, højst to decimaler)", "the weight of {criterion} is {value}, which is not a number; write e.g. 1.25 (a point, at most two decimals)", "vikten för {criterion} är {value}, som inte är ett tal; skriv t.ex. 1.25 (punkt, högst två decimaler)";
    TuneWeightOutOfRange => "vægten {value} for {criterion} kan ikke bruges: en vægt skal være over 0 og højst {max}, med højst {scale} decimaler", "the weight {value} of {criterion} cannot be used: a weight must be more than 0 and at most {max}, with at most {scale} decimals", "vikten {value} för {criterion} kan inte användas: en vikt ska vara över 0 och högst {max}, med högst {scale} decimaler";
    TuneThresholdUnreachable => "med disse vægte kan ingen ansøgning nå regelsættets tærskel på {threshold} point (højst {max_total} er muligt); hæv en vægt", "with these weights no application can reach the pack's threshold of {threshold} points (at most {max_total} is possible); raise a weight", "med dessa vikter kan ingen ansökan nå regelpaketets tröskel på {threshold} poäng (högst {max_total} är möjligt); höj en vikt";
    TuneBadBudget => "puljen {value} kan ikke bruges: skriv et helt antal kroner fra 0 til {max}", "the budget {value} cannot be used: write a whole number of kroner from 0 to {max}", "budgeten {value} kan inte användas: skriv ett helt antal kronor från 0 till {max}";
    TuneSave => "Gem som ny version af regelsættet", "Save as a new pack version", "Spara som ny version av regelpaketet";
    TuneSaveNote => "Vægtene ovenfor skrives i en ny mappe som version {version} af regelsættet, som derefter kontrolleres og testes. Puljen gemmes ikke i regelsættet. Runden forbliver bundet til det regelsæt, den blev åbnet med.", "The weights above are written to a new folder as version {version} of the rule pack, which is then checked and tested. The budget is not saved in the pack. The round stays bound to the pack it was opened with.", "Vikterna ovan skrivs i en ny mapp som version {version} av regelpaketet, som sedan kontrolleras och testas. Budgeten sparas inte i regelpaketet. Omgången förblir bunden till regelpaketet den öppnades med.";
    TuneFolder => "Mappe", "Folder", "Mapp";
    TuneSaveButton => "Gem ny version", "Save new version", "Spara ny version";
    TuneSaved => "Gemt som version {version} i {folder}", "Saved as version {version} in {folder}", "Sparat som version {version} i {folder}";
    TuneCheck => "Kontrol (kriterium check)", "Check (kriterium check)", "Kontroll (kriterium check)";
    TuneTests => "Testtilfælde (kriterium test)", "Test cases (kriterium test)", "Testfall (kriterium test)";
    TuneNextRound => "Runden forbliver bundet til sit regelsæt. En ny runde kan åbnes med den nye version: kriterium round open … --rules {folder}", "The round stays bound to its pack. A new round can be opened with the new version: kriterium round open … --rules {folder}", "Omgången förblir bunden till sitt regelpaket. En ny omgång kan öppnas med den nya versionen: kriterium round open … --rules {folder}";
    TuneVersionNotSemver => "regelsættets version {version} er ikke på formen STØRRE.MINDRE.RETTELSE, så den kan ikke hæves; intet er gemt", "the pack's version {version} is not MAJOR.MINOR.PATCH, so it cannot be raised; nothing was saved", "regelpaketets version {version} är inte på formen STÖRRE.MINDRE.RÄTTELSE, så den kan inte höjas; inget har sparats";
    TuneFlagsAsk => "Hvilke ansøgningers støtte skifter, hvis én vægt ændres med højst 10 %? Tryk på »Vis følsomme afgørelser« (det tager længere tid på store runder).", "Whose funding flips if one weight changes by at most 10 %? Press “Show sensitive decisions” (it takes longer on large rounds).", "Vilka ansökningars stöd ändras om en vikt ändras med högst 10 %? Tryck på ”Visa känsliga beslut” (det tar längre tid i stora omgångar).";
    TuneFlagsButton => "Vis følsomme afgørelser", "Show sensitive decisions", "Visa känsliga beslut";
    TuneBack => "Tilbage til justeringen", "Back to tuning", "Tillbaka till justeringen";
    // after the tester
    ConflictAlways => "registreres altid som inhabil", "always recorded as standing aside", "registreras alltid som jävig";
    TuneTestsFailedNote => "Regelsættets testtilfælde forventer de point og indstillinger, de gamle vægte gav; når vægtene ændres, kan nogle af dem fejle, som nedenfor. Ret forventningerne i mappens tests/, før den nye version bruges, og kør »kriterium test MAPPE«.", "The pack's test cases expect the points and recommendations the old weights gave; when the weights change, some of them may fail, as below. Correct the expectations in the folder's tests/ before the new version is used, and run `kriterium test FOLDER`.", "Regelpaketets testfall förväntar sig de poäng och rekommendationer som de gamla vikterna gav; när vikterna ändras kan några av dem misslyckas, som nedan. Rätta förväntningarna i mappens tests/ innan den nya versionen används, och kör ”kriterium test MAPP”.";
    RoundDecided => "Afgjort indtil nu: tilsagn for {granted} i runden.", "Decided so far: grants of {granted} in the round.", "Beslutat hittills: beviljanden på {granted} i omgången.";
    MethodNotAllowed => "Adressen kan ikke bruges sådan", "The address cannot be used that way", "Adressen kan inte användas så";
    MethodNotAllowedDetail => "Siden {path} kan ikke hentes igen på den måde (den er svaret på en formular). Gå tilbage og send formularen igen, eller gå til oversigten over runder.", "The page {path} cannot be fetched again that way (it answers a form). Go back and send the form again, or go to the list of rounds.", "Sidan {path} kan inte hämtas igen på det sättet (den är svaret på ett formulär). Gå tillbaka och skicka formuläret igen, eller gå till översikten över omgångar.";
    }
}

/// `ui` in the app's language, its `{name}` placeholders filled.
pub fn say(ui: Ui, values: &[(&str, &str)]) -> String {
    ui.fill(crate::messages::lang(), values)
}

/// The sentence printed at the start, naming the register.
pub fn started(app: &App) -> String {
    say(
        Ui::Started,
        &[(
            "register",
            &crate::messages::quoted(&app.register.display().to_string()),
        )],
    )
}

#[cfg(test)]
mod tests {
    use super::Ui;

    #[test]
    fn every_language_has_the_same_placeholders() {
        assert!(
            Ui::placeholders_differ().is_empty(),
            "{:?}",
            Ui::placeholders_differ()
        );
    }
}
