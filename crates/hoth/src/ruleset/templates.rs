//! Everything an outcome says that does not depend on the child, laid out once per ruleset.
//!
//! When a ruleset is compiled, each piece of outcome JSON that is the same for every
//! child is escaped and stored here (`Fragments`): the header with the engine and ruleset,
//! each area's threshold labels and front door, each action's text with the front door
//! filled in, each band's, rule's and descriptor's reason. Rendering one outcome
//! (`crate::screen::render`) then appends these pieces and a few integers to a buffer.
//!
//! `effect_text` says in words what a rule did. Most rules always say the same thing and
//! are pre-rendered; a rule that applies professional judgement, or adds an action only
//! unless another applies, depends on the decision and is worded at render time from an
//! [`Applied`].
//!
//! What does depend on the child is filled into the ruleset's wording by `fill`, in one
//! pass over the template: the concern text's `{concern}` and `{count}`, and each reason's
//! `{answers}`, `{score}` and `{count}` (`crate::screen::reasons`).

use crate::contract::outcome::{ENGINE_NAME, ENGINE_VERSION, FrontDoor, OutOfHours};
use crate::contract::vocab::{Answer, AnswerField, Concern, Direction, LocalAuthority, Provenance, ThresholdName, Urgency};
use crate::ruleset::compile::{CClause, Compiled};
use crate::ruleset::model::RulesetFile;

/// What a screening's decision did that a rule's wording depends on.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Applied<'d> {
    /// Professional judgement as applied: direction, concern before, concern after.
    pub(crate) judgement: Option<(Direction, Concern, Concern)>,
    /// Each action's urgency, by slot (`Decision::actions`); `None` when not advised.
    pub(crate) actions: &'d [Option<Urgency>],
}

/// A JSON string literal, escaped exactly as serde_json escapes it.
pub(crate) fn lit(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    crate::json::write_str(&mut out, s);
    out
}

fn source(provenance: Provenance, source: &str) -> String {
    format!("{provenance}: {source}")
}

/// What an outcome says that does not depend on the child, as plain text: the typed
/// [`crate::Outcome`] is built from these, and [`Fragments`] are these, escaped once.
#[derive(Debug, Clone)]
pub(crate) struct Words {
    /// Per local authority and level 1–4: the area's label for the level.
    pub(crate) threshold_label: [[String; ThresholdName::COUNT]; LocalAuthority::COUNT],
    /// Per local authority: its front door for a child, and for a young adult (index 1).
    pub(crate) front_door: [[FrontDoor; 2]; LocalAuthority::COUNT],
    /// Per concern: its title, the concern text of a complete screening.
    pub(crate) concern_title: [String; Concern::COUNT],
    /// Per band: its id, what follows the score in its effect, and its source.
    pub(crate) band: Vec<(String, String, String)>,
    /// Per clause: its rule's id, its effect when that never depends on the decision, and its source.
    pub(crate) clause: Vec<(String, Option<String>, String)>,
    /// Per descriptor: its id, effect and source.
    pub(crate) descriptor: Vec<(String, String, String)>,
    /// Per concern: re-screen days.
    pub(crate) rescreen: [u32; Concern::COUNT],
}

/// The safety answers a form must ask every time, in contract order.
pub(crate) const SAFETY: [AnswerField; 3] = [AnswerField::ImmediateDanger, AnswerField::CrimeSuspected, AnswerField::Disclosure];

/// In an action's text: the titles of the safety questions not answered yet (R12).
pub(crate) const UNANSWERED_SAFETY: &str = "{unanswered_safety_questions}";

/// Which safety answers are not known, as bits in [`SAFETY`]'s order.
pub(crate) fn safety_gaps(answer: impl Fn(AnswerField) -> Answer) -> usize {
    SAFETY.iter().enumerate().filter(|(_, f)| answer(**f) == Answer::NotKnown).fold(0, |m, (i, _)| m | (1 << i))
}

/// Appends `template` with each `{name}` that `value` fills in (it returns `false` for a
/// name it does not know, which stays as written). One pass, so what is filled in (a
/// question's title) is never read again for placeholders.
pub(crate) fn fill(out: &mut String, template: &str, mut value: impl FnMut(&str, &mut String) -> bool) {
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find(['{', '}']) {
            Some(close) if after.as_bytes()[close] == b'}' && value(&after[..close], out) => rest = &after[close + 1..],
            _ => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
}

/// Appends a whole number, as a filled-in placeholder writes it.
pub(crate) fn push_number(out: &mut String, n: u64) {
    out.push_str(crate::json::write::decimal(n, &mut [0; 20]));
}

/// The concern text: the level's title, or for an incomplete screening the ruleset's
/// wording with how many questions are unanswered (R11).
pub(crate) fn concern_text(file: &RulesetFile, w: &Words, concern: Concern, unanswered: usize) -> String {
    let title = &w.concern_title[concern.index()];
    let template = match unanswered {
        0 => return title.clone(),
        1 => &file.incomplete.one_unanswered,
        _ => &file.incomplete.many_unanswered,
    };
    let mut out = String::with_capacity(template.len() + title.len());
    fill(&mut out, template, |name, out| match name {
        "concern" => {
            out.push_str(title);
            true
        }
        // The wording for one unanswered question has no count (the validator holds it to
        // `{concern}`).
        "count" if unanswered > 1 => {
            push_number(out, unanswered as u64);
            true
        }
        _ => false,
    });
    out
}

/// Re-screen within: the concern's interval, or the incomplete one when that is sooner (R11).
pub(crate) fn rescreen_days(file: &RulesetFile, w: &Words, concern: Concern, complete: bool) -> u32 {
    let days = w.rescreen[concern.index()];
    if complete { days } else { days.min(file.incomplete.rescreen_within_days) }
}

/// What a band's effect says before the score: `score 7 → concern moderate`.
pub(crate) const BAND_EFFECT_BEFORE: &str = "score ";

/// Lays out the words for a validated, compiled ruleset.
pub(crate) fn words(file: &RulesetFile, c: &Compiled) -> Words {
    let threshold_label = std::array::from_fn(|la| {
        let area = &file.local_authorities[c.area_entry[la]];
        std::array::from_fn(|l| area.threshold_labels.get(&(l + 1).to_string()).cloned().unwrap_or_default())
    });
    let front_door = std::array::from_fn(|la| {
        std::array::from_fn(|adult| {
            let d = crate::ruleset::texts::door(file, c, LocalAuthority::ALL[la], adult == 1);
            let o = &d.out_of_hours;
            let out_of_hours = OutOfHours { name: o.name.clone(), phone: o.phone.clone(), hours: o.hours.clone() };
            FrontDoor { name: d.title.clone(), phone: d.phone.clone(), email: d.email.clone(), out_of_hours }
        })
    });
    let mut concern_title: [String; Concern::COUNT] = Default::default();
    for l in &file.concern_levels {
        concern_title[l.id.index()] = l.title.clone();
    }
    let band = file.bands.iter().map(|b| (b.id.clone(), format!(" → concern {}", b.concern), source(b.provenance, &b.source))).collect();
    let clause = c
        .clauses
        .iter()
        .map(|cl| {
            let rule = &file.rules[cl.rule];
            (rule.id.clone(), (!is_dynamic(cl)).then(|| effect_text(c, cl, None)), source(rule.provenance, &rule.source))
        })
        .collect();
    let descriptor = file
        .threshold_descriptors
        .iter()
        .map(|d| (d.id.clone(), format!("threshold >= {}", d.level), source(d.provenance, &d.source)))
        .collect();
    // The validator requires every concern level, so each entry is set from the file.
    let mut rescreen = [0; Concern::COUNT];
    for l in &file.concern_levels {
        rescreen[l.id.index()] = l.rescreen_within_days;
    }
    Words { threshold_label, front_door, concern_title, band, clause, descriptor, rescreen }
}

/// Pre-escaped pieces of outcome JSON that do not depend on the child.
#[derive(Debug, Clone)]
pub(crate) struct Fragments {
    /// `{"engine":{…},"ruleset":{…},"hoth_concern":`
    pub(crate) header: String,
    /// Per indicator: its id as a JSON string.
    pub(crate) indicator: Vec<String>,
    /// Per indicator: `"/indicators/<id>"` as a JSON string.
    pub(crate) indicator_pointer: Vec<String>,
    /// Per descriptor: its id as a JSON string.
    pub(crate) descriptor_id: Vec<String>,
    /// Per indicator and answer (by `Answer::index`): `"<id>":"<answer>"`, for `screening`.
    pub(crate) indicator_answer: Vec<[String; crate::contract::vocab::Answer::COUNT]>,
    /// Per indicator and basis (by `Basis::index`): `"<id>":"<basis>"`, for `screening`.
    pub(crate) indicator_basis: Vec<[String; crate::contract::vocab::Basis::COUNT]>,
    /// Per local authority and level 1–4: the threshold object, up to `,"provisional":`.
    pub(crate) threshold: [[String; ThresholdName::COUNT]; LocalAuthority::COUNT],
    /// Per local authority: the front door object, for a child and for a young adult.
    pub(crate) front_door: [[String; 2]; LocalAuthority::COUNT],
    /// Per request field (by position in `FIELDS`): its pointer as a JSON string.
    pub(crate) field_pointer: Vec<String>,
    /// Per band: its reason's JSON before the score and after it, up to its source.
    pub(crate) band_reason: Vec<(String, String)>,
    /// Per band: `,"source":…` (left out of compact outcomes).
    pub(crate) band_source: Vec<String>,
    /// Per clause: `{"rule":…`.
    pub(crate) clause_rule: Vec<String>,
    /// Per clause: `,"effect":…`, or `None` when its wording depends on the decision.
    pub(crate) clause_effect: Vec<Option<String>>,
    /// Per clause: `,"source":…`.
    pub(crate) clause_source: Vec<String>,
    /// Per descriptor: `{"rule":…,"effect":…`.
    pub(crate) descriptor_reason: Vec<String>,
    /// Per descriptor: `,"source":…`.
    pub(crate) descriptor_source: Vec<String>,
    /// Per census factor: its code as a JSON string.
    pub(crate) cin_code: Vec<String>,
}

/// Escapes the words once, into the pieces [`crate::screen::render`] appends.
pub(crate) fn fragments(file: &RulesetFile, w: &Words, sha256: &str) -> Fragments {
    let header = format!(
        r#"{{"engine":{{"name":{},"version":{}}},"ruleset":{{"id":{},"version":{},"sha256":{}}},"hoth_concern":"#,
        lit(ENGINE_NAME),
        lit(ENGINE_VERSION),
        lit(&file.id),
        lit(&file.version),
        lit(sha256)
    );
    let threshold = std::array::from_fn(|la| {
        std::array::from_fn(|l| {
            let name = ThresholdName::ALL[l];
            format!(r#"{{"level":{},"name":"{name}","label":{},"provisional":"#, l + 1, lit(&w.threshold_label[la][l]))
        })
    });
    let front_door = std::array::from_fn(|la| {
        std::array::from_fn(|adult| {
            let d = &w.front_door[la][adult];
            let o = &d.out_of_hours;
            format!(
                r#"{{"name":{},"phone":{},"email":{},"out_of_hours":{{"name":{},"phone":{},"hours":{}}}}}"#,
                lit(&d.name),
                lit(&d.phone),
                lit(&d.email),
                lit(&o.name),
                lit(&o.phone),
                lit(&o.hours)
            )
        })
    });
    let source_json = |src: &str| format!(r#","source":{}"#, lit(src));
    let band_reason = w
        .band
        .iter()
        .map(|(id, after, _)| {
            let effect = lit(&format!("{BAND_EFFECT_BEFORE}{after}"));
            // Split the escaped effect where the score goes, just after BAND_EFFECT_BEFORE.
            let at = 1 + lit(BAND_EFFECT_BEFORE).len() - 2;
            (format!(r#"{{"rule":{},"effect":{}"#, lit(id), &effect[..at]), effect[at..].to_owned())
        })
        .collect();
    Fragments {
        band_source: w.band.iter().map(|(_, _, src)| source_json(src)).collect(),
        clause_rule: w.clause.iter().map(|(id, _, _)| format!(r#"{{"rule":{}"#, lit(id))).collect(),
        clause_effect: w.clause.iter().map(|(_, effect, _)| effect.as_ref().map(|e| format!(r#","effect":{}"#, lit(e)))).collect(),
        clause_source: w.clause.iter().map(|(_, _, src)| source_json(src)).collect(),
        descriptor_reason: w.descriptor.iter().map(|(id, effect, _)| format!(r#"{{"rule":{},"effect":{}"#, lit(id), lit(effect))).collect(),
        descriptor_source: w.descriptor.iter().map(|(_, _, src)| source_json(src)).collect(),
        header,
        indicator: file.indicators.iter().map(|i| lit(&i.id)).collect(),
        indicator_pointer: file.indicators.iter().map(|i| lit(&crate::json::pointer::pointer("/indicators", &i.id))).collect(),
        descriptor_id: file.threshold_descriptors.iter().map(|d| lit(&d.id)).collect(),
        indicator_answer: file
            .indicators
            .iter()
            .map(|i| std::array::from_fn(|a| format!("{}:\"{}\"", lit(&i.id), Answer::ALL[a].as_str())))
            .collect(),
        indicator_basis: file
            .indicators
            .iter()
            .map(|i| std::array::from_fn(|b| format!("{}:\"{}\"", lit(&i.id), crate::contract::vocab::Basis::ALL[b].as_str())))
            .collect(),
        threshold,
        front_door,
        field_pointer: crate::contract::request::FIELDS.iter().map(|p| lit(p)).collect(),
        band_reason,
        cin_code: file.cin_factors.iter().map(|f| lit(&f.code)).collect(),
    }
}

/// A clause's effect text depends on the decision when it applies judgement or may skip an action.
pub(crate) fn is_dynamic(clause: &CClause) -> bool {
    clause.judgement || clause.actions.iter().any(|a| a.unless.is_some())
}

/// What a fired clause did, e.g. `concern >= moderate; action refer_to_front_door (same_day)`.
/// `c` names its actions; `d` is `None` when pre-rendering clauses whose text cannot
/// depend on the decision.
pub(crate) fn effect_text(c: &Compiled, clause: &CClause, d: Option<Applied<'_>>) -> String {
    let mut parts: Vec<String> = Vec::new();
    if let Some(level) = clause.concern_at_least {
        parts.push(format!("concern >= {level}"));
    }
    if clause.raise_steps > 0 {
        let s = if clause.raise_steps == 1 { "" } else { "s" };
        parts.push(format!("concern raised {} step{s} (cumulative harm)", clause.raise_steps));
    }
    if let Some(t) = clause.threshold_at_least {
        parts.push(format!("threshold >= {t}"));
    }
    if clause.judgement
        && let Some((direction, before, after)) = d.and_then(|d| d.judgement)
    {
        parts.push(match direction {
            Direction::Raise if after > before => format!("professional judgement raised concern {before} → {after}"),
            Direction::Raise => format!("professional judgement to raise: concern already {after}"),
            Direction::Lower if after < before => format!("professional judgement lowered concern {before} → {after}"),
            Direction::Lower => format!("professional judgement to lower: held at {after}, the floor set by R1–R8"),
        });
    }
    if clause.threshold_not_applicable {
        parts.push("threshold not applicable: children's levels do not apply from 18".to_owned());
    }
    for a in &clause.actions {
        let skipped = d.is_some_and(|d| a.unless.is_some_and(|u| u != a.id && d.actions[u].is_some()) && d.actions[a.id].is_none());
        let id = &c.action_ids[a.id];
        match (skipped, a.unless) {
            (true, Some(u)) => parts.push(format!("action {id} not added: {} applies", c.action_ids[u])),
            _ => parts.push(format!("action {id} ({})", a.urgency)),
        }
    }
    parts.join("; ")
}

#[cfg(test)]
mod tests {
    use super::fill;

    fn filled(template: &str) -> String {
        let mut out = String::new();
        fill(&mut out, template, |name, out| match name {
            "count" => {
                out.push_str("12");
                true
            }
            // A question's title that itself looks like a placeholder.
            "answers" => {
                out.push_str("“Says {count} things”");
                true
            }
            _ => false,
        });
        out
    }

    #[test]
    fn each_known_placeholder_is_filled_and_any_other_brace_stays() {
        assert_eq!(filled("{count} questions are not answered"), "12 questions are not answered");
        assert_eq!(filled("{count} of {count}"), "12 of 12");
        assert_eq!(filled("see {other}, {count}"), "see {other}, 12");
        assert_eq!(filled("{{count}}"), "{12}");
        assert_eq!(filled("a { b } c {count"), "a { b } c {count");
        assert_eq!(filled("no placeholders – “quoted”"), "no placeholders – “quoted”");
        assert_eq!(filled(""), "");
    }

    #[test]
    fn what_is_filled_in_is_not_read_again() {
        assert_eq!(filled("Because of {answers}."), "Because of “Says {count} things”.");
    }
}
