//! Renders a [`Decision`] into the contract's [`Outcome`], with the reasons spelled out.
//!
//! This is where ids become words: action texts with the child's front door filled in,
//! the local authority's label for the level, and a reason for every band, rule and
//! descriptor that shaped the result, each with its provenance and source.

use crate::eval::{Decision, ordered_actions, present};
use crate::outcome::{Action, EngineInfo, Evidence, FrontDoor, IndicatorsPresent, Outcome, Reason, RulesetInfo, Threshold};
use crate::parse::Screening;
use crate::ruleset::Ruleset;
use crate::ruleset::compile::{CClause, harm_types_of};
use crate::vocab::{Direction, Provenance, ThresholdName};

/// The engine's name in every outcome.
pub const ENGINE_NAME: &str = "hoth";
/// The engine's version in every outcome.
pub const ENGINE_VERSION: &str = env!("CARGO_PKG_VERSION");

fn source(provenance: Provenance, source: &str) -> String {
    format!("{provenance}: {source}")
}

/// Builds the outcome for a screening and its decision.
pub fn render(ruleset: &Ruleset, s: &Screening, d: &Decision) -> Outcome {
    let file = ruleset.file();
    let c = &ruleset.compiled;
    let area = &file.local_authorities[c.area_entry[s.local_authority.index()]];
    let door = &file.front_doors[c.area_front_door[s.local_authority.index()]];
    let (harm, vulnerability) = present(ruleset, s);
    let ids = |set: crate::bitset::BitSet| set.iter().map(|i| file.indicators[i].id.clone()).collect::<Vec<_>>();
    let harm_bits = s.yes.iter().fold(0u16, |bits, i| bits | c.indicators[i].harm_types);
    let gaps = c.all_indicators.and_not(&s.known);
    let fill = |text: &str| text.replace("{front_door}", &door.title).replace("{phone}", &door.phone).replace("{email}", &door.email);
    Outcome {
        engine: EngineInfo { name: ENGINE_NAME.to_owned(), version: ENGINE_VERSION.to_owned() },
        ruleset: RulesetInfo { id: file.id.clone(), version: file.version.clone(), sha256: ruleset.sha256().to_owned() },
        hoth_concern: d.concern,
        threshold: d.threshold.and_then(|level| {
            Some(Threshold { level, name: ThresholdName::for_level(level)?, label: area.threshold_labels.get(&level.to_string())?.clone() })
        }),
        score: d.score,
        harm_types: harm_types_of(harm_bits).collect(),
        indicators_present: IndicatorsPresent { harm: ids(harm), vulnerability: ids(vulnerability) },
        evidence: Evidence {
            evidenced: s.yes.and_not(&s.professional_concern).len(),
            professional_concern: s.yes.and(&s.professional_concern).len(),
        },
        actions: ordered_actions(d)
            .map(|(id, urgency)| Action { id, urgency, text: fill(&file.actions[c.action_entry[id.index()]].text) })
            .collect(),
        front_door: FrontDoor { name: door.title.clone(), phone: door.phone.clone(), email: door.email.clone() },
        rescreen_within_days: file.concern_levels.get(d.concern.index()).map_or(28, |l| l.rescreen_within_days),
        information_gaps: ids(gaps),
        complete: gaps.is_empty(),
        reasons: reasons(ruleset, s, d),
    }
}

/// Every band, rule clause and descriptor that shaped the result, in evaluation order.
fn reasons(ruleset: &Ruleset, s: &Screening, d: &Decision) -> Vec<Reason> {
    let file = ruleset.file();
    let c = &ruleset.compiled;
    let mut out = Vec::new();
    if let Some(band) = file
        .bands
        .iter()
        .find(|b| b.concern == d.band_concern && b.min <= i64::from(d.score) && b.max.is_none_or(|m| i64::from(d.score) <= m))
    {
        out.push(Reason {
            rule: band.id.clone(),
            effect: format!("score {} → concern {}", d.score, d.band_concern),
            source: source(band.provenance, &band.source),
        });
    }
    for (ci, clause) in c.clauses.iter().enumerate() {
        if !d.clause_fired(ci) {
            continue;
        }
        let rule = &file.rules[clause.rule];
        out.push(Reason { rule: rule.id.clone(), effect: effect_text(clause, d), source: source(rule.provenance, &rule.source) });
    }
    if d.threshold.is_some() {
        for i in s.descriptors.iter() {
            let desc = &file.threshold_descriptors[i];
            out.push(Reason {
                rule: desc.id.clone(),
                effect: format!("threshold >= {}", desc.level),
                source: source(desc.provenance, &desc.source),
            });
        }
    }
    out
}

/// What a fired clause did, in a short fixed form, e.g. `concern >= moderate; action refer_to_front_door (same_day)`.
fn effect_text(clause: &CClause, d: &Decision) -> String {
    let mut parts: Vec<String> = Vec::new();
    if let Some(level) = clause.concern_at_least {
        parts.push(format!("concern >= {level}"));
    }
    if clause.raise_steps > 0 {
        parts.push(format!(
            "concern raised {} step{} (cumulative harm)",
            clause.raise_steps,
            if clause.raise_steps == 1 { "" } else { "s" }
        ));
    }
    if let Some(t) = clause.threshold_at_least {
        parts.push(format!("threshold >= {t}"));
    }
    if clause.judgement
        && let Some((direction, before, after)) = d.judgement
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
        if a.unless.is_some_and(|u| d.actions[u.index()].is_some() && u != a.id) && d.actions[a.id.index()].is_none() {
            parts.push(format!("action {} not added: {} applies", a.id, a.unless.map_or("", |u| u.as_str())));
        } else {
            parts.push(format!("action {} ({})", a.id, a.urgency));
        }
    }
    parts.join("; ")
}
