//! Plain-text accounts for people: one outcome (`hoth screen --explain`) and the whole
//! ruleset as a table (`hoth rules explain`). Never a bare score.

use std::fmt::Write;

use crate::contract::outcome::Outcome;
use crate::ruleset::Ruleset;

/// A readable account of an outcome.
pub fn explain_outcome(ruleset: &Ruleset, o: &Outcome) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "HOTH concern:  {}", o.concern_text);
    match &o.threshold {
        Some(t) => {
            let _ = writeln!(s, "Threshold:     {} ({})", t.label, t.name);
        }
        None => {
            let _ = writeln!(s, "Threshold:     not applicable (18–25: children's levels do not apply)");
        }
    }
    let _ = writeln!(s, "Front door:    {}, {} ({})", o.front_door.name, o.front_door.phone, o.front_door.email);
    let ooh = &o.front_door.out_of_hours;
    let _ = writeln!(s, "Out of hours:  {}, {} ({})", ooh.name, ooh.phone, ooh.hours);
    let _ = writeln!(s, "\nWhat to do now, most urgent first:");
    for (n, a) in o.actions.iter().enumerate() {
        let _ = writeln!(s, "  {}. [{}] {}", n + 1, a.urgency, a.text);
    }
    let list = |v: &[String]| if v.is_empty() { "none".to_owned() } else { v.join(", ") };
    // Questions by their titles, as the form asked them (an id the ruleset does not know as is).
    let file = ruleset.file();
    let indicator = |id: &String| file.indicators.iter().find(|i| &i.id == id).map_or_else(|| id.clone(), |i| i.title.clone());
    let question = |p: &String| file.questions.iter().find(|q| &q.field == p).map_or_else(|| p.clone(), |q| q.title.clone());
    let titled = |ids: &[String]| -> String { list(&ids.iter().map(indicator).collect::<Vec<_>>()) };
    let _ = writeln!(s, "\nSigns of harm:        {}", titled(&o.indicators_present.harm));
    let _ = writeln!(s, "Vulnerabilities:      {}", titled(&o.indicators_present.vulnerability));
    let harm: Vec<String> = o.harm_types.iter().map(|h| h.to_string()).collect();
    let _ = writeln!(s, "Kinds of harm:        {}", list(&harm));
    let _ = writeln!(
        s,
        "Evidence:             {} evidenced, {} professional concern, {} not stated",
        o.evidence.evidenced, o.evidence.professional_concern, o.evidence.not_stated
    );
    let _ = writeln!(s, "\nWhy (in the order the rules were applied):");
    for r in &o.reasons {
        let _ = writeln!(s, "  - {}: {}", r.rule, r.effect);
        if let Some(source) = &r.source {
            let _ = writeln!(s, "      source: {source}");
        }
    }
    if o.complete {
        let _ = writeln!(s, "\nInformation gaps:     none: every question was answered");
    } else {
        let _ = writeln!(s, "\nInformation gaps ({}): not known is not the same as no; find out and re-screen:", o.information_gaps.len());
        for g in &o.information_gaps {
            let _ = writeln!(s, "  - {}", indicator(g));
        }
        if !o.other_gaps.is_empty() {
            let _ = writeln!(s, "\nOther questions not answered yet ({}):", o.other_gaps.len());
            for g in &o.other_gaps {
                let _ = writeln!(s, "  - {}", question(g));
            }
        }
    }
    let _ = writeln!(s, "\nRe-screen within {} days, or sooner on new information.", o.rescreen_within_days);
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
