//! The referral summary (contract §9): an outcome laid out as the part of a Tees SAFER
//! referral (Situation, Assessment, Family, Expected response, Recording) the screening can
//! fill, as plain text for pasting into a referral or case record, or as a self-contained,
//! printable HTML fragment.
//!
//! It is worded as what the screening *suggests*: the front door decides. It reads only the
//! outcome and the ruleset that made it (for the questions' titles), adds no date (the engine
//! has no clock: a form may add the date of screening), and holds nothing about the family,
//! so the Family section is prompts for the person to complete. Both forms are built from one
//! list of sections, so the text and the HTML always say the same things.

use crate::contract::error::{ErrorCode, ErrorList};
use crate::contract::outcome::Outcome;
use crate::contract::vocab::Direction;
use crate::ruleset::Ruleset;
use crate::tools::explain::{child_context, indicator_words, question_words, titled_with_basis, urgency_words};

/// One part of a section.
enum Block {
    Para(String),
    List(Vec<String>),
    Numbered(Vec<String>),
    /// Something for the person to write in.
    Prompt(String),
}

struct Section {
    letter: char,
    title: &'static str,
    blocks: Vec<Block>,
}

/// What the threshold and kinds of harm point to, as a SAFER referral's reason.
fn safer_reasons(o: &Outcome) -> Vec<String> {
    let mut out = Vec::new();
    match o.threshold.as_ref().map(|t| t.level) {
        Some(4) => out.push("possible significant harm (child protection, section 47)".to_owned()),
        Some(3) => out.push("child in need (section 17)".to_owned()),
        Some(2) => out.push("early help".to_owned()),
        Some(_) => out.push("universal services (no referral is suggested by the level alone)".to_owned()),
        None => out.push("adult safeguarding (children's levels do not apply from 18)".to_owned()),
    }
    if !o.harm_types.is_empty() {
        out.push("vulnerable to exploitation or harm outside the home".to_owned());
    }
    out
}

fn sections(ruleset: &Ruleset, o: &Outcome, reason_texts: &[String]) -> Vec<Section> {
    let indicator = |id: &String| indicator_words(ruleset, id);
    let question = |p: &String| question_words(ruleset, p);
    let threshold = match &o.threshold {
        Some(t) if t.provisional => format!("{} (provisional: it may rise when the unanswered questions are answered)", t.label),
        Some(t) => t.label.clone(),
        None => "children's levels do not apply from 18".to_owned(),
    };
    let situation = vec![
        Block::Para(format!("The screening suggests: {}.", o.concern_text)),
        Block::Para(format!("Threshold of Need: {threshold}.")),
        Block::Para(format!("This points to a referral for: {}.", safer_reasons(o).join("; "))),
    ];
    let mut assessment = Vec::new();
    let harm = titled_with_basis(ruleset, o, &o.indicators_present.harm);
    assessment.push(Block::Para("Signs of harm answered yes:".to_owned()));
    assessment.push(if harm.is_empty() { Block::Para("none so far".to_owned()) } else { Block::List(harm) });
    let vulnerable = titled_with_basis(ruleset, o, &o.indicators_present.vulnerability);
    if !vulnerable.is_empty() {
        assessment.push(Block::Para("Vulnerabilities answered yes:".to_owned()));
        assessment.push(Block::List(vulnerable));
    }
    assessment.push(Block::Para("About the child:".to_owned()));
    assessment.push(Block::List(child_context(ruleset, &o.screening)));
    if !o.harm_types.is_empty() {
        let kinds: Vec<String> = o.harm_types.iter().map(|h| h.as_str().replace('_', " ")).collect();
        assessment.push(Block::Para(format!("Kinds of harm these point to: {}.", kinds.join(", "))));
    }
    if o.complete {
        assessment.push(Block::Para("Every question the screening asks was answered.".to_owned()));
    } else {
        let mut open: Vec<String> = o.other_gaps.iter().map(question).collect();
        open.extend(o.information_gaps.iter().map(indicator));
        assessment.push(Block::Para(format!("Not answered yet ({}): not known is not the same as no.", open.len())));
        assessment.push(Block::List(open));
    }
    let family = vec![
        Block::Para("The screening holds nothing about the family: complete this part yourself.".to_owned()),
        Block::Prompt("The child's own words, and what they want to happen:".to_owned()),
        Block::Prompt("Do the parents or carers know about this referral? If not, why not:".to_owned()),
    ];
    let door = &o.front_door;
    let email = if door.email.is_empty() { String::new() } else { format!(", {}", door.email) };
    let expected = vec![
        Block::Para("What the screening suggests doing, most urgent first:".to_owned()),
        Block::Numbered(o.actions.iter().map(|a| format!("{}: {}", urgency_words(a.urgency), a.text)).collect()),
        Block::Para(format!("Front door: {}, {}{email}.", door.name, door.phone)),
        Block::Para(format!("Out of hours: {}, {} ({}).", door.out_of_hours.name, door.out_of_hours.phone, door.out_of_hours.hours)),
    ];
    let judgement = match &o.screening.professional_judgement {
        None => "Professional judgement: none recorded.".to_owned(),
        Some(j) => {
            let direction = match j.direction {
                Direction::Raise => "raise",
                Direction::Lower => "lower",
            };
            let reason =
                if j.reason.is_empty() { "its reason is not in this compact record".to_owned() } else { format!("“{}”", j.reason) };
            format!("Professional judgement: {direction} the concern, recorded by {}: {reason}.", j.recorded_by_role)
        }
    };
    let recording = vec![
        Block::Para(judgement),
        Block::Para("Why the screening says this:".to_owned()),
        Block::List(reason_texts.to_vec()),
        Block::Para(format!(
            "Ruleset {} {} (sha256 {}); engine {} {}. Add the date of screening.",
            o.ruleset.id, o.ruleset.version, o.ruleset.sha256, o.engine.name, o.engine.version
        )),
    ];
    vec![
        Section { letter: 'S', title: "Situation", blocks: situation },
        Section { letter: 'A', title: "Assessment", blocks: assessment },
        Section { letter: 'F', title: "Family", blocks: family },
        Section { letter: 'E', title: "Expected response", blocks: expected },
        Section { letter: 'R', title: "Recording", blocks: recording },
    ]
}

const HEADING: &str = "SAFER referral: what this Harm Outside the Home screening suggests";
const DECIDES: &str = "The front door decides: this is what the screening suggests, not a decision.";

/// The reasons in plain words, each once. A compact outcome leaves their texts out, so its
/// `screening` (the request as the engine read it) is screened again with the same ruleset.
fn reason_texts(ruleset: &Ruleset, o: &Outcome) -> Vec<String> {
    let from = |reasons: &[crate::contract::outcome::Reason]| -> Option<Vec<String>> {
        let mut out: Vec<String> = Vec::new();
        for r in reasons {
            let t = r.text.clone()?;
            if !out.contains(&t) {
                out.push(t);
            }
        }
        Some(out)
    };
    if let Some(texts) = from(&o.reasons) {
        return texts;
    }
    let mut request = o.screening.clone();
    if let Some(j) = request.professional_judgement.as_mut()
        && j.reason.is_empty()
    {
        j.reason = "(left out of a compact record)".to_owned();
    }
    crate::screen::screen(ruleset, &request).ok().and_then(|full| from(&full.reasons)).unwrap_or_default()
}

/// Checks that `o` was made by `ruleset` (its titles and wording are what the summary uses).
fn same_ruleset(ruleset: &Ruleset, o: &Outcome) -> Result<(), ErrorList> {
    if o.ruleset.sha256 == ruleset.sha256() {
        return Ok(());
    }
    Err(ErrorList::one(
        "/ruleset",
        ErrorCode::InvalidValue,
        format!(
            "this outcome was made with ruleset {} {} (sha256 {}), not the loaded {} {}: load that ruleset to summarise it",
            o.ruleset.id,
            o.ruleset.version,
            o.ruleset.sha256,
            ruleset.id(),
            ruleset.version()
        ),
    ))
}

/// The summary as plain text.
pub fn summary_text(ruleset: &Ruleset, o: &Outcome) -> Result<String, ErrorList> {
    same_ruleset(ruleset, o)?;
    let mut s = format!("{HEADING}\n{DECIDES}\n");
    for sec in sections(ruleset, o, &reason_texts(ruleset, o)) {
        s.push_str(&format!("\n{} – {}\n", sec.letter, sec.title));
        for b in sec.blocks {
            match b {
                Block::Para(p) => s.push_str(&format!("  {p}\n")),
                Block::List(items) => items.iter().for_each(|i| s.push_str(&format!("    - {i}\n"))),
                Block::Numbered(items) => items.iter().enumerate().for_each(|(n, i)| s.push_str(&format!("    {}. {i}\n", n + 1))),
                Block::Prompt(p) => s.push_str(&format!("  {p}\n    ______________________________________________\n")),
            }
        }
    }
    Ok(s)
}

fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The summary as a self-contained, printable HTML fragment (its own scoped styles, no
/// scripts, nothing fetched).
pub fn summary_html(ruleset: &Ruleset, o: &Outcome) -> Result<String, ErrorList> {
    same_ruleset(ruleset, o)?;
    let mut s = String::from(concat!(
        "<section class=\"hoth-safer\">\n<style>",
        ".hoth-safer{font-family:Arial,sans-serif;max-width:48em;line-height:1.4}",
        ".hoth-safer h2{font-size:1.3em}.hoth-safer h3{font-size:1.1em;margin-top:1.2em;border-bottom:1px solid #b1b4b6}",
        ".hoth-safer .prompt{border:1px solid #0b0c0c;min-height:4em;padding:.3em}",
        "@media print{.hoth-safer{max-width:none}}</style>\n"
    ));
    s.push_str(&format!("<h2>{}</h2>\n<p><strong>{}</strong></p>\n", esc(HEADING), esc(DECIDES)));
    for sec in sections(ruleset, o, &reason_texts(ruleset, o)) {
        s.push_str(&format!("<h3>{} – {}</h3>\n", sec.letter, esc(sec.title)));
        for b in sec.blocks {
            match b {
                Block::Para(p) => s.push_str(&format!("<p>{}</p>\n", esc(&p))),
                Block::List(items) => {
                    s.push_str("<ul>\n");
                    items.iter().for_each(|i| s.push_str(&format!("<li>{}</li>\n", esc(i))));
                    s.push_str("</ul>\n");
                }
                Block::Numbered(items) => {
                    s.push_str("<ol>\n");
                    items.iter().for_each(|i| s.push_str(&format!("<li>{}</li>\n", esc(i))));
                    s.push_str("</ol>\n");
                }
                Block::Prompt(p) => s.push_str(&format!("<p>{}</p>\n<div class=\"prompt\"></div>\n", esc(&p))),
            }
        }
    }
    s.push_str("</section>\n");
    Ok(s)
}

/// The summary of outcome JSON bytes, as text or HTML: what every binding calls. The
/// outcome is read back from its `screening` with the ruleset that made it
/// ([`crate::screen::reread_outcome`]), so a full and a compact outcome give the same bytes.
pub fn summary_json(ruleset: &Ruleset, outcome: &[u8], html: bool) -> Result<String, ErrorList> {
    let o = crate::screen::reread_outcome(ruleset, outcome)?;
    if html { summary_html(ruleset, &o) } else { summary_text(ruleset, &o) }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn outcome(request: &str) -> Outcome {
        crate::screen::screen_json(Ruleset::tees(), request.as_bytes()).unwrap()
    }

    const EXAMPLE: &str = include_str!("../../../../seeds/examples/contract_example.json");

    #[test]
    fn the_five_safer_sections_in_order_for_any_outcome() {
        let text = summary_text(Ruleset::tees(), &outcome(EXAMPLE)).unwrap();
        let at: Vec<usize> = ["S – Situation", "A – Assessment", "F – Family", "E – Expected response", "R – Recording"]
            .iter()
            .map(|h| text.find(h).unwrap_or_else(|| panic!("no {h} in\n{text}")))
            .collect();
        assert!(at.windows(2).all(|w| w[0] < w[1]), "{text}");
        assert!(text.contains("The screening suggests: Moderate concern"), "{text}");
        assert!(text.contains("child in need (section 17)"), "{text}");
        assert!(text.contains("The child's own words"), "{text}");
        assert!(text.contains("Do the parents or carers know"), "{text}");
        assert!(
            text.contains("“Has the child been missing overnight?”")
                || text.contains("Has the child been missing overnight? (basis not stated)"),
            "{text}"
        );
        assert!(text.contains("01642 726004") && text.contains("01642 524552"), "{text}");
        // Words a worried teacher reads: the language guide finds nothing to change.
        let findings = crate::lint::lint(&text);
        assert!(findings.is_empty(), "{:?}", findings.iter().map(|f| &f.text).collect::<Vec<_>>());
    }

    #[test]
    fn a_compact_outcome_summarises_as_the_full_one_does() {
        let full = outcome(EXAMPLE);
        let mut compact = Vec::new();
        crate::screen::screen_into_with(Ruleset::tees(), EXAMPLE.as_bytes(), crate::screen::Detail::Compact, &mut compact).unwrap();
        let from_compact = summary_json(Ruleset::tees(), &compact, false).unwrap();
        assert_eq!(from_compact, summary_text(Ruleset::tees(), &full).unwrap());
    }

    #[test]
    fn html_is_escaped_and_holds_no_script() {
        let mut r: serde_json::Value = serde_json::from_str(EXAMPLE).unwrap();
        r["professional_judgement"] =
            serde_json::json!({"direction":"raise","reason":"<script>x</script> & more","recorded_by_role":"teacher"});
        let html = summary_html(Ruleset::tees(), &outcome(&r.to_string())).unwrap();
        assert!(!html.contains("<script>"), "{html}");
        assert!(html.contains("&lt;script&gt;x&lt;/script&gt; &amp; more"));
    }

    #[test]
    fn an_outcome_from_another_ruleset_is_refused() {
        let mut o = outcome(EXAMPLE);
        o.ruleset.sha256 = "0".repeat(64);
        assert_eq!(summary_text(Ruleset::tees(), &o).unwrap_err().errors[0].pointer, "/ruleset");
    }
}
