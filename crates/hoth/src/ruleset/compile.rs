//! Turns a validated [`RulesetFile`] into the dense form the evaluator reads.
//!
//! Ids become small integers, indicator filters become bit masks, bands are sorted
//! ranges, and per-area texts are looked up once. Nothing here runs per request.

use super::model::{AnswerField, Clause, Condition, Effect, IndicatorFilter, RulesetFile};
use crate::contract::vocab::{ActionId, ActionKey, Answer, Category, Concern, Direction, HarmType, LocalAuthority, Urgency};
use crate::ruleset::bitset::BitSet;

/// A compiled condition.
#[derive(Debug, Clone)]
pub(crate) enum Cond {
    Always(bool),
    All(Vec<Cond>),
    Any(Vec<Cond>),
    Answer(AnswerField, Answer),
    NotKnown(AnswerField),
    AgeAtMost(u8),
    AgeAtLeast(u8),
    AnyYes(BitSet),
    MissingAtLeast(u32),
    ConcernAtLeast(Concern),
    DescriptorAtLeast(u8),
    ConcernIs(Concern),
    Judgement(Direction),
    InformationGaps(bool),
    /// Any indicator in the mask answered at least this.
    IndicatorAtLeast(BitSet, Answer),
    /// At least this many `yes` in the mask.
    CountYes(BitSet, u32),
    /// The weights of the `yes` answers among these (index, weight) pairs (a section, also
    /// as a mask) add up to at least this.
    WeightAtLeast(Vec<(usize, u32)>, BitSet, u32),
    ScoreAtLeast(u32),
    /// The child's education is in this set (bits by `Education::index`).
    EducationIn(u16),
}

/// A request question (not an indicator) the rules read: a gap when it is not known (R11).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Asked {
    /// Its position in `contract::request::FIELDS`, which is also its bit in a gap set.
    pub pos: usize,
    /// An answer field, or `None` for the count of missing episodes (or education).
    pub answer: Option<AnswerField>,
    /// The child's education (`answer` is then `None`).
    pub education: bool,
    /// Before this age it is not a gap.
    pub from_age: u8,
}

/// The pointer of the missing-episodes count.
pub(crate) const MISSING_EPISODES: &str = "/history/missing_episodes_last_90_days";
/// The pointer of the child's education.
pub(crate) const EDUCATION: &str = "/child/education";

/// The request questions (not indicators) any rule reads, as pointers in contract order.
/// The three safety answers are always among them: a form must ask them every time.
pub(crate) fn questions_read(file: &RulesetFile) -> Vec<&'static str> {
    fn walk(c: &Condition, found: &mut Vec<&'static str>) {
        match c {
            Condition::All(list) | Condition::Any(list) => list.iter().for_each(|c| walk(c, found)),
            Condition::Answer(a) => found.push(a.field.pointer()),
            Condition::NotKnown(f) => found.push(f.pointer()),
            Condition::MissingEpisodesAtLeast(_) => found.push(MISSING_EPISODES),
            Condition::EducationIn(_) => found.push(EDUCATION),
            Condition::ChildContext(c) => found.extend(c.read_fields().iter().map(|f| f.pointer())),
            _ => {}
        }
    }
    let mut found: Vec<&'static str> =
        crate::contract::request::REQUIRED.iter().copied().filter(|p| AnswerField::ALL.iter().any(|f| f.pointer() == *p)).collect();
    for clause in file.rules.iter().flat_map(|r| &r.clauses) {
        walk(&clause.when, &mut found);
    }
    crate::contract::request::FIELDS.iter().copied().filter(|p| found.contains(p)).collect()
}

/// The most actions a ruleset may have, its own and the contract's: the size of a
/// decision's table of urgencies ([`crate::ruleset::eval::Decision::actions`]).
pub const MAX_ACTIONS: usize = 32;
/// The most actions a ruleset may declare beyond the contract's.
pub const MAX_DECLARED_ACTIONS: usize = MAX_ACTIONS - ActionId::COUNT;

/// An action's slot in a compiled ruleset: a contract action's is its `ActionId::index`,
/// a declared action's follows them in the order `actions` declares it. `None` for an id
/// the ruleset does not declare (the validator refuses those).
pub(crate) fn action_slot(file: &RulesetFile, key: &ActionKey) -> Option<usize> {
    match key {
        ActionKey::Contract(a) => Some(a.index()),
        ActionKey::Declared(_) => file
            .actions
            .iter()
            .filter(|a| matches!(a.id, ActionKey::Declared(_)))
            .position(|a| a.id == *key)
            .map(|p| ActionId::COUNT + p)
            .filter(|slot| *slot < MAX_ACTIONS),
    }
}

/// A compiled action effect: slots (see [`action_slot`]) and the urgency it adds.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ActionFx {
    pub id: usize,
    pub urgency: Urgency,
    pub unless: Option<usize>,
    pub as_urgent_as: Option<usize>,
}

/// A compiled clause.
#[derive(Debug, Clone)]
pub(crate) struct CClause {
    pub rule: usize,
    /// Its place among its rule's clauses.
    pub index_in_rule: usize,
    pub when: Cond,
    pub concern_at_least: Option<Concern>,
    pub raise_steps: u8,
    pub threshold_at_least: Option<u8>,
    pub judgement: bool,
    pub threshold_not_applicable: bool,
    pub actions: Vec<ActionFx>,
    /// Its condition reads nothing but the safety answers and the age, so triage applies it.
    pub triage: bool,
}

/// A compiled score band.
#[derive(Debug, Clone, Copy)]
pub(crate) struct CBand {
    pub min: u32,
    pub concern: Concern,
}

/// Per-indicator numbers the evaluator needs.
#[derive(Debug, Clone, Copy)]
pub(crate) struct CIndicator {
    pub weight: u32,
    pub harm_types: u16,
}

/// Everything compiled.
#[derive(Debug, Clone)]
pub(crate) struct Compiled {
    pub indicators: Vec<CIndicator>,
    /// Indicator ids sorted, with their index: binary search, no hashing.
    pub indicator_lookup: IdTable,
    pub descriptor_lookup: IdTable,
    pub all_indicators: BitSet,
    pub harm_mask: BitSet,
    pub bands: Vec<CBand>,
    pub concern_threshold: [u8; Concern::COUNT],
    pub clauses: Vec<CClause>,
    /// Per action slot (see [`action_slot`]): its id.
    pub action_ids: Vec<ActionKey>,
    /// Per action slot: its entry in `file.actions`.
    pub action_entry: Vec<usize>,
    /// The action slots in output order among equally urgent actions: by id.
    pub action_order: Vec<usize>,
    /// For each local authority, its entry in `file.local_authorities` and front door.
    pub area_entry: [usize; LocalAuthority::COUNT],
    /// Its front door for a child, and for a young adult (index 1: adult social care).
    pub area_front_door: [[usize; 2]; LocalAuthority::COUNT],
    /// Per census factor: the indicators whose `yes` points to it.
    pub cin_masks: Vec<BitSet>,
    /// The request questions the rules read, in contract order (R11's other gaps).
    pub asked: Vec<Asked>,
}

/// Id → index, for the ids a request names. Entries are sorted by a 64-bit FNV-1a hash
/// of the id, so a lookup is a binary search over integers and then one string compare
/// (ids share long prefixes such as `missing_`, which made string binary search slow,
/// above all in WebAssembly). Equal hashes, however unlikely, are all checked in order.
pub(crate) type IdTable = Vec<(u64, String, u16)>;

fn fnv1a(id: &str) -> u64 {
    // A plain loop: at the WASM build's `opt-level = "z"` an iterator chain here was not
    // inlined and cost twice as much (this runs once per id in every request).
    let (bytes, mut h, mut i) = (id.as_bytes(), 0xcbf2_9ce4_8422_2325_u64, 0);
    while i < bytes.len() {
        h = (h ^ u64::from(bytes[i])).wrapping_mul(0x0100_0000_01b3);
        i += 1;
    }
    h
}

fn id_table<'a>(ids: impl Iterator<Item = &'a str>) -> IdTable {
    let mut v: IdTable = ids.enumerate().map(|(i, id)| (fnv1a(id), id.to_owned(), i as u16)).collect();
    v.sort();
    v
}

/// Finds an id's index in its table.
pub(crate) fn lookup(table: &IdTable, id: &str) -> Option<usize> {
    find(table, fnv1a(id), id)
}

fn find(table: &IdTable, h: u64, id: &str) -> Option<usize> {
    let start = table.partition_point(|(k, _, _)| *k < h);
    table[start..].iter().take_while(|(k, _, _)| *k == h).find(|(_, s, _)| s == id).map(|(_, _, i)| usize::from(*i))
}

/// Compiles a file that has passed validation.
pub(crate) fn compile(file: &RulesetFile) -> Compiled {
    let indicators = file
        .indicators
        .iter()
        .map(|i| CIndicator {
            weight: u32::try_from(i.weight).unwrap_or(0),
            harm_types: i.harm_types.iter().fold(0u16, |bits, h| bits | (1 << h.index())),
        })
        .collect();
    let mut harm_mask = BitSet::new();
    for (i, ind) in file.indicators.iter().enumerate() {
        if ind.category == Category::Harm {
            harm_mask.insert(i);
        }
    }
    let mut bands: Vec<CBand> = file.bands.iter().map(|b| CBand { min: clamp_u32(b.min), concern: b.concern }).collect();
    bands.sort_by_key(|b| b.min);
    // The validator requires every concern level, so each entry is set from the file.
    let mut concern_threshold = [0; Concern::COUNT];
    for level in &file.concern_levels {
        concern_threshold[level.id.index()] = level.threshold_level;
    }
    let mut clauses = Vec::new();
    for (ri, rule) in file.rules.iter().enumerate() {
        for (index_in_rule, clause) in rule.clauses.iter().enumerate() {
            clauses.push(compile_clause(file, ri, index_in_rule, clause));
        }
    }
    // The validator requires an entry for every contract action and at most
    // MAX_DECLARED_ACTIONS more, so every slot is set from the file.
    let mut action_ids: Vec<ActionKey> = ActionId::ALL.iter().map(|a| ActionKey::Contract(*a)).collect();
    action_ids
        .extend(file.actions.iter().filter(|a| matches!(a.id, ActionKey::Declared(_))).map(|a| a.id.clone()).take(MAX_DECLARED_ACTIONS));
    let action_entry: Vec<usize> = action_ids.iter().map(|id| file.actions.iter().position(|a| a.id == *id).unwrap_or(0)).collect();
    let mut action_order: Vec<usize> = (0..action_ids.len()).collect();
    action_order.sort_by(|a, b| action_ids[*a].as_str().cmp(action_ids[*b].as_str()));
    let mut area_entry = [0usize; LocalAuthority::COUNT];
    let mut area_front_door = [[0usize; 2]; LocalAuthority::COUNT];
    for (i, la) in file.local_authorities.iter().enumerate() {
        area_entry[la.id.index()] = i;
        let position = |id: &str| file.front_doors.iter().position(|d| d.id == id).unwrap_or(0);
        let child = position(&la.front_door);
        area_front_door[la.id.index()] = [child, la.adult_front_door.as_deref().map_or(child, position)];
    }
    Compiled {
        indicators,
        indicator_lookup: id_table(file.indicators.iter().map(|i| i.id.as_str())),
        descriptor_lookup: id_table(file.threshold_descriptors.iter().map(|d| d.id.as_str())),
        all_indicators: BitSet::first_n(file.indicators.len()),
        harm_mask,
        bands,
        concern_threshold,
        clauses,
        action_ids,
        action_entry,
        action_order,
        area_entry,
        area_front_door,
        asked: questions_read(file)
            .into_iter()
            .map(|pointer| Asked {
                pos: crate::contract::request::FIELDS.iter().position(|p| *p == pointer).unwrap_or(0),
                answer: AnswerField::ALL.iter().copied().find(|f| f.pointer() == pointer),
                education: pointer == EDUCATION,
                from_age: file.questions.iter().find(|q| q.field == pointer).and_then(|q| q.applies_from_age).unwrap_or(0),
            })
            .collect(),
        cin_masks: file
            .cin_factors
            .iter()
            .map(|f| {
                let mut mask = BitSet::new();
                for (i, ind) in file.indicators.iter().enumerate() {
                    if f.indicators.contains(&ind.id) || ind.harm_types.iter().any(|h| f.harm_types.contains(h)) {
                        mask.insert(i);
                    }
                }
                mask
            })
            .collect(),
    }
}

fn clamp_u32(v: i64) -> u32 {
    u32::try_from(v.max(0)).unwrap_or(u32::MAX)
}

fn compile_clause(file: &RulesetFile, rule: usize, index_in_rule: usize, clause: &Clause) -> CClause {
    let Effect {
        concern_at_least,
        raise_concern_steps,
        threshold_at_least,
        apply_professional_judgement,
        children_threshold_not_applicable,
        actions,
        ..
    } = &clause.then;
    CClause {
        rule,
        index_in_rule,
        when: compile_condition(file, &clause.when),
        concern_at_least: *concern_at_least,
        raise_steps: raise_concern_steps.map_or(0, |s| s.clamp(0, 3) as u8),
        threshold_at_least: *threshold_at_least,
        judgement: *apply_professional_judgement,
        threshold_not_applicable: *children_threshold_not_applicable,
        actions: actions
            .iter()
            .map(|a| {
                let slot = |k: &ActionKey| action_slot(file, k).unwrap_or(0);
                let entry = file.actions.iter().find(|e| e.id == a.id);
                ActionFx {
                    id: slot(&a.id),
                    // The validator requires an urgency here or on the action's entry.
                    urgency: a.urgency.or(entry.and_then(|e| e.urgency)).unwrap_or(Urgency::Routine),
                    unless: a.unless.as_ref().map(slot),
                    as_urgent_as: a.as_urgent_as.as_ref().map(slot),
                }
            })
            .collect(),
        triage: reads_only_safety_and_age(&clause.when),
    }
}

/// True when a condition reads nothing but the three safety answers and the child's age:
/// such a clause can be applied before the rest of the form is answered (triage, §8).
fn reads_only_safety_and_age(c: &Condition) -> bool {
    let safety = |f: &AnswerField| crate::ruleset::templates::SAFETY.contains(f);
    match c {
        Condition::Always(_) | Condition::AgeAtMost(_) | Condition::AgeAtLeast(_) => true,
        Condition::All(list) | Condition::Any(list) => list.iter().all(reads_only_safety_and_age),
        Condition::Answer(a) => safety(&a.field),
        Condition::NotKnown(f) => safety(f),
        // The rest read more than that; a child-context condition too (the validator keeps
        // its fields to the child's five, none of them a safety answer).
        _ => false,
    }
}

fn compile_condition(file: &RulesetFile, c: &Condition) -> Cond {
    match c {
        Condition::Always(b) => Cond::Always(*b),
        Condition::All(list) => Cond::All(list.iter().map(|c| compile_condition(file, c)).collect()),
        Condition::Any(list) => Cond::Any(list.iter().map(|c| compile_condition(file, c)).collect()),
        Condition::Answer(a) => Cond::Answer(a.field, a.at_least),
        Condition::NotKnown(f) => Cond::NotKnown(*f),
        Condition::AgeAtMost(a) => Cond::AgeAtMost(*a),
        Condition::AgeAtLeast(a) => Cond::AgeAtLeast(*a),
        Condition::AnyIndicatorYes(filter) => Cond::AnyYes(filter_mask(file, filter)),
        Condition::Indicator(x) => {
            let mut mask = BitSet::new();
            for (i, ind) in file.indicators.iter().enumerate() {
                if x.ids.contains(&ind.id) {
                    mask.insert(i);
                }
            }
            Cond::IndicatorAtLeast(mask, x.at_least)
        }
        Condition::CountYes(x) => Cond::CountYes(filter_mask(file, &x.filter()), x.at_least),
        Condition::SectionScore(x) => {
            let filter = IndicatorFilter { section: Some(x.section.clone()), ..IndicatorFilter::default() };
            let mask = filter_mask(file, &filter);
            let weights = mask.iter().map(|i| (i, u32::try_from(file.indicators[i].weight).unwrap_or(0))).collect();
            Cond::WeightAtLeast(weights, mask, x.at_least)
        }
        Condition::ScoreAtLeast(n) => Cond::ScoreAtLeast(*n),
        Condition::HarmType(h) => Cond::AnyYes(filter_mask(file, &IndicatorFilter { harm_type: Some(*h), ..IndicatorFilter::default() })),
        Condition::EducationIn(list) => Cond::EducationIn(list.iter().fold(0u16, |bits, e| bits | (1 << e.index()))),
        Condition::ChildContext(x) => Cond::Any(x.read_fields().iter().map(|f| Cond::Answer(*f, x.at_least)).collect()),
        // Refused by the validator: never reached for a valid ruleset.
        Condition::Not(_) | Condition::ScoreAtMost(_) | Condition::CountYesAtMost(_) => Cond::Always(false),
        Condition::MissingEpisodesAtLeast(n) => Cond::MissingAtLeast(*n),
        Condition::ConcernAtLeast(c) => Cond::ConcernAtLeast(*c),
        Condition::DescriptorLevelAtLeast(l) => Cond::DescriptorAtLeast(*l),
        Condition::ConcernIs(c) => Cond::ConcernIs(*c),
        Condition::Judgement(d) => Cond::Judgement(*d),
        Condition::InformationGaps(b) => Cond::InformationGaps(*b),
    }
}

/// The indicators a filter picks, as a mask over the catalogue: every field given must match.
pub(crate) fn filter_mask(file: &RulesetFile, filter: &IndicatorFilter) -> BitSet {
    let mut mask = BitSet::new();
    for (i, ind) in file.indicators.iter().enumerate() {
        let category_ok = filter.category.is_none_or(|c| c == ind.category);
        let weight_ok = filter.min_weight.is_none_or(|w| ind.weight >= w);
        let id_ok = filter.ids.is_empty() || filter.ids.contains(&ind.id);
        let section_ok = filter.section.as_ref().is_none_or(|s| *s == ind.section);
        let harm_ok = filter.harm_type.is_none_or(|h| ind.harm_types.contains(&h));
        if category_ok && weight_ok && id_ok && section_ok && harm_ok {
            mask.insert(i);
        }
    }
    mask
}

/// Harm types in a bit mask, in contract order.
pub(crate) fn harm_types_of(bits: u16) -> impl Iterator<Item = HarmType> {
    HarmType::ALL.iter().copied().filter(move |h| bits & (1 << h.index()) != 0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ruleset::model::ChildContext;

    /// The id table's speed rests on FNV-1a spreading ids over distinct hashes (a constant
    /// or broken hash would still find every id, one string compare at a time). Test
    /// vectors from the FNV reference, and distinct hashes for every Tees id.
    #[test]
    fn ids_hash_as_fnv1a_and_apart() {
        assert_eq!(fnv1a(""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a("a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a("foobar"), 0x8594_4171_f739_67e8);
        let file = crate::ruleset::Ruleset::tees().file();
        let ids = file.indicators.iter().map(|i| i.id.as_str()).chain(file.threshold_descriptors.iter().map(|d| d.id.as_str()));
        let mut hashes: Vec<u64> = ids.map(fnv1a).collect();
        let n = hashes.len();
        hashes.sort();
        hashes.dedup();
        assert_eq!(hashes.len(), n, "two ids share a hash");
    }

    /// R11 lists as a gap every question a rule reads, however it reads it: a ruleset that
    /// asks about a question only through `not_known` or a child-context condition still
    /// has it among the questions read, with the three safety answers, in contract order (§0:
    /// the child's answers come before the safety ones).
    #[test]
    fn questions_read_through_any_condition_are_gaps_to_ask_about() {
        let mut file = crate::ruleset::Ruleset::tees().file().clone();
        let first = file.rules[0].clone();
        let when = |c: Condition| {
            let mut rule = first.clone();
            rule.clauses.truncate(1);
            rule.clauses[0].when = c;
            rule
        };
        file.rules = vec![
            when(Condition::NotKnown(AnswerField::LearningDisability)),
            when(Condition::ChildContext(ChildContext { fields: vec![AnswerField::Send], at_least: Answer::Yes })),
        ];
        assert_eq!(
            questions_read(&file),
            ["/child/learning_disability", "/child/send", "/immediate_danger", "/crime_suspected", "/disclosure"]
        );
        file.rules = vec![when(Condition::ChildContext(ChildContext { fields: vec![], at_least: Answer::NotKnown }))];
        let read = questions_read(&file);
        for f in ChildContext::ALL {
            assert!(read.contains(&f.pointer()), "{} is read by a child-context condition with no fields: {read:?}", f.pointer());
        }
    }

    #[test]
    fn the_id_table_finds_every_id_and_nothing_else() {
        let ids = ["missing_overnight", "missing_episode", "a", "", "missing_overnigh", "missing_overnightt"];
        let table = id_table(ids[..4].iter().copied());
        for (i, id) in ids[..4].iter().enumerate() {
            assert_eq!(lookup(&table, id), Some(i));
        }
        assert_eq!(lookup(&table, "missing_overnigh"), None);
        assert_eq!(lookup(&table, "missing_overnightt"), None);
        // Colliding hashes are each checked: force a collision by hand.
        let table: IdTable = vec![(3, "w".into(), 2), (7, "x".into(), 0), (7, "y".into(), 1), (9, "z".into(), 3)];
        assert_eq!(find(&table, 7, "y"), Some(1));
        assert_eq!(find(&table, 7, "x"), Some(0));
        assert_eq!(find(&table, 7, "z"), None);
    }
}
