//! The panel: the members who review and decide, their declared affiliations, and the conflicts
//! of interest (inhabilitet, forvaltningsloven § 3) that keep a member from reviewing an
//! application.
//!
//! A member has a conflict with an application when
//! - one of the member's organisations is the applicant organisation, a partner or the operator
//!   after the grant: the same CVR number where both have one ([`normalise_cvr`]: `DK`, spaces,
//!   hyphens and dots do not count), else the same name once normalised ([`normalise_name`]:
//!   case, spaces and punctuation do not count). The same name with two different CVR numbers
//!   also counts, as a conflict whose reason says so: one mistyped digit must not turn an exact
//!   name into "no conflict", and inhabilitet calls for caution;
//! - the member is the applicant (the same normalised name);
//! - the pack counts municipalities (`[reviews] municipality_conflicts = true`) and a
//!   municipality the member declared is one the application names;
//! - or the member declared a conflict with the application by hand, with a reason.
//!
//! The panel is written as TOML (`panel.toml`, read by [`Panel::from_toml`], which reports every
//! problem of the file at once in the reader's language) and kept in the register; `batch
//! --panel` reads the same file. A member's CVR number must be 8 digits that pass the official
//! modulus-11 check (weights 2, 7, 6, 5, 4, 3, 2, 1; the sum divisible by 11), so a mistyped
//! digit is caught when the panel is set.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::application::Application;
use crate::manifest::Manifest;
use crate::pack::spanned::{self, SpannedJson};
use crate::problem::{Arg, Message, Problem, Wording};
use crate::text::{nfc, quote};

/// The members of a panel and the conflicts they declared.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Panel (panel.toml)")]
pub struct Panel {
    /// The members, each with their declared affiliations (`[[member]]`).
    #[serde(default, rename = "member")]
    pub members: Vec<Member>,
    /// Conflicts declared by hand (`[[conflict]]`).
    #[serde(default, rename = "conflict")]
    pub conflicts: Vec<DeclaredConflict>,
}

/// A member of the panel and what they declared.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Member {
    /// The member's name, as review sheets give it (not blank: [`Panel::problems`]).
    #[schemars(length(max = 200))]
    pub name: String,
    /// Organisations the member works for or sits on the board of.
    #[serde(default)]
    pub organisations: Vec<Affiliation>,
    /// Municipalities the member represents or works for (count as conflicts only where the
    /// pack says so).
    #[serde(default)]
    pub municipalities: Vec<String>,
    /// The member's roles, e.g. `musikskoleleder` (shown, never matched).
    #[serde(default)]
    pub roles: Vec<String>,
}

/// An organisation a member declared.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Affiliation {
    /// The organisation's name.
    #[schemars(length(min = 1, max = 200))]
    pub name: String,
    /// Its CVR number, when known: 8 digits passing the modulus-11 check, written as the member
    /// likes (`DK 12 34 56 78`; compared by [`normalise_cvr`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(max = 40))]
    pub cvr: Option<String>,
}

/// A conflict of interest a member declared by hand.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DeclaredConflict {
    /// The member's name.
    pub member: String,
    /// The application's id.
    pub application: String,
    /// Why, in the member's words (not blank: [`Panel::problems`]).
    #[schemars(length(max = 1000))]
    pub reason: String,
}

/// A member who stood aside from an application, and why.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StoodAside {
    /// The member's name.
    pub member: String,
    /// Why: which affiliation meets which party of the application, or the declared reason.
    #[serde(with = "binary_as_json")]
    #[schemars(with = "ConflictReason")]
    pub reason: ConflictReason,
}

/// [`ConflictReason`] in a binary record (the batch's spill file, postcard) as its JSON text:
/// an enum tagged inside its fields (`kind`) cannot be read back from a format that does not
/// describe itself. JSON and other self-describing formats hold it as it is.
mod binary_as_json {
    use serde::de::Error as _;
    use serde::ser::Error as _;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    use super::ConflictReason;

    pub fn serialize<S: Serializer>(reason: &ConflictReason, s: S) -> Result<S::Ok, S::Error> {
        if s.is_human_readable() {
            reason.serialize(s)
        } else {
            let json = serde_json::to_string(reason).map_err(S::Error::custom)?;
            s.serialize_str(&json)
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<ConflictReason, D::Error> {
        if d.is_human_readable() {
            ConflictReason::deserialize(d)
        } else {
            let json = String::deserialize(d)?;
            serde_json::from_str(&json).map_err(D::Error::custom)
        }
    }
}

/// What makes a conflict of interest.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", tag = "kind", deny_unknown_fields)]
pub enum ConflictReason {
    /// The member's organisation is a party of the application.
    Organisation {
        /// The organisation, as the application names it.
        organisation: String,
        /// Which party: `applicant`, `partner` or `operator`.
        party: Party,
        /// Whether the CVR numbers matched (else the names did).
        by_cvr: bool,
    },
    /// The member is the applicant.
    Applicant,
    /// The member declared the municipality, and the pack counts municipalities.
    Municipality {
        /// The municipality.
        municipality: String,
    },
    /// The member's organisation has the party's name but another CVR number. Counted as a
    /// conflict out of caution: a mistyped digit in the panel file must not hide one.
    SameNameOtherCvr {
        /// The organisation, as the application names it.
        organisation: String,
        /// Which party: `applicant`, `partner` or `operator`.
        party: Party,
        /// The CVR number the member gave, without `DK`, spaces, hyphens or dots.
        member_cvr: String,
        /// The CVR number the application gives, written the same way.
        cvr: String,
    },
    /// Declared by the member.
    Declared {
        /// The member's reason.
        reason: String,
    },
}

/// Which party of an application an organisation is.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Party {
    /// The applicant organisation.
    Applicant,
    /// A partner.
    Partner,
    /// Who runs the initiative after the grant.
    Operator,
}

/// A name as conflicts compare it: composed ([`nfc`]: `å` one character however it was typed),
/// lowercase, every run of characters other than letters and digits one space, trimmed.
/// `The  Music School.` and `the music school` are one.
pub fn normalise_name(name: &str) -> String {
    nfc(name)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

/// A CVR number as conflicts compare it and the panel checks it: a leading `DK` (the VAT
/// prefix), spaces, hyphens and dots left out. `DK-12 34.56 78` → `12345678`. Used on both
/// sides, the panel's and the application's.
pub fn normalise_cvr(cvr: &str) -> String {
    let kept: String = cvr
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '-' | '.'))
        .collect();
    match kept.get(..2) {
        Some(prefix) if prefix.eq_ignore_ascii_case("DK") => kept[2..].to_string(),
        _ => kept,
    }
}

/// What is wrong with a CVR number once normalised ([`normalise_cvr`]), if anything: not 8
/// digits, or 8 digits failing the modulus-11 check every CVR number passes (weights 2, 7, 6, 5,
/// 4, 3, 2, 1; the weighted sum divisible by 11), as Erhvervsstyrelsen issues them. One
/// mistyped digit always fails it, as every weight is prime to 11.
fn cvr_problem(normalised: &str) -> Option<Wording> {
    let digits: Vec<u32> = normalised.chars().filter_map(|c| c.to_digit(10)).collect();
    if digits.len() != 8 || normalised.chars().count() != 8 {
        return Some(Wording::PanelCvrNotEightDigits);
    }
    let sum: u32 = digits
        .iter()
        .zip([2, 7, 6, 5, 4, 3, 2, 1])
        .map(|(d, w)| d * w)
        .sum();
    (!sum.is_multiple_of(11)).then_some(Wording::PanelCvrCheckDigit)
}

/// How a member's organisation meets a party of an application, best first (the order
/// [`Panel::conflicts`] prefers).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Meeting {
    /// The same CVR number.
    Cvr,
    /// The same name, where one side has no CVR number.
    Name,
    /// The same name, but two different CVR numbers (normalised).
    NameOtherCvr { member_cvr: String, cvr: String },
}

/// How `affiliation` meets the party `name` with CVR number `cvr`, if it does.
fn meeting(affiliation: &Affiliation, name: &str, cvr: Option<&str>) -> Option<Meeting> {
    let same_name = normalise_name(&affiliation.name) == normalise_name(name);
    match (affiliation.cvr.as_deref(), cvr) {
        (Some(own), Some(theirs)) => {
            let (member_cvr, cvr) = (normalise_cvr(own), normalise_cvr(theirs));
            if member_cvr == cvr {
                Some(Meeting::Cvr)
            } else {
                same_name.then_some(Meeting::NameOtherCvr { member_cvr, cvr })
            }
        }
        _ => same_name.then_some(Meeting::Name),
    }
}

impl Panel {
    /// Reads a panel from the TOML `text` of the file `name` (how messages name it), checked
    /// as [`Panel::problems`] says.
    ///
    /// # Errors
    /// Every problem of the file, each at its line and column in words of every language: the
    /// TOML's syntax error, or every field the panel does not have (with a "did you mean"),
    /// every value of the wrong type, and every problem [`Panel::problems`] finds.
    pub fn from_toml(name: &str, text: &str) -> Result<Panel, Vec<Problem>> {
        let worded = |panel: &Panel, doc: &SpannedJson| -> Vec<Problem> {
            panel
                .problems()
                .into_iter()
                .map(|(pointer, message)| doc.worded(name, text, &pointer, message))
                .collect()
        };
        match Panel::read(name, text) {
            Ok((panel, doc)) => {
                let problems = worded(&panel, &doc);
                if problems.is_empty() {
                    Ok(panel)
                } else {
                    Err(problems)
                }
            }
            Err(mut problems) => {
                // The shape is wrong (a mistyped key, say). What still reads without the
                // unknown keys is checked too, so one run names every problem of the file.
                if let Ok(mut doc) = SpannedJson::parse(text) {
                    spanned::without_unknown_fields(&mut doc.value, &Panel::schema());
                    if let Ok(panel) = crate::json::typed::<Panel>(&doc.value) {
                        problems.extend(worded(&panel, &doc));
                        problems.sort();
                    }
                }
                Err(problems)
            }
        }
    }

    /// Reads a panel the register stored, as [`Panel::from_toml`] but without
    /// [`Panel::problems`]: it was checked when it was set, and a check added later must not
    /// make a register's history unreadable.
    ///
    /// # Errors
    /// The text is no longer a panel file (it was changed outside kriterium).
    pub fn from_stored_toml(name: &str, text: &str) -> Result<Panel, Vec<Problem>> {
        Panel::read(name, text).map(|(panel, _)| panel)
    }

    /// The TOML's syntax, the panel's shape (every problem), then the typed panel.
    fn read(name: &str, text: &str) -> Result<(Panel, SpannedJson), Vec<Problem>> {
        spanned::read_typed::<Panel>(name, text, &Panel::schema())
            .map(|(panel, doc)| (panel.composed(), doc))
    }

    /// The panel with every name composed ([`nfc`]): members, their organisations and
    /// municipalities, and the members of declared conflicts. Sheets' reviewer names are
    /// composed too, so a name typed on a Mac (decomposed) is the same member.
    fn composed(mut self) -> Panel {
        let compose = |text: &mut String| {
            if let std::borrow::Cow::Owned(composed) = nfc(text) {
                *text = composed;
            }
        };
        for member in &mut self.members {
            compose(&mut member.name);
            member
                .organisations
                .iter_mut()
                .for_each(|a| compose(&mut a.name));
            member.municipalities.iter_mut().for_each(compose);
        }
        self.conflicts
            .iter_mut()
            .for_each(|c| compose(&mut c.member));
        self
    }

    /// The JSON Schema of a panel file (as the JSON its TOML corresponds to).
    fn schema() -> serde_json::Value {
        schemars::schema_for!(Panel).to_value()
    }

    /// What the TOML's shape cannot say, as (JSON pointer, problem), every one in file order:
    /// the panel has members; every member has a name, given once (names compared as
    /// [`normalise_name`] compares them, so `Anna Berg` and `anna  berg` are one); every CVR
    /// number is 8 digits passing the modulus-11 check; every declared conflict names a member,
    /// an application and a reason, once. `kriterium test` checks a case's `[panel]` with it too.
    pub fn problems(&self) -> Vec<(String, Message)> {
        let mut problems = Vec::new();
        if self.members.is_empty() {
            problems.push((String::new(), Message::of(Wording::PanelNoMembers)));
        }
        let mut seen: BTreeMap<String, usize> = BTreeMap::new();
        for (i, member) in self.members.iter().enumerate() {
            let key = normalise_name(&member.name);
            if key.is_empty() {
                problems.push((
                    format!("/member/{i}/name"),
                    Message::of(Wording::PanelMemberNoName),
                ));
            } else if let Some(&first) = seen.get(&key) {
                problems.push((
                    format!("/member/{i}/name"),
                    Message::of(Wording::PanelMemberTwice)
                        .with("name", quote(&member.name))
                        .with("first", quote(&self.members[first].name))
                        .with("number", Arg::amount(first as i128 + 1)),
                ));
            } else {
                seen.insert(key, i);
            }
            for (j, organisation) in member.organisations.iter().enumerate() {
                let Some(cvr) = &organisation.cvr else {
                    continue;
                };
                if let Some(wording) = cvr_problem(&normalise_cvr(cvr)) {
                    problems.push((
                        format!("/member/{i}/organisations/{j}/cvr"),
                        Message::of(wording)
                            .with("cvr", quote(cvr))
                            .with("organisation", quote(&organisation.name))
                            .with("member", quote(&member.name)),
                    ));
                }
            }
        }
        let names: Vec<&str> = self.members.iter().map(|m| m.name.as_str()).collect();
        let mut declared: BTreeMap<(&str, &str), usize> = BTreeMap::new();
        for (i, conflict) in self.conflicts.iter().enumerate() {
            let at = |field: &str| format!("/conflict/{i}/{field}");
            if !self.has_member(&conflict.member) {
                let hint = crate::suggest::closest(&conflict.member, names.iter().copied()).map_or(
                    Arg::from(""),
                    |known| {
                        Message::of(Wording::DidYouMean)
                            .with("name", quote(known))
                            .into()
                    },
                );
                problems.push((
                    at("member"),
                    Message::of(Wording::PanelConflictNoMember)
                        .with("member", quote(&conflict.member))
                        .with("hint", hint),
                ));
            }
            let application = conflict.application.trim();
            if application.is_empty() {
                problems.push((
                    at("application"),
                    Message::of(Wording::PanelConflictNoApplication),
                ));
            }
            if conflict.reason.trim().is_empty() {
                problems.push((at("reason"), Message::of(Wording::PanelConflictNoReason)));
            }
            if let Some(&first) = declared.get(&(conflict.member.as_str(), application)) {
                problems.push((
                    format!("/conflict/{i}"),
                    Message::of(Wording::PanelConflictTwice)
                        .with("member", quote(&conflict.member))
                        .with("application", quote(application))
                        .with("number", Arg::amount(first as i128 + 1)),
                ));
            } else {
                declared.insert((conflict.member.as_str(), application), i);
            }
        }
        problems
    }

    /// Whether `name` is a member (compared composed, [`nfc`]: the panel's names are).
    pub fn has_member(&self, name: &str) -> bool {
        let name = nfc(name);
        self.members.iter().any(|m| m.name == name)
    }

    /// The members with a conflict of interest with `application`, by name, each with the first
    /// reason found (organisations before the applicant, municipalities, declarations; among
    /// organisations, the same CVR number or name before the same name with another CVR
    /// number).
    pub fn conflicts(&self, manifest: &Manifest, application: &Application) -> Vec<StoodAside> {
        let municipality_counts = manifest
            .reviews
            .as_ref()
            .is_some_and(|r| r.municipality_conflicts);
        let org = &application.organisation;
        let mut parties: Vec<(&str, Option<&str>, Party)> =
            vec![(org.name.as_str(), org.cvr.as_deref(), Party::Applicant)];
        parties.extend(
            application
                .partners
                .iter()
                .map(|p| (p.name.as_str(), None, Party::Partner)),
        );
        if let Some(operator) = &application.continuation.operator {
            parties.push((operator.as_str(), None, Party::Operator));
        }
        let mut municipalities: Vec<&str> = application
            .municipalities
            .iter()
            .map(String::as_str)
            .collect();
        municipalities.push(org.municipality.as_str());

        let mut found: Vec<StoodAside> = self
            .members
            .iter()
            .filter_map(|member| {
                // The best meeting of any organisation with any party; the first such in the
                // order written.
                let by_organisation = parties
                    .iter()
                    .flat_map(|party| member.organisations.iter().map(move |a| (party, a)))
                    .filter_map(|((name, cvr, party), a)| {
                        meeting(a, name, *cvr).map(|m| (m, name, party))
                    })
                    .min_by(|x, y| x.0.cmp(&y.0))
                    .map(|(m, name, party)| {
                        let organisation = (*name).to_string();
                        match m {
                            Meeting::NameOtherCvr { member_cvr, cvr } => {
                                ConflictReason::SameNameOtherCvr {
                                    organisation,
                                    party: *party,
                                    member_cvr,
                                    cvr,
                                }
                            }
                            Meeting::Cvr | Meeting::Name => ConflictReason::Organisation {
                                organisation,
                                party: *party,
                                by_cvr: m == Meeting::Cvr,
                            },
                        }
                    });
                let reason = by_organisation
                    .or_else(|| {
                        (normalise_name(&member.name)
                            == normalise_name(&application.applicant.name))
                        .then_some(ConflictReason::Applicant)
                    })
                    .or_else(|| {
                        municipality_counts
                            .then(|| {
                                member.municipalities.iter().find(|m| {
                                    municipalities
                                        .iter()
                                        .any(|a| normalise_name(a) == normalise_name(m))
                                })
                            })
                            .flatten()
                            .map(|m| ConflictReason::Municipality {
                                municipality: m.clone(),
                            })
                    })
                    .or_else(|| {
                        self.conflicts
                            .iter()
                            .find(|c| {
                                c.member == member.name
                                    // An id typed in another case names the same application,
                                    // as ids are matched everywhere else.
                                    && c.application.trim().eq_ignore_ascii_case(&application.id)
                            })
                            .map(|c| ConflictReason::Declared {
                                reason: c.reason.clone(),
                            })
                    })?;
                Some(StoodAside {
                    member: member.name.clone(),
                    reason,
                })
            })
            .collect();
        found.sort();
        found
    }
}

crate::translation_table! {
    /// Why a member stood aside, in words.
    ConflictWords {
    OrgApplicant => "{member} er tilknyttet ansøgeren, {organisation}", "{member} is affiliated with the applicant, {organisation}", "{member} är knuten till den sökande, {organisation}";
    OrgPartner => "{member} er tilknyttet {organisation}, som er partner i indsatsen", "{member} is affiliated with {organisation}, a partner in the initiative", "{member} är knuten till {organisation}, som är partner i insatsen";
    OrgOperator => "{member} er tilknyttet {organisation}, som skal drive indsatsen videre", "{member} is affiliated with {organisation}, which is to run the initiative afterwards", "{member} är knuten till {organisation}, som ska driva insatsen vidare";
    ByCvr => " (samme CVR-nummer)", " (the same CVR number)", " (samma CVR-nummer)";
    SameNameOtherCvr => "{member} er tilknyttet {organisation} med CVR-nummer {member_cvr}, mens ansøgningens {organisation} har CVR-nummer {cvr}; samme navn regnes af forsigtighed som inhabilitet", "{member} is affiliated with {organisation}, CVR number {member_cvr}, while the application's {organisation} has CVR number {cvr}; as a precaution the same name counts as a conflict of interest", "{member} är knuten till {organisation} med CVR-nummer {member_cvr}, medan ansökans {organisation} har CVR-nummer {cvr}; av försiktighet räknas samma namn som jäv";
    IsApplicant => "{member} er selv ansøger", "{member} is the applicant", "{member} är själv sökande";
    SameMunicipality => "{member} repræsenterer {municipality}, som ansøgningen omfatter", "{member} represents {municipality}, which the application includes", "{member} representerar {municipality}, som ansökan omfattar";
    Declared => "{member} har erklæret sig inhabil: {reason}", "{member} declared a conflict of interest: {reason}", "{member} har anmält jäv: {reason}";
    }
}

impl StoodAside {
    /// Why the member stood aside, as a sentence without its full stop in `lang` (`da`, `en`,
    /// `sv`): »Anna Berg er tilknyttet ansøgeren, Musikskolen«. A declared reason's own final
    /// full stops are left out, so the sentence a caller ends with one never ends in `..`.
    pub fn text(&self, lang: &str) -> String {
        let member = self.member.as_str();
        match &self.reason {
            ConflictReason::Organisation {
                organisation,
                party,
                by_cvr,
            } => {
                let words = match party {
                    Party::Applicant => ConflictWords::OrgApplicant,
                    Party::Partner => ConflictWords::OrgPartner,
                    Party::Operator => ConflictWords::OrgOperator,
                };
                let mut text =
                    words.fill(lang, &[("member", member), ("organisation", organisation)]);
                if *by_cvr {
                    text.push_str(ConflictWords::ByCvr.text(lang));
                }
                text
            }
            ConflictReason::Applicant => {
                ConflictWords::IsApplicant.fill(lang, &[("member", member)])
            }
            ConflictReason::Municipality { municipality } => ConflictWords::SameMunicipality
                .fill(lang, &[("member", member), ("municipality", municipality)]),
            ConflictReason::SameNameOtherCvr {
                organisation,
                member_cvr,
                cvr,
                ..
            } => ConflictWords::SameNameOtherCvr.fill(
                lang,
                &[
                    ("member", member),
                    ("organisation", organisation),
                    ("member_cvr", member_cvr),
                    ("cvr", cvr),
                ],
            ),
            ConflictReason::Declared { reason } => {
                let reason = reason.trim_end().trim_end_matches('.').trim_end();
                ConflictWords::Declared.fill(lang, &[("member", member), ("reason", reason)])
            }
        }
    }
}

#[cfg(test)]
mod tests;
