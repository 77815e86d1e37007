//! What a batch keeps of each assessed application until the ranking is known: the typed
//! decision and the facts its report shows, as one compact binary record (postcard).
//!
//! A batch of a million applications cannot hold every decision in memory (about 2 KB each), so
//! the caller writes these records to a file as they arrive and reads them back in rank order.
//! The record is the typed value itself, not its JSON: each output (`decisions.jsonl`, a report,
//! the overview) is serialised once from the value read back, and nothing searches or splices
//! JSON text. Decimals keep their exact 16-byte form ([`crate::decimal::Decimal`]'s binary
//! encoding).

use serde::{Deserialize, Serialize};

use crate::decision::Decision;
use crate::report::ApplicationFacts;

/// One assessed application as the spill file holds it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Kept {
    /// The decision before ranking.
    pub decision: Decision,
    /// What the application's report shows besides the decision.
    pub facts: ApplicationFacts,
}

/// Encodes a decision and its facts as one record (a few hundred bytes to a few KB).
pub fn encode(decision: &Decision, facts: &ApplicationFacts) -> Vec<u8> {
    #[derive(Serialize)]
    struct KeptRef<'a> {
        decision: &'a Decision,
        facts: &'a ApplicationFacts,
    }
    postcard::to_allocvec(&KeptRef { decision, facts })
        .expect("plain data (strings, numbers, lists) always encodes")
}

/// Decodes a record written by [`encode`].
///
/// # Errors
/// A message when the bytes are not such a record (the file was changed or cut short).
pub fn decode(bytes: &[u8]) -> Result<Kept, String> {
    postcard::from_bytes(bytes).map_err(|e| format!("a stored decision cannot be read back: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decimal::Decimal;
    use crate::decision::{CriterionResult, DecisionReviews, GateResult, PackRef, Recommendation};
    use crate::panel::{ConflictReason, StoodAside};
    use crate::portfolio::AttributeValue;
    use crate::review::{CriterionReview, ScoreGiven};

    #[test]
    fn a_record_reads_back_as_the_same_values() {
        let decision = Decision {
            application_id: "A-1".into(),
            title: "Træning \"ude\" ,\"pack\":".into(),
            eligible: false,
            gates: vec![GateResult {
                id: "g".into(),
                title: "G".into(),
                passed: false,
                reason: "nej".into(),
            }],
            criteria: vec![CriterionResult {
                id: "c".into(),
                title: "C".into(),
                priority: 1,
                weight: "1.25".parse::<Decimal>().unwrap(),
                points: "2.50".parse::<Decimal>().unwrap(),
                max_points: Decimal::from(4i64),
                min_points: Some("0.01".parse::<Decimal>().unwrap()),
                weighted: "3.125".parse::<Decimal>().unwrap(),
                reasons: vec!["én".into(), String::new()],
                review: Some(CriterionReview {
                    scores: vec![ScoreGiven {
                        reviewer: "Ida".into(),
                        score: 4,
                        calibrated: Some("3.5".parse::<Decimal>().unwrap()),
                        comment: "god".into(),
                    }],
                    spread: Some(0),
                    disagreement: false,
                }),
            }],
            total: "3.125".parse::<Decimal>().unwrap(),
            max_total: Decimal::from(5i64),
            recommendation: Some(Recommendation::Ineligible),
            rank: None,
            granted: None,
            batch: None,
            pack: PackRef {
                id: "p".into(),
                version: "1".into(),
                fingerprint: "sha256:0".into(),
            },
            input_fingerprint: "sha256:1".into(),
            engine_version: "0".into(),
            budget: Some(200_000),
            year: Some(2025),
            reviews: Some(DecisionReviews {
                fingerprint: "sha256:2".into(),
                assessed_by: vec!["Ida".into()],
                stood_aside: vec![StoodAside {
                    member: "Bo".into(),
                    reason: ConflictReason::Declared {
                        reason: "nabo".into(),
                    },
                }],
                calibrated_from: None,
            }),
            // A flag and a list: a record that does not describe itself must still tell them
            // apart.
            attributes: [
                ("f".to_string(), AttributeValue::Flag(true)),
                ("k".to_string(), AttributeValue::Values(vec!["x".into()])),
                ("tom".to_string(), AttributeValue::Values(Vec::new())),
            ]
            .into(),
        };
        let facts = ApplicationFacts {
            applicant: "a".into(),
            organisation: "o".into(),
            municipalities: vec!["x".into(), "y".into()],
            requested: 60_000,
            period_start: "2026-01-01".into(),
            period_end: "2026-12-31".into(),
        };
        let bytes = encode(&decision, &facts);
        let kept = decode(&bytes).unwrap();
        assert_eq!(kept.decision, decision);
        assert_eq!(kept.facts, facts);
        // The decimals keep their scale, so JSON written from the value read back is the same.
        assert_eq!(
            serde_json::to_string(&kept.decision).unwrap(),
            serde_json::to_string(&decision).unwrap()
        );
        assert!(decode(&bytes[..bytes.len() - 3]).is_err());

        // Without reviews or attributes the JSON leaves them out, while the record still reads
        // back.
        let mut plain = decision.clone();
        plain.reviews = None;
        plain.attributes.clear();
        plain.criteria[0].review = None;
        let kept = decode(&encode(&plain, &facts)).unwrap();
        assert_eq!(kept.decision, plain);
        let json = serde_json::to_string(&plain).unwrap();
        assert!(!json.contains("review"), "{json}");
        assert!(!json.contains("attributes"), "{json}");
    }
}
