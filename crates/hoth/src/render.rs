//! Renders a [`Decision`] into the contract's outcome JSON, with the reasons spelled out.
//!
//! This is where ids become words: action texts with the child's front door filled in,
//! the local authority's label for the level, and a reason for every band, rule and
//! descriptor that shaped the result, each with its provenance and source.
//!
//! Everything that does not depend on the child is escaped and laid out once, when the
//! ruleset is compiled (`Fragments`); rendering one outcome then appends those pieces
//! and a few integers to a byte buffer, with no per-request allocation beyond the buffer.
//! The layout is exactly what serde gives for [`crate::Outcome`] (field order, compact
//! separators): a test re-serializes every rendered outcome and demands the same bytes, so
//! the typed [`crate::Outcome`] (parsed from these bytes) and the JSON never drift apart.

use std::io::Write;

use crate::eval::{Decision, cin_factor_indices, harm_types_in, present};
use crate::parse::Screening;
use crate::ruleset::compile::{CClause, Compiled};
use crate::ruleset::model::RulesetFile;
use crate::vocab::{Direction, LocalAuthority, Provenance, ThresholdName};

/// The engine's name in every outcome.
pub const ENGINE_NAME: &str = "hoth";
/// The engine's version in every outcome.
pub const ENGINE_VERSION: &str = env!("CARGO_PKG_VERSION");

/// A JSON string literal, escaped exactly as serde_json escapes it.
fn lit(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    crate::json::write_str(&mut out, s);
    out
}

fn source(provenance: Provenance, source: &str) -> String {
    format!("{provenance}: {source}")
}

fn reason_json(rule: &str, effect: &str, src: &str) -> String {
    format!(r#"{{"rule":{},"effect":{},"source":{}}}"#, lit(rule), lit(effect), lit(src))
}

/// Pre-escaped pieces of outcome JSON that do not depend on the child.
#[derive(Debug, Clone)]
pub(crate) struct Fragments {
    /// `{"engine":{…},"ruleset":{…},"hoth_concern":`
    header: String,
    /// Per indicator: its id as a JSON string.
    indicator: Vec<String>,
    /// Per local authority and level 1–4: the threshold object.
    threshold: [[String; 4]; 4],
    /// Per local authority: the front door object.
    front_door: [String; 4],
    /// Per local authority and action: `","text":"…"}` after the urgency.
    action_text: [[String; 13]; 4],
    /// Per band: the reason JSON before and after the score.
    band_reason: Vec<(String, String)>,
    /// Per clause: the reason JSON, or `None` when its effect text depends on the decision.
    clause_reason: Vec<Option<String>>,
    /// Per clause: `"rule"` and `"source"` values for dynamic reasons.
    clause_rule_source: Vec<(String, String)>,
    /// Per descriptor: its reason JSON.
    descriptor_reason: Vec<String>,
    /// Per concern: re-screen days.
    rescreen: [u32; 4],
    /// Per census factor: its code as a JSON string.
    cin_code: Vec<String>,
}

/// Builds the fragments for a validated, compiled ruleset.
pub(crate) fn fragments(file: &RulesetFile, c: &Compiled, sha256: &str) -> Fragments {
    let header = format!(
        r#"{{"engine":{{"name":{},"version":{}}},"ruleset":{{"id":{},"version":{},"sha256":{}}},"hoth_concern":"#,
        lit(ENGINE_NAME),
        lit(ENGINE_VERSION),
        lit(&file.id),
        lit(&file.version),
        lit(sha256)
    );
    let per_area = |f: &dyn Fn(usize, LocalAuthority) -> String| -> [String; 4] { std::array::from_fn(|i| f(i, LocalAuthority::ALL[i])) };
    let threshold = std::array::from_fn(|la| {
        let area = &file.local_authorities[c.area_entry[la]];
        std::array::from_fn(|l| {
            let level = l as u8 + 1;
            let name = ThresholdName::for_level(level).map_or("universal", |n| n.as_str());
            let label = area.threshold_labels.get(&level.to_string()).map_or("", String::as_str);
            format!(r#"{{"level":{level},"name":"{name}","label":{}}}"#, lit(label))
        })
    });
    let door = |la: usize| &file.front_doors[c.area_front_door[la]];
    let front_door = per_area(&|la, _| {
        let d = door(la);
        format!(r#"{{"name":{},"phone":{},"email":{}}}"#, lit(&d.title), lit(&d.phone), lit(&d.email))
    });
    let action_text = std::array::from_fn(|la| {
        let d = door(la);
        std::array::from_fn(|a| {
            let text = file.actions[c.action_entry[a]]
                .text
                .replace("{front_door}", &d.title)
                .replace("{phone}", &d.phone)
                .replace("{email}", &d.email);
            format!(r#","text":{}}}"#, lit(&text))
        })
    });
    let band_reason = file
        .bands
        .iter()
        .map(|b| {
            let whole = reason_json(&b.id, &format!("score \u{0} → concern {}", b.concern), &source(b.provenance, &b.source));
            let (before, after) = whole.split_once("\\u0000").unwrap_or((&whole, ""));
            (before.to_owned(), after.to_owned())
        })
        .collect();
    let clause_rule_source: Vec<(String, String)> = c
        .clauses
        .iter()
        .map(|cl| {
            let rule = &file.rules[cl.rule];
            (lit(&rule.id), lit(&source(rule.provenance, &rule.source)))
        })
        .collect();
    let clause_reason = c
        .clauses
        .iter()
        .map(|cl| {
            (!is_dynamic(cl)).then(|| {
                let rule = &file.rules[cl.rule];
                reason_json(&rule.id, &effect_text(cl, None), &source(rule.provenance, &rule.source))
            })
        })
        .collect();
    let descriptor_reason = file
        .threshold_descriptors
        .iter()
        .map(|d| reason_json(&d.id, &format!("threshold >= {}", d.level), &source(d.provenance, &d.source)))
        .collect();
    let mut rescreen = [28; 4];
    for l in &file.concern_levels {
        rescreen[l.id.index()] = l.rescreen_within_days;
    }
    Fragments {
        header,
        indicator: file.indicators.iter().map(|i| lit(&i.id)).collect(),
        threshold,
        front_door,
        action_text,
        band_reason,
        clause_reason,
        clause_rule_source,
        descriptor_reason,
        rescreen,
        cin_code: file.cin_factors.iter().map(|f| lit(&f.code)).collect(),
    }
}

/// A clause's effect text depends on the decision when it applies judgement or may skip an action.
fn is_dynamic(clause: &CClause) -> bool {
    clause.judgement || clause.actions.iter().any(|a| a.unless.is_some())
}

/// What a fired clause did, e.g. `concern >= moderate; action refer_to_front_door (same_day)`.
/// `d` is `None` when pre-rendering clauses whose text cannot depend on the decision.
fn effect_text(clause: &CClause, d: Option<&Decision>) -> String {
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
        let skipped =
            d.is_some_and(|d| a.unless.is_some_and(|u| u != a.id && d.actions[u.index()].is_some()) && d.actions[a.id.index()].is_none());
        match (skipped, a.unless) {
            (true, Some(u)) => parts.push(format!("action {} not added: {u} applies", a.id)),
            _ => parts.push(format!("action {} ({})", a.id, a.urgency)),
        }
    }
    parts.join("; ")
}

fn list<'a>(out: &mut Vec<u8>, items: impl Iterator<Item = &'a str>) {
    out.push(b'[');
    for (n, item) in items.enumerate() {
        if n > 0 {
            out.push(b',');
        }
        out.extend_from_slice(item.as_bytes());
    }
    out.push(b']');
}

/// Appends the outcome JSON for a screening and its decision to `out`.
pub(crate) fn write_outcome(c: &Compiled, f: &Fragments, s: &Screening, d: &Decision, out: &mut Vec<u8>) {
    let la = s.local_authority.index();
    out.extend_from_slice(f.header.as_bytes());
    out.push(b'"');
    out.extend_from_slice(d.concern.as_str().as_bytes());
    out.extend_from_slice(br#"","threshold":"#);
    match d.threshold {
        Some(level @ 1..=4) => out.extend_from_slice(f.threshold[la][usize::from(level) - 1].as_bytes()),
        _ => out.extend_from_slice(b"null"),
    }
    let _ = write!(out, r#","score":{},"harm_types":["#, d.score);
    for (n, h) in harm_types_in(c, s).enumerate() {
        if n > 0 {
            out.push(b',');
        }
        let _ = write!(out, "\"{}\"", h.as_str());
    }
    out.extend_from_slice(br#"],"cin_factors":"#);
    list(out, cin_factor_indices(c, s).map(|i| f.cin_code[i].as_str()));
    let (harm, vulnerability) = present(c, s);
    out.extend_from_slice(br#","indicators_present":{"harm":"#);
    list(out, harm.iter().map(|i| f.indicator[i].as_str()));
    out.extend_from_slice(br#","vulnerability":"#);
    list(out, vulnerability.iter().map(|i| f.indicator[i].as_str()));
    let professional = s.yes.and(&s.professional_concern).len();
    let _ =
        write!(out, r#"}},"evidence":{{"evidenced":{},"professional_concern":{professional}}},"actions":["#, s.yes.len() - professional);
    for (n, (id, urgency)) in d.actions_in_order().enumerate() {
        if n > 0 {
            out.push(b',');
        }
        let _ = write!(out, r#"{{"id":"{}","urgency":"{}""#, id.as_str(), urgency.as_str());
        out.extend_from_slice(f.action_text[la][id.index()].as_bytes());
    }
    out.extend_from_slice(br#"],"front_door":"#);
    out.extend_from_slice(f.front_door[la].as_bytes());
    let _ = write!(out, r#","rescreen_within_days":{},"information_gaps":"#, f.rescreen[d.concern.index()]);
    let gaps = c.all_indicators.and_not(&s.known);
    list(out, gaps.iter().map(|i| f.indicator[i].as_str()));
    let _ = write!(out, r#","complete":{},"reasons":["#, gaps.is_empty());
    if let Some((before, after)) = f.band_reason.get(d.band) {
        out.extend_from_slice(before.as_bytes());
        let _ = write!(out, "{}", d.score);
        out.extend_from_slice(after.as_bytes());
    }
    for (ci, clause) in c.clauses.iter().enumerate() {
        if !d.clause_fired(ci) {
            continue;
        }
        out.push(b',');
        match &f.clause_reason[ci] {
            Some(json) => out.extend_from_slice(json.as_bytes()),
            None => {
                let (rule, src) = &f.clause_rule_source[ci];
                let _ = write!(out, r#"{{"rule":{rule},"effect":{},"source":{src}}}"#, lit(&effect_text(clause, Some(d))));
            }
        }
    }
    if d.threshold.is_some() {
        for i in s.descriptors.iter() {
            out.push(b',');
            out.extend_from_slice(f.descriptor_reason[i].as_bytes());
        }
    }
    out.extend_from_slice(b"]}");
}
