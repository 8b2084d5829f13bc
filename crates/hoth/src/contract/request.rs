//! The screening request, field for field as in `contract.md` §1.
//!
//! These types are what a form sends. They carry no names, addresses, dates of birth or
//! free text about the child. Parsing them from bytes, with every problem reported at
//! once, is [`crate::screen::build`]'s job; checking ids against a ruleset happens there too,
//! because indicator and descriptor ids are ruleset data.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

pub use crate::contract::id_map::IdMap;
use crate::contract::vocab::{Answer, AnswerField, Basis, Direction, Education, LocalAuthority, ScreenedBy};

/// Largest request accepted, in bytes (contract §6).
pub const MAX_REQUEST_BYTES: usize = 64 * 1024;
/// Longest professional judgement reason, in characters (contract §1).
pub const MAX_REASON_CHARS: usize = 2000;
/// Longest `recorded_by_role`, in characters.
pub const MAX_ROLE_CHARS: usize = 100;
/// Oldest age accepted (18–25: transitional safeguarding).
pub const MAX_AGE: u8 = 25;

/// Every field of a request, as its JSON pointer, in contract order (§0: the rows of §1's
/// table). This is the one declaration of the request's shape that the JSON walk, error
/// order and the bindings' column names follow; the typed [`Request`] below holds the
/// same fields (a test checks the two agree), and each answer field is also an
/// [`AnswerField`](crate::vocab::AnswerField), which is how rules read it.
pub const FIELDS: [&str; 23] = [
    "/local_authority",
    "/child",
    "/child/age_years",
    "/child/learning_disability",
    "/child/looked_after",
    "/child/care_leaver",
    "/child/send",
    "/child/open_case",
    "/child/education",
    "/immediate_danger",
    "/crime_suspected",
    "/disclosure",
    "/indicators",
    "/concern_basis",
    "/history",
    "/history/missing_episodes_last_90_days",
    "/history/re_referral_within_12_months",
    "/threshold_descriptors",
    "/professional_judgement",
    "/professional_judgement/direction",
    "/professional_judgement/reason",
    "/professional_judgement/recorded_by_role",
    "/screened_by",
];

/// Where a pointer into a request comes in contract order (§0): by its field's row in
/// [`FIELDS`], then within `indicators` and `concern_basis` by the position `catalogue` gives
/// an id (the ruleset's catalogue order), within `threshold_descriptors` by list position. A
/// key the request does not define comes after its object's own fields, and the whole
/// document (`""`) first.
pub fn contract_order(pointer: &str, catalogue: impl Fn(&str) -> Option<usize>) -> (usize, usize, usize) {
    if pointer.is_empty() {
        return (0, 0, 0);
    }
    // Field positions count from 1, so the whole document comes first.
    if let Some(i) = FIELDS.iter().position(|f| *f == pointer) {
        return (i + 1, 0, 0);
    }
    for (list, by_id) in [("/indicators/", true), ("/concern_basis/", true), ("/threshold_descriptors/", false)] {
        if let Some(token) = pointer.strip_prefix(list) {
            let at = FIELDS.iter().position(|f| Some(*f) == list.strip_suffix('/')).unwrap_or(0);
            let within = if by_id {
                catalogue(&token.replace("~1", "/").replace("~0", "~")).unwrap_or(usize::MAX)
            } else {
                token.parse().unwrap_or(usize::MAX)
            };
            return (at + 1, 1, within);
        }
    }
    // A key the contract does not have: after the last field of the object it is in.
    let parent = pointer.rsplit_once('/').map_or("", |(p, _)| p);
    let last = FIELDS.iter().rposition(|f| f.strip_prefix(parent).is_some_and(|rest| rest.starts_with('/'))).unwrap_or(FIELDS.len());
    (last + 1, 2, 0)
}

/// The position of a request field in [`FIELDS`], worked out at compile time (a pointer
/// that is not a field does not compile).
pub const fn field(pointer: &str) -> usize {
    const fn same(a: &str, b: &str) -> bool {
        let (a, b) = (a.as_bytes(), b.as_bytes());
        if a.len() != b.len() {
            return false;
        }
        let mut i = 0;
        while i < a.len() {
            if a[i] != b[i] {
                return false;
            }
            i += 1;
        }
        true
    }
    let mut i = 0;
    while i < FIELDS.len() {
        if same(FIELDS[i], pointer) {
            return i;
        }
        i += 1;
    }
    panic!("not a request field")
}

/// The fields a form must always send (the rest have defaults): where a child is, how old,
/// and the three safety answers. Positions here are fixed: `screen::build` keeps one bit
/// per entry, and the first three are local authority, child, age.
pub const REQUIRED: [&str; 6] = ["/local_authority", "/child", "/child/age_years", "/immediate_danger", "/crime_suspected", "/disclosure"];

/// The keys an object of the request may have, with each one's position in [`FIELDS`]:
/// `members("")` for the request itself, `members("/child")` for the child.
pub fn members(parent: &str) -> &'static [(usize, &'static str)] {
    // Worked out once per object, so the walk over each request compares keys only.
    type Members = Vec<(&'static str, Vec<(usize, &'static str)>)>;
    static BY_PARENT: std::sync::OnceLock<Members> = std::sync::OnceLock::new();
    let all = BY_PARENT.get_or_init(|| {
        std::iter::once("")
            .chain(FIELDS)
            .map(|parent| {
                let under = FIELDS
                    .iter()
                    .enumerate()
                    .filter_map(|(i, p)| p.strip_prefix(parent)?.strip_prefix('/').filter(|k| !k.contains('/')).map(|k| (i, k)));
                (parent, under.collect())
            })
            .collect()
    });
    all.iter().find(|(p, _)| *p == parent).map_or(&[][..], |(_, m)| m)
}

/// The message for a request (or batch line) over [`MAX_REQUEST_BYTES`] (contract §6).
pub const TOO_LARGE: &str = "more than 65,536 bytes";

/// A request to screen one child for Harm Outside the Home.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Screening request")]
pub struct Request {
    /// The local authority the child lives in; picks the front door.
    pub local_authority: LocalAuthority,
    /// What is known about the child (no identifying details).
    pub child: Child,
    /// Is the child in immediate danger now? (asked every time)
    pub immediate_danger: Answer,
    /// Is a crime suspected? (asked every time)
    pub crime_suspected: Answer,
    /// Has the child disclosed harm? (asked every time)
    pub disclosure: Answer,
    /// Indicator id → answer. An indicator that is absent is `not_known`, never `no`.
    #[serde(default)]
    pub indicators: IdMap<Answer>,
    /// Indicator id → how a `yes` is known; default `not_stated`. Only for indicators answered `yes`.
    #[serde(default)]
    pub concern_basis: IdMap<Basis>,
    /// Recent history.
    #[serde(default)]
    pub history: History,
    /// Threshold of Need descriptor ids from the ruleset that describe the child's situation.
    #[serde(default)]
    pub threshold_descriptors: Vec<String>,
    /// A practitioner's recorded professional judgement, or null.
    #[serde(default)]
    pub professional_judgement: Option<ProfessionalJudgement>,
    /// Who is screening. Changes only the wording of actions (who "your safeguarding lead"
    /// is; a safeguarding lead is told to record and refer), never an action, urgency or
    /// order, the concern or the threshold. Default `not_known`.
    #[serde(default)]
    pub screened_by: ScreenedBy,
}

impl Request {
    /// A request with the three safety answers a form must always ask, and nothing else
    /// answered yet: every indicator not known, no descriptors, no judgement.
    ///
    /// A Rust service screening a typed request:
    ///
    /// ```
    /// use hoth::request::{Child, Request};
    /// use hoth::{Answer, Concern, LocalAuthority, Ruleset};
    ///
    /// let mut request = Request::new(LocalAuthority::Middlesbrough, Child::aged(14), Answer::No, Answer::No, Answer::No);
    /// request.indicators.insert("missing_overnight", Answer::Yes);
    /// request.child.looked_after = Answer::Yes;
    ///
    /// let outcome = hoth::screen(Ruleset::tees(), &request).expect("a valid request");
    /// assert_eq!(outcome.hoth_concern, Concern::Moderate);      // R6: one high-weight harm sign
    /// assert!(outcome.actions.iter().any(|a| a.id == hoth::ActionId::ReferToFrontDoor));
    /// assert!(!outcome.complete);                                // the other indicators are gaps
    /// ```
    pub fn new(
        local_authority: LocalAuthority,
        child: Child,
        immediate_danger: Answer,
        crime_suspected: Answer,
        disclosure: Answer,
    ) -> Self {
        Request {
            local_authority,
            child,
            immediate_danger,
            crime_suspected,
            disclosure,
            indicators: IdMap::new(),
            concern_basis: IdMap::new(),
            history: History::default(),
            threshold_descriptors: Vec::new(),
            professional_judgement: None,
            screened_by: ScreenedBy::NotKnown,
        }
    }
}

/// Where each answer field sits in a typed [`Request`]: one list, for reading and changing.
macro_rules! answer_places {
    ($($field:ident => $($path:ident).+;)+) => {
        impl Request {
            /// The answer this request gives to an answer field.
            pub fn answer(&self, field: AnswerField) -> Answer {
                match field { $(AnswerField::$field => self.$($path).+,)+ }
            }
            /// The answer field's place in this request, to change it.
            pub fn answer_mut(&mut self, field: AnswerField) -> &mut Answer {
                match field { $(AnswerField::$field => &mut self.$($path).+,)+ }
            }
        }
    };
}

answer_places! {
    ImmediateDanger => immediate_danger;
    CrimeSuspected => crime_suspected;
    Disclosure => disclosure;
    LearningDisability => child.learning_disability;
    LookedAfter => child.looked_after;
    CareLeaver => child.care_leaver;
    Send => child.send;
    OpenCase => child.open_case;
    ReReferralWithin12Months => history.re_referral_within_12_months;
}

/// What is known about the child.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Child {
    /// Age in whole years, 0–25 (18–25: transitional safeguarding).
    #[schemars(range(min = 0, max = 25))]
    pub age_years: u8,
    /// Does the child have a learning disability?
    #[serde(default)]
    pub learning_disability: Answer,
    /// Is the child looked after?
    #[serde(default)]
    pub looked_after: Answer,
    /// Is the young person a care leaver?
    #[serde(default)]
    pub care_leaver: Answer,
    /// Does the child have special educational needs or disabilities?
    #[serde(default)]
    pub send: Answer,
    /// Is the child already open to children's social care (an allocated social worker)?
    #[serde(default)]
    pub open_case: Answer,
    /// The child's education setting.
    #[serde(default)]
    pub education: Education,
}

impl Child {
    /// A child of `age_years` about whom nothing else is known yet (every answer `not_known`).
    pub fn aged(age_years: u8) -> Self {
        Child {
            age_years,
            learning_disability: Answer::NotKnown,
            looked_after: Answer::NotKnown,
            care_leaver: Answer::NotKnown,
            send: Answer::NotKnown,
            open_case: Answer::NotKnown,
            education: Education::NotKnown,
        }
    }
}

/// Recent history.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct History {
    /// Missing episodes in the last 90 days; absent or null when not known (a gap, counted
    /// as 0 by the rules).
    #[serde(default)]
    pub missing_episodes_last_90_days: Option<u32>,
    /// Was the child referred before within the last 12 months?
    #[serde(default)]
    pub re_referral_within_12_months: Answer,
}

/// A practitioner's professional judgement: moves the concern one step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ProfessionalJudgement {
    /// Raise or lower the concern by one step.
    pub direction: Direction,
    /// Why (required, 1–2,000 characters). A request without it is refused with
    /// `missing_reason`; a compact outcome's `screening` leaves it out (contract §5).
    #[schemars(length(min = 1, max = 2000))]
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub reason: String,
    /// The role of the person recording it (e.g. "designated safeguarding lead"), 1–100 characters.
    #[schemars(length(min = 1, max = 100))]
    pub recorded_by_role: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The typed request and [`FIELDS`] describe the same shape, in the same order.
    #[test]
    fn fields_are_the_typed_requests_fields_in_contract_order() {
        let mut r = Request::new(LocalAuthority::Hartlepool, Child::aged(14), Answer::No, Answer::No, Answer::No);
        r.professional_judgement =
            Some(ProfessionalJudgement { direction: Direction::Raise, reason: "r".into(), recorded_by_role: "teacher".into() });
        // Read back with the engine's own reader, which keeps keys in document order.
        fn walk(v: &crate::json::Value<'_>, at: &str, out: &mut Vec<String>) {
            if let Some(members) = v.as_object() {
                for (k, v) in members.iter() {
                    let p = format!("{at}/{k}");
                    out.push(p.clone());
                    // Maps keyed by ruleset ids are data, not shape.
                    if k != "indicators" && k != "concern_basis" {
                        walk(v, &p, out);
                    }
                }
            }
        }
        let mut found = Vec::new();
        let text = serde_json::to_string(&r).unwrap();
        walk(&crate::json::parse(&text).unwrap(), "", &mut found);
        assert_eq!(found, FIELDS);
    }

    #[test]
    fn pointers_sort_in_contract_order() {
        let catalogue = |id: &str| ["b_first", "a_second"].iter().position(|x| *x == id);
        let mut pointers = vec![
            "/threshold_descriptors/10",
            "/colour",
            "/indicators/a_second",
            "/child/colour",
            "/threshold_descriptors/2",
            "/crime_suspected",
            "/indicators/unknown",
            "/child/age_years",
            "/indicators/b_first",
            "/local_authority",
            "",
            "/professional_judgement/reason",
        ];
        pointers.sort_by_key(|p| contract_order(p, catalogue));
        assert_eq!(
            pointers,
            [
                "",
                "/local_authority",
                "/child/age_years",
                "/child/colour",
                "/crime_suspected",
                "/indicators/b_first",
                "/indicators/a_second",
                "/indicators/unknown",
                "/threshold_descriptors/2",
                "/threshold_descriptors/10",
                "/professional_judgement/reason",
                "/colour",
            ]
        );
    }

    #[test]
    fn the_too_large_message_names_the_limit_as_people_read_it() {
        let digits = MAX_REQUEST_BYTES.to_string();
        let grouped = format!("{},{}", &digits[..digits.len() - 3], &digits[digits.len() - 3..]);
        assert_eq!(TOO_LARGE, format!("more than {grouped} bytes"));
    }

    #[test]
    fn every_answer_field_has_one_place_and_reads_back_what_was_set() {
        let mut r = Request::new(LocalAuthority::Hartlepool, Child::aged(14), Answer::No, Answer::No, Answer::No);
        for f in AnswerField::ALL {
            let p = f.pointer();
            assert_eq!(FIELDS.iter().filter(|q| q.rsplit('/').next() == Some(f.as_str())).count(), 1, "{f}");
            *r.answer_mut(*f) = Answer::Yes;
            let v = serde_json::to_value(&r).unwrap();
            assert_eq!(v.pointer(p), Some(&serde_json::json!("yes")), "{f} at {p}");
            assert_eq!(r.answer(*f), Answer::Yes);
        }
        for p in REQUIRED {
            assert!(FIELDS.contains(&p), "{p}");
        }
    }
}
