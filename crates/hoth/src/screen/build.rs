//! From bytes to a validated [`Screening`]: every problem reported at once.
//!
//! The request is parsed once ([`crate::json`]). `crate::screen::fast` turns a valid one straight
//! into a [`Screening`]. Anything it does not like comes here, to the complete path: walk
//! the same parsed value field by field with [`crate::contract::read::Reader`] (the same reader
//! rulesets use), so *every* structural problem gets its own JSON pointer, then run the
//! ruleset checks (`check`) on whatever was readable. A typed [`Request`] goes through the
//! same checks, so the rules about ids, ranges and reasons live once.

use std::collections::BTreeMap;

use crate::contract::read::{Read, Reader, truncate};

use crate::contract::error::{Collector, ErrorCode, ErrorList, pointer};
use crate::contract::request::{Child, History, ProfessionalJudgement, Request};
use crate::contract::suggest;
use crate::contract::vocab::{Answer, Basis, Direction, Education, LocalAuthority};
use crate::json::{Object, Value};
use crate::ruleset::Ruleset;
use crate::ruleset::bitset::BitSet;

pub use crate::contract::request::{MAX_AGE, MAX_REASON_CHARS, MAX_REQUEST_BYTES, MAX_ROLE_CHARS};

/// A request checked against a ruleset and compiled to dense sets: what the evaluator reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Screening {
    /// The child's local authority.
    pub local_authority: LocalAuthority,
    /// Age in years.
    pub age_years: u8,
    /// Learning disability.
    pub learning_disability: Answer,
    /// Looked after.
    pub looked_after: Answer,
    /// Care leaver.
    pub care_leaver: Answer,
    /// SEND.
    pub send: Answer,
    /// Education setting.
    pub education: Education,
    /// Immediate danger.
    pub immediate_danger: Answer,
    /// Crime suspected.
    pub crime_suspected: Answer,
    /// Disclosure.
    pub disclosure: Answer,
    /// Missing episodes in the last 90 days.
    pub missing_episodes: u32,
    /// Re-referral within 12 months.
    pub re_referral: Answer,
    /// Professional judgement direction, if any.
    pub judgement: Option<Direction>,
    pub(crate) yes: BitSet,
    pub(crate) known: BitSet,
    pub(crate) professional_concern: BitSet,
    pub(crate) descriptors: BitSet,
    /// Highest level of any selected descriptor (1 when none).
    pub(crate) descriptor_level: u8,
}

impl Screening {
    /// The answer given for an indicator index (absent means `not_known`).
    pub fn indicator(&self, index: usize) -> Answer {
        if self.yes.contains(index) {
            Answer::Yes
        } else if self.known.contains(index) {
            Answer::No
        } else {
            Answer::NotKnown
        }
    }
}

/// Parses and checks request bytes against a ruleset.
pub fn parse_request(ruleset: &Ruleset, bytes: &[u8]) -> Result<Screening, ErrorList> {
    if bytes.len() > MAX_REQUEST_BYTES {
        return Err(ErrorList::one(
            "",
            ErrorCode::TooLarge,
            format!("a request may be at most {MAX_REQUEST_BYTES} bytes (64 KiB), got {}", bytes.len()),
        ));
    }
    let value = crate::json::parse_bytes(bytes)?;
    if let Some(screening) = crate::screen::fast::read(ruleset, &value) {
        return Ok(screening);
    }
    complete(ruleset, &value)
}

/// The complete path: every problem in a parsed request, each at its pointer.
pub(crate) fn complete(ruleset: &Ruleset, value: &Value<'_>) -> Result<Screening, ErrorList> {
    let mut r = Reader::for_document(value, "the request");
    let request = walk_request(value, &mut r);
    check(ruleset, &request, r.into_errors())
}

/// Checks an already-typed request against a ruleset.
pub fn check_request(ruleset: &Ruleset, request: &Request) -> Result<Screening, ErrorList> {
    check(ruleset, request, Collector::default())
}

// ---------------------------------------------------------------------------------------
// Ruleset checks: shared by both paths.

fn check(ruleset: &Ruleset, r: &Request, mut errs: Collector) -> Result<Screening, ErrorList> {
    if r.child.age_years > MAX_AGE {
        errs.push("/child/age_years", ErrorCode::OutOfRange, format!("age_years must be 0–{MAX_AGE}, got {}", r.child.age_years));
    }
    let ids = || ruleset.file().indicators.iter().map(|i| i.id.as_str());
    let mut yes = BitSet::new();
    let mut known = BitSet::new();
    for (id, answer) in &r.indicators {
        match ruleset.indicator_index(id) {
            Some(i) => {
                if *answer != Answer::NotKnown {
                    known.insert(i);
                }
                if *answer == Answer::Yes {
                    yes.insert(i);
                }
            }
            None => errs.push(
                pointer("/indicators", id),
                ErrorCode::UnknownIndicator,
                format!("unknown indicator '{}'{}", truncate(id), suggest::hint(id, ids())),
            ),
        }
    }
    let mut professional_concern = BitSet::new();
    for (id, basis) in &r.concern_basis {
        let at = pointer("/concern_basis", id);
        match ruleset.indicator_index(id) {
            None => errs.push(at, ErrorCode::UnknownIndicator, format!("unknown indicator '{}'{}", truncate(id), suggest::hint(id, ids()))),
            Some(i) if !yes.contains(i) => errs.push(
                at,
                ErrorCode::BasisWithoutYes,
                format!(
                    "concern_basis is only for indicators answered 'yes'; '{id}' is {}",
                    r.indicators.get(id.as_str()).copied().unwrap_or_default()
                ),
            ),
            Some(i) => {
                if *basis == Basis::ProfessionalConcern {
                    professional_concern.insert(i);
                }
            }
        }
    }
    let mut descriptors = BitSet::new();
    for (n, id) in r.threshold_descriptors.iter().enumerate() {
        match ruleset.descriptor_index(id) {
            Some(i) => descriptors.insert(i),
            None => errs.push(
                format!("/threshold_descriptors/{n}"),
                ErrorCode::UnknownDescriptor,
                format!(
                    "unknown threshold descriptor '{}'{}",
                    truncate(id),
                    suggest::hint(id, ruleset.file().threshold_descriptors.iter().map(|d| d.id.as_str()))
                ),
            ),
        }
    }
    if let Some(j) = &r.professional_judgement {
        judgement(&j.reason, &j.recorded_by_role, &mut errs);
    }
    let screening = Screening {
        local_authority: r.local_authority,
        age_years: r.child.age_years,
        learning_disability: r.child.learning_disability,
        looked_after: r.child.looked_after,
        care_leaver: r.child.care_leaver,
        send: r.child.send,
        education: r.child.education,
        immediate_danger: r.immediate_danger,
        crime_suspected: r.crime_suspected,
        disclosure: r.disclosure,
        missing_episodes: r.history.missing_episodes_last_90_days,
        re_referral: r.history.re_referral_within_12_months,
        judgement: r.professional_judgement.as_ref().map(|j| j.direction),
        yes,
        known,
        professional_concern,
        descriptors,
        descriptor_level: ruleset.descriptor_level(&descriptors),
    };
    errs.finish(screening)
}

/// The rules for a professional judgement's reason and role (both parse paths use this).
pub(crate) fn judgement(reason: &str, recorded_by_role: &str, errs: &mut Collector) {
    let chars = reason.chars().count();
    if reason.trim().is_empty() {
        errs.push(
            "/professional_judgement/reason",
            ErrorCode::MissingReason,
            "professional judgement needs a written reason (R9): it is never applied silently",
        );
    } else if chars > MAX_REASON_CHARS {
        errs.push(
            "/professional_judgement/reason",
            ErrorCode::TooLong,
            format!("reason may be at most {MAX_REASON_CHARS} characters, got {chars}"),
        );
    }
    let role_chars = recorded_by_role.chars().count();
    if recorded_by_role.trim().is_empty() {
        errs.push(
            "/professional_judgement/recorded_by_role",
            ErrorCode::InvalidValue,
            "recorded_by_role must say who made the judgement (a role, not a name)",
        );
    } else if role_chars > MAX_ROLE_CHARS {
        errs.push(
            "/professional_judgement/recorded_by_role",
            ErrorCode::TooLong,
            format!("recorded_by_role may be at most {MAX_ROLE_CHARS} characters, got {role_chars}"),
        );
    }
}

// The enum is declared by a macro, so `#[derive(Default)]` cannot pick one variant.
#[allow(clippy::derivable_impls)]
impl Default for Basis {
    fn default() -> Self {
        Basis::Evidenced
    }
}

// ---------------------------------------------------------------------------------------
// The complete path: walk a JSON value, report each structural problem, keep what is readable.

// The request's field names, in the contract's order. `crate::screen::fast` reads by position in
// these lists, so the order is part of both paths.
pub(crate) const REQUEST_FIELDS: [&str; 10] = [
    "local_authority",
    "child",
    "immediate_danger",
    "crime_suspected",
    "disclosure",
    "indicators",
    "concern_basis",
    "history",
    "threshold_descriptors",
    "professional_judgement",
];
pub(crate) const CHILD_FIELDS: [&str; 6] = ["age_years", "learning_disability", "looked_after", "care_leaver", "send", "education"];
pub(crate) const HISTORY_FIELDS: [&str; 2] = ["missing_episodes_last_90_days", "re_referral_within_12_months"];
pub(crate) const JUDGEMENT_FIELDS: [&str; 3] = ["direction", "reason", "recorded_by_role"];

/// An object of id → value; an unreadable value keeps its id (with a placeholder) so the
/// id itself is still checked against the ruleset.
fn map_of<T: Read + Default>(obj: &Object<'_>, key: &str, what: &str, r: &mut Reader) -> BTreeMap<String, T> {
    let Some(v) = obj.get(key) else { return BTreeMap::new() };
    r.at(key, |r| {
        let Some(entries) = v.as_object() else {
            r.wrong_type::<()>(&format!("an object of indicator id → {what}"), v);
            return BTreeMap::new();
        };
        entries.iter().map(|(id, item)| (id.to_owned(), r.at(id, |r| T::read(item, r)).unwrap_or_default())).collect()
    })
}

/// An age read as any whole number, so the message gives the contract's range (0–25)
/// rather than the storage type's.
fn age_in_range(age: i64, r: &mut Reader) -> u8 {
    match u8::try_from(age) {
        Ok(a) if a <= MAX_AGE => a,
        _ => {
            r.error_at("/child/age_years", ErrorCode::OutOfRange, format!("age_years must be 0–{MAX_AGE}, got {age}"));
            0
        }
    }
}

fn walk_request(v: &Value<'_>, r: &mut Reader) -> Request {
    let empty = Object::default();
    let obj = r.object(v, &REQUEST_FIELDS).unwrap_or(&empty);
    let child = match obj.get("child") {
        None => r.at("child", |r| {
            r.error(ErrorCode::MissingField, "child is required: an object with at least age_years");
            None
        }),
        Some(c) => r.at("child", |r| {
            let c = r.object(c, &CHILD_FIELDS)?;
            Some(Child {
                age_years: r.required::<i64>(c, "age_years").map_or(0, |age| age_in_range(age, r)),
                learning_disability: r.optional(c, "learning_disability").unwrap_or_default(),
                looked_after: r.optional(c, "looked_after").unwrap_or_default(),
                care_leaver: r.optional(c, "care_leaver").unwrap_or_default(),
                send: r.optional(c, "send").unwrap_or_default(),
                education: r.optional(c, "education").unwrap_or_default(),
            })
        }),
    };
    let child = child.unwrap_or(Child {
        age_years: 0,
        learning_disability: Answer::NotKnown,
        looked_after: Answer::NotKnown,
        care_leaver: Answer::NotKnown,
        send: Answer::NotKnown,
        education: Education::NotKnown,
    });
    let history = match obj.get("history") {
        None => History::default(),
        Some(h) => r.at("history", |r| {
            r.object(h, &HISTORY_FIELDS).map_or_else(History::default, |h| History {
                missing_episodes_last_90_days: r.optional(h, "missing_episodes_last_90_days").unwrap_or(0),
                re_referral_within_12_months: r.optional(h, "re_referral_within_12_months").unwrap_or_default(),
            })
        }),
    };
    let threshold_descriptors = match obj.get("threshold_descriptors") {
        None => Vec::new(),
        Some(list) => r.at("threshold_descriptors", |r| {
            let Some(items) = list.as_array() else {
                return r.wrong_type("a list of descriptor ids", list).unwrap_or_default();
            };
            // An unreadable id becomes "" so the list keeps its positions.
            items.iter().enumerate().map(|(i, item)| r.at(&i.to_string(), |r| String::read(item, r)).unwrap_or_default()).collect()
        }),
    };
    let professional_judgement = match obj.get("professional_judgement") {
        None | Some(Value::Null) => None,
        Some(j) => r.at("professional_judgement", |r| {
            let j = r.object(j, &JUDGEMENT_FIELDS)?;
            let direction = r.required::<Direction>(j, "direction");
            let reason = match j.get("reason") {
                None | Some(Value::Null) => {
                    r.at("reason", |r| {
                        r.error(
                            ErrorCode::MissingReason,
                            "professional judgement needs a written reason (R9): it is never applied silently",
                        )
                    });
                    None
                }
                Some(_) => r.required::<String>(j, "reason"),
            };
            let role = r.required::<String>(j, "recorded_by_role");
            // Placeholders keep the judgement so `check` still sees the readable parts;
            // a placeholder's own error is hidden by the walk's error at the same pointer.
            Some(ProfessionalJudgement {
                direction: direction?,
                reason: reason.unwrap_or_default(),
                recorded_by_role: role.unwrap_or_default(),
            })
        }),
    };
    Request {
        local_authority: r.required(obj, "local_authority").unwrap_or(LocalAuthority::Hartlepool),
        child,
        immediate_danger: r.required(obj, "immediate_danger").unwrap_or_default(),
        crime_suspected: r.required(obj, "crime_suspected").unwrap_or_default(),
        disclosure: r.required(obj, "disclosure").unwrap_or_default(),
        indicators: map_of(obj, "indicators", "answer", r),
        concern_basis: map_of(obj, "concern_basis", "basis", r),
        history,
        threshold_descriptors,
        professional_judgement,
    }
}
