//! Renders a [`Decision`] into the contract's outcome JSON, with the reasons spelled out.
//!
//! This is where ids become words: action texts with the child's front door filled in,
//! the local authority's label for the level, and a reason for every band, rule and
//! descriptor that shaped the result, each with its provenance and source.
//!
//! Everything that does not depend on the child is escaped and laid out once, when the
//! ruleset is compiled (`crate::ruleset::templates`); rendering one outcome then appends those pieces
//! and a few integers to a byte buffer, with no per-request allocation beyond the buffer.
//! The layout is exactly what serde gives for [`crate::Outcome`] (field order, compact
//! separators): a test re-serializes every rendered outcome and demands the same bytes, so
//! the typed [`crate::Outcome`] (parsed from these bytes) and the JSON never drift apart.

use std::io::Write;

use crate::ruleset::Ruleset;
use crate::ruleset::templates::{Applied, concern_text, effect_text, lit, rescreen_days, safety_gaps};
use crate::ruleset::texts::Voice;
use crate::screen::build::Screening;
use crate::screen::eval::{Decision, cin_factor_indices, harm_types_in, present};

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

/// How much of an outcome to write (contract §5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Detail {
    /// Everything: the record a practitioner keeps.
    #[default]
    Full,
    /// For batches and analysts' tables: reasons without their sources (the ruleset's id,
    /// version and hash in every outcome recover them); every other byte as in `Full`.
    Compact,
}

/// Appends the outcome JSON for a screening and its decision to `out`.
pub fn write_outcome(ruleset: &Ruleset, s: &Screening, d: &Decision, detail: Detail, out: &mut Vec<u8>) {
    let (c, f) = (&ruleset.compiled, &ruleset.fragments);
    let la = s.local_authority.index();
    out.extend_from_slice(f.header.as_bytes());
    out.push(b'"');
    out.extend_from_slice(d.concern.as_str().as_bytes());
    let gaps = c.all_indicators.and_not(&s.known);
    let complete = !d.has_gaps;
    let unanswered = gaps.len() as usize + d.other_gaps.count_ones() as usize;
    let _ = write!(out, r#"","concern_text":{},"threshold":"#, lit(&concern_text(ruleset.file(), &ruleset.words, d.concern, unanswered)));
    match d.threshold {
        Some(level @ 1..=4) => {
            out.extend_from_slice(f.threshold[la][usize::from(level) - 1].as_bytes());
            let _ = write!(out, "{}}}", !complete);
        }
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
    // Census factors are children's: none where children's levels do not apply (R10).
    list(out, cin_factor_indices(c, s).filter(|_| d.threshold.is_some()).map(|i| f.cin_code[i].as_str()));
    let (harm, vulnerability) = present(c, s);
    out.extend_from_slice(br#","indicators_present":{"harm":"#);
    list(out, harm.iter().map(|i| f.indicator[i].as_str()));
    out.extend_from_slice(br#","vulnerability":"#);
    list(out, vulnerability.iter().map(|i| f.indicator[i].as_str()));
    let (evidenced, professional, not_stated) = s.evidence();
    let _ = write!(
        out,
        r#"}},"evidence":{{"evidenced":{evidenced},"professional_concern":{professional},"not_stated":{not_stated}}},"actions":["#
    );
    let safety = safety_gaps(|f| s.answer(f));
    let voice = Voice::new(Some(s.local_authority), s.screened_by, s.age_years);
    let texts = ruleset.action_texts(voice);
    for (n, (id, urgency)) in d.actions_in_order().enumerate() {
        if n > 0 {
            out.push(b',');
        }
        let _ = write!(out, r#"{{"id":"{}","urgency":"{}""#, id.as_str(), urgency.as_str());
        out.extend_from_slice(texts.json(id, urgency, safety).as_bytes());
    }
    out.extend_from_slice(br#"],"front_door":"#);
    out.extend_from_slice(f.front_door[la][usize::from(voice.young_adult)].as_bytes());
    let rescreen = rescreen_days(ruleset.file(), &ruleset.words, d.concern, complete);
    let _ = write!(out, r#","rescreen_within_days":{rescreen},"information_gaps":"#);
    list(out, gaps.iter().map(|i| f.indicator[i].as_str()));
    out.extend_from_slice(br#","other_gaps":"#);
    list(out, d.other_gap_fields().map(|p| f.field_pointer[p].as_str()));
    let _ = write!(out, r#","complete":{complete},"reasons":["#);
    let full = detail == Detail::Full;
    let source = |out: &mut Vec<u8>, json: &str| {
        if full {
            out.extend_from_slice(json.as_bytes());
        }
        out.push(b'}');
    };
    if let Some((before, after)) = f.band_reason.get(d.band) {
        out.extend_from_slice(before.as_bytes());
        let _ = write!(out, "{}", d.score);
        out.extend_from_slice(after.as_bytes());
        source(out, &f.band_source[d.band]);
    }
    for (ci, clause) in c.clauses.iter().enumerate() {
        if !d.clause_fired(ci) {
            continue;
        }
        out.push(b',');
        out.extend_from_slice(f.clause_rule[ci].as_bytes());
        match &f.clause_effect[ci] {
            Some(json) => out.extend_from_slice(json.as_bytes()),
            None => {
                let effect = effect_text(clause, Some(Applied { judgement: d.judgement, actions: &d.actions }));
                let _ = write!(out, r#","effect":{}"#, lit(&effect));
            }
        }
        source(out, &f.clause_source[ci]);
    }
    if d.threshold.is_some() {
        for i in s.descriptors.iter() {
            out.push(b',');
            out.extend_from_slice(f.descriptor_reason[i].as_bytes());
            source(out, &f.descriptor_source[i]);
        }
    }
    out.extend_from_slice(b"]}");
}
