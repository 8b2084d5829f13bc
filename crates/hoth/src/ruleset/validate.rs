//! Checks the meaning of a ruleset file: every problem at once, each at its JSON pointer.
//!
//! Parsing already guarantees the shape (types, enum values, no unknown fields). Here we
//! check what a type cannot say: ids are unique and every reference resolves, bands
//! cover every score exactly once, weights are not negative, nothing can lower a level,
//! and the ruleset stays within the engine's limits. What the rules *do* (the safety floor,
//! a profile's rules) is checked after compiling, by probing (`super::probe`).

use std::collections::BTreeSet;

use super::model::{Condition, Effect, RulesetFile};
use crate::contract::error::{Collector, ErrorCode};
use crate::contract::vocab::{ActionId, ActionKey, Concern, LocalAuthority, ThresholdName};
use crate::ruleset::bitset::BitSet;
use crate::ruleset::compile::MAX_DECLARED_ACTIONS;

/// Most clauses a ruleset may have (fired clauses are tracked in a `u128`).
pub const MAX_CLAUSES: usize = 128;
/// Largest indicator weight.
pub const MAX_WEIGHT: i64 = 1000;
/// Deepest nesting of `all` / `any` conditions.
pub const MAX_CONDITION_DEPTH: usize = 8;

/// Collects every semantic problem in `file` into `errs`.
pub fn validate(file: &RulesetFile, errs: &mut Collector) {
    if file.id.trim().is_empty() {
        errs.push("/id", ErrorCode::InvalidRuleset, "ruleset id must not be empty");
    }
    if file.version.trim().is_empty() {
        errs.push("/version", ErrorCode::InvalidRuleset, "ruleset version must not be empty");
    }
    non_empty_source(errs, "", &file.source);
    if let Some(p) = &file.profile
        && p != super::probe::TEES_PROFILE
    {
        errs.push(
            "/profile",
            ErrorCode::InvalidValue,
            format!(
                "unknown profile '{}': the one profile is '{}' (or leave it out)",
                crate::contract::read::truncate(p),
                super::probe::TEES_PROFILE
            ),
        );
    }
    indicators(file, errs);
    bands(file, errs);
    concern_levels(file, errs);
    threshold_levels(file, errs);
    descriptors(file, errs);
    actions(file, errs);
    front_doors_and_areas(file, errs);
    rules(file, errs);
    language(file, errs);
    cin_factors(file, errs);
    questions(file, errs);
}

/// Every question entry names a request field once; every answer field and count the rules
/// read has one (its title is how texts name it); the incomplete wording has its placeholders.
fn questions(file: &RulesetFile, errs: &mut Collector) {
    use crate::contract::request::FIELDS;
    let mut seen = BTreeSet::new();
    for (i, q) in file.questions.iter().enumerate() {
        let at = format!("/questions/{i}");
        non_empty_source(errs, &at, &q.source);
        if !FIELDS.contains(&q.field.as_str()) {
            let hint = crate::contract::suggest::hint(&q.field, FIELDS.iter().copied());
            errs.push(format!("{at}/field"), ErrorCode::UnknownReference, format!("'{}' is not a request field{hint}", q.field));
        } else if !seen.insert(q.field.as_str()) {
            errs.push(format!("{at}/field"), ErrorCode::DuplicateId, format!("question '{}' is listed twice", q.field));
        }
        if q.title.trim().is_empty() {
            errs.push(format!("{at}/title"), ErrorCode::InvalidRuleset, "a question needs its title, as the form asks it");
        }
        if q.applies_from_age.is_some_and(|a| a > 25) {
            errs.push(format!("{at}/applies_from_age"), ErrorCode::OutOfRange, "ages run 0–25");
        }
    }
    for pointer in super::compile::questions_read(file) {
        if !seen.contains(pointer) {
            errs.push(
                "/questions",
                ErrorCode::UnknownReference,
                format!("the rules read '{pointer}' but no question gives its title: add one, so outcomes can name it"),
            );
        }
    }
    let inc = &file.incomplete;
    non_empty_source(errs, "/incomplete", &inc.source);
    for (key, text, needs) in [
        ("one_unanswered", &inc.one_unanswered, &["{concern}"][..]),
        ("many_unanswered", &inc.many_unanswered, &["{concern}", "{count}"][..]),
    ] {
        for n in needs {
            if !text.contains(n) {
                errs.push(format!("/incomplete/{key}"), ErrorCode::InvalidRuleset, format!("{key} must contain {n}"));
            }
        }
    }
}

fn cin_factors(file: &RulesetFile, errs: &mut Collector) {
    let mut seen = BTreeSet::new();
    for (i, f) in file.cin_factors.iter().enumerate() {
        let at = format!("/cin_factors/{i}");
        non_empty_source(errs, &at, &f.source);
        if !seen.insert(f.code.as_str()) {
            errs.push(format!("{at}/code"), ErrorCode::DuplicateId, format!("duplicate census code '{}'", f.code));
        }
        for (j, id) in f.indicators.iter().enumerate() {
            if !file.indicators.iter().any(|x| &x.id == id) {
                errs.push(format!("{at}/indicators/{j}"), ErrorCode::UnknownReference, format!("indicator '{id}' is not in the catalogue"));
            }
        }
        if f.harm_types.is_empty() && f.indicators.is_empty() {
            errs.push(at, ErrorCode::InvalidRuleset, "a census factor needs at least one harm type or indicator");
        }
    }
}

/// Every text the engine can print from this ruleset must pass the language guide.
fn language(file: &RulesetFile, errs: &mut Collector) {
    let Some(guide) = crate::lint::LanguageGuide::current() else {
        errs.push(
            "",
            ErrorCode::Language,
            "no language guide has been read yet, so the ruleset's wording cannot be checked: read it first (setLanguageGuide)",
        );
        return;
    };
    let mut check = |at: String, text: &str| {
        if let Some(f) = guide.lint(text).first() {
            errs.push(
                at,
                ErrorCode::Language,
                format!("'{}' is language the guide advises against: {} ({})", f.text, f.use_instead, f.why),
            );
        }
    };
    check("/title".into(), &file.title);
    for (i, x) in file.indicators.iter().enumerate() {
        check(format!("/indicators/{i}/title"), &x.title);
        check(format!("/indicators/{i}/hint"), &x.hint);
    }
    for (i, x) in file.bands.iter().enumerate() {
        check(format!("/bands/{i}/title"), &x.title);
        if let Some(r) = &x.reason {
            check(format!("/bands/{i}/reason"), r);
        }
    }
    for (i, x) in file.sections.iter().enumerate() {
        check(format!("/sections/{i}/title"), &x.title);
    }
    for (i, x) in file.concern_levels.iter().enumerate() {
        check(format!("/concern_levels/{i}/title"), &x.title);
    }
    for (i, x) in file.threshold_levels.iter().enumerate() {
        check(format!("/threshold_levels/{i}/title"), &x.title);
    }
    for (i, x) in file.threshold_descriptors.iter().enumerate() {
        check(format!("/threshold_descriptors/{i}/title"), &x.title);
    }
    for (i, x) in file.actions.iter().enumerate() {
        check(format!("/actions/{i}/title"), &x.title);
        check(format!("/actions/{i}/text"), &x.text);
        for (key, text) in [("young_adult_text", &x.young_adult_text), ("lead_text", &x.lead_text)] {
            if let Some(t) = text {
                check(format!("/actions/{i}/{key}"), t);
            }
        }
    }
    for (i, x) in file.screened_by.iter().enumerate() {
        check(format!("/screened_by/{i}/lead"), &x.lead);
    }
    if let Some(w) = &file.descriptor_reason {
        check("/descriptor_reason/text".into(), &w.text);
    }
    for (i, x) in file.local_authorities.iter().enumerate() {
        for (k, label) in &x.threshold_labels {
            check(crate::contract::error::pointer(&format!("/local_authorities/{i}/threshold_labels"), k), label);
        }
    }
    for (i, x) in file.rules.iter().enumerate() {
        check(format!("/rules/{i}/title"), &x.title);
        if let Some(r) = &x.reason {
            check(format!("/rules/{i}/reason"), r);
        }
        for (j, c) in x.clauses.iter().enumerate() {
            if let Some(r) = &c.reason {
                check(format!("/rules/{i}/clauses/{j}/reason"), r);
            }
        }
    }
    for (i, x) in file.questions.iter().enumerate() {
        check(format!("/questions/{i}/title"), &x.title);
    }
    check("/incomplete/one_unanswered".into(), &file.incomplete.one_unanswered);
    check("/out_of_hours_note/text".into(), &file.out_of_hours_note.text);
    check("/incomplete/many_unanswered".into(), &file.incomplete.many_unanswered);
}

fn non_empty_source(errs: &mut Collector, at: &str, source: &str) {
    if source.trim().is_empty() {
        errs.push(
            format!("{at}/source"),
            ErrorCode::InvalidRuleset,
            "source must say where this entry comes from (a URL or document name)",
        );
    }
}

fn is_identifier(id: &str) -> bool {
    !id.is_empty() && id.len() <= 64 && id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

/// Ids that are not request keys (bands, rules, front doors): letters, digits, `_` and `-`,
/// 1–64 of them, so no id can carry a control character into an outcome or a report.
fn is_plain_id(id: &str) -> bool {
    !id.is_empty() && id.len() <= 64 && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

/// Reports every id seen before under `list`, and every id that is not plain.
fn unique_ids<'a>(errs: &mut Collector, list: &str, ids: impl Iterator<Item = &'a str>) {
    let mut seen = BTreeSet::new();
    for (i, id) in ids.enumerate() {
        if !is_plain_id(id) {
            errs.push(
                format!("/{list}/{i}/id"),
                ErrorCode::InvalidValue,
                format!("id '{}' must be 1–64 letters, digits, _ or -", id.escape_debug()),
            );
        }
        if !seen.insert(id) {
            errs.push(format!("/{list}/{i}/id"), ErrorCode::DuplicateId, format!("duplicate id '{id}' in {list}"));
        }
    }
}

fn indicators(file: &RulesetFile, errs: &mut Collector) {
    if file.indicators.is_empty() {
        errs.push("/indicators", ErrorCode::InvalidRuleset, "a ruleset needs at least one indicator");
    }
    if file.indicators.len() > BitSet::CAPACITY {
        errs.push("/indicators", ErrorCode::TooLarge, format!("at most {} indicators, got {}", BitSet::CAPACITY, file.indicators.len()));
    }
    unique_ids(errs, "indicators", file.indicators.iter().map(|i| i.id.as_str()));
    for (i, ind) in file.indicators.iter().enumerate() {
        let at = format!("/indicators/{i}");
        if !is_identifier(&ind.id) {
            errs.push(
                format!("{at}/id"),
                ErrorCode::InvalidValue,
                format!("indicator id '{}' must be 1–64 characters of a–z, 0–9 and _", ind.id),
            );
        }
        if ind.weight < 0 {
            errs.push(
                format!("{at}/weight"),
                ErrorCode::NegativeWeight,
                format!("weight of '{}' must be 0 or more, got {}", ind.id, ind.weight),
            );
        } else if ind.weight > MAX_WEIGHT {
            errs.push(
                format!("{at}/weight"),
                ErrorCode::OutOfRange,
                format!("weight of '{}' must be at most {MAX_WEIGHT}, got {}", ind.id, ind.weight),
            );
        }
        non_empty_source(errs, &at, &ind.source);
        if !file.sections.is_empty() && !file.sections.iter().any(|s| s.id == ind.section) {
            let hint = crate::contract::suggest::hint(&ind.section, file.sections.iter().map(|s| s.id.as_str()));
            errs.push(
                format!("{at}/section"),
                ErrorCode::UnknownReference,
                format!("section '{}' is not in sections: each section a form heads needs its title there{hint}", ind.section),
            );
        }
    }
    unique_ids(errs, "sections", file.sections.iter().map(|s| s.id.as_str()));
    for (i, section) in file.sections.iter().enumerate() {
        let at = format!("/sections/{i}");
        non_empty_source(errs, &at, &section.source);
        if !file.indicators.iter().any(|ind| ind.section == section.id) {
            errs.push(format!("{at}/id"), ErrorCode::UnknownReference, format!("no indicator is in section '{}'", section.id));
        }
    }
}

fn bands(file: &RulesetFile, errs: &mut Collector) {
    unique_ids(errs, "bands", file.bands.iter().map(|b| b.id.as_str()));
    if file.bands.is_empty() {
        errs.push("/bands", ErrorCode::BandGapOrOverlap, "bands must cover every score from 0 upwards; none are given");
        return;
    }
    let mut expected_min: Option<i64> = Some(0);
    let mut previous_concern = Concern::NoCurrentIndicators;
    for (i, band) in file.bands.iter().enumerate() {
        let at = format!("/bands/{i}");
        non_empty_source(errs, &at, &band.source);
        match expected_min {
            Some(m) if band.min > m => {
                errs.push(format!("{at}/min"), ErrorCode::BandGapOrOverlap, format!("gap: scores {m}–{} are in no band", band.min - 1))
            }
            Some(m) if band.min < m => errs.push(
                format!("{at}/min"),
                ErrorCode::BandGapOrOverlap,
                format!("overlap: band '{}' starts at {} but scores up to {} are already banded", band.id, band.min, m - 1),
            ),
            None => errs.push(
                format!("{at}/min"),
                ErrorCode::BandGapOrOverlap,
                format!("overlap: band '{}' follows an open-ended band", band.id),
            ),
            _ => {}
        }
        if let Some(max) = band.max
            && max < band.min
        {
            errs.push(
                format!("{at}/max"),
                ErrorCode::BandGapOrOverlap,
                format!("band '{}' ends ({max}) before it starts ({})", band.id, band.min),
            );
        }
        // `previous_concern` starts at the lowest level, so the first band passes this check.
        if band.concern < previous_concern {
            errs.push(
                format!("{at}/concern"),
                ErrorCode::LoweringEffect,
                format!(
                    "band '{}' gives {} for higher scores than a band giving {}: a higher score must never lower the concern",
                    band.id, band.concern, previous_concern
                ),
            );
        }
        previous_concern = previous_concern.max(band.concern);
        expected_min = band.max.map(|m| m + 1);
    }
    if expected_min.is_some() {
        let last = file.bands.len() - 1;
        errs.push(
            format!("/bands/{last}/max"),
            ErrorCode::BandGapOrOverlap,
            "the last band must be open-ended (max: null) so every score has a band",
        );
    }
}

fn concern_levels(file: &RulesetFile, errs: &mut Collector) {
    if file.concern_levels.len() != Concern::ALL.len() {
        errs.push(
            "/concern_levels",
            ErrorCode::InvalidRuleset,
            format!("give exactly one entry per concern level, in order: {}", Concern::wire_list()),
        );
    }
    let mut previous = 0u8;
    for (i, level) in file.concern_levels.iter().enumerate() {
        let at = format!("/concern_levels/{i}");
        non_empty_source(errs, &at, &level.source);
        if let Some(expected) = Concern::ALL.get(i)
            && level.id != *expected
        {
            errs.push(format!("{at}/id"), ErrorCode::InvalidRuleset, format!("entry {i} must be '{expected}', got '{}'", level.id));
        }
        if !(1..=4).contains(&level.threshold_level) {
            errs.push(
                format!("{at}/threshold_level"),
                ErrorCode::OutOfRange,
                format!("threshold_level must be 1–4, got {}", level.threshold_level),
            );
        } else if level.threshold_level < previous {
            errs.push(
                format!("{at}/threshold_level"),
                ErrorCode::LoweringEffect,
                "a higher concern must never map to a lower threshold level",
            );
        }
        previous = previous.max(level.threshold_level);
    }
}

fn threshold_levels(file: &RulesetFile, errs: &mut Collector) {
    if file.threshold_levels.len() != 4 {
        errs.push("/threshold_levels", ErrorCode::InvalidRuleset, "give exactly the four Threshold of Need levels, 1 to 4");
    }
    for (i, level) in file.threshold_levels.iter().enumerate() {
        let at = format!("/threshold_levels/{i}");
        non_empty_source(errs, &at, &level.source);
        let want = i as u8 + 1;
        if level.level != want || ThresholdName::for_level(want) != Some(level.id) {
            errs.push(
                at,
                ErrorCode::InvalidRuleset,
                format!("entry {i} must be level {want} ({})", ThresholdName::for_level(want).map_or("none", |n| n.as_str())),
            );
        }
    }
}

fn descriptors(file: &RulesetFile, errs: &mut Collector) {
    if file.threshold_descriptors.len() > BitSet::CAPACITY {
        errs.push("/threshold_descriptors", ErrorCode::TooLarge, format!("at most {} descriptors", BitSet::CAPACITY));
    }
    unique_ids(errs, "threshold_descriptors", file.threshold_descriptors.iter().map(|d| d.id.as_str()));
    for (i, d) in file.threshold_descriptors.iter().enumerate() {
        let at = format!("/threshold_descriptors/{i}");
        non_empty_source(errs, &at, &d.source);
        if !is_identifier(&d.id) {
            errs.push(
                format!("{at}/id"),
                ErrorCode::InvalidValue,
                format!("descriptor id '{}' must be 1–64 characters of a–z, 0–9 and _", d.id),
            );
        }
        if !(2..=4).contains(&d.level) {
            errs.push(format!("{at}/level"), ErrorCode::OutOfRange, format!("descriptor level must be 2–4, got {}", d.level));
        }
    }
}

fn actions(file: &RulesetFile, errs: &mut Collector) {
    let mut seen = BTreeSet::new();
    let mut declared = 0usize;
    for (i, a) in file.actions.iter().enumerate() {
        let at = format!("/actions/{i}");
        non_empty_source(errs, &at, &a.source);
        if !seen.insert(&a.id) {
            errs.push(format!("{at}/id"), ErrorCode::DuplicateId, format!("duplicate action '{}'", a.id));
        }
        if let ActionKey::Declared(id) = &a.id {
            declared += 1;
            if declared == MAX_DECLARED_ACTIONS + 1 {
                errs.push(
                    format!("{at}/id"),
                    ErrorCode::TooLarge,
                    format!("a ruleset may declare at most {MAX_DECLARED_ACTIONS} actions of its own beyond the contract's"),
                );
            }
            let near = ActionId::ALL.iter().map(|a| a.as_str()).find(|c| crate::contract::suggest::edit_distance(id, c) <= 2);
            if let Some(contract) = near {
                // The misspelling is the problem; its missing urgency would only follow from it.
                errs.push(
                    format!("{at}/id"),
                    ErrorCode::InvalidValue,
                    format!("action '{id}' is so close to the contract's '{contract}' that it reads as a misspelling; use '{contract}', or a name that cannot be mistaken for it"),
                );
            }
            if a.urgency.is_none() && near.is_none() {
                errs.push(
                    format!("{at}/urgency"),
                    ErrorCode::MissingField,
                    format!(
                        "action '{id}' is the ruleset's own, so it needs an urgency: how quickly, when a rule that adds it does not say"
                    ),
                );
            }
        }
        let texts = [("text", Some(&a.text)), ("young_adult_text", a.young_adult_text.as_ref()), ("lead_text", a.lead_text.as_ref())];
        for (key, text) in texts.into_iter().filter_map(|(k, t)| Some((k, t?))) {
            if !only_placeholders(text, &["front_door", "phone", "email", "unanswered_safety_questions", "lead"]) {
                errs.push(
                    format!("{at}/{key}"),
                    ErrorCode::InvalidRuleset,
                    "action text may only use the placeholders {front_door}, {phone}, {email}, {lead} and {unanswered_safety_questions}",
                );
            }
        }
    }
    for id in ActionId::ALL {
        if !seen.contains(&ActionKey::Contract(*id)) {
            errs.push(
                "/actions",
                ErrorCode::UnknownReference,
                format!("no text for action '{id}': every action needs words a practitioner can follow"),
            );
        }
    }
}

/// Every action a rule's effect names is in `actions`, and each added action has an
/// urgency (its own, or its entry's).
fn effect_actions(file: &RulesetFile, e: &Effect, at: &str, errs: &mut Collector) {
    let entry = |id: &ActionKey| file.actions.iter().find(|a| a.id == *id);
    // A contract action always has an entry (`actions` reports it when it does not).
    let known = |id: &ActionKey, pointer: String, errs: &mut Collector| {
        if matches!(id, ActionKey::Declared(_)) && entry(id).is_none() {
            let hint = crate::contract::suggest::hint(id.as_str(), file.actions.iter().map(|a| a.id.as_str()));
            errs.push(
                pointer,
                ErrorCode::UnknownReference,
                format!("action '{id}' is neither one of the contract's nor declared in this ruleset's actions{hint}"),
            );
        }
    };
    for (i, a) in e.actions.iter().enumerate() {
        let aat = format!("{at}/actions/{i}");
        known(&a.id, format!("{aat}/id"), errs);
        for (key, other) in [("unless", &a.unless), ("as_urgent_as", &a.as_urgent_as)] {
            if let Some(other) = other {
                known(other, format!("{aat}/{key}"), errs);
            }
        }
        if a.urgency.is_none() && entry(&a.id).is_some_and(|e| e.urgency.is_none()) {
            errs.push(
                format!("{aat}/urgency"),
                ErrorCode::MissingField,
                format!("how quickly: action '{}' has no urgency of its own in actions, so the rule must give one", a.id),
            );
        }
    }
}

/// True when every `{…}` in `text` is one of `names`.
fn only_placeholders(text: &str, names: &[&str]) -> bool {
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}').map(|c| open + c) else { return false };
        if !names.contains(&&rest[open + 1..close]) {
            return false;
        }
        rest = &rest[close + 1..];
    }
    true
}

fn front_doors_and_areas(file: &RulesetFile, errs: &mut Collector) {
    unique_ids(errs, "front_doors", file.front_doors.iter().map(|d| d.id.as_str()));
    for (i, d) in file.front_doors.iter().enumerate() {
        let at = format!("/front_doors/{i}");
        non_empty_source(errs, &at, &d.source);
        if d.phone.trim().is_empty() {
            errs.push(format!("{at}/phone"), ErrorCode::InvalidRuleset, "a front door needs a phone number");
        }
    }
    let mut seen = BTreeSet::new();
    for (i, la) in file.local_authorities.iter().enumerate() {
        let at = format!("/local_authorities/{i}");
        non_empty_source(errs, &at, &la.source);
        if !seen.insert(la.id) {
            errs.push(format!("{at}/id"), ErrorCode::DuplicateId, format!("duplicate local authority '{}'", la.id));
        }
        if !file.front_doors.iter().any(|d| d.id == la.front_door) {
            errs.push(
                format!("{at}/front_door"),
                ErrorCode::UnknownReference,
                format!("front door '{}' is not in front_doors", la.front_door),
            );
        }
        if let Some(adult) = &la.adult_front_door
            && !file.front_doors.iter().any(|d| &d.id == adult)
        {
            errs.push(format!("{at}/adult_front_door"), ErrorCode::UnknownReference, format!("front door '{adult}' is not in front_doors"));
        }
        let keys: Vec<&str> = la.threshold_labels.keys().map(String::as_str).collect();
        if keys != ["1", "2", "3", "4"] {
            errs.push(
                format!("{at}/threshold_labels"),
                ErrorCode::InvalidRuleset,
                "threshold_labels must have exactly the keys \"1\" to \"4\"",
            );
        }
    }
    for la in LocalAuthority::ALL {
        if !seen.contains(la) {
            errs.push("/local_authorities", ErrorCode::UnknownReference, format!("no entry for local authority '{la}'"));
        }
    }
}

fn rules(file: &RulesetFile, errs: &mut Collector) {
    unique_ids(errs, "rules", file.rules.iter().map(|r| r.id.as_str()));
    let clauses: usize = file.rules.iter().map(|r| r.clauses.len()).sum();
    if clauses > MAX_CLAUSES {
        errs.push("/rules", ErrorCode::TooLarge, format!("at most {MAX_CLAUSES} clauses in all, got {clauses}"));
    }
    if file.rules.is_empty() {
        errs.push(
            "/rules",
            ErrorCode::RequiredRule,
            "a ruleset needs rules: at least those that hold the safety floor (contract R1–R3, R11, R12)",
        );
    }
    for (ri, rule) in file.rules.iter().enumerate() {
        let at = format!("/rules/{ri}");
        non_empty_source(errs, &at, &rule.source);
        if rule.clauses.is_empty() {
            errs.push(format!("{at}/clauses"), ErrorCode::InvalidRuleset, format!("rule '{}' has no clauses", rule.id));
        }
        for (ci, clause) in rule.clauses.iter().enumerate() {
            let cat = format!("{at}/clauses/{ci}");
            indicator_ids_known(file, &clause.when, &format!("{cat}/when"), 0, errs);
            let mut uses_concern_is = false;
            condition(&clause.when, &format!("{cat}/when"), 0, &mut uses_concern_is, errs);
            effect(&clause.then, &format!("{cat}/then"), uses_concern_is, errs);
            effect_actions(file, &clause.then, &format!("{cat}/then"), errs);
        }
    }
}

/// Every indicator id a condition names is in the catalogue.
fn indicator_ids_known(file: &RulesetFile, c: &Condition, at: &str, depth: usize, errs: &mut Collector) {
    match c {
        Condition::All(list) | Condition::Any(list) if depth <= MAX_CONDITION_DEPTH => {
            let key = if matches!(c, Condition::All(_)) { "all" } else { "any" };
            for (i, inner) in list.iter().enumerate() {
                indicator_ids_known(file, inner, &format!("{at}/{key}/{i}"), depth + 1, errs);
            }
        }
        Condition::AnyIndicatorYes(filter) => {
            ids_known(file, &filter.ids, &format!("{at}/any_indicator_yes/ids"), errs);
            section_known(file, filter.section.as_deref(), &format!("{at}/any_indicator_yes/section"), errs);
        }
        Condition::Indicator(x) => ids_known(file, &x.ids, &format!("{at}/indicator/ids"), errs),
        Condition::CountYes(x) => {
            ids_known(file, &x.ids, &format!("{at}/count_yes/ids"), errs);
            section_known(file, x.section.as_deref(), &format!("{at}/count_yes/section"), errs);
        }
        Condition::SectionScore(x) => section_known(file, Some(&x.section), &format!("{at}/section_score/section"), errs),
        _ => {}
    }
}

/// Every id in `ids` is in the catalogue.
fn ids_known(file: &RulesetFile, ids: &[String], at: &str, errs: &mut Collector) {
    for (i, id) in ids.iter().enumerate() {
        if !file.indicators.iter().any(|ind| &ind.id == id) {
            let known = file.indicators.iter().map(|ind| ind.id.as_str());
            errs.push(
                format!("{at}/{i}"),
                ErrorCode::UnknownReference,
                format!("unknown indicator '{}'{}", crate::contract::read::truncate(id), crate::contract::suggest::hint(id, known)),
            );
        }
    }
}

/// A section a condition names is some indicator's section.
fn section_known(file: &RulesetFile, section: Option<&str>, at: &str, errs: &mut Collector) {
    if let Some(section) = section
        && !file.indicators.iter().any(|ind| ind.section == section)
    {
        let mut known: Vec<&str> = file.indicators.iter().map(|ind| ind.section.as_str()).collect();
        known.dedup();
        errs.push(
            at,
            ErrorCode::UnknownReference,
            format!(
                "no indicator is in the section '{}'{}",
                crate::contract::read::truncate(section),
                crate::contract::suggest::hint(section, known.into_iter())
            ),
        );
    }
}

fn condition(c: &Condition, at: &str, depth: usize, uses_concern_is: &mut bool, errs: &mut Collector) {
    if depth > MAX_CONDITION_DEPTH {
        errs.push(at, ErrorCode::TooDeep, format!("conditions may nest at most {MAX_CONDITION_DEPTH} deep"));
        return;
    }
    match c {
        Condition::All(list) | Condition::Any(list) => {
            let key = if matches!(c, Condition::All(_)) { "all" } else { "any" };
            if list.is_empty() {
                errs.push(format!("{at}/{key}"), ErrorCode::InvalidRuleset, format!("'{key}' needs at least one condition"));
            }
            for (i, inner) in list.iter().enumerate() {
                condition(inner, &format!("{at}/{key}/{i}"), depth + 1, uses_concern_is, errs);
            }
        }
        Condition::AgeAtMost(a) | Condition::AgeAtLeast(a) if *a > 25 => {
            errs.push(at, ErrorCode::OutOfRange, format!("ages run 0–25, got {a}"));
        }
        Condition::AnyIndicatorYes(filter) if filter.min_weight.is_some_and(|w| w < 0) => {
            errs.push(format!("{at}/any_indicator_yes/min_weight"), ErrorCode::NegativeWeight, "min_weight must be 0 or more");
        }
        Condition::DescriptorLevelAtLeast(l) if !(2..=4).contains(l) => {
            errs.push(format!("{at}/descriptor_level_at_least"), ErrorCode::OutOfRange, format!("descriptor levels run 2–4, got {l}"));
        }
        // Both hold only at an exact point, not "at least": such a clause may only add actions.
        Condition::ConcernIs(_) | Condition::NotKnown(_) => *uses_concern_is = true,
        Condition::Indicator(x) if x.ids.is_empty() => {
            errs.push(format!("{at}/indicator/ids"), ErrorCode::InvalidRuleset, "'indicator' needs at least one indicator id");
        }
        Condition::CountYes(x) => {
            if x.at_least == 0 {
                errs.push(
                    format!("{at}/count_yes/at_least"),
                    ErrorCode::OutOfRange,
                    "count_yes needs at_least 1 or more (a count of 0 always holds: use {\"always\": true})",
                );
            }
            if x.min_weight.is_some_and(|w| w < 0) {
                errs.push(format!("{at}/count_yes/min_weight"), ErrorCode::NegativeWeight, "min_weight must be 0 or more");
            }
        }
        Condition::EducationIn(list) if list.is_empty() => {
            errs.push(format!("{at}/education_in"), ErrorCode::InvalidRuleset, "'education_in' needs at least one education setting");
        }
        Condition::ChildContext(x) => {
            for (i, f) in x.fields.iter().enumerate() {
                if !super::model::ChildContext::ALL.contains(f) {
                    errs.push(
                        format!("{at}/child_context/fields/{i}"),
                        ErrorCode::InvalidValue,
                        format!("'{f}' is not one of the child's context answers (learning_disability, looked_after, care_leaver, send, open_case): use 'answer' for it"),
                    );
                }
            }
        }
        Condition::Not(_) | Condition::ScoreAtMost(_) | Condition::CountYesAtMost(_) => {
            let key = match c {
                Condition::Not(_) => "not",
                Condition::ScoreAtMost(_) => "score_at_most",
                _ => "count_yes_at_most",
            };
            errs.push(
                format!("{at}/{key}"),
                ErrorCode::LoweringEffect,
                format!("'{key}' cannot be proved monotone: it could stop holding when an answer is raised, and so lower a level. Write the condition with 'at least' forms only"),
            );
        }
        _ => {}
    }
}

fn effect(e: &Effect, at: &str, uses_concern_is: bool, errs: &mut Collector) {
    for (present, key) in [
        (e.concern_at_most.is_some(), "concern_at_most"),
        (e.threshold_at_most.is_some(), "threshold_at_most"),
        (e.lower_concern_steps.is_some(), "lower_concern_steps"),
    ] {
        if present {
            errs.push(format!("{at}/{key}"), ErrorCode::LoweringEffect, format!("'{key}' could lower a level: rules may only raise (use professional judgement R9 to lower, one step, never below the floor)"));
        }
    }
    if let Some(steps) = e.raise_concern_steps {
        if steps < 1 {
            errs.push(
                format!("{at}/raise_concern_steps"),
                ErrorCode::LoweringEffect,
                format!("raise_concern_steps must be 1 or more, got {steps}: rules may only raise"),
            );
        } else if steps > 3 {
            errs.push(format!("{at}/raise_concern_steps"), ErrorCode::OutOfRange, format!("raise_concern_steps must be 1–3, got {steps}"));
        }
    }
    if let Some(t) = e.threshold_at_least
        && !(1..=4).contains(&t)
    {
        errs.push(format!("{at}/threshold_at_least"), ErrorCode::OutOfRange, format!("threshold_at_least must be 1–4, got {t}"));
    }
    let changes_level = e.concern_at_least.is_some()
        || e.raise_concern_steps.is_some()
        || e.threshold_at_least.is_some()
        || e.apply_professional_judgement
        || e.children_threshold_not_applicable;
    if uses_concern_is && changes_level {
        errs.push(
            at,
            ErrorCode::LoweringEffect,
            "a clause using 'concern_is' or 'not_known' may only add actions: a level change keyed to an exact level or a missing answer is not monotone",
        );
    }
}
