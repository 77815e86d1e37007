//! The panel: the members who review and decide, their declared affiliations, and the conflicts
//! of interest (inhabilitet, forvaltningsloven § 3) that keep a member from reviewing an
//! application.
//!
//! A member has a conflict with an application when
//! - one of the member's organisations is the applicant organisation, a partner or the operator
//!   after the grant: the same CVR number where both have one, else the same name once
//!   normalised ([`normalise_name`]: case, spaces and punctuation do not count);
//! - the member is the applicant (the same normalised name);
//! - the pack counts municipalities (`[reviews] municipality_conflicts = true`) and a
//!   municipality the member declared is one the application names;
//! - or the member declared a conflict with the application by hand, with a reason.
//!
//! The panel is written as TOML (`panel.toml`, read by [`Panel::from_toml`]) and kept in the
//! register; `batch --panel` reads the same file.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::application::Application;
use crate::manifest::Manifest;

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
    /// The member's name, as review sheets give it.
    #[schemars(length(min = 1, max = 200))]
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
    /// Its CVR number (8 digits), when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = r"^[0-9]{8}$"))]
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
    /// Why, in the member's words.
    #[schemars(length(min = 1, max = 1000))]
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

/// A name as conflicts compare it: lowercase, every run of characters other than letters and
/// digits one space, trimmed. `The  Music School.` and `the music school` are one.
pub fn normalise_name(name: &str) -> String {
    name.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

impl Panel {
    /// Reads a panel from TOML text; `name` is how the file is named in messages.
    ///
    /// # Errors
    /// The TOML's error with its line and column, or a member named twice, a conflict naming no
    /// member, a blank name.
    pub fn from_toml(name: &str, text: &str) -> Result<Panel, String> {
        let panel: Panel = toml::from_str(text).map_err(|e| {
            let place = e.span().map(|span| {
                let before = &text[..span.start.min(text.len())];
                let line = before.matches('\n').count() + 1;
                let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
                format!(":{line}:{column}")
            });
            format!("{name}{}: {}", place.unwrap_or_default(), e.message())
        })?;
        panel.check(name)?;
        Ok(panel)
    }

    /// What the TOML's shape cannot say: every member has a name, no member is listed twice,
    /// every declared conflict names a member. `name` is how the panel's file is named in
    /// messages (`kriterium test` checks a case's `[panel]` with it too).
    ///
    /// # Errors
    /// The first such problem, naming the member.
    pub fn check(&self, name: &str) -> Result<(), String> {
        let panel = self;
        let mut seen = BTreeMap::new();
        for member in &panel.members {
            if member.name.trim().is_empty() {
                return Err(format!("{name}: a member has no name"));
            }
            if seen.insert(member.name.as_str(), ()).is_some() {
                return Err(format!(
                    "{name}: the member »{}« is listed twice",
                    member.name
                ));
            }
        }
        for conflict in &panel.conflicts {
            if !seen.contains_key(conflict.member.as_str()) {
                return Err(format!(
                    "{name}: the conflict declared for »{}« names no member of the panel",
                    conflict.member
                ));
            }
        }
        Ok(())
    }

    /// Whether `name` is a member.
    pub fn has_member(&self, name: &str) -> bool {
        self.members.iter().any(|m| m.name == name)
    }

    /// The members with a conflict of interest with `application`, by name, each with the first
    /// reason found (organisations before the applicant, municipalities, declarations).
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
                let by_organisation = parties.iter().find_map(|(name, cvr, party)| {
                    member.organisations.iter().find_map(|a| {
                        let by_cvr = a.cvr.is_some() && cvr.is_some();
                        let same = if by_cvr {
                            a.cvr.as_deref() == *cvr
                        } else {
                            normalise_name(&a.name) == normalise_name(name)
                        };
                        same.then(|| ConflictReason::Organisation {
                            organisation: (*name).to_string(),
                            party: *party,
                            by_cvr,
                        })
                    })
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
                            .find(|c| c.member == member.name && c.application == application.id)
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
    IsApplicant => "{member} er selv ansøger", "{member} is the applicant", "{member} är själv sökande";
    SameMunicipality => "{member} repræsenterer {municipality}, som ansøgningen omfatter", "{member} represents {municipality}, which the application includes", "{member} representerar {municipality}, som ansökan omfattar";
    Declared => "{member} har erklæret sig inhabil: {reason}", "{member} declared a conflict of interest: {reason}", "{member} har anmält jäv: {reason}";
    }
}

impl StoodAside {
    /// Why the member stood aside, as a sentence without its full stop in `lang` (`da`, `en`,
    /// `sv`): »Anna Berg er tilknyttet ansøgeren, Musikskolen«.
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
            ConflictReason::Declared { reason } => {
                ConflictWords::Declared.fill(lang, &[("member", member), ("reason", reason)])
            }
        }
    }
}
