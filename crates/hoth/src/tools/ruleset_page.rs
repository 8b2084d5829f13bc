//! A ruleset as one page a safeguarding lead can read and approve (`hoth rules explain
//! --html`): every question with its section and weight, every score band, what each
//! concern level means, every rule in plain words in the order it is applied, the actions'
//! texts and the front doors, each with its source and provenance.
//!
//! The page is self-contained HTML: inline CSS, no scripts, nothing from another origin
//! (its Content-Security-Policy says so), and it passes the project's language guide.
//! Everything is in the ruleset's own order, so the same ruleset gives the same bytes.

use std::fmt::Write as _;

use crate::contract::vocab::{ActionKey, Category};
use crate::ruleset::Ruleset;
use crate::tools::report::esc;
use crate::tools::rule_words::{Names, clause_words, id_words, urgency_words};

const STYLE: &str = "body{font-family:system-ui,Arial,sans-serif;color:#0b0c0c;max-width:64rem;margin:2rem auto;padding:0 1rem;line-height:1.45}\n\
h1{font-size:2rem} h2{font-size:1.5rem;margin-top:2.5rem;border-top:2px solid #1d70b8;padding-top:.75rem} h3{font-size:1.15rem;margin-top:1.5rem}\n\
table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem} th,td{text-align:left;vertical-align:top;padding:.35rem .5rem;border-bottom:1px solid #b1b4b6;overflow-wrap:anywhere}\n\
td.n{text-align:right;font-variant-numeric:tabular-nums} .hint,.source{color:#505a5f;font-size:.9rem} .note{border-left:5px solid #1d70b8;padding-left:.75rem}\n\
ol.clauses li{margin-bottom:.35rem} dl{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem} dt{font-weight:bold}\n\
@media print{body{max-width:none} h2{break-after:avoid}}\n";

/// Where an entry comes from, for the page: "Source (provenance): …".
fn source(provenance: &str, source: &str) -> String {
    format!("<span class=\"source\">Source ({}): {}</span>", esc(&id_words(provenance)), esc(source))
}

/// A text with its placeholders (`{front_door}`) shown as what the engine fills in.
fn with_placeholders(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}') else { break };
        out.push_str(&esc(&rest[..open]));
        let name = &rest[open + 1..open + close];
        out.push_str(&format!("<em>[{}]</em>", esc(&id_words(name))));
        rest = &rest[open + close + 1..];
    }
    out.push_str(&esc(rest));
    out
}

/// The ruleset as one self-contained HTML page for people.
pub fn ruleset_html(ruleset: &Ruleset) -> String {
    let f = ruleset.file();
    let mut s = String::new();
    let _ = write!(
        s,
        "<!DOCTYPE html>\n<html lang=\"en-GB\"><head><meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n<style>\n{STYLE}</style></head><body>\n<h1>{}</h1>\n",
        esc(&f.title),
        esc(&f.title)
    );
    let _ = writeln!(
        s,
        "<dl><dt>Ruleset</dt><dd>{} version {}</dd><dt>SHA-256</dt><dd><code>{}</code></dd><dt>Where it comes from</dt><dd>{}</dd></dl>",
        esc(&f.id),
        esc(&f.version),
        esc(ruleset.sha256()),
        source(f.provenance.as_str(), &f.source)
    );
    let _ = writeln!(
        s,
        "<p class=\"note\">Each entry says where it comes from: <strong>tees</strong> (a Tees document), <strong>regional</strong> (another area's tool), <strong>national</strong> (statutory guidance or research) or <strong>reconstructed</strong> (a design choice, to be confirmed locally). A question not answered is a gap, never a no. The score never closes a door on its own: the rules below can only raise the concern.</p>"
    );
    let _ = writeln!(
        s,
        "<nav aria-label=\"Contents\"><ol><li><a href=\"#questions\">Questions</a></li><li><a href=\"#bands\">How the score is read</a></li><li><a href=\"#levels\">Concern and Threshold of Need levels</a></li><li><a href=\"#rules\">Rules, in the order they are applied</a></li><li><a href=\"#actions\">What people are told to do</a></li><li><a href=\"#contacts\">Front doors</a></li></ol></nav>"
    );

    // Questions, by section in the order the form asks them.
    let _ = writeln!(
        s,
        "<h2 id=\"questions\">Questions ({})</h2>\n<p>Each question answered yes adds its weight to the score. Signs of harm are reported apart from vulnerabilities.</p>",
        f.indicators.len()
    );
    // The sections in the order the ruleset heads them, then any it does not list.
    let mut sections: Vec<&str> = f.sections.iter().map(|s| s.id.as_str()).collect();
    for i in &f.indicators {
        if !sections.contains(&i.section.as_str()) {
            sections.push(&i.section);
        }
    }
    for section in sections {
        let _ = writeln!(
            s,
            "<h3>Section: {}</h3>\n<table><thead><tr><th scope=\"col\">Question</th><th scope=\"col\">Kind</th><th scope=\"col\">Weight</th><th scope=\"col\">Kinds of harm it points to</th></tr></thead><tbody>",
            esc(&Names::new(f).section(section))
        );
        for i in f.indicators.iter().filter(|i| i.section == section) {
            let kind = match i.category {
                Category::Harm => "sign of harm",
                Category::Vulnerability => "vulnerability",
            };
            let harms: Vec<String> = i.harm_types.iter().map(|h| id_words(h.as_str())).collect();
            let _ = writeln!(
                s,
                "<tr><td>{}<br><span class=\"hint\">{}</span><br>{}</td><td>{kind}</td><td class=\"n\">{}</td><td>{}</td></tr>",
                esc(&i.title),
                esc(&i.hint),
                source(i.provenance.as_str(), &i.source),
                i.weight,
                if harms.is_empty() { "none".to_owned() } else { esc(&harms.join(", ")) }
            );
        }
        let _ = writeln!(s, "</tbody></table>");
    }
    let _ = writeln!(
        s,
        "<h3>The form's own questions</h3>\n<table><thead><tr><th scope=\"col\">Question</th><th scope=\"col\">Asked from age</th></tr></thead><tbody>"
    );
    for q in &f.questions {
        let _ = writeln!(
            s,
            "<tr><td>{}<br>{}</td><td>{}</td></tr>",
            esc(&q.title),
            source(q.provenance.as_str(), &q.source),
            q.applies_from_age.map_or_else(|| "any age".to_owned(), |a| a.to_string())
        );
    }
    let _ = writeln!(s, "</tbody></table>");

    // Bands.
    let _ = writeln!(
        s,
        "<h2 id=\"bands\">How the score is read</h2>\n<table><thead><tr><th scope=\"col\">Band</th><th scope=\"col\">Scores</th><th scope=\"col\">Concern</th></tr></thead><tbody>"
    );
    for b in &f.bands {
        let scores = match b.max {
            Some(max) if max == b.min => b.min.to_string(),
            Some(max) => format!("{} to {max}", b.min),
            None => format!("{} or more", b.min),
        };
        let _ = writeln!(
            s,
            "<tr><td>{}<br>{}</td><td>{scores}</td><td>{}</td></tr>",
            esc(&b.title),
            source(b.provenance.as_str(), &b.source),
            esc(&id_words(b.concern.as_str()))
        );
    }
    let _ = writeln!(s, "</tbody></table>");

    // Levels.
    let _ = writeln!(
        s,
        "<h2 id=\"levels\">Concern and Threshold of Need levels</h2>\n<table><thead><tr><th scope=\"col\">Concern</th><th scope=\"col\">Threshold of Need level</th><th scope=\"col\">Screen again within</th></tr></thead><tbody>"
    );
    for l in &f.concern_levels {
        let _ = writeln!(
            s,
            "<tr><td>{}<br>{}</td><td class=\"n\">{}</td><td>{} days</td></tr>",
            esc(&l.title),
            source(l.provenance.as_str(), &l.source),
            l.threshold_level,
            l.rescreen_within_days
        );
    }
    let _ = writeln!(s, "</tbody></table>");
    let _ = writeln!(
        s,
        "<p>An incomplete screening (any question the rules read not answered) is screened again within {} days when that is sooner. {}</p>",
        f.incomplete.rescreen_within_days,
        source(f.incomplete.provenance.as_str(), &f.incomplete.source)
    );
    let _ = writeln!(s, "<table><thead><tr><th scope=\"col\">Level</th><th scope=\"col\">Name</th></tr></thead><tbody>");
    for t in &f.threshold_levels {
        let _ = writeln!(
            s,
            "<tr><td class=\"n\">{}</td><td>{}<br>{}</td></tr>",
            t.level,
            esc(&t.title),
            source(t.provenance.as_str(), &t.source)
        );
    }
    let _ = writeln!(s, "</tbody></table>");
    if !f.threshold_descriptors.is_empty() {
        let _ = writeln!(
            s,
            "<h3>Threshold of Need descriptors a practitioner may select</h3>\n<table><thead><tr><th scope=\"col\">Descriptor</th><th scope=\"col\">Domain</th><th scope=\"col\">Level</th></tr></thead><tbody>"
        );
        for d in &f.threshold_descriptors {
            let _ = writeln!(
                s,
                "<tr><td>{}<br>{}</td><td>{}</td><td class=\"n\">{}</td></tr>",
                esc(&d.title),
                source(d.provenance.as_str(), &d.source),
                esc(&id_words(d.domain.as_str())),
                d.level
            );
        }
        let _ = writeln!(s, "</tbody></table>");
    }

    // Rules.
    let _ = writeln!(
        s,
        "<h2 id=\"rules\">Rules, in the order they are applied</h2>\n<p>First the score is placed in its band; then each rule is applied in this order. A rule can only raise the concern, the threshold or an action's urgency.</p>"
    );
    for (n, r) in f.rules.iter().enumerate() {
        let _ = writeln!(s, "<h3>{}. {}</h3>\n<ol class=\"clauses\">", n + 1, esc(&r.title));
        for c in &r.clauses {
            let _ = writeln!(s, "<li>{}</li>", esc(&clause_words(f, c)));
        }
        let _ = writeln!(s, "</ol>\n<p>{}</p>", source(r.provenance.as_str(), &r.source));
    }

    // Actions.
    let _ = writeln!(
        s,
        "<h2 id=\"actions\">What people are told to do</h2>\n<p>Words in brackets are filled in for the child: the front door's name and number, who the safeguarding lead is.</p>\n<table><thead><tr><th scope=\"col\">Action</th><th scope=\"col\">What the person screening reads</th></tr></thead><tbody>"
    );
    for a in &f.actions {
        let mut texts = with_placeholders(&a.text);
        if let Some(t) = &a.young_adult_text {
            texts.push_str(&format!("<br><strong>For a young person (18–25):</strong> {}", with_placeholders(t)));
        }
        if let Some(t) = &a.lead_text {
            texts.push_str(&format!("<br><strong>When the safeguarding lead is screening:</strong> {}", with_placeholders(t)));
        }
        let own = match (&a.id, a.urgency) {
            (ActionKey::Declared(_), Some(u)) => {
                format!("<br><strong>This ruleset's own action</strong>, to do {}.", esc(&urgency_words(u.as_str())))
            }
            (ActionKey::Declared(_), None) => "<br><strong>This ruleset's own action.</strong>".to_owned(),
            (ActionKey::Contract(_), _) => String::new(),
        };
        let _ = writeln!(s, "<tr><td>{}{own}</td><td>{texts}<br>{}</td></tr>", esc(&a.title), source(a.provenance.as_str(), &a.source));
    }
    let _ = writeln!(s, "</tbody></table>");
    let _ = writeln!(s, "<p>Every action to take now or today also says: {}</p>", with_placeholders(&f.out_of_hours_note.text));

    // Contacts.
    let _ = writeln!(
        s,
        "<h2 id=\"contacts\">Front doors</h2>\n<table><thead><tr><th scope=\"col\">Local authority</th><th scope=\"col\">Front door</th><th scope=\"col\">For young adults (18–25)</th><th scope=\"col\">Out of hours</th></tr></thead><tbody>"
    );
    let door = |id: &str| f.front_doors.iter().find(|d| d.id == id);
    let door_words = |id: &str| {
        door(id).map_or_else(String::new, |d| {
            let email = if d.email.is_empty() { String::new() } else { format!(", {}", esc(&d.email)) };
            format!("{}<br>{}{email}<br>{}", esc(&d.title), esc(&d.phone), source(d.provenance.as_str(), &d.source))
        })
    };
    for la in &f.local_authorities {
        let ooh = door(&la.front_door).map_or_else(String::new, |d| {
            let o = &d.out_of_hours;
            format!("{}, {} ({})", esc(&o.name), esc(&o.phone), esc(&o.hours))
        });
        let _ = writeln!(
            s,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{ooh}</td></tr>",
            esc(&la.title),
            door_words(&la.front_door),
            la.adult_front_door.as_deref().map_or_else(|| "the same".to_owned(), door_words)
        );
    }
    let _ = writeln!(s, "</tbody></table>\n<p class=\"source\">Danger now: 999. A crime, with no danger now: 101.</p>\n</body></html>");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tees_page_names_every_question_band_and_rule_and_is_self_contained() {
        let r = Ruleset::tees();
        let page = ruleset_html(r);
        let f = r.file();
        for i in &f.indicators {
            assert!(page.contains(&esc(&i.title)), "question missing: {}", i.title);
        }
        for b in &f.bands {
            assert!(page.contains(&esc(&b.title)), "band missing: {}", b.title);
        }
        for rule in &f.rules {
            assert!(page.contains(&esc(&rule.title)), "rule missing: {}", rule.title);
        }
        assert!(!page.contains("<script") && !page.contains("src=") && !page.contains("href=\"http"));
        assert!(page.contains("default-src 'none'"));
        // Ids are not words for people: no indicator or action id in the rules' sentences.
        let rules = page.split("id=\"rules\"").nth(1).unwrap().split("id=\"actions\"").next().unwrap();
        for id in ["immediate_danger", "call_999", "carrying_weapon", "sexual_health_concern"] {
            assert!(!rules.contains(id), "{id} in the rules' words");
        }
        assert_eq!(crate::lint::lint(&page), vec![], "the page passes the language guide");
        assert_eq!(page, ruleset_html(r), "same ruleset, same bytes");
    }

    #[test]
    fn a_declared_action_reads_as_the_rulesets_own_with_its_urgency() {
        let text =
            std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../seeds/rulesets/croydon-cse-count.ruleset.json")).unwrap();
        let page = ruleset_html(&Ruleset::from_json(&text).unwrap());
        assert!(
            page.contains("Contact the CSE and missing co-ordinator<br><strong>This ruleset's own action</strong>, to do when you can."),
            "{page}"
        );
        assert!(
            page.contains("Refer to support in the community<br><strong>This ruleset's own action</strong>, to do within one working day.")
        );
        // CR5 adds the co-ordinator without an urgency of its own: the rule reads the declared one.
        assert!(page.contains("advise “Contact the CSE and missing co-ordinator” when you can"), "{page}");
    }

    #[test]
    fn sections_read_by_their_headings_in_the_questions_and_the_rules() {
        let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../seeds/rulesets/cheshire-cse-domains.ruleset.json"))
            .unwrap();
        let page = ruleset_html(&Ruleset::from_json(&text).unwrap());
        assert!(page.contains("<h3>Section: Grooming</h3>"), "{page}");
        assert!(page.contains("the yes answers in the section “Grooming” add up to 9 or more"), "{page}");
        let tees = ruleset_html(Ruleset::tees());
        let order: Vec<usize> = ["The child's context", "Going missing", "Exploitation", "Peers and relationships"]
            .iter()
            .map(|t| tees.find(&format!("<h3>Section: {t}</h3>")).unwrap_or_else(|| panic!("{t}")))
            .collect();
        assert!(order.windows(2).all(|w| w[0] < w[1]), "in the ruleset's order: {order:?}");
    }

    #[test]
    fn placeholders_read_as_what_is_filled_in() {
        assert_eq!(with_placeholders("Call {front_door} on {phone}."), "Call <em>[front door]</em> on <em>[phone]</em>.");
        assert_eq!(with_placeholders("a { without end"), "a { without end");
    }
}
