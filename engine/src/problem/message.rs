//! What a problem says, kept as words of the [`Wording`] table and the values they name, so one
//! problem reads in Danish, English or Swedish when it is shown.
//!
//! A [`Message`] is made once, where the problem is found, and rendered into a language only when
//! it is printed or written ([`Message::render`]). It holds the table's key and its values, not
//! three rendered copies: a batch may keep many rejected inputs. Values quoted from a user's
//! input are quoted where the message is made ([`crate::text::quote`]) and stay exactly as quoted
//! in every language; only our words change. Text that is not ours (Rhai's own error text, an
//! operating system's, a schema author's) is [`Message::Plain`]: the same in every language.

use std::fmt;

use super::MAX_MESSAGE_CHARS;
use crate::labels::{fill_in, group_digits, thousands_separator};

/// A message of a problem: our words with their values, or text given to us.
///
/// Its [`Display`](fmt::Display) is the English rendering; messages compare and sort by it, so
/// problems sort as their English text always did, whatever language shows them.
#[derive(Debug, Clone)]
pub enum Message {
    /// An entry of [`Wording`] and the value of each `{name}` it holds.
    Worded(Wording, Vec<(&'static str, Arg)>),
    /// Text that reads the same in every language (not ours to translate), at most
    /// [`MAX_MESSAGE_CHARS`] characters.
    Plain(Box<str>),
}

/// The value of one placeholder of a [`Message::Worded`].
#[derive(Debug, Clone)]
pub enum Arg {
    /// The same in every language: a value quoted from the input, a number, a file's name. At
    /// most [`MAX_MESSAGE_CHARS`] characters.
    Text(Box<str>),
    /// A whole amount or count, grouped as the language writes it (`1.250.000` in Danish,
    /// `1 250 000` in Swedish, `1,250,000` in English).
    Amount(i128),
    /// A number with a fraction (points, a total), written with the language's decimal mark
    /// (`56,25` in Danish, `56.25` in English).
    Number(crate::decimal::Decimal),
    /// Words of their own, rendered in the same language.
    Said(Message),
    /// Several messages with a separator that is punctuation, not a word (`, `).
    Joined(Vec<Message>, &'static str),
}

impl Message {
    /// The words of `wording`, with no values yet ([`Message::with`] adds them).
    pub fn of(wording: Wording) -> Self {
        Message::Worded(wording, Vec::new())
    }

    /// The same message with `{name}` set to `value`.
    pub fn with(mut self, name: &'static str, value: impl Into<Arg>) -> Self {
        if let Message::Worded(_, values) = &mut self {
            values.push((name, value.into()));
        }
        self
    }

    /// Text that is not ours, shown as it is in every language, cut at [`MAX_MESSAGE_CHARS`].
    pub fn plain(text: impl Into<String>) -> Self {
        Message::Plain(cut(text.into()).into_boxed_str())
    }

    /// `messages` joined by `wording`, which holds `{a}` and `{b}` ("{a} and {b}"): the first
    /// two joined, that joined with the third, and so on. `None` when there are none.
    pub fn chain(messages: impl IntoIterator<Item = Message>, wording: Wording) -> Option<Self> {
        messages
            .into_iter()
            .reduce(|a, b| Message::of(wording).with("a", a).with("b", b))
    }

    /// The message in `lang` (`da`, `en`, `sv`; English for any other), cut at
    /// [`MAX_MESSAGE_CHARS`] characters with `…`.
    pub fn render(&self, lang: &str) -> String {
        cut(self.unbounded(lang))
    }

    /// The message in `lang`, as long as its parts make it.
    fn unbounded(&self, lang: &str) -> String {
        match self {
            Message::Plain(text) => text.to_string(),
            Message::Worded(wording, values) => {
                let rendered: Vec<(&str, String)> = values
                    .iter()
                    .map(|(name, value)| (*name, value.render(lang)))
                    .collect();
                let pairs: Vec<(&str, &str)> =
                    rendered.iter().map(|(n, v)| (*n, v.as_str())).collect();
                fill_in(lang, wording.text(lang), &pairs)
            }
        }
    }

    /// The message as it reads in `lang`: a value for `format!` that renders when shown.
    pub fn display_in<'a>(&'a self, lang: &'a str) -> impl fmt::Display + 'a {
        InLanguage {
            message: self,
            lang,
        }
    }

    /// The entry of the table the message says, if it is ours.
    pub fn wording(&self) -> Option<Wording> {
        match self {
            Message::Worded(wording, _) => Some(*wording),
            Message::Plain(_) => None,
        }
    }

    /// A failed file operation in words: a missing file, a refused permission, a folder where
    /// a file was meant (or the reverse) and a file that exists already in ours; any other in
    /// ours with the operating system's own words in brackets (lowercase, without its number).
    pub fn io(error: &std::io::Error) -> Self {
        use std::io::ErrorKind;
        match error.kind() {
            ErrorKind::NotFound => Message::of(Wording::NoSuchFile),
            ErrorKind::PermissionDenied => Message::of(Wording::PermissionDenied),
            ErrorKind::IsADirectory => Message::of(Wording::IsFolder),
            ErrorKind::NotADirectory => Message::of(Wording::NotFolder),
            ErrorKind::AlreadyExists => Message::of(Wording::AlreadyThere),
            _ => Message::of(Wording::OtherIo).with("detail", super::describe_io(error)),
        }
    }
}

impl Arg {
    /// A whole amount or count, grouped as the language writes it.
    pub fn amount(n: impl Into<i128>) -> Self {
        Arg::Amount(n.into())
    }

    fn render(&self, lang: &str) -> String {
        match self {
            Arg::Text(text) => text.to_string(),
            Arg::Amount(n) => group_digits(*n, thousands_separator(lang)),
            Arg::Number(d) => crate::labels::number(*d, lang),
            Arg::Said(message) => message.unbounded(lang),
            Arg::Joined(messages, separator) => messages
                .iter()
                .map(|m| m.unbounded(lang))
                .collect::<Vec<_>>()
                .join(separator),
        }
    }
}

/// `text` cut at [`MAX_MESSAGE_CHARS`] characters, ending in `…` when cut.
fn cut(mut text: String) -> String {
    if let Some((end, _)) = text.char_indices().nth(MAX_MESSAGE_CHARS) {
        text.truncate(end);
        text.push('…');
        text.shrink_to_fit();
    }
    text
}

struct InLanguage<'a> {
    message: &'a Message,
    lang: &'a str,
}

impl fmt::Display for InLanguage<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message.render(self.lang))
    }
}

/// The English rendering.
impl fmt::Display for Message {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render("en"))
    }
}

impl PartialEq for Message {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == std::cmp::Ordering::Equal
    }
}

impl Eq for Message {}

impl PartialOrd for Message {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

/// By the English text, so problems sort (and repeats are removed) as the same text in every
/// language. Sorting happens only on the way to reporting problems, never on a valid input.
impl Ord for Message {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        match (self, other) {
            (Message::Plain(a), Message::Plain(b)) => a.cmp(b),
            _ => self.render("en").cmp(&other.render("en")),
        }
    }
}

/// Text that is not ours: see [`Message::plain`].
impl From<String> for Message {
    fn from(text: String) -> Self {
        Message::plain(text)
    }
}

impl From<&str> for Message {
    fn from(text: &str) -> Self {
        Message::plain(text)
    }
}

impl From<&String> for Message {
    fn from(text: &String) -> Self {
        Message::plain(text.as_str())
    }
}

impl From<Wording> for Message {
    fn from(wording: Wording) -> Self {
        Message::of(wording)
    }
}

impl From<&Message> for Message {
    fn from(message: &Message) -> Self {
        message.clone()
    }
}

impl From<String> for Arg {
    fn from(text: String) -> Self {
        Arg::Text(cut(text).into_boxed_str())
    }
}

impl From<&str> for Arg {
    fn from(text: &str) -> Self {
        Arg::from(text.to_string())
    }
}

impl From<&String> for Arg {
    fn from(text: &String) -> Self {
        Arg::from(text.as_str())
    }
}

impl From<Message> for Arg {
    fn from(message: Message) -> Self {
        Arg::Said(message)
    }
}

impl From<Wording> for Arg {
    fn from(wording: Wording) -> Self {
        Arg::Said(Message::of(wording))
    }
}

/// A count or position (`3 inputs`, `character 12`), written as digits in every language.
impl From<usize> for Arg {
    fn from(n: usize) -> Self {
        Arg::Text(n.to_string().into_boxed_str())
    }
}

impl From<u64> for Arg {
    fn from(n: u64) -> Self {
        Arg::Text(n.to_string().into_boxed_str())
    }
}

/// Entries whose words are the same in two languages by nature (a unit, a literal, a word the
/// languages share); [`tests`] holds every other entry to words of its own.
pub const SAME_IN_SOME_LANGUAGES: &[Wording] = &[
    // `kriterium test`: a number alone, "total" in all three, "ja"/"nej" in Danish and Swedish.
    Wording::CaseNumber,
    Wording::CaseTotal,
    Wording::CaseYes,
    Wording::CaseNo,
    // "ingen" in Danish and Swedish.
    Wording::CaseNobody,
    Wording::Null,
    Wording::Or,
    Wording::SizeMiB,
    Wording::SizeBytes,
    Wording::AText,
    Wording::ItemsMoreOne,
    Wording::NeedsOneField,
    Wording::NeedsOneItem,
];

crate::translation_table! {
    /// The words of every problem message, in Danish, English and Swedish. `{name}` is a value
    /// ([`Arg`]); a value quoted from the input stands between the language's quotes (`»…«`,
    /// `` `…` ``, `”…”`), which are ours. English is today's wording, word for word.
    Wording {
    // --- The application's JSON text.
    EmptyApplication => "er tom; der skulle stå en ansøgning (et JSON-objekt)", "is empty; expected an application (a JSON object)", "är tom; här skulle det stå en ansökan (ett JSON-objekt)";
    MalformedJson => "ugyldig JSON: {detail}", "malformed JSON: {detail}", "ogiltig JSON: {detail}";
    TrailingAfterApplication => "der står mere efter ansøgningen; en fil med én ansøgning pr. linje skal have endelsen ».jsonl« (JSON Lines)", "trailing characters after the application; a file holding one application per line must be named `.jsonl` (JSON Lines)", "det står mer efter ansökan; en fil med en ansökan per rad måste ha ändelsen ”.jsonl” (JSON Lines)";
    TrailingOnLine => "der står mere efter ansøgningen på linjen; hver linje skal rumme én ansøgning (JSON Lines)", "trailing characters after the application on this line; each line holds one application (JSON Lines)", "det står mer efter ansökan på raden; varje rad ska rymma en ansökan (JSON Lines)";
    // `kriterium test`: what a case expected and what the pack gave.
    CaseEligible => "adgang", "eligible", "behörighet";
    CaseYes => "ja", "true", "ja";
    CaseNo => "nej", "false", "nej";
    CaseRecommendation => "indstilling", "recommendation", "rekommendation";
    CaseGate => "adgangskravet »{id}«", "gate `{id}`", "behörighetskravet ”{id}”";
    CaseGatePassed => "opfyldt", "passed", "uppfyllt";
    CaseGateFailedWord => "ikke opfyldt", "failed", "inte uppfyllt";
    CaseGateFailed => "adgangskravet »{id}« er ikke opfyldt: »{reason}«", "gate `{id}` failed: \"{reason}\"", "behörighetskravet ”{id}” är inte uppfyllt: ”{reason}”";
    CaseBelowMinimum => "kriteriet »{id}«: {points} point, under sit minimum {min}", "criterion `{id}`: {points} points, below its minimum {min}", "kriteriet ”{id}”: {points} poäng, under sitt minimum {min}";
    CaseBelowThreshold => "totalen {total} er under minimumskravet {threshold}", "total {total} is below the threshold {threshold}", "totalen {total} är under minimikravet {threshold}";
    CasePointsOf => "point for kriteriet »{id}«", "points of criterion `{id}`", "poäng för kriteriet ”{id}”";
    CaseTotal => "total", "total", "total";
    CaseWeighted => "»{id}«: {points} point × vægt {weight} = {weighted}", "`{id}`: {points} points × weight {weight} = {weighted}", "”{id}”: {points} poäng × vikt {weight} = {weighted}";
    CaseReasonsOfGate => "begrundelser for adgangskravet »{id}«", "reasons of gate `{id}`", "motiveringar för behörighetskravet ”{id}”";
    CaseReasonsOfCriterion => "begrundelser for kriteriet »{id}«", "reasons of criterion `{id}`", "motiveringar för kriteriet ”{id}”";
    CaseReasonContaining => "en begrundelse, der indeholder »{phrase}«", "a reason containing \"{phrase}\"", "en motivering som innehåller ”{phrase}”";
    CaseNoReasons => "ingen begrundelser", "no reasons", "inga motiveringar";
    CaseNoneOfThese => "ingen af disse:", "none of these:", "ingen av dessa:";
    CaseNumber => "{n}", "{n}", "{n}";
    CaseQuoted => "»{text}«", "\"{text}\"", "”{text}”";
    // `kriterium test`: a case's reviews (`[[reviews]]`) and panel (`[panel]`).
    CaseReviewsNotList => "skal være en liste af bedømmelser (»[[reviews]]«), hver med »reviewer«, »criterion« og »score«", "must be a list of reviews (`[[reviews]]`), each with `reviewer`, `criterion` and `score`", "ska vara en lista med bedömningar (”[[reviews]]”), var och en med ”reviewer”, ”criterion” och ”score”";
    CaseReviewFieldMissing => "en bedømmelse skal have »reviewer«, »criterion« og »score«; »{field}« mangler", "a review needs `reviewer`, `criterion` and `score`; `{field}` is missing", "en bedömning ska ha ”reviewer”, ”criterion” och ”score”; ”{field}” saknas";
    CaseReviewText => "skal være en tekst", "must be text", "ska vara en text";
    CaseReviewNotWhole => "skal være et helt antal point, fx 4", "must be a whole number of points, such as 4", "ska vara ett helt antal poäng, t.ex. 4";
    CaseReviewUnknownCriterion => "regelsættet har intet kriterium »{id}«{hint}", "the pack has no criterion `{id}`{hint}", "regelpaketet har inget kriterium ”{id}”{hint}";
    CaseReviewNotReviewed => "kriteriet »{id}« bedømmes ikke af bedømmere (det har intet »review« i pack.toml)", "the criterion `{id}` is not scored by reviewers (it has no `review` in pack.toml)", "kriteriet ”{id}” bedöms inte av bedömare (det har inget ”review” i pack.toml)";
    CaseReviewOutsideScale => "{score} ligger uden for skalaen for kriteriet »{id}«, {min} til {max}", "{score} is outside the scale of the criterion `{id}`, {min} to {max}", "{score} ligger utanför skalan för kriteriet ”{id}”, {min} till {max}";
    CaseReviewTwice => "{reviewer} bedømmer kriteriet »{id}« to gange; en bedømmer giver ét point pr. kriterium", "{reviewer} scores the criterion `{id}` twice; a reviewer gives one score per criterion", "{reviewer} bedömer kriteriet ”{id}” två gånger; en bedömare ger en poäng per kriterium";
    CaseReviewerNotOnPanel => "{reviewer} er ikke medlem af tilfældets panel{hint}", "{reviewer} is not a member of the case's panel{hint}", "{reviewer} är inte medlem i fallets panel{hint}";
    CaseStoodAside => "hvem der trådte til side", "who stood aside", "vem som avstod";
    CaseNobody => "ingen", "nobody", "ingen";
    CaseAttribute => "porteføljeegenskaben »{id}«", "portfolio attribute `{id}`", "portföljegenskapen ”{id}”";
    CaseNoValues => "ingen værdier", "no values", "inga värden";
    CaseUnknownAttribute => "regelsættet har ingen porteføljeegenskab »{id}«{hint}", "the pack has no portfolio attribute `{id}`{hint}", "regelpaketet har ingen portföljegenskap ”{id}”{hint}";
    CaseAttributeFlag => "egenskaben »{id}« er et flag: skriv »true« eller »false«", "the attribute `{id}` is a flag: write `true` or `false`", "egenskapen ”{id}” är en flagga: skriv ”true” eller ”false”";
    CaseAttributeValues => "egenskaben »{id}« er en liste af værdier: skriv fx »[\"Nordby\", \"Sydby\"]« (»[]« for ingen)", "the attribute `{id}` is a list of values: write e.g. `[\"Nordby\", \"Sydby\"]` (`[]` for none)", "egenskapen ”{id}” är en lista av värden: skriv t.ex. ”[\"Nordby\", \"Sydby\"]” (”[]” för inga)";
    CaseDisagreement => "uenighed blandt bedømmerne af kriteriet »{id}«", "reviewers' disagreement on the criterion `{id}`", "oenighet bland bedömarna av kriteriet ”{id}”";
    CaseReviewOf => "{reviewer's} bedømmelse af kriteriet »{id}«", "{reviewer's} review of the criterion `{id}`", "{reviewer's} bedömning av kriteriet ”{id}”";
    CaseReviewCounted => "talt med", "counted", "räknad";
    CaseReviewRefused => "afvist: {reason}", "refused: {reason}", "avvisad: {reason}";
    EofList => "teksten slutter inde i en liste (mangler der et »]«?)", "EOF while parsing a list", "texten tar slut inne i en lista (saknas ett ”]”?)";
    EofObject => "teksten slutter inde i et objekt (mangler der et »}«?)", "EOF while parsing an object", "texten tar slut inne i ett objekt (saknas ett ”}”?)";
    EofString => "teksten slutter inde i en tekstværdi (mangler der et afsluttende anførselstegn?)", "EOF while parsing a string", "texten tar slut inne i en textsträng (saknas ett avslutande citattecken?)";
    EofValue => "teksten slutter, hvor der skulle stå en værdi", "EOF while parsing a value", "texten tar slut där det skulle stå ett värde";
    ExpectedColon => "her skulle stå et »:«", "expected `:`", "här skulle det stå ett ”:”";
    ExpectedCommaOrBracket => "her skulle stå et »,« eller et »]«", "expected `,` or `]`", "här skulle det stå ett ”,” eller ett ”]”";
    ExpectedCommaOrBrace => "her skulle stå et »,« eller et »}«", "expected `,` or `}`", "här skulle det stå ett ”,” eller ett ”}”";
    ExpectedValue => "her skulle stå en værdi (tekst skrives i anførselstegn)", "expected value", "här skulle det stå ett värde (text skrivs inom citattecken)";
    ExpectedIdent => "ukendt ord (kun true, false og null skrives uden anførselstegn)", "expected ident", "okänt ord (bara true, false och null skrivs utan citattecken)";
    ExpectedQuote => "her skulle stå et anførselstegn", "expected `\"`", "här skulle det stå ett citattecken";
    InvalidEscape => "ugyldig brug af »\\« i en tekstværdi", "invalid escape", "ogiltig användning av ”\\” i en textsträng";
    InvalidNumber => "ugyldigt tal", "invalid number", "ogiltigt tal";
    NumberOutOfRange => "tallet er for stort", "number out of range", "talet är för stort";
    InvalidUnicode => "ugyldigt Unicode-tegn", "invalid unicode code point", "ogiltigt Unicode-tecken";
    ControlInString => "styretegn (\\u0000-\\u001F) i en tekstværdi; skriv et linjeskift som \\n", "control character (\\u0000-\\u001F) found while parsing a string", "styrtecken (\\u0000-\\u001F) i en textsträng; skriv en radbrytning som \\n";
    KeyMustBeString => "et feltnavn skal stå i anførselstegn", "key must be a string", "ett fältnamn måste stå inom citattecken";
    TrailingComma => "et komma for meget før »]« eller »}«", "trailing comma", "ett kommatecken för mycket före ”]” eller ”}”";
    RecursionLimit => "for mange lister og objekter inden i hinanden", "recursion limit exceeded", "för många listor och objekt inuti varandra";
    DuplicateKey => "feltet »{key}« står to gange i samme objekt (først ved {first}, igen ved {again}); behold det ene, ellers er det uklart, hvilken værdi der menes", "the key `{key}` is written twice in the same object (first at {first}, again at {again}); keep one, since otherwise it is unclear which value is meant", "fältet ”{key}” står två gånger i samma objekt (först vid {first}, igen vid {again}); behåll det ena, annars är det oklart vilket värde som avses";
    AtColumn => "kolonne {column}", "column {column}", "kolumn {column}";
    AtLineColumn => "linje {line}, kolonne {column}", "line {line}, column {column}", "rad {line}, kolumn {column}";

    // --- The schema.
    RequiredMissing => "det obligatoriske felt »{name}« mangler", "required field `{name}` is missing", "det obligatoriska fältet ”{name}” saknas";
    UnknownField => "ukendt felt »{name}«{hint}", "unknown field `{name}`{hint}", "okänt fält ”{name}”{hint}";
    DidYouMean => "; mente du »{name}«?", "; did you mean `{name}`?", "; menade du ”{name}”?";
    Expected => "skal være {expected}, men er {found}", "expected {expected}, found {found}", "ska vara {expected}, men är {found}";
    ExpectedValueOf => "skal være »{expected}«, men er {found}", "expected `{expected}`, found {found}", "ska vara ”{expected}”, men är {found}";
    Found => "{kind} (»{value}«)", "{kind} (`{value}`)", "{kind} (”{value}”)";
    Quoted => "»{value}«", "`{value}`", "”{value}”";
    AString => "en tekst", "a string", "en text";
    ANumber => "et tal", "a number", "ett tal";
    AWholeNumber => "et helt tal", "a whole number", "ett heltal";
    ABoolean => "sand eller falsk (true eller false)", "a boolean", "sant eller falskt (true eller false)";
    AnObject => "et objekt", "an object", "ett objekt";
    AList => "en liste", "a list", "en lista";
    Null => "null", "null", "null";
    Or => "{a} eller {b}", "{a} or {b}", "{a} eller {b}";
    OrNullForNone => "{names} (eller null for ingen)", "{names} (or null for none)", "{names} (eller null för inget)";
    NotOneOf => "»{value}« er ikke en af de tilladte værdier: {options}", "`{value}` is not one of {options}", "”{value}” är inte ett av de tillåtna värdena: {options}";
    NotInFormat => "»{value}« er ikke {expected}", "`{value}` is not {expected}", "”{value}” är inte {expected}";
    ADate => "en dato skrevet ÅÅÅÅ-MM-DD", "a date written YYYY-MM-DD", "ett datum skrivet ÅÅÅÅ-MM-DD";
    AnEmail => "en e-mailadresse", "an e-mail address", "en e-postadress";
    ADateTime => "et tidspunkt skrevet som 2025-03-14T09:30:00Z", "a date and time written YYYY-MM-DDTHH:MM:SSZ", "en tidpunkt skriven som 2025-03-14T09:30:00Z";
    ATime => "et klokkeslæt skrevet som 09:30:00Z", "a time written HH:MM:SSZ", "ett klockslag skrivet som 09:30:00Z";
    AWebAddress => "en webadresse (fx https://example.dk)", "a web address (such as https://example.dk)", "en webbadress (t.ex. https://example.dk)";
    AUuid => "et UUID (fx 123e4567-e89b-12d3-a456-426614174000)", "a UUID (such as 123e4567-e89b-12d3-a456-426614174000)", "ett UUID (t.ex. 123e4567-e89b-12d3-a456-426614174000)";
    AnIpAddress => "en IP-adresse", "an IP address", "en IP-adress";
    AHostName => "et værtsnavn (fx example.dk)", "a host name (such as example.dk)", "ett värdnamn (t.ex. example.dk)";
    InTheFormat => "i formatet »{format}«", "in the `{format}` format", "i formatet ”{format}”";
    BelowMinimum => "{value} er mindre end mindsteværdien {limit}", "{value} is less than the minimum of {limit}", "{value} är mindre än minimivärdet {limit}";
    AboveMaximum => "{value} er større end højesteværdien {limit}", "{value} is more than the maximum of {limit}", "{value} är större än maxvärdet {limit}";
    MustBeMore => "{value} skal være større end {limit}", "{value} must be more than {limit}", "{value} måste vara större än {limit}";
    MustBeLess => "{value} skal være mindre end {limit}", "{value} must be less than {limit}", "{value} måste vara mindre än {limit}";
    NotMultipleOf => "{value} er ikke et multiplum af {multiple}", "{value} is not a multiple of {multiple}", "{value} är inte en multipel av {multiple}";
    MustNotBeEmpty => "skal udfyldes", "must not be empty", "måste fyllas i";
    CharactersLong => "er {count} tegn lang; {limit}", "is {count} characters long; {limit}", "är {count} tecken lång; {limit}";
    AtMostOne => "højst 1 er tilladt", "at most 1 is allowed", "högst 1 är tillåten";
    AtMost => "højst {limit} er tilladt", "at most {limit} are allowed", "högst {limit} är tillåtna";
    AtLeastOne => "mindst 1 er nødvendig", "at least 1 is needed", "minst 1 behövs";
    AtLeast => "mindst {limit} er nødvendige", "at least {limit} are needed", "minst {limit} behövs";
    HasItems => "har {count} elementer; {limit}", "has {count} items; {limit}", "har {count} element; {limit}";
    HasFields => "har {count} felter; {limit}", "has {count} fields; {limit}", "har {count} fält; {limit}";
    NeedsOneField => "skal have mindst 1 felt", "needs at least 1 field", "måste ha minst 1 fält";
    NeedsFields => "skal have mindst {limit} felter", "needs at least {limit} fields", "måste ha minst {limit} fält";
    NeedsOneItem => "skal have mindst 1 element", "needs at least 1 item", "måste ha minst 1 element";
    NeedsItems => "skal have mindst {limit} elementer", "needs at least {limit} items", "måste ha minst {limit} element";
    ItemsMoreOne => "har 1 element mere, end listen tillader", "has 1 item more than the list allows", "har 1 element mer än listan tillåter";
    ItemsMore => "har {count} elementer mere, end listen tillader", "has {count} items more than the list allows", "har {count} element fler än listan tillåter";
    NoItemOfKind => "indeholder intet element af den slags, listen skal indeholde", "has no item of the kind the list must contain", "innehåller inget element av det slag som listan måste innehålla";
    NotEncodedText => "»{value}« er ikke gyldig {encoding}-tekst", "`{value}` is not valid {encoding} text", "”{value}” är inte giltig {encoding}-text";
    NotMediaContent => "»{value}« er ikke gyldigt {media}-indhold", "`{value}` is not valid {media} content", "”{value}” är inte giltigt {media}-innehåll";
    DecodedNotUtf8 => "er ikke UTF-8-tekst, når det er afkodet", "once decoded, is not UTF-8 text", "är inte UTF-8-text när det har avkodats";
    NoValueAllowed => "her må ikke stå nogen værdi; udelad den", "no value is allowed here; leave it out", "här får inget värde stå; utelämna det";
    FieldNameNotAllowed => "feltnavnet »{name}« er ikke tilladt: {problem}", "the field name `{name}` is not allowed: {problem}", "fältnamnet ”{name}” är inte tillåtet: {problem}";
    FitsNoForm => "passer ikke til nogen af de former, der er tilladt her: {ways}", "fits none of the forms allowed here: {ways}", "passar inte någon av de former som är tillåtna här: {ways}";
    And => "{a} og {b}", "{a} and {b}", "{a} och {b}";
    OrElse => "{a}; eller også {b}", "{a}; or else {b}", "{a}; eller annars {b}";
    FitsSeveralForms => "passer til mere end én af de former, der er tilladt her, og skal passe til præcis én", "fits more than one of the forms allowed here, and must fit exactly one", "passar fler än en av de former som är tillåtna här, och måste passa exakt en";
    PatternTooComplex => "»{value}« kunne ikke kontrolleres mod sit mønster (mønsteret er for komplekst)", "`{value}` could not be checked against its pattern (the pattern is too complex for it)", "”{value}” kunde inte kontrolleras mot sitt mönster (mönstret är för komplext)";
    SchemaNotApplied => "skemaet kunne ikke anvendes her: {error}", "the schema could not be applied here: {error}", "schemat kunde inte tillämpas här: {error}";
    SameItemTwice => "indeholder det samme element mere end én gang", "lists the same item more than once", "innehåller samma element mer än en gång";
    NoPatternMatch => "»{value}« passer ikke til mønsteret »{pattern}«", "`{value}` does not match the pattern `{pattern}`", "”{value}” matchar inte mönstret ”{pattern}”";
    TextDirection => "indeholder et tekstretningstegn ({character}) ved tegn nr. {position}, som kan få teksten til at blive vist anderledes, end den lyder; fjern det", "contains a text-direction character ({character}) at character {position}, which can make text display differently from what it says; remove it", "innehåller ett textriktningstecken ({character}) vid tecken nr {position}, som kan få texten att visas på ett annat sätt än den lyder; ta bort det";
    ControlInLine => "indeholder et styretegn ({character}) ved tegn nr. {position}; feltet er én linje tekst uden styretegn", "contains a control character ({character}) at character {position}; this field is one line of text without control characters", "innehåller ett styrtecken ({character}) vid tecken nr {position}; fältet är en rad text utan styrtecken";
    ControlInText => "indeholder et styretegn ({character}) ved tegn nr. {position}; teksten må indeholde linjeskift (\\n) og tabulatorer, men ingen andre styretegn", "contains a control character ({character}) at character {position}; this text may hold line breaks (\\n) and tabs but no other control characters", "innehåller ett styrtecken ({character}) vid tecken nr {position}; texten får innehålla radbrytningar (\\n) och tabbar men inga andra styrtecken";
    WholeNumberFromTo => "et helt tal fra {min} til {max}", "a whole number from {min} to {max}", "ett heltal från {min} till {max}";
    WholeNumberNotNegative => "et helt tal på mindst 0", "a whole number of at least 0", "ett heltal på minst 0";
    AText => "tekst", "text", "text";
    TheNumberFound => "tallet{rest}", "the number{rest}", "talet{rest}";
    TextFound => "teksten{rest}", "text{rest}", "texten{rest}";

    // --- What a schema cannot say.
    EndBeforeStart => "slutdatoen »{end}« ligger før startdatoen »{start}«", "the end `{end}` is before the start `{start}`", "slutdatumet ”{end}” ligger före startdatumet ”{start}”";
    RequestedOverTotal => "det ansøgte beløb {requested} er større end de samlede udgifter {total}", "the requested amount {requested} is more than the total cost {total}", "det sökta beloppet {requested} är större än den totala kostnaden {total}";
    CoFundingOverTotal => "tilskud fra andre {co_funding} og egne midler {own} er tilsammen mere end de samlede udgifter {total}", "co-funding {co_funding} and own resources {own} come to more than the total cost {total}", "bidrag från andra {co_funding} och egna medel {own} är tillsammans mer än den totala kostnaden {total}";
    FinancingMismatch => "finansieringen går ikke op: ansøgt {requested} + tilskud fra andre {co_funding} + egne midler {own} = {financing}, men de samlede udgifter er {total}", "the financing does not add up: requested {requested} + co-funding {co_funding} + own resources {own} = {financing}, but the total cost is {total}", "finansieringen går inte ihop: sökt {requested} + bidrag från andra {co_funding} + egna medel {own} = {financing}, men den totala kostnaden är {total}";
    OldestBelowYoungest => "den højeste alder {max} er lavere end den laveste alder {min}", "the oldest age {max} is below the youngest age {min}", "den högsta åldern {max} är lägre än den lägsta åldern {min}";
    NumberTooLarge => "tallet {number} er for stort til regelscripts (højst 28 cifre)", "the number {number} is too large for rule scripts (at most 28 digits)", "talet {number} är för stort för regelskript (högst 28 siffror)";
    AnswerName => "navnet på dette svar {problem}", "the name of this answer {problem}", "namnet på detta svar {problem}";

    // --- Reading inputs.
    ResultsFolderGiven => "er resultatmappen fra en »kriterium batch«, ikke ansøgninger; angiv mappen med ansøgningerne", "is the results folder of a `kriterium batch`, not applications; give the folder of the applications", "är resultatmappen från en ”kriterium batch”, inte ansökningar; ange mappen med ansökningarna";
    NoApplicationFiles => "mappen indeholder ingen ».json«- eller ».jsonl«-filer", "the folder has no `.json` or `.jsonl` files", "mappen innehåller inga ”.json”- eller ”.jsonl”-filer";
    NoSuchFile => "filen eller mappen findes ikke", "no such file or folder", "filen eller mappen finns inte";
    PermissionDenied => "adgang nægtet", "permission denied", "åtkomst nekad";
    IsFolder => "det er en mappe, ikke en fil", "it is a folder, not a file", "det är en mapp, inte en fil";
    NotFolder => "en del af stien er en fil, ikke en mappe", "part of the path is a file, not a folder", "en del av sökvägen är en fil, inte en mapp";
    AlreadyThere => "den findes allerede", "it exists already", "den finns redan";
    OtherIo => "styresystemet meldte en fejl ({detail})", "the operating system reported an error ({detail})", "operativsystemet rapporterade ett fel ({detail})";
    NotUtf8 => "er ikke UTF-8-tekst", "is not UTF-8 text", "är inte UTF-8-text";
    TooLarge => "er større end {size}; {note}", "is larger than {size}; {note}", "är större än {size}; {note}";
    SizeMiB => "{size} MiB", "{size} MiB", "{size} MiB";
    SizeBytes => "{size} byte", "{size} bytes", "{size} byte";
    ApplicationSize => "en ansøgning fylder nogle få kilobyte", "an application is a few kilobytes", "en ansökan är några få kilobyte";
    DecisionSize => "en afgørelse fylder nogle få kilobyte", "a decision is a few kilobytes", "ett beslut är några få kilobyte";
    CannotStartThread => "kan ikke starte en tråd: {error}", "cannot start a thread: {error}", "kan inte starta en tråd: {error}";

    InvalidToml => "ugyldig TOML: {message}", "invalid TOML: {message}", "ogiltig TOML: {message}";

    // --- The panel file (`panel.toml`), [`crate::panel::Panel::from_toml`].
    PanelNoMembers => "panelet har ingen medlemmer; skriv hvert medlem som et »[[member]]« med »name«", "the panel has no members; write each member as a `[[member]]` with a `name`", "panelen har inga medlemmar; skriv varje medlem som en ”[[member]]” med ”name”";
    PanelMemberNoName => "medlemmet har intet navn", "the member has no name", "medlemmen har inget namn";
    PanelMemberTwice => "»{name}« er det samme navn som medlem nr. {number}, »{first}«; et medlem må kun stå én gang (store og små bogstaver, mellemrum og tegnsætning tæller ikke)", "`{name}` is the same name as member no. {number}, `{first}`; a member may be listed only once (case, spaces and punctuation do not count)", "”{name}” är samma namn som medlem nr {number}, ”{first}”; en medlem får bara stå en gång (stora och små bokstäver, mellanslag och skiljetecken räknas inte)";
    PanelConflictNoMember => "inhabiliteten er erklæret for »{member}«, som ikke er medlem af panelet{hint}", "the conflict is declared for `{member}`, who is not a member of the panel{hint}", "jävet är anmält för ”{member}”, som inte är medlem i panelen{hint}";
    PanelConflictNoApplication => "inhabiliteten nævner ingen ansøgning; skriv ansøgningens id i »application«", "the conflict names no application; write the application's id in `application`", "jävet nämner ingen ansökan; skriv ansökans id i ”application”";
    PanelConflictNoReason => "inhabiliteten har ingen begrundelse; skriv i »reason«, hvorfor medlemmet er inhabilt", "the conflict has no reason; write in `reason` why the member has a conflict of interest", "jävet har ingen motivering; skriv i ”reason” varför medlemmen är jävig";
    PanelConflictTwice => "»{member}« og »{application}« er allerede erklæret som inhabilitet nr. {number}; erklær hver inhabilitet én gang", "`{member}` and `{application}` are already declared as conflict no. {number}; declare each conflict once", "”{member}” och ”{application}” är redan anmälda som jäv nr {number}; anmäl varje jäv en gång";
    PanelCvrNotEightDigits => "CVR-nummeret »{cvr}« for »{organisation}« (medlemmet »{member}«) er ikke 8 cifre; »DK«, mellemrum, bindestreger og punktummer tæller ikke med", "the CVR number `{cvr}` of `{organisation}` (the member `{member}`) is not 8 digits; `DK`, spaces, hyphens and dots do not count", "CVR-numret ”{cvr}” för ”{organisation}” (medlemmen ”{member}”) är inte 8 siffror; ”DK”, mellanslag, bindestreck och punkter räknas inte";
    PanelCvrCheckDigit => "»{cvr}« for »{organisation}« (medlemmet »{member}«) kan ikke være et CVR-nummer: kontrolcifferet passer ikke (modulus 11); tjek nummeret på datacvr.virk.dk", "`{cvr}` of `{organisation}` (the member `{member}`) cannot be a CVR number: its check digit does not fit (modulus 11); check the number on datacvr.virk.dk", "”{cvr}” för ”{organisation}” (medlemmen ”{member}”) kan inte vara ett CVR-nummer: kontrollsiffran stämmer inte (modulus 11); kontrollera numret på datacvr.virk.dk";

    // --- Rule packs and scripts.
    InField => "»{field}«: {problem}", "`{field}`: {problem}", "”{field}”: {problem}";
    GateNamed => "adgangskravet »{id}«: {problem}", "gate `{id}`: {problem}", "behörighetskravet ”{id}”: {problem}";
    CriterionNamed => "kriteriet »{id}«: {problem}", "criterion `{id}`: {problem}", "kriteriet ”{id}”: {problem}";
    NoBudgetForYear => "regelsættet har intet budget for {year}; det har budgetter for {years}", "the pack has no budget for {year}; it has budgets for {years}", "regelpaketet har ingen budget för {year}; det har budgetar för {years}";
    // Where a rule comes from (`basis`), for `kriterium check`; [`crate::manifest::Basis`].
    BasisRuleGate => "adgangskravet »{id}«", "the gate `{id}`", "behörighetskravet ”{id}”";
    BasisRuleCriterion => "kriteriet »{id}«", "the criterion `{id}`", "kriteriet ”{id}”";
    BasisMissing => "{rule} siger ikke, hvor det kommer fra: tilføj »basis« med »kind« (»source«, når kilden selv stiller reglen, eller »reading«, når det er jeres fortolkning af kilden) og »quote« med kildens egne ord", "{rule} does not say where it comes from: add `basis` with `kind` (`source` when the source itself sets the rule, or `reading` when it is your reading of the source) and `quote` with the source's own words", "{rule} säger inte var det kommer ifrån: lägg till ”basis” med ”kind” (”source” när källan själv ställer regeln, eller ”reading” när det är er tolkning av källan) och ”quote” med källans egna ord";
    WeightBasisMissing => "intet »weight_basis« siger, hvorfor kriteriet »{id}« vægter {weight}: tilføj det med »kind«, »quote« og »why«; en afgørelse skal nævne grunden til vægten som et af de hovedhensyn, der var afgørende", "no `weight_basis` says why the criterion `{id}` has the weight {weight}: add it with `kind`, `quote` and `why`; a decision must give the reason for the weight as one of its main considerations", "inget ”weight_basis” säger varför kriteriet ”{id}” har vikten {weight}: lägg till det med ”kind”, ”quote” och ”why”; ett beslut ska ange skälet till vikten som ett av de skäl som varit avgörande";
    MinimumBasisMissing => "intet »min_points_basis« siger, hvor minimum på {min} point for kriteriet »{id}« kommer fra: tilføj det med »kind«, »quote« og, for en fortolkning, »why«", "no `min_points_basis` says where the minimum of {min} on the criterion `{id}` comes from: add it with `kind`, `quote` and, for a reading, `why`", "inget ”min_points_basis” säger var minimikravet på {min} poäng för kriteriet ”{id}” kommer ifrån: lägg till det med ”kind”, ”quote” och, för en tolkning, ”why”";
    ThresholdBasisMissing => "intet »threshold_basis« siger, hvor tærsklen på {threshold} point kommer fra: tilføj det med »kind«, »quote« og, for en fortolkning, »why«", "no `threshold_basis` says where the threshold of {threshold} points comes from: add it with `kind`, `quote` and, for a reading, `why`", "inget ”threshold_basis” säger var tröskeln på {threshold} poäng kommer ifrån: lägg till det med ”kind”, ”quote” och, för en tolkning, ”why”";
    ReadingWithoutWhy => "en fortolkning (»reading«) skal forklare sig: tilføj »why.{lang}« med, hvordan og hvorfor kilden læses sådan; ellers ser ansøgeren kun kildens ord og ikke jeres valg", "a reading must explain itself: add `why.{lang}` saying how and why the source is read so; otherwise an applicant sees only the source's words, not your choice", "en tolkning (”reading”) måste förklara sig: lägg till ”why.{lang}” med hur och varför källan läses så; annars ser den sökande bara källans ord och inte ert val";
    // Reviewers' scales and rules (`[criteria.review]`, `[reviews]`), for `kriterium check`.
    ReviewScaleEmpty => "»review.min« ({min}) skal være mindre end »review.max« ({max}); ellers har bedømmerne intet at vælge imellem", "`review.min` ({min}) must be less than `review.max` ({max}); otherwise reviewers have nothing to choose from", "”review.min” ({min}) ska vara mindre än ”review.max” ({max}); annars har bedömarna inget att välja mellan";
    DisagreementBeyondScale => "»review.disagreement« ({disagreement}) er mere, end skalaen tillader (»review.max« − »review.min« = {range}): ingen bedømmere kan afvige så meget, så ingen ansøgning ville blive markeret", "`review.disagreement` ({disagreement}) is more than the scale allows (`review.max` − `review.min` = {range}): no reviewers can differ that much, so no application would ever be flagged", "”review.disagreement” ({disagreement}) är mer än skalan tillåter (”review.max” − ”review.min” = {range}): inga bedömare kan skilja sig så mycket, så ingen ansökan skulle någonsin flaggas";
    ReviewsNeverRead => "kriteriet »{id}« bedømmes af bedømmere (»review«), men dets script læser aldrig »reviews«, så bedømmernes point tæller ikke", "the criterion `{id}` is scored by reviewers (`review`), but its script never reads `reviews`, so the reviewers' scores do not count", "kriteriet ”{id}” bedöms av bedömare (”review”), men dess skript läser aldrig ”reviews”, så bedömarnas poäng räknas inte";
    ReviewsReadWithoutReview => "scriptet for kriteriet »{id}« læser »reviews«, men kriteriet har intet »review« i pack.toml, så »reviews« er altid tom (»()«) her", "the script of the criterion `{id}` reads `reviews`, but the criterion has no `review` in pack.toml, so `reviews` is always empty (`()`) there", "skriptet för kriteriet ”{id}” läser ”reviews”, men kriteriet har inget ”review” i pack.toml, så ”reviews” är alltid tomt (”()”) där";
    DisagreementBasisMissing => "intet »review.disagreement_basis« siger, hvor grænsen for uenighed på {disagreement} point for kriteriet »{id}« kommer fra: tilføj det med »kind«, »quote« og, for en fortolkning, »why«", "no `review.disagreement_basis` says where the disagreement threshold of {disagreement} points on the criterion `{id}` comes from: add it with `kind`, `quote` and, for a reading, `why`", "inget ”review.disagreement_basis” säger var gränsen för oenighet på {disagreement} poäng för kriteriet ”{id}” kommer ifrån: lägg till det med ”kind”, ”quote” och, för en tolkning, ”why”";
    CalibrationBasisMissing => "intet »calibration_basis« siger, hvorfor bedømmernes point kalibreres (»{calibration}«): tilføj det med »kind«, »quote« og »why«; kalibreringen ændrer ansøgningernes point", "no `calibration_basis` says why reviewers' scores are calibrated (`{calibration}`): add it with `kind`, `quote` and `why`; calibration changes the applications' points", "inget ”calibration_basis” säger varför bedömarnas poäng kalibreras (”{calibration}”): lägg till det med ”kind”, ”quote” och ”why”; kalibreringen ändrar ansökningarnas poäng";
    // Portfolio attributes and goals, and the funding rule (`[portfolio]`, `[funding]`).
    AttributeNamed => "porteføljeegenskaben »{id}«: {problem}", "portfolio attribute `{id}`: {problem}", "portföljegenskapen ”{id}”: {problem}";
    AttributeWrongValue => "scriptets sidste udtryk skal være {expected}, men det gav {found}", "the script's last expression must be {expected}, but it gave {found}", "skriptets sista uttryck ska vara {expected}, men det gav {found}";
    AttributeExpectsFlag => "»true« eller »false« (egenskaben har »kind = \"flag\"«)", "`true` or `false` (the attribute has `kind = \"flag\"`)", "”true” eller ”false” (egenskapen har ”kind = \"flag\"”)";
    AttributeExpectsValues => "en liste af tekster, fx »[\"Nordby\"]« (egenskaben har »kind = \"values\"«)", "a list of texts, e.g. `[\"Nordby\"]` (the attribute has `kind = \"values\"`)", "en lista av texter, t.ex. ”[\"Nordby\"]” (egenskapen har ”kind = \"values\"”)";
    AttributeItemNotText => "element nr. {position} i listen, som scriptet gav, er ikke en tekst, men {found}; en egenskab med »kind = \"values\"« er en liste af tekster", "item {position} of the list the script gave is not a text but {found}; an attribute with `kind = \"values\"` is a list of texts", "element nr {position} i listan som skriptet gav är inte en text utan {found}; en egenskap med ”kind = \"values\"” är en lista av texter";
    PortfolioIdTwice => "»{id}« er allerede id'et i »{first}«; id'er skal være forskellige", "`{id}` is already the id at `{first}`; ids must be unique", "”{id}” är redan id:t i ”{first}”; id:n måste vara olika";
    GoalUnknownAttribute => "målet »{id}« tæller egenskaben »{attribute}«, som ikke findes under »[[portfolio.attributes]]«{hint}", "the goal `{id}` counts the attribute `{attribute}`, which is not among `[[portfolio.attributes]]`{hint}", "målet ”{id}” räknar egenskapen ”{attribute}”, som inte finns under ”[[portfolio.attributes]]”{hint}";
    GoalRuleMissing => "målet »{id}« siger ikke, hvad det tæller: giv enten »at_least« (mindst så mange støttede indsatser med egenskaben) eller »cover« (hver af disse værdier nævnt af mindst én støttet indsats)", "the goal `{id}` does not say what it counts: give either `at_least` (at least this many funded initiatives with the attribute) or `cover` (each of these values named by at least one funded initiative)", "målet ”{id}” säger inte vad det räknar: ange antingen ”at_least” (minst så många beviljade insatser med egenskapen) eller ”cover” (vart och ett av dessa värden nämnt av minst en beviljad insats)";
    GoalRuleBoth => "målet »{id}« har både »at_least« og »cover«; et mål tæller på én måde: behold den ene, og gør det andet til et mål for sig", "the goal `{id}` has both `at_least` and `cover`; a goal counts one way: keep one, and make the other a goal of its own", "målet ”{id}” har både ”at_least” och ”cover”; ett mål räknar på ett sätt: behåll det ena och gör det andra till ett eget mål";
    GoalNeedsFlag => "målet »{id}« bruger »at_least«, som tæller indsatser, hvor egenskaben »{attribute}« er sand; den egenskab skal have »kind = \"flag\"«, men har »kind = \"values\"«", "the goal `{id}` uses `at_least`, which counts initiatives whose attribute `{attribute}` is true; that attribute must have `kind = \"flag\"`, but has `kind = \"values\"`", "målet ”{id}” använder ”at_least”, som räknar insatser där egenskapen ”{attribute}” är sann; den egenskapen ska ha ”kind = \"flag\"”, men har ”kind = \"values\"”";
    GoalNeedsValues => "målet »{id}« bruger »cover«, som tæller de værdier, egenskaben »{attribute}« nævner; den egenskab skal have »kind = \"values\"«, men har »kind = \"flag\"«", "the goal `{id}` uses `cover`, which counts the values the attribute `{attribute}` names; that attribute must have `kind = \"values\"`, but has `kind = \"flag\"`", "målet ”{id}” använder ”cover”, som räknar de värden egenskapen ”{attribute}” nämner; den egenskapen ska ha ”kind = \"values\"”, men har ”kind = \"flag\"”";
    GoalAtLeastZero => "»at_least = 0« er altid opfyldt; et mål skal kræve mindst 1 indsats", "`at_least = 0` is always met; a goal must ask for at least 1 initiative", "”at_least = 0” är alltid uppfyllt; ett mål ska kräva minst 1 insats";
    GoalCoverEmpty => "»cover« er tom, så målet er altid opfyldt; skriv de værdier, der skal dækkes, fx »[\"Nordby\", \"Sydby\"]«", "`cover` is empty, so the goal is always met; list the values to be covered, e.g. `[\"Nordby\", \"Sydby\"]`", "”cover” är tom, så målet är alltid uppfyllt; skriv de värden som ska täckas, t.ex. ”[\"Nordby\", \"Sydby\"]”";
    GoalCoverTwice => "{value} står to gange i »cover«; hver værdi skal stå én gang", "{value} is in `cover` twice; each value must be there once", "{value} står två gånger i ”cover”; varje värde ska stå en gång";
    PeriodOutOfOrder => "perioden begynder i {first} og slutter i {last}; det første år skal komme før eller være lig med det sidste", "the period begins in {first} and ends in {last}; the first year must come before the last or be the same", "perioden börjar {first} och slutar {last}; det första året ska komma före det sista eller vara detsamma";
    PeriodYearOutside => "{year} er ikke et år fra {from} til {to}", "{year} is not a year from {from} to {to}", "{year} är inte ett år från {from} till {to}";
    DeadlineNotDate => "{deadline} er ikke en dato skrevet som ÅÅÅÅ-MM-DD, fx »2027-12-31«", "{deadline} is not a date written as YYYY-MM-DD, e.g. `2027-12-31`", "{deadline} är inte ett datum skrivet som ÅÅÅÅ-MM-DD, t.ex. ”2027-12-31”";
    PartialShareMissing => "reglen »partial« kræver »partial_min_share«: den mindste andel af det ansøgte beløb, et delvist tilsagn må være, fx »0.5« for halvdelen", "the rule `partial` needs `partial_min_share`: the least share of the requested amount a partial grant may be, e.g. `0.5` for half", "regeln ”partial” kräver ”partial_min_share”: den minsta andel av det sökta beloppet som ett delvis beviljande får vara, t.ex. ”0.5” för hälften";
    PartialShareWithoutPartial => "»partial_min_share« gælder kun reglen »partial«, men reglen er »{rule}«: fjern den, eller skriv »rule = \"partial\"«", "`partial_min_share` belongs to the rule `partial` only, but the rule is `{rule}`: remove it, or write `rule = \"partial\"`", "”partial_min_share” gäller bara regeln ”partial”, men regeln är ”{rule}”: ta bort den, eller skriv ”rule = \"partial\"”";
    PartialShareRange => "{share} skal være større end 0 og højst 1 (1 = hele det ansøgte beløb), med højst {scale} decimaler", "{share} must be more than 0 and at most 1 (1 = the whole requested amount), with at most {scale} decimals", "{share} ska vara större än 0 och högst 1 (1 = hela det sökta beloppet), med högst {scale} decimaler";
    FundingBasisMissing => "intet »basis« siger, hvorfor puljen bruger finansieringsreglen »{rule}«: tilføj det med »kind«, »quote« og, for en fortolkning, »why«; reglen afgør, hvem der får penge, når budgettet ikke rækker", "no `basis` says why the programme uses the funding rule `{rule}`: add it with `kind`, `quote` and, for a reading, `why`; the rule decides who gets money when the budget runs out", "inget ”basis” säger varför programmet använder finansieringsregeln ”{rule}”: lägg till det med ”kind”, ”quote” och, för en tolkning, ”why”; regeln avgör vem som får pengar när budgeten inte räcker";
    PortfolioBasisMissing => "intet »basis« siger, hvor porteføljens mål og frist kommer fra: tilføj det med »kind« og »quote« med kildens egne ord", "no `basis` says where the portfolio's goals and deadline come from: add it with `kind` and `quote` with the source's own words", "inget ”basis” säger var portföljens mål och tidsfrist kommer ifrån: lägg till det med ”kind” och ”quote” med källans egna ord";
    AtLeastBasisMissing => "intet »at_least_basis« siger, hvor tallet {at_least} i målet »{id}« kommer fra: står det ikke i kilden, er det jeres fortolkning; tilføj det med »kind = \"reading\"«, »quote« og »why«", "no `at_least_basis` says where the number {at_least} in the goal `{id}` comes from: if the source does not give it, it is your reading; add it with `kind = \"reading\"`, `quote` and `why`", "inget ”at_least_basis” säger var talet {at_least} i målet ”{id}” kommer ifrån: står det inte i källan är det er tolkning; lägg till det med ”kind = \"reading\"”, ”quote” och ”why”";
    AttributeUnused => "ingen af porteføljens mål tæller egenskaben »{id}«, så den beregnes uden at blive brugt", "no portfolio goal counts the attribute `{id}`, so it is computed and never used", "inget av portföljens mål räknar egenskapen ”{id}”, så den beräknas utan att användas";
    CaseNumberUnknownPlaceholder => "{found} kan ikke stå i et sagsnummer; brug {allowed}", "{found} cannot stand in a case number; use {allowed}", "{found} kan inte stå i ett diarienummer; använd {allowed}";
    CaseNumberStrayClose => "{close} ved tegn nr. {position} lukker ingen pladsholder; en pladsholder skrives som {example}", "{close} at character {position} closes no placeholder; a placeholder is written as {example}", "{close} vid tecken nr {position} stänger ingen platshållare; en platshållare skrivs som {example}";
    CaseNumberWithoutApplication => "sagsnummeret indeholder ikke {example}, så alle breve i en runde ville få samme nummer", "the case number does not contain {example}, so every letter of a round would get the same number", "diarienumret innehåller inte {example}, så alla brev i en omgång skulle få samma nummer";
    CaseNumberUnclosed => "en pladsholder begynder ved tegn nr. {position} uden at blive lukket med {close}; skriv den som {example}", "a placeholder begins at character {position} without being closed by {close}; write it as {example}", "en platshållare börjar vid tecken nr {position} utan att stängas med {close}; skriv den som {example}";

    StoppedByLimit => "stoppet af begrænsningen »{limit}«: {message}", "stopped by the {limit} limit: {message}", "stoppat av begränsningen ”{limit}”: {message}";
    TooManyOperations => "scriptet kørte længere end grænsen på {max} operationer; er der en uendelig løkke?", "the script ran longer than the limit of {max} operations; is there an endless loop?", "skriptet körde längre än gränsen på {max} operationer; finns det en oändlig loop?";
    ScriptStoppedByHost => "scriptet blev stoppet", "the script was stopped", "skriptet stoppades";
    CallsTooDeep => "funktioner kalder hinanden mere end {max} niveauer dybt; er der en uendelig rekursion?", "functions call each other more than {max} levels deep; is there an endless recursion?", "funktioner anropar varandra mer än {max} nivåer djupt; finns det en oändlig rekursion?";
    DataTooLarge => "{what} er over grænsen (tekster {string} byte, lister og objekter {items} elementer)", "{what} is over the limit (strings {string} bytes, lists and maps {items} items)", "{what} är över gränsen (strängar {string} byte, listor och objekt {items} element)";
    NoProperty => "ingen egenskab »{property}« her{hint}", "no property `{property}` here{hint}", "ingen egenskap ”{property}” här{hint}";
    ReadOnlyVariable => "»{variable}« er skrivebeskyttet; kopiér værdien til en variabel af dine egne for at ændre den", "`{variable}` is read-only; copy the value into a variable of your own to change it", "”{variable}” är skrivskyddad; kopiera värdet till en egen variabel för att ändra det";
    ReadOnlyApplication => "ansøgningen og regelsættet er skrivebeskyttede; kopiér en værdi til en variabel af dine egne for at ændre den", "the application and the pack are read-only; copy a value into a variable of your own to change it", "ansökan och regelpaketet är skrivskyddade; kopiera ett värde till en egen variabel för att ändra det";
    ReadOnlyMethod => "»{method}« ville ændre en skrivebeskyttet værdi; kopiér den først til en variabel af dine egne", "`{method}` would change a read-only value; copy it into a variable of your own first", "”{method}” skulle ändra ett skrivskyddat värde; kopiera det först till en egen variabel";
    NoFunction => "ingen funktion »{signature}« (tjek navnet og argumenternes typer)", "no function `{signature}` (check the name and the types of the arguments)", "ingen funktion ”{signature}” (kontrollera namnet och argumentens typer)";
    ScriptStopped => "scriptet stoppede: {text}", "the script stopped: {text}", "skriptet stoppade: {text}";
    InFunction => "i funktionen »{function}«: {problem}", "in function `{function}`: {problem}", "i funktionen ”{function}”: {problem}";

    // --- Ids.
    IdShared => "id'et »{id}« bruges af {count} indsendelser ({places}); et id skal høre til én ansøgning", "the id `{id}` is used by {count} inputs ({places}); an id must name one application", "id:t ”{id}” används av {count} inlämningar ({places}); ett id måste höra till en ansökan";
    AndMore => "og {count} flere", "and {count} more", "och {count} till";
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_fills_the_same_placeholders() {
        assert_eq!(Wording::placeholders_differ(), Vec::<&str>::new());
    }

    #[test]
    fn every_language_has_its_own_words() {
        // A column copied from another language by mistake would pass the compiler.
        for (a, b) in [("da", "sv"), ("da", "en"), ("en", "sv")] {
            let same: Vec<Wording> = Wording::alike(a, b)
                .into_iter()
                .filter(|w| !SAME_IN_SOME_LANGUAGES.contains(w))
                .collect();
            assert_eq!(same, Vec::new(), "{a} and {b}");
        }
    }

    #[test]
    fn danish_quotes_are_danish_and_swedish_quotes_swedish() {
        // Our own quotes around a value: »…« in Danish, ”…” in Swedish, never the backticks
        // of the English (which are a programmer's).
        for wording in Wording::ALL {
            assert!(!wording.text("da").contains('`'), "{wording:?} in da");
            assert!(!wording.text("sv").contains('`'), "{wording:?} in sv");
        }
    }

    #[test]
    fn a_message_renders_its_values_in_each_language() {
        let found = Message::of(Wording::Found)
            .with("kind", Wording::AString)
            .with("value", "ca. 50.000");
        let message = Message::of(Wording::Expected)
            .with("expected", Wording::AWholeNumber)
            .with("found", found);
        assert_eq!(
            message.render("da"),
            "skal være et helt tal, men er en tekst (»ca. 50.000«)"
        );
        assert_eq!(
            message.render("en"),
            "expected a whole number, found a string (`ca. 50.000`)"
        );
        assert_eq!(
            message.render("sv"),
            "ska vara ett heltal, men är en text (”ca. 50.000”)"
        );
        assert_eq!(message.to_string(), message.render("en"));
        assert_eq!(message.render("fi"), message.render("en"));
    }

    #[test]
    fn amounts_are_grouped_as_the_language_writes_them() {
        let message = Message::of(Wording::RequestedOverTotal)
            .with("requested", Arg::amount(1_250_000u64))
            .with("total", Arg::amount(900_000u64));
        assert_eq!(
            message.render("da"),
            "det ansøgte beløb 1.250.000 er større end de samlede udgifter 900.000"
        );
        assert_eq!(
            message.render("sv"),
            "det sökta beloppet 1\u{a0}250\u{a0}000 är större än den totala kostnaden 900\u{a0}000"
        );
        assert_eq!(
            message.render("en"),
            "the requested amount 1,250,000 is more than the total cost 900,000"
        );
    }

    #[test]
    fn a_chain_joins_in_the_language() {
        let ways = Message::chain(
            [
                Message::of(Wording::MustNotBeEmpty),
                Message::of(Wording::SameItemTwice),
                Message::of(Wording::NoValueAllowed),
            ],
            Wording::OrElse,
        )
        .unwrap();
        assert_eq!(
            ways.render("da"),
            "skal udfyldes; eller også indeholder det samme element mere end én gang; eller også \
             her må ikke stå nogen værdi; udelad den"
        );
        assert!(Message::chain([], Wording::And).is_none());
    }

    #[test]
    fn plain_text_is_the_same_in_every_language_and_cut() {
        let message = Message::plain("ø".repeat(MAX_MESSAGE_CHARS + 10));
        let rendered = message.render("da");
        assert_eq!(rendered.chars().count(), MAX_MESSAGE_CHARS + 1);
        assert!(rendered.ends_with("ø…"));
        assert_eq!(rendered, message.render("en"));
        // A worded message made long by its values is cut when rendered.
        let long = Message::of(Wording::FieldNameNotAllowed)
            .with("name", "x".repeat(MAX_MESSAGE_CHARS))
            .with("problem", Message::plain("y".repeat(MAX_MESSAGE_CHARS)));
        assert_eq!(long.render("sv").chars().count(), MAX_MESSAGE_CHARS + 1);
    }

    #[test]
    fn a_value_that_looks_like_a_placeholder_stays_as_written() {
        let message = Message::of(Wording::RequiredMissing).with("name", "{name}");
        assert_eq!(
            message.render("da"),
            "det obligatoriske felt »{name}« mangler"
        );
    }
}
