//! From bytes to a validated [`Screening`]: every problem reported at once.
//!
//! The fast path deserializes straight into [`Request`] and then checks ids and ranges
//! against the ruleset. Only when that fails does the slow path run: it parses a
//! `serde_json::Value` and walks it field by field, so *every* structural problem gets
//! its own JSON pointer, then it runs the same ruleset checks on whatever was readable.
//! Both paths end in [`check`], so the rules about ids, ranges and reasons live once.

use std::collections::BTreeMap;

use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use crate::bitset::BitSet;
use crate::error::{Collector, ErrorCode, ErrorList, pointer};
use crate::request::{Child, History, ProfessionalJudgement, Request};
use crate::ruleset::Ruleset;
use crate::suggest;
use crate::vocab::{Answer, Basis, Direction, Education, LocalAuthority};

/// Largest request accepted, in bytes (contract §6).
pub const MAX_REQUEST_BYTES: usize = 64 * 1024;
/// Longest professional judgement reason, in characters (contract §1).
pub const MAX_REASON_CHARS: usize = 2000;
/// Longest `recorded_by_role`, in characters.
pub const MAX_ROLE_CHARS: usize = 200;
/// Oldest age accepted (18–25: transitional safeguarding).
pub const MAX_AGE: u8 = 25;

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
    if let Some(screening) = crate::fast::parse(ruleset, bytes) {
        return Ok(screening);
    }
    match serde_json::from_slice::<Request>(bytes) {
        Ok(request) => check(ruleset, &request, Collector::default()),
        Err(typed_error) => {
            let value: Value = serde_json::from_slice(bytes).map_err(|e| json_syntax_error(&e))?;
            let mut errs = Collector::default();
            let request = walk_request(&value, &mut errs);
            if errs.is_empty() {
                // The walk saw nothing wrong (e.g. a duplicate key, which a JSON value
                // silently collapses): report what the typed parse saw, never accept.
                errs.push("", classify_serde_error(&typed_error), typed_error.to_string());
            }
            check(ruleset, &request, errs)
        }
    }
}

/// Checks an already-typed request against a ruleset.
pub fn check_request(ruleset: &Ruleset, request: &Request) -> Result<Screening, ErrorList> {
    check(ruleset, request, Collector::default())
}

/// The error for bytes that are not JSON (or nest too deep).
pub(crate) fn json_syntax_error(e: &serde_json::Error) -> ErrorList {
    let msg = e.to_string();
    if msg.contains("recursion limit exceeded") {
        return ErrorList::one("", ErrorCode::TooDeep, format!("the JSON nests too deeply (line {}, column {})", e.line(), e.column()));
    }
    ErrorList::one("", ErrorCode::InvalidJson, format!("not valid JSON: {msg}"))
}

/// Maps a serde data error to the closest contract code.
pub(crate) fn classify_serde_error(e: &serde_json::Error) -> ErrorCode {
    let msg = e.to_string();
    if msg.starts_with("missing field") {
        ErrorCode::MissingField
    } else if msg.starts_with("unknown field") {
        ErrorCode::UnknownField
    } else if msg.starts_with("unknown variant") {
        ErrorCode::InvalidValue
    } else if msg.starts_with("invalid value") {
        ErrorCode::OutOfRange
    } else {
        ErrorCode::InvalidType
    }
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
        judgement(j, &mut errs);
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
pub(crate) fn judgement(j: &ProfessionalJudgement, errs: &mut Collector) {
    let chars = j.reason.chars().count();
    if j.reason.trim().is_empty() {
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
    let role_chars = j.recorded_by_role.chars().count();
    if j.recorded_by_role.trim().is_empty() {
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

/// Keeps echoed input short in messages.
fn truncate(s: &str) -> String {
    if s.chars().count() <= 80 { s.to_owned() } else { format!("{}…", s.chars().take(80).collect::<String>()) }
}

// ---------------------------------------------------------------------------------------
// The slow path: walk a JSON value, report each structural problem, keep what is readable.

const REQUEST_FIELDS: [&str; 10] = [
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
const CHILD_FIELDS: [&str; 6] = ["age_years", "learning_disability", "looked_after", "care_leaver", "send", "education"];
const HISTORY_FIELDS: [&str; 2] = ["missing_episodes_last_90_days", "re_referral_within_12_months"];
const JUDGEMENT_FIELDS: [&str; 3] = ["direction", "reason", "recorded_by_role"];

fn expectation<T: 'static>() -> String {
    use std::any::TypeId;
    let t = TypeId::of::<T>();
    if t == TypeId::of::<Answer>() {
        format!("one of {}", Answer::wire_list())
    } else if t == TypeId::of::<LocalAuthority>() {
        format!("one of {}", LocalAuthority::wire_list())
    } else if t == TypeId::of::<Education>() {
        format!("one of {}", Education::wire_list())
    } else if t == TypeId::of::<Direction>() {
        format!("one of {}", Direction::wire_list())
    } else if t == TypeId::of::<Basis>() {
        format!("one of {}", Basis::wire_list())
    } else if t == TypeId::of::<u8>() {
        format!("a whole number 0–{MAX_AGE}")
    } else if t == TypeId::of::<u32>() {
        "a whole number, 0 or more".to_owned()
    } else if t == TypeId::of::<String>() {
        "a string".to_owned()
    } else {
        "a valid value".to_owned()
    }
}

fn snippet(v: &Value) -> String {
    let s = v.to_string();
    if s.chars().count() <= 40 { s } else { format!("{}…", s.chars().take(40).collect::<String>()) }
}

/// Reads one value as `T`, or records why it cannot be read.
fn read<T: DeserializeOwned + 'static>(v: &Value, at: &str, name: &str, errs: &mut Collector) -> Option<T> {
    match T::deserialize(v) {
        Ok(t) => Some(t),
        Err(e) => {
            let code = classify_serde_error(&e);
            errs.push(at, code, format!("{name} must be {}, got {}", expectation::<T>(), snippet(v)));
            None
        }
    }
}

/// Checks that `v` is an object with only `allowed` keys.
fn object<'v>(v: &'v Value, at: &str, name: &str, allowed: &[&str], errs: &mut Collector) -> Option<&'v Map<String, Value>> {
    let Some(obj) = v.as_object() else {
        errs.push(at, ErrorCode::InvalidType, format!("{name} must be an object, got {}", snippet(v)));
        return None;
    };
    for key in obj.keys() {
        if !allowed.contains(&key.as_str()) {
            errs.push(
                pointer(at, key),
                ErrorCode::UnknownField,
                format!("unknown field '{}' in {name}{}", truncate(key), suggest::hint(key, allowed.iter().copied())),
            );
        }
    }
    Some(obj)
}

fn field<T: DeserializeOwned + 'static>(obj: &Map<String, Value>, at: &str, key: &str, errs: &mut Collector) -> Option<T> {
    obj.get(key).and_then(|v| read(v, &pointer(at, key), key, errs))
}

fn required<T: DeserializeOwned + 'static>(obj: &Map<String, Value>, at: &str, key: &str, errs: &mut Collector) -> Option<T> {
    if !obj.contains_key(key) {
        errs.push(pointer(at, key), ErrorCode::MissingField, format!("{key} is required: {}", expectation::<T>()));
        return None;
    }
    field(obj, at, key, errs)
}

fn map_of<T: DeserializeOwned + Default + 'static>(v: Option<&Value>, at: &str, errs: &mut Collector) -> BTreeMap<String, T> {
    let mut out = BTreeMap::new();
    let Some(v) = v else { return out };
    let Some(obj) = v.as_object() else {
        errs.push(at, ErrorCode::InvalidType, format!("{} must be an object of indicator id → value, got {}", &at[1..], snippet(v)));
        return out;
    };
    for (k, item) in obj {
        // Keep unreadable entries as a placeholder so the id is still checked.
        let value = read::<T>(item, &pointer(at, k), k, errs).unwrap_or_default();
        out.insert(k.clone(), value);
    }
    out
}

// The enum is declared by a macro, so `#[derive(Default)]` cannot pick one variant.
#[allow(clippy::derivable_impls)]
impl Default for Basis {
    fn default() -> Self {
        Basis::Evidenced
    }
}

fn walk_request(v: &Value, errs: &mut Collector) -> Request {
    let empty = Map::new();
    let obj = object(v, "", "the request", &REQUEST_FIELDS, errs).unwrap_or(&empty);
    let child = match obj.get("child") {
        None => {
            errs.push("/child", ErrorCode::MissingField, "child is required: an object with at least age_years");
            None
        }
        Some(c) => object(c, "/child", "child", &CHILD_FIELDS, errs),
    };
    let child = child.map_or(
        Child {
            age_years: 0,
            learning_disability: Answer::NotKnown,
            looked_after: Answer::NotKnown,
            care_leaver: Answer::NotKnown,
            send: Answer::NotKnown,
            education: Education::NotKnown,
        },
        |c| Child {
            age_years: required(c, "/child", "age_years", errs).unwrap_or(0),
            learning_disability: field(c, "/child", "learning_disability", errs).unwrap_or_default(),
            looked_after: field(c, "/child", "looked_after", errs).unwrap_or_default(),
            care_leaver: field(c, "/child", "care_leaver", errs).unwrap_or_default(),
            send: field(c, "/child", "send", errs).unwrap_or_default(),
            education: field(c, "/child", "education", errs).unwrap_or_default(),
        },
    );
    let history =
        obj.get("history").and_then(|h| object(h, "/history", "history", &HISTORY_FIELDS, errs)).map_or_else(History::default, |h| {
            History {
                missing_episodes_last_90_days: field(h, "/history", "missing_episodes_last_90_days", errs).unwrap_or(0),
                re_referral_within_12_months: field(h, "/history", "re_referral_within_12_months", errs).unwrap_or_default(),
            }
        });
    let threshold_descriptors = match obj.get("threshold_descriptors") {
        None => Vec::new(),
        Some(Value::Array(items)) => items
            .iter()
            .enumerate()
            .map(|(i, item)| {
                read::<String>(item, &format!("/threshold_descriptors/{i}"), "a threshold descriptor id", errs).unwrap_or_default()
            })
            .collect(),
        Some(other) => {
            errs.push(
                "/threshold_descriptors",
                ErrorCode::InvalidType,
                format!("threshold_descriptors must be a list of descriptor ids, got {}", snippet(other)),
            );
            Vec::new()
        }
    };
    let professional_judgement = match obj.get("professional_judgement") {
        None | Some(Value::Null) => None,
        Some(j) => object(j, "/professional_judgement", "professional_judgement", &JUDGEMENT_FIELDS, errs).and_then(|j| {
            let at = "/professional_judgement";
            let direction = required::<Direction>(j, at, "direction", errs);
            let reason = match j.get("reason") {
                None | Some(Value::Null) => {
                    errs.push(
                        "/professional_judgement/reason",
                        ErrorCode::MissingReason,
                        "professional judgement needs a written reason (R9): it is never applied silently",
                    );
                    None
                }
                Some(r) => read::<String>(r, "/professional_judgement/reason", "reason", errs),
            };
            let role = required::<String>(j, at, "recorded_by_role", errs);
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
        local_authority: required(obj, "", "local_authority", errs).unwrap_or(LocalAuthority::Hartlepool),
        child,
        immediate_danger: required(obj, "", "immediate_danger", errs).unwrap_or_default(),
        crime_suspected: required(obj, "", "crime_suspected", errs).unwrap_or_default(),
        disclosure: required(obj, "", "disclosure", errs).unwrap_or_default(),
        indicators: map_of(obj.get("indicators"), "/indicators", errs),
        concern_basis: map_of(obj.get("concern_basis"), "/concern_basis", errs),
        history,
        threshold_descriptors,
        professional_judgement,
    }
}
