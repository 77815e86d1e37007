//! The translation table: every fixed label in reports, per language.
//!
//! Criterion and gate titles come from the pack; everything else a report says comes from here,
//! so a report reads in one language. Danish is written as a Danish civil servant would write it.

/// A fixed label in a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Label {
    Application,
    Pack,
    Gates,
    GatesMet,
    GatesNotMet,
    Met,
    NotMet,
    Criteria,
    Number,
    Criterion,
    Points,
    Max,
    Weight,
    Weighted,
    Minimum,
    Point,
    PointsUnit,
    BelowMinimum,
    Total,
    Of,
    Recommendation,
    NotYetDecided,
    Fund,
    Reserve,
    BelowThreshold,
    Ineligible,
    InputFingerprint,
    Rank,
    Requested,
    Granted,
    EngineVersion,
}

/// Languages with a full set of labels.
pub const LANGUAGES: [&str; 2] = ["da", "en"];

impl Label {
    /// The label in `lang`; English for a language without labels.
    pub fn text(self, lang: &str) -> &'static str {
        let (da, en) = match self {
            Label::Application => ("Ansøgning", "Application"),
            Label::Pack => ("Regelsæt", "Rule pack"),
            Label::Gates => ("Adgangskrav", "Eligibility requirements"),
            Label::GatesMet => ("alle opfyldt", "all met"),
            Label::GatesNotMet => ("ikke alle opfyldt", "not all met"),
            Label::Met => ("opfyldt", "met"),
            Label::NotMet => ("ikke opfyldt", "not met"),
            Label::Criteria => (
                "Kriterier i prioriteret rækkefølge",
                "Criteria in order of priority",
            ),
            Label::Number => ("Nr.", "No."),
            Label::Criterion => ("Kriterium", "Criterion"),
            Label::Points => ("Point", "Points"),
            Label::Max => ("Maks.", "Max"),
            Label::Weight => ("Vægt", "Weight"),
            Label::Weighted => ("Vægtet", "Weighted"),
            Label::Minimum => ("mindst", "at least"),
            Label::Point => ("point", "point"),
            Label::PointsUnit => ("point", "points"),
            Label::BelowMinimum => ("under minimum", "below minimum"),
            Label::Total => ("Samlet", "Total"),
            Label::Of => ("af", "of"),
            Label::Recommendation => ("Indstilling", "Recommendation"),
            Label::NotYetDecided => (
                "afgøres ved den samlede prioritering inden for budgettet",
                "decided when all applications are ranked against the budget",
            ),
            Label::Fund => ("støttes", "fund"),
            Label::Reserve => ("på venteliste", "reserve"),
            Label::BelowThreshold => ("under minimumskravene", "below the minimum requirements"),
            Label::Ineligible => ("opfylder ikke adgangskravene", "not eligible"),
            Label::InputFingerprint => ("Ansøgningens fingeraftryk", "Application fingerprint"),
            Label::Rank => ("Placering", "Rank"),
            Label::Requested => ("Ansøgt", "Requested"),
            Label::Granted => ("Bevilget", "Granted"),
            Label::EngineVersion => ("kriterium version", "kriterium version"),
        };
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
