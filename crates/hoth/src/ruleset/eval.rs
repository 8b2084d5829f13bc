//! The evaluator: a [`Screening`] and a compiled [`Ruleset`] in, a compact [`Decision`] out.
//!
//! The steps, in the order `reasons` reports them:
//! 1. **Score**: the sum of the weights of `yes` indicators (integers only), placed in a band.
//! 2. **Rules**, in ruleset order. Each clause whose condition holds applies its effects.
//!    Effects only raise: `concern_at_least` also raises the *floor* that professional
//!    judgement (R9) may not go below; `raise_concern_steps` (R8) raises concern and floor.
//! 3. **Threshold**: the highest of the concern's level, any selected descriptor's level and
//!    any rule's `threshold_at_least`, unless a rule said children's levels do not apply.
//!
//! Nothing here allocates, hashes a string or reads a clock: a [`Decision`] is plain data.
//!
//! It lives with the ruleset (re-exported as `screen::eval`) because it is what a compiled
//! ruleset means: the validator runs it on probe requests to check the safety floor
//! (`ruleset::probe`) before a ruleset is ever used.

use crate::contract::vocab::{ActionKey, Answer, Concern, Direction, Urgency};
use crate::ruleset::Ruleset;
use crate::ruleset::bitset::BitSet;
use crate::ruleset::compile::{CClause, Compiled, Cond, MAX_ACTIONS};
use crate::ruleset::screening::Screening;

/// What the rules decided, before it is rendered into an [`crate::Outcome`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Decision {
    /// Final concern.
    pub concern: Concern,
    /// The lowest concern professional judgement may lower to (set by the safety rules).
    pub floor: Concern,
    /// Score: sum of weights of `yes` indicators.
    pub score: u32,
    /// Index of the band the score fell in.
    pub band: usize,
    /// The concern the band gave.
    pub band_concern: Concern,
    /// Threshold of Need level, or `None` when children's levels do not apply.
    pub threshold: Option<u8>,
    /// Professional judgement as applied: direction, concern before, concern after.
    pub judgement: Option<(Direction, Concern, Concern)>,
    /// Each action's urgency by its slot in the ruleset, `None` when not advised: a contract
    /// action's slot is its `ActionId::index`, and the actions the ruleset declares follow
    /// (see [`Decision::actions_in_order`] for their ids).
    pub actions: [Option<Urgency>; MAX_ACTIONS],
    /// Clauses that fired, as bits by clause index (see [`Decision::clause_fired`]).
    fired: u128,
    /// Clauses that changed the concern, the threshold or an action when they fired.
    changed: u128,
    /// The request questions (not indicators) the rules read that are not known, as bits
    /// by position in `contract::request::FIELDS` (R11's other gaps).
    pub other_gaps: u32,
    /// True when anything the rules read is not known: an indicator or another question.
    pub has_gaps: bool,
}

impl Decision {
    /// The most urgent action's urgency.
    pub fn top_urgency(&self) -> Option<Urgency> {
        self.actions.iter().flatten().copied().max()
    }
    /// The positions in `contract::request::FIELDS` of the other gaps, in contract order.
    pub(crate) fn other_gap_fields(&self) -> impl Iterator<Item = usize> + '_ {
        (0..crate::contract::request::FIELDS.len()).filter(|p| self.other_gaps & (1 << p) != 0)
    }
    /// True when the clause at `index` fired.
    pub fn clause_fired(&self, index: usize) -> bool {
        index < 128 && self.fired & (1u128 << index) != 0
    }
    /// True when the clause at `index` fired and changed the concern, the threshold or an
    /// action (a rule that held but changed nothing, like R6 after the band, did not).
    pub fn clause_changed(&self, index: usize) -> bool {
        index < 128 && self.changed & (1u128 << index) != 0
    }
}

/// Evaluates a screening. Total: every screening gets a decision.
pub fn evaluate(ruleset: &Ruleset, s: &Screening) -> Decision {
    evaluate_clauses(ruleset, s, false)
}

/// Evaluates only the triage clauses (those that read nothing but the safety answers and
/// the age): what to do now, before the form is finished (contract §8).
pub(crate) fn evaluate_triage(ruleset: &Ruleset, s: &Screening) -> Decision {
    evaluate_clauses(ruleset, s, true)
}

fn evaluate_clauses(ruleset: &Ruleset, s: &Screening, triage_only: bool) -> Decision {
    let c = &ruleset.compiled;
    let score: u32 = s.yes.iter().map(|i| c.indicators.get(i).map_or(0, |ind| ind.weight)).fold(0u32, u32::saturating_add);
    let band = c.bands.iter().rposition(|b| b.min <= score).unwrap_or(0);
    let band_concern = c.bands.get(band).map_or(Concern::NoCurrentIndicators, |b| b.concern);
    let mut d = Decision {
        concern: band_concern,
        floor: Concern::NoCurrentIndicators,
        score,
        band,
        band_concern,
        threshold: None,
        judgement: None,
        actions: [None; MAX_ACTIONS],
        fired: 0,
        changed: 0,
        other_gaps: 0,
        has_gaps: false,
    };
    d.other_gaps = other_gaps(c, s);
    d.has_gaps = d.other_gaps != 0 || !c.all_indicators.and_not(&s.known).is_empty();
    let mut threshold_floor = 1u8;
    let mut threshold_applies = true;
    for (ci, clause) in c.clauses.iter().enumerate() {
        if (triage_only && !clause.triage) || !holds(&clause.when, s, &d) {
            continue;
        }
        let changed = apply(clause, s, &mut d, &mut threshold_floor, &mut threshold_applies);
        if ci < 128 {
            d.fired |= 1u128 << ci;
            d.changed |= u128::from(changed) << ci;
        }
    }
    if threshold_applies {
        let concern_level = c.concern_threshold[d.concern.index()];
        d.threshold = Some(concern_level.max(s.descriptor_level).max(threshold_floor));
    }
    d
}

/// Applies a clause's effects; true when they changed the concern, the threshold or an action.
fn apply(clause: &CClause, s: &Screening, d: &mut Decision, threshold_floor: &mut u8, threshold_applies: &mut bool) -> bool {
    let before = (d.concern, *threshold_floor, *threshold_applies);
    if let Some(level) = clause.concern_at_least {
        d.concern = d.concern.max(level);
        d.floor = d.floor.max(level);
    }
    if clause.raise_steps > 0 {
        d.concern = d.concern.raised(clause.raise_steps);
        d.floor = d.floor.max(d.concern);
    }
    if let Some(t) = clause.threshold_at_least {
        *threshold_floor = (*threshold_floor).max(t);
    }
    if clause.judgement
        && let Some(direction) = s.judgement
    {
        let before = d.concern;
        d.concern = match direction {
            Direction::Raise => before.raised(1),
            Direction::Lower => before.lowered_one().max(d.floor),
        };
        d.judgement = Some((direction, before, d.concern));
    }
    if clause.threshold_not_applicable {
        *threshold_applies = false;
    }
    // Whether an action was added or raised, noted as it happens (comparing the whole
    // table of urgencies before and after cost a copy per fired clause).
    let mut actions_changed = false;
    for a in &clause.actions {
        if a.unless.is_some_and(|u| d.actions[u].is_some()) {
            continue;
        }
        let urgency = a.as_urgent_as.and_then(|other| d.actions[other]).map_or(a.urgency, |u| u.max(a.urgency));
        let slot = &mut d.actions[a.id];
        let raised = Some(slot.map_or(urgency, |u| u.max(urgency)));
        actions_changed |= *slot != raised;
        *slot = raised;
    }
    actions_changed || before != (d.concern, *threshold_floor, *threshold_applies)
}

pub(crate) fn holds(cond: &Cond, s: &Screening, d: &Decision) -> bool {
    match cond {
        Cond::Always(b) => *b,
        Cond::All(list) => list.iter().all(|c| holds(c, s, d)),
        Cond::Any(list) => list.iter().any(|c| holds(c, s, d)),
        Cond::Answer(field, at_least) => s.answer(*field) >= *at_least,
        Cond::NotKnown(field) => s.answer(*field) == Answer::NotKnown,
        Cond::AgeAtMost(a) => s.age_years <= *a,
        Cond::AgeAtLeast(a) => s.age_years >= *a,
        Cond::AnyYes(mask) => s.yes.intersects(mask),
        Cond::MissingAtLeast(n) => s.missing_episodes >= *n,
        Cond::ConcernAtLeast(c) => d.concern >= *c,
        Cond::DescriptorAtLeast(l) => s.descriptor_level >= *l,
        Cond::ConcernIs(c) => d.concern == *c,
        Cond::Judgement(dir) => s.judgement == Some(*dir),
        Cond::InformationGaps(b) => d.has_gaps == *b,
        Cond::IndicatorAtLeast(mask, at_least) => match at_least {
            Answer::Yes => s.yes.intersects(mask),
            // Yes or not known: any picked indicator not answered `no`.
            Answer::NotKnown => !mask.and_not(&s.known.and_not(&s.yes)).is_empty(),
            Answer::No => !mask.is_empty(),
        },
        Cond::CountYes(mask, n) => s.yes.and(mask).len() >= *n,
        Cond::WeightAtLeast(weights, _, n) => {
            weights.iter().filter(|(i, _)| s.yes.contains(*i)).fold(0u32, |sum, (_, w)| sum.saturating_add(*w)) >= *n
        }
        Cond::ScoreAtLeast(n) => d.score >= *n,
        Cond::EducationIn(bits) => bits & (1 << s.education.index()) != 0,
    }
}

/// The questions the rules read that are not known and apply at the child's age (R11).
fn other_gaps(c: &Compiled, s: &Screening) -> u32 {
    c.asked.iter().filter(|q| s.age_years >= q.from_age).fold(0, |gaps, q| {
        let unknown = match q.answer {
            Some(field) => s.answer(field) == Answer::NotKnown,
            None if q.education => s.education == crate::contract::vocab::Education::NotKnown,
            None => !s.missing_known,
        };
        if unknown { gaps | (1 << q.pos) } else { gaps }
    })
}

/// Indicators answered `yes` that are harm signs, and those that are vulnerabilities.
pub(crate) fn present(c: &Compiled, s: &Screening) -> (BitSet, BitSet) {
    let harm = s.yes.and(&c.harm_mask);
    (harm, s.yes.and_not(&harm))
}

impl Decision {
    /// The actions advised, in output order (most urgent first, then by id), with their
    /// ids in `ruleset`, the one that made this decision. No allocation.
    pub fn actions_in_order<'r>(&'r self, ruleset: &'r Ruleset) -> impl Iterator<Item = (&'r ActionKey, Urgency)> + 'r {
        let c = &ruleset.compiled;
        self.action_slots_in_order(c).map(move |(slot, u)| (&c.action_ids[slot], u))
    }
    /// The same, as slots (see [`Decision::actions`]).
    pub(crate) fn action_slots_in_order<'r>(&'r self, c: &'r Compiled) -> impl Iterator<Item = (usize, Urgency)> + 'r {
        Urgency::ALL
            .iter()
            .rev()
            .flat_map(move |u| c.action_order.iter().filter(move |a| self.actions[**a] == Some(*u)).map(move |a| (*a, *u)))
    }
}

/// Indices of the indicators that are information gaps (not known or absent), in catalogue order.
pub fn gaps(ruleset: &Ruleset, s: &Screening) -> BitSet {
    ruleset.compiled.all_indicators.and_not(&s.known)
}

/// Harm types the `yes` indicators point to, in contract order.
pub fn harm_types(ruleset: &Ruleset, s: &Screening) -> impl Iterator<Item = crate::contract::vocab::HarmType> {
    harm_types_in(&ruleset.compiled, s)
}

pub(crate) fn harm_types_in(c: &Compiled, s: &Screening) -> impl Iterator<Item = crate::contract::vocab::HarmType> {
    crate::ruleset::compile::harm_types_of(s.yes.iter().fold(0u16, |bits, i| bits | c.indicators[i].harm_types))
}

/// Children in Need census factor codes the `yes` indicators point to, in ruleset order;
/// none where children's levels do not apply (young adults, R10): the census is children's.
pub fn cin_factors<'r>(ruleset: &'r Ruleset, s: &Screening, d: &Decision) -> impl Iterator<Item = &'r str> {
    cin_factor_indices(&ruleset.compiled, s, d).map(|i| ruleset.file().cin_factors[i].code.as_str())
}

/// Indices of the census factors the `yes` indicators point to (see [`cin_factors`]).
pub(crate) fn cin_factor_indices<'c>(c: &'c Compiled, s: &Screening, d: &Decision) -> impl Iterator<Item = usize> + 'c {
    let yes = s.yes;
    let applies = d.threshold.is_some();
    c.cin_masks.iter().enumerate().filter(move |(_, mask)| applies && yes.intersects(mask)).map(|(i, _)| i)
}
