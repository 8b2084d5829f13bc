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

use crate::json::write::{push_uint, write_str_bytes};
use crate::ruleset::Ruleset;
use crate::ruleset::templates::{Applied, concern_text, effect_text, rescreen_days, safety_gaps};
use crate::ruleset::texts::Voice;
use crate::screen::build::Screening;
use crate::screen::eval::{Decision, cin_factor_indices, harm_types_in, present};
use crate::screen::reasons::{self, About, Pointer};

/// Appends pieces in order (no formatting machinery: this is on every batch line).
fn put(out: &mut Vec<u8>, parts: &[&str]) {
    parts.iter().for_each(|p| out.extend_from_slice(p.as_bytes()));
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

/// How much of an outcome to write (contract §5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Detail {
    /// Everything: the record a practitioner keeps.
    #[default]
    Full,
    /// For batches and analysts' tables: reasons without their texts and sources, and the
    /// judgement's reason left out of `screening` (free text does not belong in an
    /// analyst's extract; the ruleset's id, version and hash recover the rest); every other
    /// byte as in `Full`.
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
    out.extend_from_slice(br#"","concern_text":"#);
    write_str_bytes(out, &concern_text(ruleset.file(), &ruleset.words, d.concern, unanswered));
    out.extend_from_slice(br#","threshold":"#);
    match d.threshold {
        Some(level @ 1..=4) => {
            out.extend_from_slice(f.threshold[la][usize::from(level) - 1].as_bytes());
            out.extend_from_slice(if complete { b"false}" } else { b"true}" });
        }
        _ => out.extend_from_slice(b"null"),
    }
    out.extend_from_slice(br#","score":"#);
    push_uint(out, u64::from(d.score));
    out.extend_from_slice(br#","harm_types":["#);
    for (n, h) in harm_types_in(c, s).enumerate() {
        if n > 0 {
            out.push(b',');
        }
        put(out, &["\"", h.as_str(), "\""]);
    }
    out.extend_from_slice(br#"],"cin_factors":"#);
    list(out, cin_factor_indices(c, s, d).map(|i| f.cin_code[i].as_str()));
    let (harm, vulnerability) = present(c, s);
    out.extend_from_slice(br#","indicators_present":{"harm":"#);
    list(out, harm.iter().map(|i| f.indicator[i].as_str()));
    out.extend_from_slice(br#","vulnerability":"#);
    list(out, vulnerability.iter().map(|i| f.indicator[i].as_str()));
    let (evidenced, professional, not_stated) = s.evidence();
    out.extend_from_slice(br#"},"evidence":{"evidenced":"#);
    push_uint(out, evidenced as u64);
    out.extend_from_slice(br#","professional_concern":"#);
    push_uint(out, professional as u64);
    out.extend_from_slice(br#","not_stated":"#);
    push_uint(out, not_stated as u64);
    out.extend_from_slice(br#"},"actions":["#);
    let safety = safety_gaps(|f| s.answer(f));
    let voice = Voice::new(Some(s.local_authority), s.screened_by, s.age_years);
    let texts = ruleset.action_texts(voice);
    for (n, (slot, urgency)) in d.action_slots_in_order(&ruleset.compiled).enumerate() {
        if n > 0 {
            out.push(b',');
        }
        // Action ids are plain identifiers (the validator holds declared ones to a pattern).
        put(out, &[r#"{"id":""#, ruleset.compiled.action_ids[slot].as_str(), r#"","urgency":""#, urgency.as_str(), "\""]);
        out.extend_from_slice(texts.json(slot, urgency, safety).as_bytes());
    }
    out.extend_from_slice(br#"],"front_door":"#);
    out.extend_from_slice(f.front_door[la][usize::from(voice.young_adult)].as_bytes());
    let rescreen = rescreen_days(ruleset.file(), &ruleset.words, d.concern, complete);
    out.extend_from_slice(br#","rescreen_within_days":"#);
    push_uint(out, u64::from(rescreen));
    out.extend_from_slice(br#","information_gaps":"#);
    list(out, gaps.iter().map(|i| f.indicator[i].as_str()));
    out.extend_from_slice(br#","other_gaps":"#);
    list(out, d.other_gap_fields().map(|p| f.field_pointer[p].as_str()));
    out.extend_from_slice(if complete { br#","complete":true,"screening":"# } else { br#","complete":false,"screening":"# });
    write_screening(ruleset, s, detail, out);
    out.extend_from_slice(br#","reasons":["#);
    let full = detail == Detail::Full;
    // Each reason's sentence, in one buffer for the whole outcome.
    let mut text = String::new();
    for (n, part) in reasons::parts(ruleset, s, d).iter().enumerate() {
        if n > 0 {
            out.push(b',');
        }
        let source = match part.about {
            About::Band(b) => {
                let (before, after) = &f.band_reason[b];
                out.extend_from_slice(before.as_bytes());
                push_uint(out, u64::from(d.score));
                out.extend_from_slice(after.as_bytes());
                &f.band_source[b]
            }
            About::Clause(ci) => {
                out.extend_from_slice(f.clause_rule[ci].as_bytes());
                match &f.clause_effect[ci] {
                    Some(json) => out.extend_from_slice(json.as_bytes()),
                    None => {
                        let effect = effect_text(c, &c.clauses[ci], Some(Applied { judgement: d.judgement, actions: &d.actions }));
                        out.extend_from_slice(br#","effect":"#);
                        write_str_bytes(out, &effect);
                    }
                }
                &f.clause_source[ci]
            }
            About::Descriptor(i) => {
                out.extend_from_slice(f.descriptor_reason[i].as_bytes());
                &f.descriptor_source[i]
            }
        };
        out.extend_from_slice(if part.changed { br#","changed":true,"because":["# } else { br#","changed":false,"because":["# });
        let mut first = true;
        part.because.for_each(s, |p| {
            if !first {
                out.push(b',');
            }
            first = false;
            match p {
                Pointer::Field(pos) => out.extend_from_slice(f.field_pointer[pos].as_bytes()),
                Pointer::Indicator(i) => out.extend_from_slice(f.indicator_pointer[i].as_bytes()),
                Pointer::Descriptor(_, place) => {
                    out.extend_from_slice(br#""/threshold_descriptors/"#);
                    push_uint(out, place as u64);
                    out.push(b'"');
                }
            }
        });
        out.push(b']');
        if full {
            text.clear();
            reasons::write_text(ruleset, s, d, part, unanswered, &mut text);
            out.extend_from_slice(br#","text":"#);
            write_str_bytes(out, &text);
            out.extend_from_slice(source.as_bytes());
        }
        out.push(b'}');
    }
    out.extend_from_slice(b"]}");
}

/// The request as the engine read it (contract §5 `screening`), laid out as serde writes
/// the typed [`crate::request::Request`] that `typed::record` builds.
pub(crate) fn write_screening(ruleset: &Ruleset, s: &Screening, detail: Detail, out: &mut Vec<u8>) {
    use crate::contract::vocab::AnswerField as F;
    let f = &ruleset.fragments;
    let a = |field: F| s.answer(field).as_str();
    put(out, &[r#"{"local_authority":""#, s.local_authority.as_str(), r#"","child":{"age_years":"#]);
    push_uint(out, u64::from(s.age_years));
    put(out, &[r#","learning_disability":""#, a(F::LearningDisability), r#"","looked_after":""#, a(F::LookedAfter)]);
    put(out, &[r#"","care_leaver":""#, a(F::CareLeaver), r#"","send":""#, a(F::Send), r#"","open_case":""#, a(F::OpenCase)]);
    put(out, &[r#"","education":""#, s.education.as_str(), r#""},"immediate_danger":""#, a(F::ImmediateDanger)]);
    put(out, &[r#"","crime_suspected":""#, a(F::CrimeSuspected), r#"","disclosure":""#, a(F::Disclosure), r#"","indicators":{"#]);
    for (i, answers) in f.indicator_answer.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        out.extend_from_slice(answers[s.indicator(i).index()].as_bytes());
    }
    out.extend_from_slice(br#"},"concern_basis":{"#);
    for (n, i) in s.yes.iter().enumerate() {
        if n > 0 {
            out.push(b',');
        }
        out.extend_from_slice(f.indicator_basis[i][s.basis(i).index()].as_bytes());
    }
    out.extend_from_slice(br#"},"history":{"missing_episodes_last_90_days":"#);
    if s.missing_known {
        push_uint(out, u64::from(s.missing_episodes));
    } else {
        out.extend_from_slice(b"null");
    }
    put(out, &[r#","re_referral_within_12_months":""#, a(F::ReReferralWithin12Months), r#""},"threshold_descriptors":["#]);
    for (n, i) in s.descriptors.iter().enumerate() {
        if n > 0 {
            out.push(b',');
        }
        out.extend_from_slice(f.descriptor_id[i].as_bytes());
    }
    out.extend_from_slice(br#"],"professional_judgement":"#);
    match s.judgement {
        None => out.extend_from_slice(b"null"),
        Some(direction) => {
            put(out, &[r#"{"direction":""#, direction.as_str(), "\""]);
            if detail == Detail::Full && !s.judgement_reason.is_empty() {
                out.extend_from_slice(br#","reason":"#);
                write_str_bytes(out, &s.judgement_reason);
            }
            out.extend_from_slice(br#","recorded_by_role":"#);
            write_str_bytes(out, &s.judgement_role);
            out.push(b'}');
        }
    }
    put(out, &[r#","screened_by":""#, s.screened_by.as_str(), r#""}"#]);
}
