//! The translation table: every fixed label in reports, per language.
//!
//! Criterion and gate titles come from the pack; everything else a report says comes from here,
//! so a report reads in one language. Danish is written as a Danish civil servant would write it.

/// Defines [`Label`] and its texts from one list, so a label cannot lack a translation.
macro_rules! labels {
    ($($variant:ident => $da:literal, $en:literal;)*) => {
        /// A fixed label in a report.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum Label {
            $($variant,)*
        }

        impl Label {
            /// Every label, in the table's order.
            pub const ALL: &[Label] = &[$(Label::$variant,)*];

            /// The name templates use for it (`l.GatesMet`).
            pub fn key(self) -> &'static str {
                match self {
                    $(Label::$variant => stringify!($variant),)*
                }
            }

            fn texts(self) -> (&'static str, &'static str) {
                match self {
                    $(Label::$variant => ($da, $en),)*
                }
            }
        }
    };
}

labels! {
    Application => "Ansøgning", "Application";
    Pack => "Regelsæt", "Rule pack";
    Gates => "Adgangskrav", "Eligibility requirements";
    GatesMet => "alle opfyldt", "all met";
    GatesNotMet => "ikke alle opfyldt", "not all met";
    Met => "opfyldt", "met";
    NotMet => "ikke opfyldt", "not met";
    Criteria => "Kriterier i prioriteret rækkefølge", "Criteria in order of priority";
    Number => "Nr.", "No.";
    Criterion => "Kriterium", "Criterion";
    Points => "Point", "Points";
    Max => "Maks.", "Max";
    Weight => "Vægt", "Weight";
    Weighted => "Vægtet", "Weighted";
    Minimum => "mindst", "at least";
    Point => "point", "point";
    PointsUnit => "point", "points";
    BelowMinimum => "under minimum", "below minimum";
    Total => "Samlet", "Total";
    Of => "af", "of";
    Recommendation => "Indstilling", "Recommendation";
    NotYetDecided => "afgøres ved den samlede prioritering inden for budgettet", "decided when all applications are ranked against the budget";
    Fund => "støttes", "fund";
    Reserve => "på venteliste", "reserve";
    BelowThreshold => "under minimumskravene", "below the minimum requirements";
    Ineligible => "opfylder ikke adgangskravene", "not eligible";
    InputFingerprint => "Ansøgningens fingeraftryk", "Application fingerprint";
    Rank => "Placering", "Rank";
    Requested => "Ansøgt", "Requested";
    Granted => "Bevilget", "Granted";
    EngineVersion => "kriterium version", "kriterium version";
    ReportTitle => "Vurdering af ansøgning", "Assessment of application";
    Id => "Id", "Id";
    Title => "Titel", "Title";
    Applicant => "Ansøger", "Applicant";
    Organisation => "Organisation", "Organisation";
    Municipalities => "Kommuner", "Municipalities";
    Period => "Periode", "Period";
    Requirement => "Krav", "Requirement";
    Result => "Resultat", "Result";
    Reason => "Begrundelse", "Reason";
    Reasons => "Begrundelse", "Reasons";
    Threshold => "Tærskel", "Threshold";
    Why => "Begrundelse for indstillingen", "Reasons for the recommendation";
    FundingLine => "Finansieringslinje", "Funding line";
    Budget => "Pulje", "Budget";
    BudgetUsed => "Bevilget i alt", "Granted in all";
    BudgetLeft => "Tilbage", "Left";
    BudgetLeftBefore => "Tilbage af puljen før denne ansøgning", "Budget left before this application";
    Basis => "Grundlag for vurderingen", "Basis of the assessment";
    PackFingerprint => "Regelsættets fingeraftryk", "Rule pack fingerprint";
    Version => "version", "version";
    OverviewTitle => "Samlet prioritering", "Overall ranking";
    Applications => "Ansøgninger", "Applications";
    Contribution => "Kriteriernes bidrag", "Contribution of the criteria";
    Counts => "Indstillinger", "Recommendations";
    Rejected => "Afviste indsendelser", "Rejected inputs";
    RejectedNone => "Ingen indsendelser er afvist.", "No input was rejected.";
    Source => "Kilde", "Source";
    Problems => "Fejl", "Problems";
    Report => "Rapport", "Report";
    SortHint => "Klik på en kolonneoverskrift for at sortere.", "Click a column heading to sort.";
    FundingLineNote => "Linjen under den sidste ansøgning, der støttes, er finansieringslinjen.", "The line below the last funded application is the funding line.";
    Legend => "Signaturforklaring", "Legend";
    Count => "Antal", "Count";
    DiffTitle => "Ændringer i regelsættet og deres virkning", "Changes to the rule pack and their effect";
    Before => "Før", "Before";
    After => "Efter", "After";
    ChangedCriteria => "Ændrede kriterier", "Changed criteria";
    ChangedApplications => "Ansøgninger, der ændres", "Applications that change";
    UnchangedApplications => "Uændrede ansøgninger", "Unchanged applications";
    NoChanges => "Ingen ændringer: alle ansøgninger vurderes ens under begge regelsæt.", "No changes: every application is assessed alike under both packs.";
    Summary => "Sammenfatning", "Summary";
    Moved => "Ny placering", "Rank changed";
    FundingChanged => "Ændret støtte", "Funding changed";
    NewlyFunded => "Støttes nu", "Now funded";
    NoLongerFunded => "Støttes ikke længere", "No longer funded";
    BudgetEffect => "Virkning på budgettet", "Effect on the budget";
    NotRanked => "ikke placeret", "not ranked";
    Absent => "findes ikke", "absent";
    PointsOf => "Point for", "Points for";
    SensitivityTitle => "Hvor robust er prioriteringen?", "How robust is the ranking?";
    SensitivityIntro => "For hver ansøgning nær finansieringslinjen: den mindste ændring af ét kriteriums vægt, der ændrer, om ansøgningen støttes. Markeret med ⚠, hvis det sker inden for ±10 %.", "For every application near the funding line: the smallest change to one criterion's weight that changes whether it is funded. Marked ⚠ when that happens within ±10 %.";
    SensitivityNone => "Ingen ansøgnings støtte ændres af en ændring af én vægt inden for ±50 %.", "No application's funding changes with a change to one weight within ±50 %.";
    Funded => "Støttes", "Funded";
    Smallest => "Mindste ændring", "Smallest change";
    Flips => "vender inden for ±10 %", "flips within ±10 %";
    Robust => "Ansøgninger, hvis støtte ingen ændring af én vægt inden for ±50 % ændrer", "Applications whose funding no change to one weight within ±50 % changes";
    Yes => "ja", "yes";
    No => "nej", "no";
}

/// Languages with a full set of labels.
pub const LANGUAGES: [&str; 2] = ["da", "en"];

impl Label {
    /// The label in `lang`; English for a language without labels.
    pub fn text(self, lang: &str) -> &'static str {
        let (da, en) = self.texts();
        if lang == "da" { da } else { en }
    }
}

impl Label {
    /// The label of a recommendation.
    pub fn recommendation(recommendation: crate::decision::Recommendation) -> Label {
        use crate::decision::Recommendation::*;
        match recommendation {
            Fund => Label::Fund,
            Reserve => Label::Reserve,
            BelowThreshold => Label::BelowThreshold,
            Ineligible => Label::Ineligible,
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
/// `DKK 250,000` in English.
pub fn amount(n: u64, currency: &str, lang: &str) -> String {
    let grouped = group_digits(i128::from(n), thousands_separator(lang));
    match (lang, currency) {
        ("da" | "nb" | "sv", "DKK" | "NOK" | "SEK") => format!("{grouped} kr."),
        _ => format!("{currency} {grouped}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digits_are_grouped() {
        assert_eq!(group_digits(0, "."), "0");
        assert_eq!(group_digits(1_234_567, "."), "1.234.567");
        assert_eq!(group_digits(-1000, ","), "-1,000");
        assert_eq!(group_digits(999, "."), "999");
    }

    #[test]
    fn amounts_read_as_the_language_writes_them() {
        assert_eq!(amount(250_000, "DKK", "da"), "250.000 kr.");
        assert_eq!(amount(250_000, "DKK", "en"), "DKK 250,000");
        assert_eq!(amount(1_500, "SEK", "sv"), "1\u{a0}500 kr.");
    }
}
