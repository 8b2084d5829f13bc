//! The one way a [`Screening`] is made: a [`ScreeningBuilder`] that every input feeds.
//!
//! A request reaches the engine as JSON bytes ([`parse_request`], through
//! [`crate::screen::walk`]), as a typed [`Request`] ([`check_request`]), and in the
//! bindings as Arrow columns or Python dicts. Each of these only *reads* its input and
//! hands the builder one answer at a time; the builder holds every rule about what a
//! valid request is, once:
//!
//! - which fields are required (`local_authority`, `child.age_years`, the three safety
//!   answers), and that each is given once;
//! - ages 0–25, missing episodes a whole number 0 or more;
//! - indicator and descriptor ids known to the ruleset (with "did you mean"), each
//!   indicator answered at most once, a concern basis only for an indicator answered `yes`;
//! - a professional judgement's reason and role present and within their lengths.
//!
//! Every problem is recorded, not just the first, each at its JSON pointer; a pointer is
//! built only when a problem is recorded, so a valid request costs no allocation here.
//! [`ScreeningBuilder::finish`] gives the [`Screening`], or the whole error list.

use crate::contract::error::{Collector, ErrorCode, ErrorList, pointer};
use crate::contract::read::truncate;
use std::sync::OnceLock;

use crate::contract::request::{
    MAX_AGE, MAX_REASON_CHARS, MAX_REQUEST_BYTES, MAX_ROLE_CHARS, REQUIRED, Request, TOO_LARGE, contract_order,
};
use crate::contract::suggest;
use crate::contract::vocab::{Answer, AnswerField, Basis, Direction, Education, LocalAuthority, ScreenedBy};
use crate::ruleset::Ruleset;
use crate::ruleset::bitset::BitSet;
pub use crate::ruleset::screening::Screening;

/// A bit for each of [`REQUIRED`]'s fields.
fn required_bit(pointer: &str) -> u8 {
    REQUIRED.iter().position(|p| *p == pointer).map_or(0, |i| 1 << i)
}

/// Each answer field's bit in [`REQUIRED`] (0 when it is optional), worked out once.
fn answer_bits() -> &'static [u8; AnswerField::COUNT] {
    static BITS: OnceLock<[u8; AnswerField::COUNT]> = OnceLock::new();
    BITS.get_or_init(|| std::array::from_fn(|i| required_bit(AnswerField::ALL[i].pointer())))
}

/// What the message for a missing required field says it must be.
fn missing_message(pointer: &str) -> String {
    let key = pointer.rsplit('/').next().unwrap_or(pointer);
    let expected = match key {
        "local_authority" => format!("one of {}", LocalAuthority::WIRE.join(", ")),
        "child" => "an object with at least age_years".to_owned(),
        "age_years" => "a whole number".to_owned(),
        _ => format!("one of {}", Answer::WIRE.join(", ")),
    };
    format!("{key} is required: {expected}")
}

/// The request's two maps keyed by indicator id.
#[derive(Debug, Clone, Copy)]
enum IdList {
    Indicators,
    ConcernBasis,
}

const LOCAL_AUTHORITY: u8 = 1 << 0;
const CHILD: u8 = 1 << 1;
const AGE_YEARS: u8 = 1 << 2;

pub(crate) use crate::contract::error::GIVEN_TWICE;

/// Builds one [`Screening`] from answers given one at a time, checking each against the
/// contract and the ruleset.
///
/// ```
/// use hoth::screen::build::ScreeningBuilder;
/// use hoth::vocab::AnswerField;
/// use hoth::{Answer, LocalAuthority, Ruleset};
///
/// let mut b = ScreeningBuilder::new(Ruleset::tees());
/// b.local_authority(LocalAuthority::Hartlepool);
/// b.age_years(15);
/// for safety in [AnswerField::ImmediateDanger, AnswerField::CrimeSuspected, AnswerField::Disclosure] {
///     b.answer(safety, Answer::No);
/// }
/// b.indicator("missing_overnite", Answer::Yes);   // misspelt: reported, with a suggestion
/// let errors = b.finish().unwrap_err();
/// assert_eq!(errors.errors[0].pointer, "/indicators/missing_overnite");
/// assert!(errors.errors[0].message.contains("did you mean 'missing_overnight'"));
/// ```
#[derive(Debug)]
pub struct ScreeningBuilder<'r> {
    ruleset: &'r Ruleset,
    s: Screening,
    /// Bits of [`REQUIRED`] fields given (readable or not: an unreadable one has its own error).
    given: u8,
    /// Indicators answered, to refuse a second answer.
    answered: BitSet,
    /// Indicators given a concern basis.
    basis_given: BitSet,
    errors: Collector,
    /// The catalogue index after the last indicator id looked up: requests (forms,
    /// extracts, outcomes' `screening`) usually list indicators in catalogue order, so that
    /// entry is tried first, by one string compare, before the id table.
    next_indicator: usize,
    /// Reading back an outcome's `screening`: a compact record leaves the judgement's
    /// reason out, so a missing reason is read as empty rather than refused.
    record: bool,
}

impl<'r> ScreeningBuilder<'r> {
    /// A builder with nothing answered yet: every optional answer at its default.
    pub fn new(ruleset: &'r Ruleset) -> Self {
        ScreeningBuilder {
            ruleset,
            s: Screening {
                local_authority: LocalAuthority::Hartlepool,
                age_years: 0,
                education: Education::NotKnown,
                screened_by: ScreenedBy::NotKnown,
                answers: [Answer::NotKnown; AnswerField::COUNT],
                missing_episodes: 0,
                missing_known: false,
                judgement: None,
                judgement_reason: String::new(),
                judgement_role: String::new(),
                yes: BitSet::new(),
                known: BitSet::new(),
                evidenced: BitSet::new(),
                professional_concern: BitSet::new(),
                descriptors: BitSet::new(),
                descriptor_level: 1,
            },
            given: 0,
            answered: BitSet::new(),
            basis_given: BitSet::new(),
            errors: Collector::default(),
            next_indicator: 0,
            record: false,
        }
    }

    /// Marks a required field (its pointer, one of [`REQUIRED`]) as given when its value
    /// could not be read (the reader has recorded why), so it is not also reported missing.
    pub fn given(&mut self, pointer: &str) {
        self.given |= required_bit(pointer);
    }

    /// Records a problem the reader found in the input's shape (a wrong type, an unknown
    /// field). `pointer` is called only here, when there is a problem to report.
    pub fn error(&mut self, pointer: impl Into<String>, code: ErrorCode, message: impl Into<String>) {
        self.errors.push(pointer, code, message);
    }

    /// Records that a key was given twice in one object: reported at its pointer instead
    /// of anything its values say (an answer given twice is ambiguous, never guessed at).
    pub fn given_twice(&mut self, pointer: impl Into<String>) {
        self.errors.push_overriding(pointer, ErrorCode::DuplicateKey, GIVEN_TWICE);
    }

    /// The child's local authority.
    pub fn local_authority(&mut self, la: LocalAuthority) {
        self.given |= LOCAL_AUTHORITY;
        self.s.local_authority = la;
    }

    /// Marks the `child` object as given (its fields are set one by one).
    pub fn child(&mut self) {
        self.given |= CHILD;
    }

    /// The child's age in whole years: 0–25.
    pub fn age_years(&mut self, age: i64) {
        self.given |= CHILD | AGE_YEARS;
        match u8::try_from(age) {
            Ok(a) if a <= MAX_AGE => self.s.age_years = a,
            _ => self.error("/child/age_years", ErrorCode::OutOfRange, format!("age_years must be 0–{MAX_AGE}, got {age}")),
        }
    }

    /// The answer to an answer field: a safety answer, one about the child's context, or
    /// re-referral. An answer never given is `not_known`, never `no`.
    pub fn answer(&mut self, field: AnswerField, a: Answer) {
        self.given |= answer_bits()[field.index()];
        self.s.answers[field.index()] = a;
    }

    /// `child.education`.
    pub fn education(&mut self, e: Education) {
        self.s.education = e;
    }

    /// Reads an outcome's `screening` rather than a form's request (see `record`).
    pub(crate) fn reading_a_record(&mut self) {
        self.record = true;
    }

    /// Who is screening (changes only the wording of actions).
    pub fn screened_by(&mut self, by: ScreenedBy) {
        self.s.screened_by = by;
    }

    /// The index of an indicator id, or records that the ruleset has no such indicator
    /// (at `/{list}/{id}`).
    fn indicator_at(&mut self, list: &str, id: &str, known: Option<usize>) -> Option<usize> {
        let indicators = &self.ruleset.file().indicators;
        let guess = self.next_indicator;
        let found =
            known.or_else(|| indicators.get(guess).filter(|ind| ind.id == id).map(|_| guess)).or_else(|| self.ruleset.indicator_index(id));
        if let Some(i) = found {
            self.next_indicator = i + 1;
        } else {
            let ids = indicators.iter().map(|i| i.id.as_str());
            let message = format!("unknown indicator '{}'{}", truncate(id), suggest::hint(id, ids));
            self.errors.push(pointer(list, id), ErrorCode::UnknownIndicator, message);
        }
        found
    }

    /// An indicator's answer. An indicator never answered is `not_known`, never `no`.
    pub fn indicator(&mut self, id: &str, answer: Answer) {
        self.indicator_at_index(id, None, answer);
    }

    /// [`indicator`](Self::indicator) with the id's catalogue index when the reader already
    /// knows it (see `Input::indicator_index`).
    pub(crate) fn indicator_at_index(&mut self, id: &str, known: Option<usize>, answer: Answer) {
        let Some(i) = self.indicator_id(id, known) else { return };
        if answer != Answer::NotKnown {
            self.s.known.insert(i);
        }
        if answer == Answer::Yes {
            self.s.yes.insert(i);
        }
    }

    /// Checks an indicator id whose answer could not be read (the reader has said why).
    pub(crate) fn indicator_id(&mut self, id: &str, known: Option<usize>) -> Option<usize> {
        self.first_time(IdList::Indicators, id, known)
    }

    /// The index of an indicator id in one of the request's maps, the first time it is
    /// given there; records an id the ruleset does not know, or one given twice.
    fn first_time(&mut self, list: IdList, id: &str, known: Option<usize>) -> Option<usize> {
        let at = match list {
            IdList::Indicators => "/indicators",
            IdList::ConcernBasis => "/concern_basis",
        };
        let i = self.indicator_at(at, id, known)?;
        let seen = match list {
            IdList::Indicators => &mut self.answered,
            IdList::ConcernBasis => &mut self.basis_given,
        };
        let again = seen.contains(i);
        seen.insert(i);
        if again {
            self.given_twice(pointer(at, id));
            return None;
        }
        Some(i)
    }

    /// How a `yes` is known. Only for indicators answered `yes` (checked at the end, so the
    /// order of the answers does not matter).
    pub fn concern_basis(&mut self, id: &str, basis: Basis) {
        self.concern_basis_at_index(id, None, basis);
    }

    /// [`concern_basis`](Self::concern_basis) with the id's catalogue index, when known.
    pub(crate) fn concern_basis_at_index(&mut self, id: &str, known: Option<usize>, basis: Basis) {
        let Some(i) = self.basis_id(id, known) else { return };
        match basis {
            Basis::Evidenced => self.s.evidenced.insert(i),
            Basis::ProfessionalConcern => self.s.professional_concern.insert(i),
            Basis::NotStated => {}
        }
    }

    /// Checks a concern basis's indicator id whose basis could not be read.
    pub(crate) fn basis_id(&mut self, id: &str, known: Option<usize>) -> Option<usize> {
        self.first_time(IdList::ConcernBasis, id, known)
    }

    /// Missing episodes in the last 90 days: a whole number, 0 or more.
    pub fn missing_episodes(&mut self, n: i64) {
        match u32::try_from(n) {
            Ok(n) => {
                self.s.missing_episodes = n;
                self.s.missing_known = true;
            }
            Err(_) => self.error(
                "/history/missing_episodes_last_90_days",
                ErrorCode::OutOfRange,
                format!("missing_episodes_last_90_days must be a whole number from 0 to {}, got {n}", u32::MAX),
            ),
        }
    }

    /// The threshold descriptor at `position` in the request's list.
    pub fn descriptor(&mut self, position: usize, id: &str) {
        match self.ruleset.descriptor_index(id) {
            Some(i) => self.s.descriptors.insert(i),
            None => {
                let ids = self.ruleset.file().threshold_descriptors.iter().map(|d| d.id.as_str());
                let message = format!("unknown threshold descriptor '{}'{}", truncate(id), suggest::hint(id, ids));
                self.error(format!("/threshold_descriptors/{position}"), ErrorCode::UnknownDescriptor, message);
            }
        }
    }

    /// A professional judgement's direction (R9).
    pub fn judgement_direction(&mut self, d: Direction) {
        self.s.judgement = Some(d);
    }

    /// A professional judgement's reason: required, at most 2,000 characters. It is never
    /// applied silently.
    pub fn judgement_reason(&mut self, reason: Option<&str>) {
        const AT: &str = "/professional_judgement/reason";
        match reason {
            None if self.record => {}
            None => self.error(AT, ErrorCode::MissingReason, MISSING_REASON),
            Some(r) if r.trim().is_empty() => self.error(AT, ErrorCode::MissingReason, MISSING_REASON),
            Some(r) => {
                self.s.judgement_reason = r.to_owned();
                let chars = r.chars().count();
                if chars > MAX_REASON_CHARS {
                    self.error(AT, ErrorCode::TooLong, format!("reason may be at most {MAX_REASON_CHARS} characters, got {chars}"));
                }
            }
        }
    }

    /// The role of whoever recorded the judgement (a role, never a name).
    pub fn judgement_role(&mut self, role: &str) {
        const AT: &str = "/professional_judgement/recorded_by_role";
        self.s.judgement_role = role.to_owned();
        let chars = role.chars().count();
        if role.trim().is_empty() {
            self.error(AT, ErrorCode::InvalidValue, "recorded_by_role must say who made the judgement (a role, not a name)");
        } else if chars > MAX_ROLE_CHARS {
            self.error(AT, ErrorCode::TooLong, format!("recorded_by_role may be at most {MAX_ROLE_CHARS} characters, got {chars}"));
        }
    }

    /// The screening, or every problem recorded, in contract order (§0).
    pub fn finish(mut self) -> Result<Screening, ErrorList> {
        for (i, pointer) in REQUIRED.iter().enumerate() {
            let missing = self.given & (1 << i) == 0;
            // A missing child is one problem, not also a missing age.
            let within_missing_child = pointer.starts_with("/child/") && self.given & CHILD == 0;
            if missing && !within_missing_child {
                self.errors.push(*pointer, ErrorCode::MissingField, missing_message(pointer));
            }
        }
        for i in self.basis_given.and_not(&self.s.yes).iter() {
            let id = &self.ruleset.file().indicators[i].id;
            let answer = self.s.indicator(i);
            self.errors.push(
                pointer("/concern_basis", id),
                ErrorCode::BasisWithoutYes,
                format!("concern_basis is only for indicators answered 'yes'; '{id}' is {answer}"),
            );
        }
        self.s.descriptor_level = self.ruleset.descriptor_level(&self.s.descriptors);
        let ruleset = self.ruleset;
        self.errors
            .finish_in(self.s, |p| contract_order(p, |id| ruleset.indicator_index(id)))
            .map_err(|e| e.name_questions(|p| ruleset.title_at(p)))
    }
}

const MISSING_REASON: &str = "professional judgement needs a written reason (R9): it is never applied silently";

/// Parses and checks request bytes against a ruleset.
pub fn parse_request(ruleset: &Ruleset, bytes: &[u8]) -> Result<Screening, ErrorList> {
    if bytes.len() > MAX_REQUEST_BYTES {
        return Err(ErrorList::one("", ErrorCode::TooLarge, TOO_LARGE));
    }
    let value = crate::json::parse_bytes(bytes)?;
    let mut b = ScreeningBuilder::new(ruleset);
    crate::screen::walk::request(&value, &mut b);
    b.finish()
}

/// Checks an already-typed request against a ruleset.
pub fn check_request(ruleset: &Ruleset, r: &Request) -> Result<Screening, ErrorList> {
    let mut b = ScreeningBuilder::new(ruleset);
    b.local_authority(r.local_authority);
    b.age_years(r.child.age_years.into());
    b.education(r.child.education);
    b.screened_by(r.screened_by);
    for field in AnswerField::ALL {
        b.answer(*field, r.answer(*field));
    }
    for (id, answer) in r.indicators.iter() {
        b.indicator(id, *answer);
    }
    for (id, basis) in r.concern_basis.iter() {
        b.concern_basis(id, *basis);
    }
    if let Some(n) = r.history.missing_episodes_last_90_days {
        b.missing_episodes(n.into());
    }
    for (n, id) in r.threshold_descriptors.iter().enumerate() {
        b.descriptor(n, id);
    }
    if let Some(j) = &r.professional_judgement {
        b.judgement_direction(j.direction);
        b.judgement_reason(Some(&j.reason));
        b.judgement_role(&j.recorded_by_role);
    }
    b.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn valid_requests() -> Vec<String> {
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
        let mut texts = Vec::new();
        for dir in ["tests/golden", "seeds/examples"] {
            for entry in std::fs::read_dir(format!("{root}/{dir}")).unwrap() {
                let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
                let doc: serde_json::Value = serde_json::from_str(&text).unwrap();
                match doc.get("request") {
                    Some(_) if doc.get("expect_errors").is_some() => {}
                    Some(serde_json::Value::String(request)) => texts.push(request.clone()),
                    Some(request) => texts.push(request.to_string()),
                    None => texts.push(text),
                }
            }
        }
        texts
    }

    /// The JSON walk and a typed request feed the same builder, so every valid golden
    /// request and example gives the same screening both ways.
    #[test]
    fn json_and_typed_requests_build_the_same_screening() {
        let texts = valid_requests();
        assert!(texts.len() > 30, "found {} requests", texts.len());
        let ruleset = Ruleset::tees();
        let mut not_typed = 0;
        for text in &texts {
            let from_json = parse_request(ruleset, text.as_bytes()).unwrap();
            // `12.0` is a whole number to the engine (contract v1.1) but not to serde's u8.
            let Ok(typed) = serde_json::from_str::<Request>(text) else {
                not_typed += 1;
                continue;
            };
            assert_eq!(from_json, check_request(ruleset, &typed).unwrap(), "{text}");
        }
        assert!(not_typed <= 1, "{not_typed} requests serde could not read");
    }

    /// Every field the contract declares is one the JSON walk can read: a request that
    /// gives all of them (each answer `yes`) is accepted, and reads as the typed path does.
    #[test]
    fn the_walk_reads_every_declared_field() {
        use crate::contract::request::{Child, FIELDS, ProfessionalJudgement};
        let ruleset = Ruleset::tees();
        let mut r = Request::new(LocalAuthority::Hartlepool, Child::aged(14), Answer::No, Answer::No, Answer::No);
        for f in AnswerField::ALL {
            *r.answer_mut(*f) = Answer::Yes;
        }
        let first = &ruleset.file().indicators[0].id;
        r.indicators.insert(first.clone(), Answer::Yes);
        r.concern_basis.insert(first.clone(), Basis::ProfessionalConcern);
        r.threshold_descriptors.push(ruleset.file().threshold_descriptors[0].id.clone());
        r.history.missing_episodes_last_90_days = Some(2);
        r.professional_judgement =
            Some(ProfessionalJudgement { direction: Direction::Raise, reason: "seen twice".into(), recorded_by_role: "teacher".into() });
        let text = serde_json::to_string(&r).unwrap();
        for pointer in FIELDS {
            let v: serde_json::Value = serde_json::from_str(&text).unwrap();
            assert!(v.pointer(pointer).is_some(), "the test request leaves out {pointer}");
        }
        assert_eq!(parse_request(ruleset, text.as_bytes()).unwrap(), check_request(ruleset, &r).unwrap());
    }

    /// The order a request lists its indicators in is not part of what it says: in the
    /// catalogue's order, backwards, or starting half way, the same answers read the same,
    /// and a repeated or unknown id is still refused wherever it falls.
    #[test]
    fn indicators_read_the_same_in_any_order() {
        let ruleset = Ruleset::tees();
        let ids: Vec<&str> = ruleset.file().indicators.iter().map(|i| i.id.as_str()).collect();
        let answer = |n: usize| ["yes", "no", "not_known"][n % 3];
        let request = |order: &[usize]| {
            let answers: Vec<String> = order.iter().map(|&n| format!(r#""{}":"{}""#, ids[n], answer(n))).collect();
            format!(r#"{{{SAFETY},"indicators":{{{}}}}}"#, answers.join(","))
        };
        let forwards: Vec<usize> = (0..ids.len()).collect();
        let read = parse_request(ruleset, request(&forwards).as_bytes()).unwrap();
        assert_eq!(read.yes.len() as usize, ids.len().div_ceil(3));
        let backwards: Vec<usize> = forwards.iter().rev().copied().collect();
        let half = ids.len() / 2;
        let rotated: Vec<usize> = forwards[half..].iter().chain(&forwards[..half]).copied().collect();
        for order in [&backwards, &rotated] {
            assert_eq!(parse_request(ruleset, request(order).as_bytes()).unwrap(), read);
        }
        // The id after a repeated one is the one the guess tries next.
        let again = format!(r#"{{{SAFETY},"indicators":{{"{0}":"no","{1}":"no","{0}":"yes","{1}":"yes"}}}}"#, ids[0], ids[1]);
        let e = errors(&again);
        let pointers: Vec<&str> = e.iter().map(|(p, _, _)| p.as_str()).collect();
        assert_eq!(pointers, [format!("/indicators/{}", ids[0]), format!("/indicators/{}", ids[1])]);
        let unknown = format!(r#"{{{SAFETY},"indicators":{{"{}":"no","{}x":"no"}}}}"#, ids[0], ids[1]);
        assert_eq!(errors(&unknown)[0].1, ErrorCode::UnknownIndicator);
    }

    fn errors(text: &str) -> Vec<(String, ErrorCode, String)> {
        let e = parse_request(Ruleset::tees(), text.as_bytes()).unwrap_err();
        e.errors.into_iter().map(|e| (e.pointer, e.code, e.message)).collect()
    }

    const SAFETY: &str =
        r#""local_authority":"hartlepool","child":{"age_years":14},"immediate_danger":"no","crime_suspected":"no","disclosure":"no""#;

    #[test]
    fn an_answer_given_twice_is_reported_as_such_whatever_its_values_say() {
        let e = errors(&format!(r#"{{{SAFETY},"indicators":{{"missing_overnight":"maybe","missing_overnight":"yes"}}}}"#));
        assert_eq!(e, [("/indicators/missing_overnight".to_owned(), ErrorCode::DuplicateKey, GIVEN_TWICE.to_owned())]);
        let e = errors(&format!(r#"{{{SAFETY},"disclosure":"yes"}}"#));
        assert_eq!(e, [("/disclosure".to_owned(), ErrorCode::DuplicateKey, GIVEN_TWICE.to_owned())]);
    }

    #[test]
    fn every_part_of_a_judgement_is_checked_even_when_another_is_unreadable() {
        let e = errors(&format!(r#"{{{SAFETY},"professional_judgement":{{"direction":3,"reason":"  ","recorded_by_role":""}}}}"#));
        let codes: Vec<(&str, ErrorCode)> = e.iter().map(|(p, c, _)| (p.as_str(), *c)).collect();
        assert_eq!(
            codes,
            [
                ("/professional_judgement/direction", ErrorCode::InvalidType),
                ("/professional_judgement/reason", ErrorCode::MissingReason),
                ("/professional_judgement/recorded_by_role", ErrorCode::InvalidValue),
            ]
        );
    }

    #[test]
    fn messages_name_a_key_as_written_and_pointers_escape_it() {
        let e = errors(&format!(r#"{{{SAFETY},"indicators":{{"a/b~c":3}}}}"#));
        assert_eq!(e[0].0, "/indicators/a~1b~0c");
        assert_eq!(e[0].2, "a/b~c must be one of no, not_known, yes, got 3");
    }

    #[test]
    fn a_missing_child_is_one_problem_and_an_unreadable_age_is_not_also_missing() {
        let e = errors(r#"{"local_authority":"hartlepool","immediate_danger":"no","crime_suspected":"no","disclosure":"no"}"#);
        assert_eq!(e.iter().map(|e| e.0.as_str()).collect::<Vec<_>>(), ["/child"]);
        let e = errors(&format!("{{{}}}", SAFETY.replace("14", "\"ten\"")));
        assert_eq!(e.iter().map(|e| (e.0.as_str(), e.1)).collect::<Vec<_>>(), [("/child/age_years", ErrorCode::InvalidType)]);
    }
}
