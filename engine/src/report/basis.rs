//! Where a rule comes from, as a report says it under the gate or criterion: the source's own
//! rule ("Kommissoriet: »…«") or the pack's reading of it ("Netværksgruppens fortolkning: …"),
//! so a choice of the deciding body is never presented as the text's (issue 16).
//!
//! The names come from the pack's `basis_names` in the report's language, else general words
//! of [`Label`]; the quotation stays in the source's own language.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::labels::{Label, Sentence};
use crate::manifest::{Basis, BasisKind, Manifest, Text};

/// A rule's basis in words, ready to lay out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BasisLine {
    /// `source` or `reading`: whose rule it is (a class in HTML).
    pub kind: &'static str,
    /// The sentence: the source's name and its words, or the reading's name, why and the words
    /// it reads.
    pub text: String,
}

impl BasisLine {
    /// `basis` of a rule of `manifest`, in `lang`.
    pub fn of(basis: &Basis, manifest: &Manifest, lang: &str) -> BasisLine {
        let names = manifest.basis_names.as_ref();
        // A name in the report's language, else our general words in it: a Danish name in an
        // English report would read as a quotation.
        let name = |named: Option<&Text>, general: Label| {
            named
                .and_then(|text| text.0.get(lang))
                .map_or_else(|| general.text(lang).to_string(), Clone::clone)
        };
        let source = name(names.map(|n| &n.source), Label::BasisSourceGeneral);
        let why = basis
            .why
            .as_ref()
            .map(|why| why.get(lang, &manifest.language).trim())
            .filter(|why| !why.is_empty());
        let quote = basis.quote.trim();
        let text = match (basis.kind, why) {
            (BasisKind::Source, None) => {
                Sentence::BasisSource.fill(lang, &[("source", &source), ("quote", quote)])
            }
            (BasisKind::Source, Some(why)) => Sentence::BasisSourceWhy
                .fill(lang, &[("source", &source), ("quote", quote), ("why", why)]),
            (BasisKind::Reading, why) => {
                let reading = name(names.map(|n| &n.reading), Label::BasisReadingGeneral);
                match why {
                    Some(why) => Sentence::BasisReading.fill(
                        lang,
                        &[
                            ("reading", &reading),
                            ("why", why),
                            ("source", &source),
                            ("quote", quote),
                        ],
                    ),
                    // `check` warns about a reading without why; the report still says whose
                    // rule it is.
                    None => Sentence::BasisReadingOf
                        .fill(lang, &[("reading", &reading), ("quote", quote)]),
                }
            }
        };
        BasisLine {
            kind: match basis.kind {
                BasisKind::Source => "source",
                BasisKind::Reading => "reading",
            },
            text,
        }
    }

    /// The basis of every gate of `manifest` that has one, by id, in `lang`.
    pub fn of_gates<'m>(manifest: &'m Manifest, lang: &str) -> BTreeMap<&'m str, BasisLine> {
        manifest
            .gates
            .iter()
            .filter_map(|g| {
                Some((
                    g.id.as_str(),
                    BasisLine::of(g.basis.as_ref()?, manifest, lang),
                ))
            })
            .collect()
    }

    /// The basis of every criterion of `manifest` that has one, by id, in `lang`.
    pub fn of_criteria<'m>(manifest: &'m Manifest, lang: &str) -> BTreeMap<&'m str, BasisLine> {
        manifest
            .criteria
            .iter()
            .filter_map(|c| {
                Some((
                    c.id.as_str(),
                    BasisLine::of(c.basis.as_ref()?, manifest, lang),
                ))
            })
            .collect()
    }

    /// The basis of the gate `id` of `manifest`, if it has one.
    pub fn of_gate(manifest: &Manifest, id: &str, lang: &str) -> Option<BasisLine> {
        let gate = manifest.gates.iter().find(|g| g.id == id)?;
        Some(BasisLine::of(gate.basis.as_ref()?, manifest, lang))
    }

    /// The basis of the criterion `id` of `manifest`, if it has one.
    pub fn of_criterion(manifest: &Manifest, id: &str, lang: &str) -> Option<BasisLine> {
        let criterion = manifest.criteria.iter().find(|c| c.id == id)?;
        Some(BasisLine::of(criterion.basis.as_ref()?, manifest, lang))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A manifest whose `basis_names` are `names` (source, reading) in Danish, if any.
    fn manifest(names: Option<(&str, &str)>) -> Manifest {
        let mut value = serde_json::json!({
            "id": "x", "version": "1", "title": {"da": "X"}, "language": "da",
            "currency": "DKK", "budget": 1,
            "criteria": [{"id": "a", "title": {"da": "A"}, "weight": 1, "max_points": 5,
                          "script": "a.rhai"}],
        });
        if let Some((source, reading)) = names {
            value["basis_names"] =
                serde_json::json!({"source": {"da": source}, "reading": {"da": reading}});
        }
        serde_json::from_value(value).expect("the test's manifest is valid")
    }

    fn reading() -> Basis {
        Basis {
            kind: BasisKind::Reading,
            quote: "Det forventes, at der søges eksterne midler.".into(),
            why: Some(crate::manifest::LongText(
                [(
                    "da".to_string(),
                    "Forventningen læses som et krav.".to_string(),
                )]
                .into(),
            )),
        }
    }

    #[test]
    fn a_reading_is_introduced_as_the_packs_and_quotes_its_source() {
        let m = manifest(Some(("Kommissoriet", "Netværksgruppens fortolkning")));
        let line = BasisLine::of(&reading(), &m, "da");
        assert_eq!(line.kind, "reading");
        assert_eq!(
            line.text,
            "Netværksgruppens fortolkning: Forventningen læses som et krav. (Kommissoriet: »Det \
             forventes, at der søges eksterne midler.«)"
        );
        let source = Basis {
            kind: BasisKind::Source,
            why: None,
            ..reading()
        };
        assert_eq!(
            BasisLine::of(&source, &m, "da").text,
            "Kommissoriet: »Det forventes, at der søges eksterne midler.«"
        );
    }

    #[test]
    fn without_names_in_the_language_general_words_are_used() {
        let m = manifest(Some(("Kommissoriet", "Gruppens")));
        let line = BasisLine::of(&reading(), &m, "sv");
        // The why falls back to the pack's language; the names to general Swedish words.
        assert_eq!(
            line.text,
            "Regelpaketets tolkning: Forventningen læses som et krav. (Källan: ”Det forventes, at \
             der søges eksterne midler.”)"
        );
        let bare = manifest(None);
        let without_why = Basis {
            why: None,
            ..reading()
        };
        assert_eq!(
            BasisLine::of(&without_why, &bare, "en").text,
            "The rule pack's reading of “Det forventes, at der søges eksterne midler.”"
        );
    }
}
