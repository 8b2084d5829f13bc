//! Plain-text accounts for people: one outcome (`hoth screen --explain`) and the whole
//! ruleset as a table (`hoth rules explain`). Never a bare score.

use std::fmt::Write;

use crate::contract::outcome::Outcome;
use crate::contract::request::Request;
use crate::contract::vocab::{AnswerField, Basis, Urgency};
use crate::ruleset::Ruleset;
use crate::screen::reasons::answer_words;

/// How soon, in words a person acts on.
pub fn urgency_words(u: Urgency) -> &'static str {
    match u {
        Urgency::Immediate => "Now",
        Urgency::SameDay => "Today",
        Urgency::Within1WorkingDay => "Within one working day",
        Urgency::Routine => "When you can",
    }
}

fn basis_words(b: Basis) -> &'static str {
    match b {
        Basis::Evidenced => "evidenced",
        Basis::ProfessionalConcern => "professional concern",
        Basis::NotStated => "basis not stated",
    }
}

/// An id as words: `child_criminal_exploitation` → "child criminal exploitation".
pub(crate) fn id_words(id: &str) -> String {
    id.replace('_', " ")
}

/// A request question by its title (its field's name in words when the ruleset has none).
pub(crate) fn question_words(ruleset: &Ruleset, pointer: &str) -> String {
    ruleset.question_title(pointer).map_or_else(|| id_words(pointer.rsplit('/').next().unwrap_or(pointer)), str::to_owned)
}

/// An indicator by its question's title (its id in words when the ruleset does not know it).
pub(crate) fn indicator_words(ruleset: &Ruleset, id: &str) -> String {
    ruleset.indicator_title(id).map_or_else(|| id_words(id), str::to_owned)
}

/// The child's context as the form asked it: age, care, open case, care leaver (from the
/// age it applies), learning disability, SEND and education, each by its question's title.
pub(crate) fn child_context(ruleset: &Ruleset, r: &Request) -> Vec<String> {
    let file = ruleset.file();
    let question = |p: &str| question_words(ruleset, p);
    let mut out = vec![format!("{} {}", question("/child/age_years"), r.child.age_years)];
    for f in [AnswerField::LookedAfter, AnswerField::OpenCase, AnswerField::CareLeaver, AnswerField::LearningDisability, AnswerField::Send]
    {
        let from = file.questions.iter().find(|q| q.field == f.pointer()).and_then(|q| q.applies_from_age);
        if from.is_none_or(|from| r.child.age_years >= from) {
            out.push(format!("{} {}", question(f.pointer()), answer_words(r.answer(f))));
        }
    }
    out.push(format!("Education: {}", id_words(r.child.education.as_str())));
    out
}

/// Indicators by their questions' titles, each with how its `yes` is known.
pub(crate) fn titled_with_basis(ruleset: &Ruleset, o: &Outcome, ids: &[String]) -> Vec<String> {
    ids.iter()
        .map(|id| {
            let title = indicator_words(ruleset, id);
            format!("{title} ({})", basis_words(o.screening.concern_basis.get(id).copied().unwrap_or_default()))
        })
        .collect()
}

/// A readable account of an outcome, built on its plain-words parts: actions with their
/// urgency in words, the child's context, each answer by its question's title, every reason
/// by its sentence (each once), and what is not known yet.
pub fn explain_outcome(ruleset: &Ruleset, o: &Outcome) -> String {
    let indicator = |id: &String| indicator_words(ruleset, id);
    let question = |p: &str| question_words(ruleset, p);
    let r = &o.screening;
    let mut s = String::new();
    let _ = writeln!(s, "Concern:       {}", o.concern_text);
    match &o.threshold {
        Some(t) if t.provisional => {
            let _ = writeln!(s, "Threshold:     {} (for now: it may rise when the unanswered questions are answered)", t.label);
        }
        Some(t) => {
            let _ = writeln!(s, "Threshold:     {}", t.label);
        }
        None => {
            let _ = writeln!(s, "Threshold:     children's levels do not apply from 18 (adult safeguarding)");
        }
    }
    let email = if o.front_door.email.is_empty() { String::new() } else { format!(", {}", o.front_door.email) };
    let _ = writeln!(s, "Front door:    {}, {}{email}", o.front_door.name, o.front_door.phone);
    let ooh = &o.front_door.out_of_hours;
    let _ = writeln!(s, "Out of hours:  {}, {} ({})", ooh.name, ooh.phone, ooh.hours);
    let _ = writeln!(s, "\nWhat to do, most urgent first:");
    for (n, a) in o.actions.iter().enumerate() {
        let _ = writeln!(s, "  {}. {}: {}", n + 1, urgency_words(a.urgency), a.text);
    }
    let _ = writeln!(s, "\nAbout the child:");
    for line in child_context(ruleset, r) {
        let _ = writeln!(s, "  - {line}");
    }
    let _ = writeln!(s, "\nSigns of harm answered yes:");
    let harm = titled_with_basis(ruleset, o, &o.indicators_present.harm);
    if harm.is_empty() {
        let _ = writeln!(s, "  none so far");
    }
    for h in &harm {
        let _ = writeln!(s, "  - {h}");
    }
    let vulnerable = titled_with_basis(ruleset, o, &o.indicators_present.vulnerability);
    if !vulnerable.is_empty() {
        let _ = writeln!(s, "Vulnerabilities answered yes:");
        for v in &vulnerable {
            let _ = writeln!(s, "  - {v}");
        }
    }
    if !o.harm_types.is_empty() {
        let kinds: Vec<String> = o.harm_types.iter().map(|h| id_words(h.as_str())).collect();
        let _ = writeln!(s, "Kinds of harm these point to: {}", kinds.join(", "));
    }
    if let Some(j) = &r.professional_judgement {
        let direction = match j.direction {
            crate::contract::vocab::Direction::Raise => "raise",
            crate::contract::vocab::Direction::Lower => "lower",
        };
        let _ = writeln!(s, "\nProfessional judgement: {direction} the concern, recorded by {}: \"{}\"", j.recorded_by_role, j.reason);
    }
    // Each reason once, by its sentence; what held without changing anything comes after.
    let mut seen: Vec<&str> = Vec::new();
    let mut why = String::new();
    let mut also = String::new();
    for reason in &o.reasons {
        let Some(text) = reason.text.as_deref() else { continue };
        if seen.contains(&text) {
            continue;
        }
        seen.push(text);
        let target = if reason.changed { &mut why } else { &mut also };
        let _ = writeln!(target, "  - {text}");
        if let Some(source) = &reason.source {
            let _ = writeln!(target, "      Source: {source}");
        }
    }
    let _ = write!(s, "\nWhy, in the order the rules were applied:\n{why}");
    if !also.is_empty() {
        let _ = write!(s, "Also true, without changing the result:\n{also}");
    }
    if o.complete {
        let _ = writeln!(s, "\nNothing is unanswered: every question the rules read was answered.");
    } else {
        let unanswered = o.information_gaps.len() + o.other_gaps.len();
        let _ = writeln!(s, "\nNot answered yet ({unanswered}): not known is not the same as no. Find out, then screen again:");
        for g in &o.other_gaps {
            let _ = writeln!(s, "  - {}", question(g));
        }
        for g in &o.information_gaps {
            let _ = writeln!(s, "  - {}", indicator(g));
        }
    }
    let _ = writeln!(s, "\nScreen again within {} days, or sooner if anything new is known.", o.rescreen_within_days);
    let _ = writeln!(
        s,
        "Ruleset {} {} (sha256 {}), engine {} {}",
        o.ruleset.id, o.ruleset.version, o.ruleset.sha256, o.engine.name, o.engine.version
    );
    s
}

/// The whole ruleset as readable tables.
pub fn explain_ruleset(ruleset: &Ruleset) -> String {
    let f = ruleset.file();
    let mut s = String::new();
    let _ = writeln!(
        s,
        "{} — {} {} (sha256 {})\nprovenance: {}; source: {}\n",
        f.title,
        f.id,
        f.version,
        ruleset.sha256(),
        f.provenance,
        f.source
    );
    let _ = writeln!(
        s,
        "INDICATORS ({})\n{:<40} {:<13} {:>6}  {:<13} harm types",
        f.indicators.len(),
        "id",
        "category",
        "weight",
        "provenance"
    );
    for i in &f.indicators {
        let harms: Vec<&str> = i.harm_types.iter().map(|h| h.as_str()).collect();
        let _ = writeln!(
            s,
            "{:<40} {:<13} {:>6}  {:<13} {}",
            i.id,
            i.category.as_str(),
            i.weight,
            i.provenance.as_str(),
            if harms.is_empty() { "—".into() } else { harms.join(", ") }
        );
    }
    let _ = writeln!(s, "\nBANDS\n{:<20} {:>5} {:>5}  concern", "id", "min", "max");
    for b in &f.bands {
        let _ = writeln!(s, "{:<20} {:>5} {:>5}  {}", b.id, b.min, b.max.map_or("∞".into(), |m| m.to_string()), b.concern);
    }
    let _ = writeln!(s, "\nCONCERN LEVELS\n{:<23} {:>9} {:>9}  wording", "concern", "threshold", "rescreen");
    for l in &f.concern_levels {
        let _ = writeln!(s, "{:<23} {:>9} {:>8}d  {}", l.id.as_str(), l.threshold_level, l.rescreen_within_days, l.title);
    }
    let _ = writeln!(s, "\nRULES (evaluated in this order)");
    for r in &f.rules {
        let _ = writeln!(s, "{:<4} {}\n     [{}] {}", r.id, r.title, r.provenance, r.source);
    }
    let _ = writeln!(s, "\nTHRESHOLD DESCRIPTORS ({})", f.threshold_descriptors.len());
    for d in &f.threshold_descriptors {
        let _ = writeln!(s, "  L{} {:<28} {:<48} {}", d.level, d.domain.as_str(), d.id, d.title);
    }
    let _ = writeln!(s, "\nFRONT DOORS");
    for la in &f.local_authorities {
        if let Some(d) = f.front_doors.iter().find(|d| d.id == la.front_door) {
            let _ = writeln!(s, "  {:<22} {} — {} — {} [{}]", la.title, d.title, d.phone, d.email, d.provenance);
        }
    }
    s
}
