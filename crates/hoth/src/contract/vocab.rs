//! The fixed vocabulary of the screening contract (`contract.md` §1–§5).
//!
//! Everything here is an id the contract fixes: answers, levels, urgencies, local
//! authorities, harm types and action ids. Their *meaning* in a given area (weights,
//! texts, labels, contacts) is ruleset data in `seeds/`; only the names live in code, so
//! that a misspelt id is a compile error here and a clear validation error everywhere else.
//!
//! Every ordered enum derives `Ord` in the contract's order, so "raise", "at least" and
//! "most urgent first" are plain integer comparisons: no floats, no string compares.

use schemars::JsonSchema;
use serde::de::{self, Deserialize, Deserializer, Visitor};
use serde::{Serialize, Serializer};

/// Reads a JSON string that must be one of `names`, giving its position. Every vocabulary
/// enum deserializes through this one visitor, so each enum adds a table of names rather
/// than its own copy of serde's generated code (that copy, times 19 enums, times each JSON
/// reader, was ~20 KB of the WASM bundle).
struct WireName(&'static [&'static str]);

impl<'de> Visitor<'de> for WireName {
    type Value = usize;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("one of ")?;
        for (i, name) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            write!(f, "`{name}`")?;
        }
        Ok(())
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<usize, E> {
        self.0.iter().position(|name| *name == v).ok_or_else(|| E::unknown_variant(v, self.0))
    }
}

/// Declares a `snake_case` string enum with its wire names listed once, so
/// `ALL`, `as_str` and `index` can never drift from the serde names.
macro_rules! vocab_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $wire:literal,)+ }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, JsonSchema)]
        pub enum $name { $($(#[$vmeta])* #[serde(rename = $wire)] $variant,)+ }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                d.deserialize_str(WireName(Self::WIRE)).map(|i| Self::ALL[i])
            }
        }

        impl crate::json::write::Write for $name {
            fn write(&self, out: &mut String) {
                crate::json::write_str(out, self.as_str());
            }
        }

        impl crate::contract::read::Read for $name {
            fn expected() -> String {
                crate::contract::read::one_of(Self::WIRE)
            }
            fn read(v: &crate::json::Value<'_>, r: &mut crate::contract::read::Reader) -> Option<Self> {
                crate::contract::read::name_in(v, r, Self::WIRE).map(|i| Self::ALL[i])
            }
        }

        impl $name {
            /// The wire names, in the contract's order.
            pub const WIRE: &'static [&'static str] = &[$($wire,)+];
            /// Every value, in the contract's order.
            pub const ALL: &'static [$name] = &[$($name::$variant,)+];
            /// How many values there are: the size of any table indexed by [`Self::index`].
            pub const COUNT: usize = Self::ALL.len();
            /// The wire name, exactly as in the contract.
            pub const fn as_str(self) -> &'static str {
                match self { $($name::$variant => $wire,)+ }
            }
            /// Position in the contract's order (0-based).
            pub const fn index(self) -> usize { self as usize }
            /// Parses a wire name.
            pub fn from_wire(s: &str) -> Option<Self> {
                match s { $($wire => Some($name::$variant),)+ _ => None }
            }
            /// All wire names, comma-separated, for error messages.
            pub fn wire_list() -> String {
                Self::ALL.iter().map(|v| v.as_str()).collect::<Vec<_>>().join(", ")
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

vocab_enum! {
    /// An answer to a screening question, ordered `no < not_known < yes`.
    ///
    /// `not_known` is an information gap, never the same as `no`.
    Answer {
        /// No
        No = "no",
        /// Not known
        NotKnown = "not_known",
        /// Yes
        Yes = "yes",
    }
}

impl Answer {
    /// The answer a wire name spells, by a `match` on the three names (a length switch and
    /// a word compare: answers are most of a request's values); `None` for anything else.
    pub fn from_wire_fast(s: &str) -> Option<Answer> {
        match s {
            "no" => Some(Answer::No),
            "yes" => Some(Answer::Yes),
            "not_known" => Some(Answer::NotKnown),
            _ => None,
        }
    }
}

// The enum is declared by a macro, so `#[derive(Default)]` cannot pick one variant.
#[allow(clippy::derivable_impls)]
impl Default for Answer {
    /// Anything a form leaves out is not known: never assume "no".
    fn default() -> Self {
        Answer::NotKnown
    }
}

vocab_enum! {
    /// Level of concern about Harm Outside the Home, lowest first.
    Concern {
        /// No current indicators – re-screen on new information
        NoCurrentIndicators = "no_current_indicators",
        /// Low
        Low = "low",
        /// Moderate
        Moderate = "moderate",
        /// Significant
        Significant = "significant",
    }
}

impl Concern {
    /// One step higher, saturating at `significant`.
    pub fn raised(self, steps: u8) -> Concern {
        let i = (self.index() + steps as usize).min(Concern::ALL.len() - 1);
        Concern::ALL[i]
    }
    /// One step lower, saturating at `no_current_indicators`.
    pub fn lowered_one(self) -> Concern {
        Concern::ALL[self.index().saturating_sub(1)]
    }
}

vocab_enum! {
    /// How quickly an action must happen, least urgent first.
    Urgency {
        /// Routine
        Routine = "routine",
        /// Within one working day
        Within1WorkingDay = "within_1_working_day",
        /// Today
        SameDay = "same_day",
        /// Now
        Immediate = "immediate",
    }
}

vocab_enum! {
    /// The four Tees local authorities; each picks its own front door.
    LocalAuthority {
        /// Hartlepool
        Hartlepool = "hartlepool",
        /// Stockton-on-Tees
        StocktonOnTees = "stockton_on_tees",
        /// Middlesbrough
        Middlesbrough = "middlesbrough",
        /// Redcar and Cleveland
        RedcarAndCleveland = "redcar_and_cleveland",
    }
}

vocab_enum! {
    /// The child's education setting.
    Education {
        /// In school
        InSchool = "in_school",
        /// Alternative provision
        AlternativeProvision = "alternative_provision",
        /// Elective home education
        ElectiveHomeEducation = "elective_home_education",
        /// Not in education
        NotInEducation = "not_in_education",
        /// Excluded
        Excluded = "excluded",
        /// Post-16 education or work
        Post16EducationOrWork = "post_16_education_or_work",
        /// Not known
        NotKnown = "not_known",
    }
}

// The enum is declared by a macro, so `#[derive(Default)]` cannot pick one variant.
#[allow(clippy::derivable_impls)]
impl Default for Education {
    fn default() -> Self {
        Education::NotKnown
    }
}

vocab_enum! {
    /// Kinds of harm outside the home.
    HarmType {
        /// Child sexual exploitation
        ChildSexualExploitation = "child_sexual_exploitation",
        /// Child criminal exploitation (including county lines)
        ChildCriminalExploitation = "child_criminal_exploitation",
        /// Modern slavery and trafficking
        ModernSlaveryAndTrafficking = "modern_slavery_and_trafficking",
        /// Serious youth violence
        SeriousYouthViolence = "serious_youth_violence",
        /// Online harm
        OnlineHarm = "online_harm",
        /// Peer-on-peer abuse
        PeerOnPeerAbuse = "peer_on_peer_abuse",
        /// Teenage relationship abuse
        TeenageRelationshipAbuse = "teenage_relationship_abuse",
        /// Radicalisation
        Radicalisation = "radicalisation",
        /// Missing
        Missing = "missing",
    }
}

vocab_enum! {
    /// What the practitioner should do.
    ActionId {
        /// Call 999
        Call999 = "call_999",
        /// Call 101
        Call101 = "call_101",
        /// Answer the safety questions now (R12)
        AnswerSafetyQuestions = "answer_safety_questions",
        /// Consult your designated safeguarding lead
        ConsultSafeguardingLead = "consult_safeguarding_lead",
        /// Refer to the front door
        ReferToFrontDoor = "refer_to_front_door",
        /// Strategy discussion
        StrategyDiscussion = "strategy_discussion",
        /// HOTH multi-agency meeting
        HothMultiAgencyMeeting = "hoth_multi_agency_meeting",
        /// Early help assessment
        EarlyHelpAssessment = "early_help_assessment",
        /// Universal services
        UniversalServices = "universal_services",
        /// Police information sharing form
        PoliceInformationSharingForm = "police_information_sharing_form",
        /// Return home interview
        ReturnHomeInterview = "return_home_interview",
        /// Transitions planning
        TransitionsPlanning = "transitions_planning",
        /// Refer to adult social care
        ReferAdultSocialCare = "refer_adult_social_care",
        /// Tell the child's allocated social worker (R14)
        InformAllocatedSocialWorker = "inform_allocated_social_worker",
        /// Tell the care leaver's personal adviser (R10)
        InformPersonalAdviser = "inform_personal_adviser",
        /// Consider a National Referral Mechanism referral (R13)
        ConsiderNrmReferral = "consider_nrm_referral",
        /// Consider a Prevent referral (R13)
        ConsiderPreventReferral = "consider_prevent_referral",
        /// Complete the screening
        CompleteScreening = "complete_screening",
    }
}

/// An action's id as rulesets and outcomes write it: one of the contract's [`ActionId`]s, or
/// one a ruleset declares beyond them (contract §10: a tool's own route, such as
/// `refer_to_exploitation_panel`, with its title, text, urgency, source and provenance).
///
/// Compares equal to an [`ActionId`], so `action.id == ActionId::Call999` reads as before.
/// A declared id is lowercase letters, digits and underscores, starting with a letter, at
/// most [`ActionKey::MAX_LEN`] characters ([`ActionKey::is_valid_declared`]).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ActionKey {
    /// One of the contract's actions.
    Contract(ActionId),
    /// An action the ruleset declares.
    Declared(String),
}

impl ActionKey {
    /// The longest id a ruleset may declare.
    pub const MAX_LEN: usize = 64;
    /// The pattern a declared id matches, as the JSON Schemas give it.
    pub const PATTERN: &'static str = "^[a-z][a-z0-9_]{0,63}$";

    /// The id as written, e.g. `call_999`.
    pub fn as_str(&self) -> &str {
        match self {
            ActionKey::Contract(a) => a.as_str(),
            ActionKey::Declared(s) => s,
        }
    }
    /// Reads an id: the contract's action when it is one of its names, else a declared one
    /// (whether the ruleset declares it is the validator's question, not this one's).
    pub fn from_wire(s: &str) -> ActionKey {
        ActionId::from_wire(s).map_or_else(|| ActionKey::Declared(s.to_owned()), ActionKey::Contract)
    }
    /// The contract's action, when it is one.
    pub fn contract(&self) -> Option<ActionId> {
        match self {
            ActionKey::Contract(a) => Some(*a),
            ActionKey::Declared(_) => None,
        }
    }
    /// True when `s` may name an action a ruleset declares: see [`ActionKey::PATTERN`].
    pub fn is_valid_declared(s: &str) -> bool {
        let b = s.as_bytes();
        !b.is_empty()
            && b.len() <= Self::MAX_LEN
            && b[0].is_ascii_lowercase()
            && b.iter().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == b'_')
    }
}

impl From<ActionId> for ActionKey {
    fn from(a: ActionId) -> Self {
        ActionKey::Contract(a)
    }
}

impl PartialEq<ActionId> for ActionKey {
    fn eq(&self, other: &ActionId) -> bool {
        *self == ActionKey::Contract(*other)
    }
}

impl std::fmt::Display for ActionKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for ActionKey {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for ActionKey {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = std::borrow::Cow::<'de, str>::deserialize(d)?;
        if ActionId::from_wire(&s).is_none() && !ActionKey::is_valid_declared(&s) {
            return Err(de::Error::custom(format!("'{s}' is not an action id: lowercase letters, digits and underscores")));
        }
        Ok(ActionKey::from_wire(&s))
    }
}

impl JsonSchema for ActionKey {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "ActionKey".into()
    }
    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let contract = generator.subschema_for::<ActionId>();
        schemars::json_schema!({
            "description": "An action id: one of the contract's, or one the ruleset declares (contract §10).",
            "anyOf": [
                contract,
                { "type": "string", "pattern": ActionKey::PATTERN, "description": "An action the ruleset declares, with its title, text, urgency, source and provenance." }
            ]
        })
    }
}

impl crate::json::write::Write for ActionKey {
    fn write(&self, out: &mut String) {
        crate::json::write_str(out, self.as_str());
    }
}

impl crate::contract::read::Read for ActionKey {
    fn expected() -> String {
        "an action id (one of the contract's, or one the ruleset declares: lowercase letters, digits and underscores)".to_owned()
    }
    fn read(v: &crate::json::Value<'_>, r: &mut crate::contract::read::Reader) -> Option<Self> {
        let Some(s) = v.as_str() else { return r.wrong_type(&Self::expected(), v) };
        if ActionId::from_wire(s).is_none() && !ActionKey::is_valid_declared(s) {
            let message = format!("{} must be {}, got {}", r.name(), Self::expected(), crate::contract::read::snippet(v));
            r.error(crate::contract::error::ErrorCode::InvalidValue, message);
            return None;
        }
        Some(ActionKey::from_wire(s))
    }
}

vocab_enum! {
    /// Who is screening: changes only the wording of actions (who "your safeguarding lead"
    /// is), never an action, an urgency, the concern or the threshold (contract §1).
    ScreenedBy {
        /// School or college
        SchoolOrCollege = "school_or_college",
        /// Health
        Health = "health",
        /// Police
        Police = "police",
        /// Youth or community work
        YouthOrCommunity = "youth_or_community",
        /// Children's social care
        SocialCare = "social_care",
        /// Voluntary sector
        VoluntarySector = "voluntary_sector",
        /// I am a safeguarding lead (for example a school's designated safeguarding lead)
        SafeguardingLead = "safeguarding_lead",
        /// Somewhere else
        Other = "other",
        /// Not known
        NotKnown = "not_known",
    }
}

// The enum is declared by a macro, so `#[derive(Default)]` cannot pick one variant.
#[allow(clippy::derivable_impls)]
impl Default for ScreenedBy {
    fn default() -> Self {
        ScreenedBy::NotKnown
    }
}

vocab_enum! {
    /// Which way a practitioner's professional judgement moves the concern.
    Direction {
        /// Raise one step
        Raise = "raise",
        /// Lower one step (never below the floor set by the safety rules)
        Lower = "lower",
    }
}

vocab_enum! {
    /// Whether an indicator is context that makes a child more vulnerable or a sign harm may be happening.
    Category {
        /// Vulnerability: context that makes a child more vulnerable
        Vulnerability = "vulnerability",
        /// Harm: a sign that harm may already be happening
        Harm = "harm",
    }
}

vocab_enum! {
    /// How a `yes` indicator is known.
    Basis {
        /// Evidenced
        Evidenced = "evidenced",
        /// Professional concern ("gut feeling")
        ProfessionalConcern = "professional_concern",
        /// Not stated: the form did not say how it is known (the default, contract v1.1)
        NotStated = "not_stated",
    }
}

// The enum is declared by a macro, so `#[derive(Default)]` cannot pick one variant.
#[allow(clippy::derivable_impls)]
impl Default for Basis {
    /// A basis not given is not stated: never assume a `yes` is evidenced.
    fn default() -> Self {
        Basis::NotStated
    }
}

vocab_enum! {
    /// Where a ruleset entry comes from.
    Provenance {
        /// From a Tees document
        Tees = "tees",
        /// From another area's tool
        Regional = "regional",
        /// From statutory guidance or research
        National = "national",
        /// Our design choice, to be confirmed locally
        Reconstructed = "reconstructed",
    }
}

vocab_enum! {
    /// Names of the four Tees Threshold of Need levels.
    ThresholdName {
        /// Level 1: universal
        Universal = "universal",
        /// Level 2: early help
        EarlyHelp = "early_help",
        /// Level 3: child in need (s17)
        ChildInNeed = "child_in_need",
        /// Level 4: child protection (s47)
        ChildProtection = "child_protection",
    }
}

impl ThresholdName {
    /// The name for a level 1–4.
    pub fn for_level(level: u8) -> Option<ThresholdName> {
        ThresholdName::ALL.get(usize::from(level).checked_sub(1)?).copied()
    }
}

vocab_enum! {
    /// The Assessment Framework domains a threshold descriptor belongs to.
    DescriptorDomain {
        /// Child's developmental needs
        ChildDevelopment = "child_development",
        /// Parenting capacity
        ParentingCapacity = "parenting_capacity",
        /// Family and environmental factors
        FamilyAndEnvironment = "family_and_environment",
        /// Context and sources of harm outside the home
        ContextAndSourcesOfHarm = "context_and_sources_of_harm",
    }
}

vocab_enum! {
    /// A request field holding an answer, tested by a ruleset's `answer` condition.
    AnswerField {
        /// `immediate_danger`
        ImmediateDanger = "immediate_danger",
        /// `crime_suspected`
        CrimeSuspected = "crime_suspected",
        /// `disclosure`
        Disclosure = "disclosure",
        /// `child.learning_disability`
        LearningDisability = "learning_disability",
        /// `child.looked_after`
        LookedAfter = "looked_after",
        /// `child.care_leaver`
        CareLeaver = "care_leaver",
        /// `child.send`
        Send = "send",
        /// `child.open_case`: already open to children's social care (an allocated social worker)
        OpenCase = "open_case",
        /// `history.re_referral_within_12_months`
        ReReferralWithin12Months = "re_referral_within_12_months",
    }
}

impl AnswerField {
    /// Where the answer sits in a request, as a JSON pointer (`/child/looked_after`): the
    /// one entry of [`crate::request::FIELDS`] whose last token is this field's name.
    pub fn pointer(self) -> &'static str {
        crate::contract::request::FIELDS[self.position()]
    }
    /// Its position in [`crate::request::FIELDS`] (worked out once: it is on the hot path of
    /// every screening's reasons).
    pub fn position(self) -> usize {
        static POSITIONS: std::sync::OnceLock<[usize; AnswerField::COUNT]> = std::sync::OnceLock::new();
        POSITIONS.get_or_init(|| {
            std::array::from_fn(|i| {
                let name = AnswerField::ALL[i].as_str();
                crate::contract::request::FIELDS.iter().position(|p| p.rsplit('/').next() == Some(name)).unwrap_or(0)
            })
        })[self.index()]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_are_ordered_no_not_known_yes() {
        assert!(Answer::No < Answer::NotKnown && Answer::NotKnown < Answer::Yes);
        assert_eq!(Answer::default(), Answer::NotKnown);
    }

    #[test]
    fn the_fast_answer_lookup_reads_exactly_the_wire_names() {
        for a in Answer::ALL {
            assert_eq!(Answer::from_wire_fast(a.as_str()), Some(*a));
        }
        for not_an_answer in ["", "Yes", "not known", "no ", "maybe"] {
            assert_eq!(Answer::from_wire_fast(not_an_answer), None, "{not_an_answer:?}");
        }
    }

    #[test]
    fn wire_names_match_serde() {
        for u in Urgency::ALL {
            assert_eq!(serde_json::to_string(u).unwrap(), format!("\"{}\"", u.as_str()));
        }
        for a in ActionId::ALL {
            assert_eq!(serde_json::to_string(a).unwrap(), format!("\"{}\"", a.as_str()));
            assert_eq!(ActionId::from_wire(a.as_str()), Some(*a));
        }
        assert_eq!(ActionId::ALL.len(), 18);
        assert_eq!(HarmType::ALL.len(), 9);
    }

    #[test]
    fn an_action_key_is_the_contracts_id_when_it_is_one_and_declared_otherwise() {
        assert_eq!(ActionKey::from_wire("call_999"), ActionId::Call999);
        assert_eq!(ActionKey::from_wire("refer_to_panel"), ActionKey::Declared("refer_to_panel".into()));
        assert_ne!(ActionKey::from_wire("refer_to_panel"), ActionId::ReferToFrontDoor);
        assert_eq!(serde_json::to_string(&ActionKey::from_wire("refer_to_panel")).unwrap(), r#""refer_to_panel""#);
        assert_eq!(serde_json::from_str::<ActionKey>(r#""call_101""#).unwrap(), ActionId::Call101);
        for bad in ["", "Refer", "9lives", "refer-to-panel", "refer to panel", &"a".repeat(65)] {
            assert!(!ActionKey::is_valid_declared(bad), "{bad:?}");
            assert!(serde_json::from_str::<ActionKey>(&format!("{bad:?}")).is_err(), "{bad:?}");
        }
        assert!(ActionKey::is_valid_declared(&"a".repeat(64)));
    }

    #[test]
    fn concern_steps_saturate() {
        assert_eq!(Concern::Significant.raised(1), Concern::Significant);
        assert_eq!(Concern::Low.raised(1), Concern::Moderate);
        assert_eq!(Concern::NoCurrentIndicators.lowered_one(), Concern::NoCurrentIndicators);
        assert_eq!(ThresholdName::for_level(4), Some(ThresholdName::ChildProtection));
        assert_eq!(ThresholdName::for_level(0), None);
    }
}
