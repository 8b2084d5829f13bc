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
use crate::contract::request::{Child, ProfessionalJudgement, Request};
use crate::contract::vocab::{AnswerField, ThresholdName};
use crate::ruleset::Ruleset;
use crate::ruleset::templates::{Applied, BAND_EFFECT_BEFORE, concern_text, effect_text, rescreen_days, safety_gaps};
use crate::ruleset::texts::Voice;
use crate::screen::build::Screening;
use crate::screen::eval::{Decision, cin_factor_indices, harm_types_in, present};
use crate::screen::reasons::About;

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
    let reasons = crate::screen::reasons::parts(ruleset, s, d)
        .iter()
        .map(|part| {
            let (rule, effect, source) = match part.about {
                About::Band(b) => {
                    let (rule, after, source) = &w.band[b];
                    (rule.clone(), format!("{BAND_EFFECT_BEFORE}{}{after}", d.score), source.clone())
                }
                About::Clause(ci) => {
                    let (rule, effect, source) = &w.clause[ci];
                    let clause = &c.clauses[ci];
                    let effect = effect
                        .clone()
                        .unwrap_or_else(|| effect_text(c, clause, Some(Applied { judgement: d.judgement, actions: &d.actions })));
                    (rule.clone(), effect, source.clone())
                }
                About::Descriptor(i) => w.descriptor[i].clone(),
            };
            Reason {
                rule,
                effect,
                changed: part.changed,
                because: part.because.pointers(s).into_iter().map(|p| p.text(ruleset)).collect(),
                text: Some(crate::screen::reasons::text(ruleset, s, d, part, unanswered)),
                source: Some(source),
            }
        })
        .collect();
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
        cin_factors: cin_factor_indices(c, s, d).map(|i| file.cin_factors[i].code.clone()).collect(),
        indicators_present: IndicatorsPresent {
            harm: harm.iter().map(id).collect(),
            vulnerability: vulnerability.iter().map(id).collect(),
        },
        evidence: Evidence { evidenced, professional_concern, not_stated },
        actions: d
            .action_slots_in_order(c)
            .map(|(slot, urgency)| Action { id: c.action_ids[slot].clone(), urgency, text: texts.text(slot, urgency, safety).to_owned() })
            .collect(),
        front_door: w.front_door[la][usize::from(voice.young_adult)].clone(),
        rescreen_within_days: rescreen_days(file, w, d.concern, complete),
        information_gaps: gaps.iter().map(id).collect(),
        other_gaps: d.other_gap_fields().map(|p| crate::contract::request::FIELDS[p].to_owned()).collect(),
        complete,
        screening: record(ruleset, s),
        reasons,
    }
}

/// The request as the engine read it: every default filled, indicators in catalogue order,
/// a basis for each `yes`, descriptors in catalogue order (contract §5 `screening`).
pub(crate) fn record(ruleset: &Ruleset, s: &Screening) -> Request {
    let file = ruleset.file();
    let mut r = Request::new(
        s.local_authority,
        Child::aged(s.age_years),
        s.answer(AnswerField::ImmediateDanger),
        s.answer(AnswerField::CrimeSuspected),
        s.answer(AnswerField::Disclosure),
    );
    for f in AnswerField::ALL {
        *r.answer_mut(*f) = s.answer(*f);
    }
    r.child.education = s.education;
    for (i, ind) in file.indicators.iter().enumerate() {
        r.indicators.insert(ind.id.clone(), s.indicator(i));
        if s.yes.contains(i) {
            r.concern_basis.insert(ind.id.clone(), s.basis(i));
        }
    }
    r.history.missing_episodes_last_90_days = s.missing_known.then_some(s.missing_episodes);
    r.threshold_descriptors = s.descriptors.iter().map(|i| file.threshold_descriptors[i].id.clone()).collect();
    r.professional_judgement = s.judgement.map(|direction| ProfessionalJudgement {
        direction,
        reason: s.judgement_reason.clone(),
        recorded_by_role: s.judgement_role.clone(),
    });
    r.screened_by = s.screened_by;
    r
}
