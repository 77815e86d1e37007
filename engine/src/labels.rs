//! The translation table: every fixed label and sentence in reports, per language.
//!
//! Criterion and gate titles come from the pack; everything else a report says comes from here,
//! so a report reads in one language. Danish is written as a Danish civil servant would write it,
//! Swedish as a Swedish one would. A new language is a new column in both tables (and in
//! [`LANGUAGES`]); nothing else in the engine names a language's words.

use std::borrow::Cow;

/// Defines a translation table: an enum with one variant per text and its Danish, English and
/// Swedish words written side by side, so no entry can lack a language. Each text may hold
/// `{name}` placeholders that `fill` replaces, and `{name's}` ones it replaces by the value in
/// the genitive ([`genitive`]: `Hanne Friis'`, `Lene Bachs`). Used for the reports' labels and sentences here,
/// and for the command line's messages (`src/messages.rs`) and other crates' tables, so every
/// message is born in the three languages of [`LANGUAGES`].
///
/// ```
/// kriterium_engine::translation_table! {
///     /// Messages of a tool.
///     Greeting {
///         Hello => "Hej {name}", "Hello {name}", "Hej {name}!";
///     }
/// }
/// assert_eq!(Greeting::Hello.fill("en", &[("name", "Ada")]), "Hello Ada");
/// assert_eq!(Greeting::Hello.text("fi"), "Hello {name}");
/// ```
#[macro_export]
macro_rules! translation_table {
    ($(#[$doc:meta])* $name:ident { $($(#[$vdoc:meta])* $variant:ident => $da:literal, $en:literal, $sv:literal;)* }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum $name {
            $($(#[$vdoc])* $variant,)*
        }

        #[allow(dead_code)]
        impl $name {
            /// Every entry, in the table's order.
            pub const ALL: &[$name] = &[$($name::$variant,)*];

            /// The name templates use for it (`l.GatesMet`).
            pub fn key(self) -> &'static str {
                match self {
                    $($name::$variant => stringify!($variant),)*
                }
            }

            /// The text in `lang` (`da`, `en`, `sv`); English for a language without a column.
            pub fn text(self, lang: &str) -> &'static str {
                let (da, en, sv) = match self {
                    $($name::$variant => ($da, $en, $sv),)*
                };
                match lang {
                    "da" => da,
                    "sv" => sv,
                    _ => en,
                }
            }

            /// The entries whose `{placeholders}` differ between languages
            /// ([`same_placeholders`](`$crate::labels::same_placeholders`)); every table's tests
            /// check that there are none.
            pub fn placeholders_differ() -> Vec<&'static str> {
                Self::ALL
                    .iter()
                    .filter(|entry| !$crate::labels::same_placeholders(|lang| entry.text(lang)))
                    .map(|entry| entry.key())
                    .collect()
            }

            /// The entries written alike in `a` and `b` (a column copied from another language
            /// by mistake passes the compiler; every table's tests look for them).
            pub fn alike(a: &str, b: &str) -> Vec<Self> {
                Self::ALL
                    .iter()
                    .copied()
                    .filter(|entry| entry.text(a) == entry.text(b))
                    .collect()
            }

            /// The text in `lang` with each `{name}` replaced by its value, and each
            /// `{name's}` by the value in the genitive ([`fill_in`](`$crate::labels::fill_in`)).
            pub fn fill(self, lang: &str, values: &[(&str, &str)]) -> String {
                $crate::labels::fill_in(lang, self.text(lang), values)
            }
        }
    };
}

crate::translation_table! {
    /// A fixed label in a report.
    Label {
    Application => "Ansøgning", "Application", "Ansökan";
    Pack => "Regelsæt", "Rule pack", "Regelpaket";
    Gates => "Adgangskrav", "Eligibility requirements", "Behörighetskrav";
    GatesMet => "alle opfyldt", "all met", "alla uppfyllda";
    GatesNotMet => "ikke alle opfyldt", "not all met", "inte alla uppfyllda";
    Met => "opfyldt", "met", "uppfyllt";
    NotMet => "ikke opfyldt", "not met", "inte uppfyllt";
    Criteria => "Kriterier i prioriteret rækkefølge", "Criteria in order of priority", "Kriterier i prioritetsordning";
    Number => "Nr.", "No.", "Nr";
    Criterion => "Kriterium", "Criterion", "Kriterium";
    Points => "Point", "Points", "Poäng";
    Max => "Maks.", "Max", "Max";
    Weight => "Vægt", "Weight", "Vikt";
    Weighted => "Vægtet", "Weighted", "Viktat";
    Minimum => "mindst", "at least", "minst";
    Point => "point", "point", "poäng";
    PointsUnit => "point", "points", "poäng";
    BelowMinimum => "under minimum", "below minimum", "under minimum";
    BasisSourceGeneral => "Kilden", "The source", "Källan";
    BasisReadingGeneral => "Regelsættets fortolkning", "The rule pack's reading", "Regelpaketets tolkning";
    Total => "Samlet", "Total", "Totalt";
    Of => "af", "of", "av";
    Recommendation => "Indstilling", "Recommendation", "Förslag till beslut";
    NotYetDecided => "afgøres ved den samlede prioritering inden for budgettet", "decided when all applications are ranked against the budget", "avgörs vid den samlade prioriteringen inom budgeten";
    Fund => "støttes", "fund", "beviljas";
    Reserve => "på venteliste", "reserve", "på reservlista";
    BelowThreshold => "under minimumskravene", "below the minimum requirements", "under minimikraven";
    Ineligible => "opfylder ikke adgangskravene", "not eligible", "uppfyller inte behörighetskraven";
    RefusalBelowThreshold => "afslag – under minimumskravene", "refusal – below the minimum requirements", "avslag – under minimikraven";
    AwaitingReview => "afventer bedømmelse", "awaiting review", "inväntar bedömning";
    NotReviewed => "ikke bedømt", "not reviewed", "inte bedömd";
    RefusalIneligible => "afslag – opfylder ikke adgangskravene", "refusal – not eligible", "avslag – uppfyller inte behörighetskraven";
    CriteriaForInformation => "Kriterier i prioriteret rækkefølge – kun til orientering", "Criteria in order of priority – for information only", "Kriterier i prioritetsordning – endast för kännedom";
    InputFingerprint => "Ansøgningens fingeraftryk", "Application fingerprint", "Ansökans fingeravtryck";
    Rank => "Placering", "Rank", "Placering";
    Requested => "Ansøgt", "Requested", "Sökt belopp";
    Granted => "Bevilget", "Granted", "Beviljat";
    EngineVersion => "kriterium version", "kriterium version", "kriterium version";
    ReportTitle => "Vurdering af ansøgning", "Assessment of application", "Bedömning av ansökan";
    Id => "Id", "Id", "Id";
    Title => "Titel", "Title", "Titel";
    Applicant => "Ansøger", "Applicant", "Sökande";
    Organisation => "Organisation", "Organisation", "Organisation";
    Municipalities => "Kommuner", "Municipalities", "Kommuner";
    Period => "Periode", "Period", "Period";
    Requirement => "Krav", "Requirement", "Krav";
    Result => "Resultat", "Result", "Resultat";
    Reason => "Begrundelse", "Reason", "Motivering";
    Reasons => "Begrundelse", "Reasons", "Motivering";
    Threshold => "Tærskel", "Threshold", "Tröskel";
    Why => "Begrundelse for indstillingen", "Reasons for the recommendation", "Motivering till förslaget";
    FundingLine => "Finansieringslinje", "Funding line", "Finansieringsgräns";
    Budget => "Pulje", "Budget", "Budget";
    BudgetUsed => "Bevilget i alt", "Granted in all", "Beviljat totalt";
    BudgetLeft => "Tilbage", "Left", "Kvar";
    BudgetLeftBefore => "Tilbage af puljen før denne ansøgning", "Budget left before this application", "Kvar av budgeten före denna ansökan";
    Basis => "Grundlag for vurderingen", "Basis of the assessment", "Underlag för bedömningen";
    PackFingerprint => "Regelsættets fingeraftryk", "Rule pack fingerprint", "Regelpaketets fingeravtryck";
    Version => "version", "version", "version";
    OverviewTitle => "Samlet prioritering", "Overall ranking", "Samlad prioritering";
    Applications => "Ansøgninger", "Applications", "Ansökningar";
    Contribution => "Kriteriernes bidrag", "Contribution of the criteria", "Kriteriernas bidrag";
    Counts => "Indstillinger", "Recommendations", "Förslag till beslut";
    Rejected => "Afviste indsendelser", "Rejected inputs", "Avvisade inlämningar";
    RejectedNone => "Ingen indsendelser er afvist.", "No input was rejected.", "Ingen inlämning har avvisats.";
    Source => "Kilde", "Source", "Källa";
    Problems => "Fejl", "Problems", "Fel";
    Report => "Rapport", "Report", "Rapport";
    SortHint => "Klik på en kolonneoverskrift for at sortere.", "Click a column heading to sort.", "Klicka på en kolumnrubrik för att sortera.";
    FundingLineNote => "Linjen under den sidste ansøgning, der støttes, er finansieringslinjen.", "The line below the last funded application is the funding line.", "Linjen under den sista ansökan som beviljas är finansieringsgränsen.";
    Legend => "Signaturforklaring", "Legend", "Teckenförklaring";
    Count => "Antal", "Count", "Antal";
    DiffTitle => "Ændringer i regelsættet og deres virkning", "Changes to the rule pack and their effect", "Ändringar i regelpaketet och deras verkan";
    Before => "Før", "Before", "Före";
    After => "Efter", "After", "Efter";
    ChangedCriteria => "Ændrede kriterier", "Changed criteria", "Ändrade kriterier";
    ChangedApplications => "Ansøgninger, der ændres", "Applications that change", "Ansökningar som ändras";
    UnchangedApplications => "Uændrede ansøgninger", "Unchanged applications", "Oförändrade ansökningar";
    NoChanges => "Ingen ændringer: alle ansøgninger vurderes ens under begge regelsæt.", "No changes: every application is assessed alike under both packs.", "Inga ändringar: alla ansökningar bedöms lika under båda regelpaketen.";
    Summary => "Sammenfatning", "Summary", "Sammanfattning";
    Moved => "Ny placering", "Rank changed", "Ny placering";
    FundingChanged => "Ændret støtte", "Funding changed", "Ändrat stöd";
    NewlyFunded => "Støttes nu", "Now funded", "Beviljas nu";
    NoLongerFunded => "Støttes ikke længere", "No longer funded", "Beviljas inte längre";
    BudgetEffect => "Virkning på budgettet", "Effect on the budget", "Verkan på budgeten";
    NotRanked => "ikke placeret", "not ranked", "inte placerad";
    Absent => "findes ikke", "absent", "finns inte";
    PointsOf => "Point for", "Points for", "Poäng för";
    SensitivityTitle => "Hvor robust er prioriteringen?", "How robust is the ranking?", "Hur robust är prioriteringen?";
    SensitivityIntro => "For hver ansøgning nær finansieringslinjen: den mindste ændring af ét kriteriums vægt, der ændrer, om ansøgningen støttes. Markeret med ⚠, hvis det sker inden for ±10 %.", "For every application near the funding line: the smallest change to one criterion's weight that changes whether it is funded. Marked ⚠ when that happens within ±10 %.", "För varje ansökan nära finansieringsgränsen: den minsta ändringen av ett kriteriums vikt som ändrar om ansökan beviljas. Markerad med ⚠ om det sker inom ±10 %.";
    PackageSensitivityTitle => "Den bedste pakke ved ±10 % på én vægt", "The best package with ±10 % on one weight", "Det bästa paketet vid ±10 % på en vikt";
    PackageSensitivityNone => "Den bedste pakke er den samme, når én vægt ændres 10 % op eller ned ({tried} ændringer prøvet).", "The best package is the same when one weight changes 10 % up or down ({tried} changes tried).", "Det bästa paketet är detsamma när en vikt ändras 10 % upp eller ned ({tried} ändringar prövade).";
    PackageSensitivityChange => "⚠ {change}: pakken ændres – med: {added}; ude: {removed}", "⚠ {change}: the package changes – in: {added}; out: {removed}", "⚠ {change}: paketet ändras – med: {added}; ute: {removed}";
    PackageSensitivityFailed => "Pakkerne kunne ikke sammenlignes: {why}", "The packages could not be compared: {why}", "Paketen kunde inte jämföras: {why}";
    NoneOf => "ingen", "none", "ingen";
    SensitivityNone => "Ingen ansøgnings støtte ændres af en ændring af én vægt inden for ±50 %.", "No application's funding changes with a change to one weight within ±50 %.", "Ingen ansökans stöd ändras av en ändring av en vikt inom ±50 %.";
    Funded => "Støttes", "Funded", "Beviljas";
    Smallest => "Mindste ændring", "Smallest change", "Minsta ändring";
    Flips => "vender inden for ±10 %", "flips within ±10 %", "vänder inom ±10 %";
    Robust => "Ansøgninger, hvis støtte ingen ændring af én vægt inden for ±50 % ændrer", "Applications whose funding no change to one weight within ±50 % changes", "Ansökningar vars stöd ingen ändring av en vikt inom ±50 % ändrar";
    Yes => "ja", "yes", "ja";
    No => "nej", "no", "nej";
    Reviews => "Bedømmelser", "Reviews", "Bedömningar";
    Reviewer => "Bedømmer", "Reviewer", "Bedömare";
    Score => "Point givet", "Score given", "Poäng givna";
    CalibratedScore => "Kalibreret", "Calibrated", "Kalibrerat";
    Comment => "Kommentar", "Comment", "Kommentar";
    Spread => "Spredning", "Spread", "Spridning";
    Disagreement => "bedømmerne er uenige – til drøftelse", "the reviewers disagree – to be discussed", "bedömarna är oeniga – ska diskuteras";
    AssessedBy => "Bedømt af", "Assessed by", "Bedömd av";
    NoReviewer => "ingen endnu", "no one yet", "ingen ännu";
    StoodAside => "Inhabile, deltog ikke i bedømmelsen", "Stood aside (conflict of interest)", "Jäviga, deltog inte i bedömningen";
    ReviewsFingerprint => "Bedømmelsernes fingeraftryk", "Reviews fingerprint", "Bedömningarnas fingeravtryck";
    CalibratedFrom => "Kalibreret ud fra alle rundens bedømmelser, fingeraftryk", "Calibrated from all the round's reviews, fingerprint", "Kalibrerat utifrån alla omgångens bedömningar, fingeravtryck";
    Scale => "Skala", "Scale", "Skala";
    LeniencyTitle => "Bedømmernes niveau", "Reviewers' leniency", "Bedömarnas nivå";
    LeniencyIntro => "For hver bedømmer og hvert kriterium: bedømmerens gennemsnit mod panelets gennemsnit på de samme ansøgninger (dem, mindst én anden bedømmer også har bedømt). Forskydningen er forskellen i gennemsnit pr. ansøgning: positiv for en mild bedømmer, negativ for en streng.", "For each reviewer and criterion: the reviewer's mean against the panel's mean on the same applications (those at least one other reviewer reviewed too). The offset is the mean difference per application: positive for a lenient reviewer, negative for a strict one.", "För varje bedömare och kriterium: bedömarens medelvärde mot panelens medelvärde på samma ansökningar (de som minst en annan bedömare också har bedömt). Förskjutningen är den genomsnittliga skillnaden per ansökan: positiv för en generös bedömare, negativ för en sträng.";
    LeniencyCalibrated => "Regelsættet kalibrerer: hver bedømmers forskydning er trukket fra bedømmerens point, før kriterierne gav point (additiv model for bedømmeres niveau, MacKay m.fl. 2017). Placeringen uden kalibrering står ved siden af placeringen.", "The rule pack calibrates: each reviewer's offset was taken off their scores before the criteria gave points (an additive model of reviewer bias, MacKay et al. 2017). The rank without calibration stands beside the rank.", "Regelpaketet kalibrerar: varje bedömares förskjutning har dragits från bedömarens poäng innan kriterierna gav poäng (additiv modell för bedömares nivå, MacKay m.fl. 2017). Placeringen utan kalibrering står bredvid placeringen.";
    LeniencyNotCalibrated => "Regelsættet kalibrerer ikke: pointene tæller, som bedømmerne gav dem. Tabellen er til orientering.", "The rule pack does not calibrate: scores count as the reviewers gave them. The table is for information.", "Regelpaketet kalibrerar inte: poängen räknas så som bedömarna gav dem. Tabellen är för kännedom.";
    LeniencyNone => "Ingen bedømmelser endnu.", "No reviews yet.", "Inga bedömningar ännu.";
    Reviewed => "Bedømt", "Reviewed", "Bedömda";
    Shared => "Heraf fælles", "Shared", "Varav gemensamma";
    ReviewerMean => "Bedømmerens gennemsnit", "Reviewer's mean", "Bedömarens medelvärde";
    PanelMean => "Panelets gennemsnit", "Panel's mean", "Panelens medelvärde";
    Offset => "Forskydning", "Offset", "Förskjutning";
    UncalibratedRank => "Placering uden kalibrering", "Rank without calibration", "Placering utan kalibrering";
}
}

crate::translation_table! {
    /// A sentence of a report's reasons for its recommendation, with `{name}` placeholders that
    /// [`Sentence::fill`] replaces.
    Sentence {
    BasisSource => "{source}: »{quote}«", "{source}: “{quote}”", "{source}: ”{quote}”";
    BasisSourceWhy => "{source}: »{quote}« {why}", "{source}: “{quote}” {why}", "{source}: ”{quote}” {why}";
    BasisReading => "{reading}: {why} ({source}: »{quote}«)", "{reading}: {why} ({source}: “{quote}”)", "{reading}: {why} ({source}: ”{quote}”)";
    BasisReadingOf => "{reading} af »{quote}«", "{reading} of “{quote}”", "{reading} av ”{quote}”";
    BudgetUnchanged => "ingen ({amount} bevilget før og efter)", "none ({amount} granted before and after)", "ingen ({amount} beviljat före och efter)";
    GateNotMet => "Adgangskravet »{title}« er ikke opfyldt. {reason}", "The requirement “{title}” is not met. {reason}", "Behörighetskravet ”{title}” är inte uppfyllt. {reason}";
    IneligibleSo => "Ansøgningen kan derfor ikke komme i betragtning til støtte og er ikke prioriteret i forhold til de øvrige ansøgninger.", "The application therefore cannot be considered for funding and is not ranked against the other applications.", "Ansökan kan därför inte komma i fråga för stöd och prioriteras inte i förhållande till de övriga ansökningarna.";
    PointsNotUsed => "Pointene er ikke brugt, fordi ansøgningen ikke opfylder alle adgangskrav. Vurderingen efter kriterierne vises kun til orientering.", "The points were not used, because the application does not meet every eligibility requirement. The assessment against the criteria is shown for information only.", "Poängen har inte använts, eftersom ansökan inte uppfyller alla behörighetskrav. Bedömningen enligt kriterierna visas endast för kännedom.";
    BelowMinimum => "Kriteriet »{title}« giver {points} point, og der kræves mindst {min} point.", "The criterion “{title}” gives {points} points; at least {min} are required.", "Kriteriet ”{title}” ger {points} poäng, och det krävs minst {min} poäng.";
    BelowThreshold => "Det samlede resultat på {total} point er under tærsklen på {threshold} point.", "The total of {total} points is below the threshold of {threshold} points.", "Det samlade resultatet på {total} poäng är under tröskeln på {threshold} poäng.";
    BelowSo => "Ansøgningen kan derfor ikke indstilles til støtte.", "The application therefore cannot be recommended for funding.", "Ansökan kan därför inte föreslås för stöd.";
    AwaitingReviewSo => "Ansøgningen mangler bedømmernes vurdering af: {criteria}. Den får ingen point og prioriteres ikke, før de har bedømt den.", "The application lacks the reviewers' scores on: {criteria}. It gets no points and is not ranked until they have reviewed it.", "Ansökan saknar bedömarnas poäng för: {criteria}. Den får inga poäng och prioriteras inte förrän de har bedömt den.";
    Disagreement => "Bedømmernes point for »{title}« ligger {spread} point fra hinanden, og regelsættet regner {limit} point eller mere som uenighed: ansøgningen skal drøftes.", "The reviewers' scores on “{title}” are {spread} points apart, and the rule pack counts {limit} points or more as disagreement: the application is to be discussed.", "Bedömarnas poäng för ”{title}” ligger {spread} poäng från varandra, och regelpaketet räknar {limit} poäng eller mer som oenighet: ansökan ska diskuteras.";
    Pending => "Ansøgningen opfylder adgangskravene og minimumskravene. Om den kan støttes, afgøres, når alle ansøgninger til puljen er vurderet og prioriteret inden for budgettet.", "The application meets the eligibility requirements and the minimums. Whether it can be funded is decided when all applications to the budget are assessed and ranked.", "Ansökan uppfyller behörighetskraven och minimikraven. Om den kan beviljas avgörs när alla ansökningar till budgeten har bedömts och prioriterats.";
    Funded => "Ansøgningen er nr. {rank} i prioriteringen. Da prioriteringen nåede den, var der {left} tilbage af puljen på {budget}, så det ansøgte beløb på {requested} kan bevilges.", "The application is ranked {rank}. When the funding line reached it, {left} of the budget of {budget} was left, enough for the {requested} requested.", "Ansökan är nr {rank} i prioriteringen. När prioriteringen nådde den återstod {left} av budgeten på {budget}, så det sökta beloppet på {requested} kan beviljas.";
    ReserveUsedUp => "Ansøgningen er nr. {rank} i prioriteringen. Puljen på {budget} var brugt op, da prioriteringen nåede den, og ansøgningen kommer derfor på venteliste.", "The application is ranked {rank}. The budget of {budget} was used up when the funding line reached it, so the application is placed on the reserve list.", "Ansökan är nr {rank} i prioriteringen. Budgeten på {budget} var förbrukad när prioriteringen nådde den, och ansökan placeras därför på reservlistan.";
    ReserveNoFit => "Ansøgningen er nr. {rank} i prioriteringen. Da prioriteringen nåede den, var der {left} tilbage af puljen på {budget}, og ansøgningen søger {requested}, som ikke kan rummes. Den kommer derfor på venteliste.", "The application is ranked {rank}. When the funding line reached it, {left} of the budget of {budget} was left, and it requests {requested}. That does not fit, so the application is placed on the reserve list.", "Ansökan är nr {rank} i prioriteringen. När prioriteringen nådde den återstod {left} av budgeten på {budget}, och ansökan söker {requested}, som inte ryms. Den placeras därför på reservlistan.";
    FundedPastSkipped => "En eller flere højere placerede ansøgninger kunne ikke rummes i det beløb, der var tilbage; det kunne denne ansøgning, og den støttes derfor.", "One or more applications ranked higher did not fit in what was left; this one did, and is therefore funded.", "En eller flera högre placerade ansökningar rymdes inte i det belopp som återstod; det gjorde denna ansökan, och den beviljas därför.";
    TieByCriterion => "Ansøgningen har samme samlede antal point ({total}) som {above}, der er placeret lige over den. Rækkefølgen er afgjort af kriterierne i prioriteret rækkefølge: ved kriteriet »{title}« har {above} flere point.", "The application has the same total ({total}) as {above}, ranked directly above it. The order was decided by the criteria in order of priority: {above} has more points on “{title}”.", "Ansökan har samma totala poäng ({total}) som {above}, som är placerad direkt ovanför. Ordningen har avgjorts av kriterierna i prioritetsordning: på kriteriet ”{title}” har {above} fler poäng.";
    FundingRuleStrict => "Finansieringsreglen: rangordningen følges, indtil en ansøgning ikke kan rummes i det, der er tilbage af puljen; den og alle ansøgninger under den kommer på venteliste.", "The funding rule: the ranking is followed until an application does not fit in what is left of the budget; it and every application below it are placed on the reserve list.", "Finansieringsregeln: rangordningen följs tills en ansökan inte ryms i det som återstår av budgeten; den och alla ansökningar under den placeras på reservlistan.";
    FundingRuleSkip => "Finansieringsreglen: rangordningen følges, og en ansøgning, der ikke kan rummes, springes over, så mindre ansøgninger længere nede kan støttes.", "The funding rule: the ranking is followed, and an application that does not fit is skipped, so smaller applications further down can be funded.", "Finansieringsregeln: rangordningen följs, och en ansökan som inte ryms hoppas över, så att mindre ansökningar längre ner kan beviljas.";
    FundingRulePartial => "Finansieringsreglen: rangordningen følges, og en ansøgning, der ikke kan rummes, springes over; den første af dem, hvor det, der er tilbage af puljen, er mindst {share} af det ansøgte beløb, tilbydes dog det, der er tilbage (højst ét delvist tilskud pr. runde).", "The funding rule: the ranking is followed, and an application that does not fit is skipped; but the first of them for which what is left of the budget is at least {share} of the amount requested is offered what is left (at most one partial grant per round).", "Finansieringsregeln: rangordningen följs, och en ansökan som inte ryms hoppas över; den första av dem för vilken det som återstår av budgeten är minst {share} av det sökta beloppet erbjuds dock det som återstår (högst ett delvis bidrag per omgång).";
    FundingRuleOptimal => "Finansieringsreglen: der støttes den kombination af ansøgninger, der tilsammen giver flest point inden for puljen og opfylder de af regelsættets mål for porteføljen, der kan nås; placeringen i rangordningen afgør ikke alene, om en ansøgning støttes.", "The funding rule: the combination of applications is funded that together has the most points within the budget and meets the rule pack's portfolio goals; an application's rank alone does not decide whether it is funded.", "Finansieringsregeln: den kombination av ansökningar beviljas som tillsammans ger flest poäng inom budgeten och uppfyller de av regelpaketets mål för portföljen som kan nås; placeringen i rangordningen avgör inte ensam om en ansökan beviljas.";
    FundedPartly => "Ansøgningen er nr. {rank} i prioriteringen. Da prioriteringen nåede den, var der {left} tilbage af puljen på {budget}, og ansøgningen søger {requested}, som ikke kan rummes. Det, der er tilbage, er mindst {share} af det ansøgte, så finansieringsreglen giver et delvist tilskud på {granted}, som indstilles.", "The application is ranked {rank}. When the funding line reached it, {left} of the budget of {budget} was left, and it requests {requested}, which does not fit. What is left is at least {share} of the request, so the funding rule gives a partial grant of {granted}, which is recommended.", "Ansökan är nr {rank} i prioriteringen. När prioriteringen nådde den återstod {left} av budgeten på {budget}, och ansökan söker {requested}, som inte ryms. Det som återstår är minst {share} av det sökta, så finansieringsregeln ger ett delvis bidrag på {granted}, som föreslås.";
    ReserveStrictStopped => "Ansøgningen er nr. {rank} i prioriteringen. Finansieringsreglen stopper ved den første ansøgning, der ikke kan rummes, og det skete over denne ansøgning; den kommer derfor på venteliste, selv om det ansøgte beløb på {requested} kan rummes i det, der er tilbage ({left} af puljen på {budget}).", "The application is ranked {rank}. The funding rule stops at the first application that does not fit, and that happened above this one; so it is placed on the reserve list, although the {requested} requested would fit in what is left ({left} of the budget of {budget}).", "Ansökan är nr {rank} i prioriteringen. Finansieringsregeln stannar vid den första ansökan som inte ryms, och det skedde ovanför denna ansökan; den placeras därför på reservlistan, trots att det sökta beloppet på {requested} ryms i det som återstår ({left} av budgeten på {budget}).";
    FundedInPackage => "Ansøgningen er nr. {rank} i prioriteringen og indgår i den bedste pakke: de ansøgninger, der tilsammen giver flest point inden for puljen på {budget} og opfylder de af regelsættets mål for porteføljen, der kan nås. Det ansøgte beløb på {requested} kan derfor bevilges.", "The application is ranked {rank} and is part of the best package: the applications that together have the most points within the budget of {budget} and meet those of the rule pack's portfolio goals that can be reached. The {requested} requested can therefore be granted.", "Ansökan är nr {rank} i prioriteringen och ingår i det bästa paketet: de ansökningar som tillsammans ger flest poäng inom budgeten på {budget} och uppfyller de av regelpaketets mål för portföljen som kan nås. Det sökta beloppet på {requested} kan därför beviljas.";
    ReserveNotInPackage => "Ansøgningen er nr. {rank} i prioriteringen, men indgår ikke i den bedste pakke: de ansøgninger, der tilsammen giver flest point inden for puljen på {budget} og opfylder de af regelsættets mål for porteføljen, der kan nås. Den kommer derfor på venteliste.", "The application is ranked {rank}, but is not part of the best package: the applications that together have the most points within the budget of {budget} and meet those of the rule pack's portfolio goals that can be reached. It is therefore placed on the reserve list.", "Ansökan är nr {rank} i prioriteringen men ingår inte i det bästa paketet: de ansökningar som tillsammans ger flest poäng inom budgeten på {budget} och uppfyller de av regelpaketets mål för portföljen som kan nås. Den placeras därför på reservlistan.";
    TieById => "Ansøgningen har samme samlede antal point ({total}) som {above}, der er placeret lige over den, og de to har også samme point ved hvert kriterium. Rækkefølgen er derfor afgjort af ansøgningernes id i alfabetisk rækkefølge.", "The application has the same total ({total}) as {above}, ranked directly above it, and the same points on every criterion. The order was therefore decided by the applications' ids in alphabetical order.", "Ansökan har samma totala poäng ({total}) som {above}, som är placerad direkt ovanför, och de två har också samma poäng på varje kriterium. Ordningen har därför avgjorts av ansökningarnas id i alfabetisk ordning.";
}
}

impl Sentence {
    /// The sentence stating `rule` (»Finansieringsreglen: …«) in `lang`, as reports, letters
    /// and the portfolio page state it; `min_share` is the least share of a request a partial
    /// grant may be (only `partial` says it; `None` there writes `100 %`, as `partial` then
    /// gives no less than the request).
    pub fn funding_rule(
        rule: crate::portfolio::FundingRuleName,
        min_share: Option<crate::decimal::Decimal>,
        lang: &str,
    ) -> String {
        use crate::portfolio::FundingRuleName::*;
        match rule {
            Strict => Sentence::FundingRuleStrict.fill(lang, &[]),
            Skip => Sentence::FundingRuleSkip.fill(lang, &[]),
            Partial => Sentence::FundingRulePartial.fill(
                lang,
                &[(
                    "share",
                    &share(
                        min_share.unwrap_or(crate::decimal::Decimal::from(1u32)),
                        lang,
                    ),
                )],
            ),
            Optimal => Sentence::FundingRuleOptimal.fill(lang, &[]),
        }
    }
}

/// A share (`0.5`) as a percentage as `lang` writes it: `50 %` (with a no-break space, as all
/// three languages set it), `12,5 %` in Danish and Swedish, `12.5 %` in English. A share too
/// large to multiply by 100 is written as it is (loading keeps shares within (0, 1]).
pub fn share(d: crate::decimal::Decimal, lang: &str) -> String {
    let percent = d
        .checked_mul(crate::decimal::Decimal::from(100u32))
        .unwrap_or(d);
    format!("{}\u{a0}%", number(percent, lang))
}

/// `text` as a sentence: with a full stop at its end, unless it ends with one already (or with
/// `!`, `?` or `…`), so a reason a person wrote with its own full stop does not get two.
pub fn full_stop(text: &str) -> String {
    let text = text.trim_end();
    if text.ends_with(['.', '!', '?', '…']) {
        text.to_string()
    } else {
        format!("{text}.")
    }
}

/// `template` with each `{name}` replaced by its value. One pass over the template, so a value
/// that itself contains `{…}` (a title an applicant wrote) stays as written. A placeholder without
/// a value is left as it stands, which the tests would show; so is a genitive `{name's}`, which
/// needs the language ([`fill_in`]).
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    fill_with(None, template, values)
}

/// [`fill`] in `lang`: besides each `{name}`, each `{name's}` is replaced by the value of `name`
/// in the genitive as `lang` writes it ([`genitive`]): `{reviewer's} bedømmelse` → `Hanne
/// Friis' bedømmelse`, `Lene Bachs bedømmelse`.
pub fn fill_in(lang: &str, template: &str, values: &[(&str, &str)]) -> String {
    fill_with(Some(lang), template, values)
}

/// [`fill`], with genitives when `lang` is given.
fn fill_with(lang: Option<&str>, template: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 64);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let value = after.find('}').and_then(|close| {
            let name = &after[..close];
            let (name, possessive) = match (name.strip_suffix("'s"), lang) {
                (Some(base), Some(lang)) => (base, Some(lang)),
                _ => (name, None),
            };
            values.iter().find(|(n, _)| *n == name).map(|(_, v)| {
                let v = match possessive {
                    Some(lang) => Cow::Owned(genitive(v, lang)),
                    None => Cow::Borrowed(*v),
                };
                (v, close)
            })
        });
        match value {
            Some((v, close)) => {
                out.push_str(&v);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// `name` in the genitive as `lang` writes it, for "{name}'s review": Danish adds `s`, or only
/// an apostrophe after a final s, x or z (`Lene Bachs`, `Hanne Friis'`, `Max'`); Swedish adds
/// `s`, or nothing after a final s, x or z (`Lene Bachs`, `Hanne Friis`); English adds `'s`
/// (`Hanne Friis's`). A name is never shortened or changed otherwise.
pub fn genitive(name: &str, lang: &str) -> String {
    let sibilant = name
        .chars()
        .last()
        .is_some_and(|c| matches!(c.to_lowercase().next(), Some('s' | 'x' | 'z')));
    match (lang, sibilant) {
        ("da", true) => format!("{name}'"),
        ("sv", true) => name.to_string(),
        ("da" | "sv", false) => format!("{name}s"),
        _ => format!("{name}'s"),
    }
}

/// Languages with a full set of labels and sentences.
pub const LANGUAGES: [&str; 3] = ["da", "en", "sv"];

impl Label {
    /// The short status a recommendation stands on (»opfylder ikke adgangskravene«): what the
    /// application *is*, not what is recommended for it. Wherever words stand as the
    /// recommendation itself, use [`Label::recommendation_stated`].
    pub fn recommendation(recommendation: crate::decision::Recommendation) -> Label {
        use crate::decision::Recommendation::*;
        match recommendation {
            Fund => Label::Fund,
            Reserve => Label::Reserve,
            BelowThreshold => Label::BelowThreshold,
            Ineligible => Label::Ineligible,
            AwaitingReview => Label::AwaitingReview,
        }
    }
}

impl Label {
    /// The recommendation in words, wherever words stand as one: a report's »Indstilling:«
    /// line, the »Indstilling« column and counts of the overview, `ranking.csv`,
    /// `ranking.xlsx`, `diff`, `round show` and `decide`'s messages. A refusal says so before its
    /// cause (»afslag – opfylder ikke adgangskravene«), because »opfylder ikke adgangskravene«
    /// alone is a status, not a recommendation. The JSON values (`ineligible`, …) are unchanged.
    pub fn recommendation_stated(recommendation: crate::decision::Recommendation) -> Label {
        use crate::decision::Recommendation::*;
        match recommendation {
            BelowThreshold => Label::RefusalBelowThreshold,
            Ineligible => Label::RefusalIneligible,
            Fund | Reserve | AwaitingReview => Label::recommendation(recommendation),
        }
    }

    /// The recommendation in words as it stands beside a decision, in `lang`: stated as one
    /// ([`Label::recommendation_stated`]), with the amount a recommended grant gives —
    /// "støttes, 150.000 kr.", "afslag – opfylder ikke adgangskravene".
    pub fn recommendation_with_amount(
        recommendation: crate::decision::Recommendation,
        amount: u64,
        currency: &str,
        lang: &str,
    ) -> String {
        let stated = Label::recommendation_stated(recommendation).text(lang);
        if recommendation == crate::decision::Recommendation::Fund {
            format!("{stated}, {}", self::amount(amount, currency, lang))
        } else {
            stated.to_string()
        }
    }

    /// The heading of a report's criteria: only for information when the application is not
    /// eligible, since its points then decide nothing.
    pub fn criteria_heading(eligible: bool) -> Label {
        if eligible {
            Label::Criteria
        } else {
            Label::CriteriaForInformation
        }
    }
}

/// Whether numbers are written with a decimal comma in `lang`.
pub fn decimal_comma(lang: &str) -> bool {
    matches!(lang, "da" | "sv" | "nb" | "de")
}

/// A number as `lang` writes it: `2,5` in Danish, `2.5` in English.
pub fn number(d: crate::decimal::Decimal, lang: &str) -> String {
    if decimal_comma(lang) {
        d.with_comma()
    } else {
        d.to_string()
    }
}

/// What `lang` writes between groups of thousands: `1.234.567` in Danish, `1 234 567` (with
/// no-break spaces) in Swedish, `1,234,567` in English. Scripts' `format_amount` and reports
/// both use it, so an amount reads the same in a reason and in the report around it.
pub fn thousands_separator(lang: &str) -> &'static str {
    match lang {
        "da" | "nb" | "de" => ".",
        "sv" | "fi" | "fr" => "\u{a0}",
        _ => ",",
    }
}

/// `1234567` with `.` → `1.234.567`.
pub fn group_digits(amount: i128, separator: &str) -> String {
    let digits = amount.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push_str(separator);
        }
        out.push(c);
    }
    if amount < 0 { format!("-{out}") } else { out }
}

/// An amount with its currency as `lang` writes it: `250.000 kr.` in Danish for kroner,
/// `250 000 kr` in Swedish, `DKK 250,000` in English.
pub fn amount(n: u64, currency: &str, lang: &str) -> String {
    let grouped = group_digits(i128::from(n), thousands_separator(lang));
    match (lang, currency) {
        // Danish and Norwegian abbreviate with a full stop, Swedish without.
        ("da" | "nb", "DKK" | "NOK" | "SEK") => format!("{grouped} kr."),
        ("sv", "DKK" | "NOK" | "SEK") => format!("{grouped} kr"),
        _ => format!("{currency} {grouped}"),
    }
}

/// Whether a translation table's entry (its text per language, `text`) holds the same
/// `{placeholders}` in every language of [`LANGUAGES`]: a value filled in English must not be
/// missing in Danish or Swedish. Every table's `placeholders_differ` uses it.
pub fn same_placeholders(text: impl Fn(&str) -> &'static str) -> bool {
    /// The placeholders of a text, sorted.
    fn placeholders(text: &str) -> Vec<&str> {
        let mut names: Vec<&str> = text
            .split('{')
            .skip(1)
            .filter_map(|part| part.split_once('}').map(|(name, _)| name))
            .collect();
        names.sort();
        names.dedup();
        names
    }
    let first = placeholders(text(LANGUAGES[0]));
    LANGUAGES
        .iter()
        .all(|lang| placeholders(text(lang)) == first)
}

/// The word that joins the last item of a list in `lang`: `og`, `och`, `und`, `and`.
pub fn and_word(lang: &str) -> &'static str {
    match lang {
        "da" | "nb" => "og",
        "sv" => "och",
        "de" => "und",
        _ => "and",
    }
}

/// `items` as `lang` lists them: `a, b og c` (Danish), `a, b and c`, `a, b och c`.
pub fn list(items: &[&str], lang: &str) -> String {
    list_with(items, ", ", lang)
}

/// `items` joined by `separator`, the last by the word for "and": `a; b og c`.
pub fn list_with(items: &[&str], separator: &str, lang: &str) -> String {
    let and = and_word(lang);
    match items {
        [] => String::new(),
        [one] => (*one).to_string(),
        [init @ .., last] => format!("{} {and} {last}", init.join(separator)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_ending_in_s_x_or_z_takes_the_genitive_each_language_gives_it() {
        let cases = [
            (
                "Hanne Friis",
                "Hanne Friis'",
                "Hanne Friis's",
                "Hanne Friis",
            ),
            ("Dots", "Dots'", "Dots's", "Dots"),
            ("Max", "Max'", "Max's", "Max"),
            ("Fritz", "Fritz'", "Fritz's", "Fritz"),
            ("Lene Bach", "Lene Bachs", "Lene Bach's", "Lene Bachs"),
            ("ANDERS", "ANDERS'", "ANDERS's", "ANDERS"),
        ];
        for (name, da, en, sv) in cases {
            assert_eq!(genitive(name, "da"), da);
            assert_eq!(genitive(name, "en"), en);
            assert_eq!(genitive(name, "sv"), sv);
        }
    }

    #[test]
    fn a_genitive_placeholder_is_filled_in_the_language_and_left_without_one() {
        let template = "{reviewer's} ark; {reviewer}";
        let values = [("reviewer", "Hanne Friis")];
        assert_eq!(
            fill_in("da", template, &values),
            "Hanne Friis' ark; Hanne Friis"
        );
        assert_eq!(fill(template, &values), "{reviewer's} ark; Hanne Friis");
    }

    #[test]
    fn a_full_stop_is_added_once() {
        assert_eq!(
            full_stop("Ansøgeren er min svoger"),
            "Ansøgeren er min svoger."
        );
        assert_eq!(
            full_stop("Ansøgeren er min svoger. "),
            "Ansøgeren er min svoger."
        );
        assert_eq!(full_stop("Hvorfor?"), "Hvorfor?");
    }

    #[test]
    fn digits_are_grouped() {
        assert_eq!(group_digits(0, "."), "0");
        assert_eq!(group_digits(1_234_567, "."), "1.234.567");
        assert_eq!(group_digits(-1000, ","), "-1,000");
        assert_eq!(group_digits(999, "."), "999");
    }

    #[test]
    fn sentences_fill_in_one_pass() {
        let filled = Sentence::GateNotMet.fill("da", &[("title", "{reason}"), ("reason", "R.")]);
        assert_eq!(filled, "Adgangskravet »{reason}« er ikke opfyldt. R.");
        assert_eq!(
            Sentence::BelowSo.fill("sv", &[]),
            "Ansökan kan därför inte föreslås för stöd."
        );
    }

    #[test]
    fn every_language_fills_the_same_placeholders() {
        assert_eq!(Sentence::placeholders_differ(), Vec::<&str>::new());
        assert_eq!(Label::placeholders_differ(), Vec::<&str>::new());
    }

    #[test]
    fn every_language_has_its_own_words() {
        // A column copied from another language by mistake would pass the compiler.
        for (a, b) in [("da", "sv"), ("da", "en"), ("en", "sv")] {
            assert_eq!(Sentence::alike(a, b), Vec::new(), "{a} and {b}");
        }
        assert_eq!(Label::Fund.text("sv"), "beviljas");
        assert_eq!(Label::Fund.text("fi"), "fund");
    }

    #[test]
    fn a_share_is_a_percentage_and_the_partial_rule_states_it() {
        let half: crate::decimal::Decimal = "0.5".parse().unwrap();
        let eighth: crate::decimal::Decimal = "0.125".parse().unwrap();
        assert_eq!(share(half, "da"), "50\u{a0}%");
        assert_eq!(share(eighth, "da"), "12,5\u{a0}%");
        assert_eq!(share(eighth, "en"), "12.5\u{a0}%");
        use crate::portfolio::FundingRuleName::*;
        let partial = Sentence::funding_rule(Partial, Some(half), "sv");
        assert!(
            partial.contains("minst 50\u{a0}% av det sökta beloppet"),
            "{partial}"
        );
        // Each rule has its own sentence, in each language.
        for lang in LANGUAGES {
            let sentences: std::collections::BTreeSet<String> = [Strict, Skip, Partial, Optimal]
                .into_iter()
                .map(|rule| Sentence::funding_rule(rule, Some(half), lang))
                .collect();
            assert_eq!(sentences.len(), 4, "{lang}");
        }
    }

    #[test]
    fn amounts_read_as_the_language_writes_them() {
        assert_eq!(amount(250_000, "DKK", "da"), "250.000 kr.");
        assert_eq!(amount(250_000, "DKK", "en"), "DKK 250,000");
        assert_eq!(amount(1_500, "SEK", "sv"), "1\u{a0}500 kr");
    }
}
