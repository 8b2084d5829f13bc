//! Builds the typed [`Outcome`] straight from a [`Decision`]: the Rust face of a screening.
//!
//! It reads the same laid-out words ([`crate::ruleset::templates`]) as the JSON writer
//! ([`crate::screen::render`]) and walks the decision in the same order, so the two cannot
//! say different things; a test demands that serde's bytes for this value equal the
//! writer's bytes, for every golden case and thousands of generated requests. The writer
//! exists because appending pre-escaped pieces is several times faster than building
//! owned strings and serializing them, which is what batches and bindings need.

use crate::contract::outcome::{
    Action, ENGINE_NAME, ENGINE_VERSION, EngineInfo, Evidence, IndicatorsPresent, Outcome, Reason, RulesetInfo, Threshold,
};
use crate::contract::vocab::ThresholdName;
use crate::ruleset::Ruleset;
use crate::ruleset::templates::{Applied, BAND_EFFECT_BEFORE, concern_text, effect_text, rescreen_days, safety_gaps};
use crate::ruleset::texts::Voice;
use crate::screen::build::Screening;
use crate::screen::eval::{Decision, cin_factor_indices, harm_types_in, present};

/// The outcome for a screening and its decision.
pub(crate) fn outcome(ruleset: &Ruleset, s: &Screening, d: &Decision) -> Outcome {
    let (c, w, file) = (&ruleset.compiled, &ruleset.words, ruleset.file());
    let la = s.local_authority.index();
    let id = |i: usize| file.indicators[i].id.clone();
    let (harm, vulnerability) = present(c, s);
    let (evidenced, professional_concern, not_stated) = s.evidence();
    let gaps = c.all_indicators.and_not(&s.known);
    let complete = !d.has_gaps;
    let unanswered = gaps.len() as usize + d.other_gaps.count_ones() as usize;
    let safety = safety_gaps(|f| s.answer(f));
    let voice = Voice::new(Some(s.local_authority), s.screened_by, s.age_years);
    let texts = ruleset.action_texts(voice);
    let mut reasons = Vec::new();
    if let Some((rule, after, source)) = w.band.get(d.band) {
        reasons.push(Reason {
            rule: rule.clone(),
            effect: format!("{BAND_EFFECT_BEFORE}{}{after}", d.score),
            source: Some(source.clone()),
        });
    }
    for (ci, clause) in c.clauses.iter().enumerate().filter(|(ci, _)| d.clause_fired(*ci)) {
        let (rule, effect, source) = &w.clause[ci];
        let effect = effect.clone().unwrap_or_else(|| effect_text(clause, Some(Applied { judgement: d.judgement, actions: &d.actions })));
        reasons.push(Reason { rule: rule.clone(), effect, source: Some(source.clone()) });
    }
    if d.threshold.is_some() {
        for i in s.descriptors.iter() {
            let (rule, effect, source) = &w.descriptor[i];
            reasons.push(Reason { rule: rule.clone(), effect: effect.clone(), source: Some(source.clone()) });
        }
    }
    Outcome {
        engine: EngineInfo { name: ENGINE_NAME.to_owned(), version: ENGINE_VERSION.to_owned() },
        ruleset: RulesetInfo { id: file.id.clone(), version: file.version.clone(), sha256: ruleset.sha256().to_owned() },
        hoth_concern: d.concern,
        concern_text: concern_text(file, w, d.concern, unanswered),
        threshold: d.threshold.and_then(|level| {
            let name = ThresholdName::for_level(level)?;
            Some(Threshold { level, name, label: w.threshold_label[la][name.index()].clone(), provisional: !complete })
        }),
        score: d.score,
        harm_types: harm_types_in(c, s).collect(),
        cin_factors: cin_factor_indices(c, s).filter(|_| d.threshold.is_some()).map(|i| file.cin_factors[i].code.clone()).collect(),
        indicators_present: IndicatorsPresent {
            harm: harm.iter().map(id).collect(),
            vulnerability: vulnerability.iter().map(id).collect(),
        },
        evidence: Evidence { evidenced, professional_concern, not_stated },
        actions: d
            .actions_in_order()
            .map(|(id, urgency)| Action { id, urgency, text: texts.text(id, urgency, safety).to_owned() })
            .collect(),
        front_door: w.front_door[la][usize::from(voice.young_adult)].clone(),
        rescreen_within_days: rescreen_days(file, w, d.concern, complete),
        information_gaps: gaps.iter().map(id).collect(),
        other_gaps: d.other_gap_fields().map(|p| crate::contract::request::FIELDS[p].to_owned()).collect(),
        complete,
        reasons,
    }
}
