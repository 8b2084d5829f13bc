//! A ruleset's rules in plain words, for the people who approve them: each condition and
//! effect as a sentence that names questions by their titles and actions by theirs, never
//! by id. `hoth rules explain --html` and `hoth rules diff` both say rules this way.
//!
//! The words are read from the ruleset's canonical JSON (the bytes its SHA-256 is of), as an
//! order-keeping [`Tree`], so a condition form this module does not know yet is still said,
//! as its name and value in words, rather than left out.

use crate::contract::vocab::AnswerField;
use crate::json::write::{Write, write_str};
use crate::ruleset::model::{Clause, Condition, Effect, RulesetFile};

/// A JSON value that owns its text and keeps its object keys in order (the order the ruleset
/// writer gives, which is the file format's declaration order).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Tree {
    /// `null`
    Null,
    /// `true` or `false`
    Bool(bool),
    /// A number, as written.
    Number(String),
    /// A string.
    String(String),
    /// A list.
    Array(Vec<Tree>),
    /// An object, keys in order.
    Object(Vec<(String, Tree)>),
}

impl Tree {
    /// The tree of a value the engine writes (a ruleset or any part of one).
    pub fn of(value: &dyn Write) -> Tree {
        let text = crate::json::write::to_json(value);
        // The engine's writer always writes JSON its reader reads.
        crate::json::parse(&text).map_or(Tree::Null, |v| Tree::from_value(&v))
    }

    fn from_value(v: &crate::json::Value<'_>) -> Tree {
        use crate::json::Value;
        match v {
            Value::Null => Tree::Null,
            Value::Bool(b) => Tree::Bool(*b),
            Value::Number(n) => Tree::Number((*n).to_owned()),
            Value::String(s) => Tree::String(s.to_string()),
            Value::Array(a) => Tree::Array(a.iter().map(Tree::from_value).collect()),
            Value::Object(o) => Tree::Object(o.iter().map(|(k, v)| (k.to_owned(), Tree::from_value(v))).collect()),
        }
    }

    /// The value of `key`, if this is an object that has it.
    pub fn get(&self, key: &str) -> Option<&Tree> {
        match self {
            Tree::Object(members) => members.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// The text, if this is a string.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Tree::String(s) => Some(s),
            _ => None,
        }
    }
}

impl Write for Tree {
    fn write(&self, out: &mut String) {
        match self {
            Tree::Null => out.push_str("null"),
            Tree::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Tree::Number(n) => out.push_str(n),
            Tree::String(s) => write_str(out, s),
            Tree::Array(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    item.write(out);
                }
                out.push(']');
            }
            Tree::Object(members) => {
                let mut w = crate::json::write::ObjectWriter::new(out);
                for (k, v) in members {
                    w.always(k, v);
                }
                w.end();
            }
        }
    }
}

/// An id as words: `child_criminal_exploitation` → "child criminal exploitation".
pub(crate) fn id_words(id: &str) -> String {
    id.replace('_', " ")
}

/// How soon, in words inside a sentence.
pub(crate) fn urgency_words(wire: &str) -> String {
    match wire {
        "immediate" => "now".to_owned(),
        "same_day" => "today".to_owned(),
        "within_1_working_day" => "within one working day".to_owned(),
        "routine" => "when you can".to_owned(),
        other => id_words(other),
    }
}

/// The words for the things a ruleset names by id: questions, actions, front doors.
pub(crate) struct Names<'f> {
    file: &'f RulesetFile,
}

impl<'f> Names<'f> {
    /// Names from one ruleset file.
    pub(crate) fn new(file: &'f RulesetFile) -> Self {
        Names { file }
    }

    /// An indicator's question in quotes, or its id in words when the ruleset has no such id.
    pub(crate) fn indicator(&self, id: &str) -> String {
        self.file.indicators.iter().find(|i| i.id == id).map_or_else(|| id_words(id), |i| format!("“{}”", i.title))
    }

    /// A request question (an answer field by its wire name) in quotes.
    pub(crate) fn answer_field(&self, wire: &str) -> String {
        let pointer = AnswerField::from_wire(wire).map(AnswerField::pointer);
        pointer.and_then(|p| self.file.questions.iter().find(|q| q.field == p)).map_or_else(|| id_words(wire), |q| format!("“{}”", q.title))
    }

    /// How quickly an action's entry says it is done when a rule does not say (an action
    /// the ruleset declares always has one).
    pub(crate) fn action_urgency(&self, id: &str) -> Option<&'f str> {
        self.file.actions.iter().find(|a| a.id.as_str() == id).and_then(|a| a.urgency).map(|u| u.as_str())
    }

    /// A section of the catalogue by its heading (or its id in words when it has none).
    pub(crate) fn section(&self, id: &str) -> String {
        self.file.sections.iter().find(|s| s.id == id).map_or_else(|| id_words(id), |s| s.title.clone())
    }

    /// An action by its title, in quotes.
    pub(crate) fn action(&self, id: &str) -> String {
        self.file.actions.iter().find(|a| a.id.as_str() == id).map_or_else(|| id_words(id), |a| format!("“{}”", a.title))
    }

    /// Whatever an id names in this ruleset (an indicator, an action, a front door, a
    /// descriptor), by its title; otherwise the id in words.
    pub(crate) fn any(&self, id: &str) -> String {
        let f = self.file;
        if let Some(i) = f.indicators.iter().find(|i| i.id == id) {
            return format!("“{}”", i.title);
        }
        if let Some(a) = f.actions.iter().find(|a| a.id.as_str() == id) {
            return format!("“{}”", a.title);
        }
        if let Some(d) = f.front_doors.iter().find(|d| d.id == id) {
            return d.title.clone();
        }
        if let Some(d) = f.threshold_descriptors.iter().find(|d| d.id == id) {
            return format!("“{}”", d.title);
        }
        id_words(id)
    }
}

fn list(items: &[String], joiner: &str) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} {joiner} {last}", init.join(", ")),
    }
}

fn number(t: &Tree) -> String {
    match t {
        Tree::Number(n) => n.clone(),
        other => value_words(other, None),
    }
}

fn text(t: &Tree) -> String {
    t.as_str().map_or_else(|| value_words(t, None), id_words)
}

/// A value in words: text in quotes, an id by what it names, a list joined, `null` as
/// "none". For fields this module has no sentence for.
pub(crate) fn value_words(t: &Tree, names: Option<&Names<'_>>) -> String {
    match t {
        Tree::Null => "none".to_owned(),
        Tree::Bool(true) => "yes".to_owned(),
        Tree::Bool(false) => "no".to_owned(),
        Tree::Number(n) => n.clone(),
        // An id is lowercase letters, digits and `_`; anything else is text for people.
        Tree::String(s) if !s.is_empty() && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_') => {
            names.map_or_else(|| id_words(s), |n| n.any(s))
        }
        Tree::String(s) => format!("“{s}”"),
        Tree::Array(items) if items.is_empty() => "none".to_owned(),
        Tree::Array(items) => items.iter().map(|i| value_words(i, names)).collect::<Vec<_>>().join(", "),
        Tree::Object(members) => {
            members.iter().map(|(k, v)| format!("{} {}", id_words(k), value_words(v, names))).collect::<Vec<_>>().join(", ")
        }
    }
}

fn answer_words(wire: &str) -> &str {
    match wire {
        "not_known" => "not known",
        other => other,
    }
}

/// Which indicators a filter (`any_indicator_yes`, and any form with the same fields) picks.
fn filter_words(filter: &Tree, names: &Names<'_>) -> String {
    let mut kind = match filter.get("category").and_then(Tree::as_str) {
        Some("harm") => "sign of harm".to_owned(),
        Some("vulnerability") => "vulnerability".to_owned(),
        Some(other) => id_words(other),
        None => "question".to_owned(),
    };
    if let Some(w) = filter.get("min_weight") {
        kind.push_str(&format!(" with a weight of {} or more", number(w)));
    }
    let mut extra = Vec::new();
    if let Tree::Object(members) = filter {
        for (k, v) in members {
            match k.as_str() {
                "category" | "min_weight" | "ids" | "at_least" => {}
                "section" => extra.push(format!("in the section “{}”", v.as_str().map_or_else(|| text(v), |id| names.section(id)))),
                "harm_type" | "harm_types" => extra.push(format!("pointing to {}", text_list(v))),
                other => extra.push(format!("{} {}", id_words(other), value_words(v, Some(names)))),
            }
        }
    }
    if !extra.is_empty() {
        kind.push(' ');
        kind.push_str(&extra.join(", "));
    }
    match filter.get("ids") {
        Some(Tree::Array(ids)) if !ids.is_empty() => {
            let titles: Vec<String> = ids.iter().map(|i| i.as_str().map_or_else(|| value_words(i, None), |s| names.indicator(s))).collect();
            if kind == "question" { list(&titles, "or") } else { format!("a {kind} among {}", list(&titles, "or")) }
        }
        _ => format!("any {kind}"),
    }
}

fn text_list(t: &Tree) -> String {
    match t {
        Tree::Array(items) => list(&items.iter().map(text).collect::<Vec<_>>(), "or"),
        other => text(other),
    }
}

/// A condition in words, read from its JSON (`{"name": value}`).
pub(crate) fn condition_tree_words(t: &Tree, names: &Names<'_>) -> String {
    let Tree::Object(members) = t else { return value_words(t, Some(names)) };
    let [(name, v)] = members.as_slice() else { return value_words(t, Some(names)) };
    let nested = |c: &Tree| {
        let words = condition_tree_words(c, names);
        match c {
            Tree::Object(m) if m.len() == 1 && (m[0].0 == "all" || m[0].0 == "any") => format!("({words})"),
            _ => words,
        }
    };
    match (name.as_str(), v) {
        ("always", Tree::Bool(true)) => "always".to_owned(),
        ("always", _) => "never".to_owned(),
        ("all", Tree::Array(list_)) => list(&list_.iter().map(nested).collect::<Vec<_>>(), "and"),
        ("any", Tree::Array(list_)) => list(&list_.iter().map(nested).collect::<Vec<_>>(), "or"),
        ("answer", a) => {
            let field = a.get("field").and_then(Tree::as_str).map_or_else(String::new, |f| names.answer_field(f));
            match a.get("at_least").and_then(Tree::as_str) {
                Some("yes") => format!("{field} is answered yes"),
                Some("not_known") => format!("{field} is answered yes or not known"),
                _ => format!("{field} has any answer"),
            }
        }
        ("not_known", f) => format!("{} is not answered yet", f.as_str().map_or_else(String::new, |f| names.answer_field(f))),
        ("age_at_most", n) => format!("the child is aged {} or under", number(n)),
        ("age_at_least", n) => format!("the child is aged {} or over", number(n)),
        ("any_indicator_yes", filter) => format!("{} is answered yes", filter_words(filter, names)),
        ("missing_episodes_at_least", Tree::Number(n)) if n == "1" => {
            "the child has been missing at least once in the last 90 days".to_owned()
        }
        ("missing_episodes_at_least", n) => format!("the child has been missing {} times or more in the last 90 days", number(n)),
        ("concern_at_least", c) => format!("the concern so far is at least {}", text(c)),
        ("concern_is", c) => format!("the concern so far is {}", text(c)),
        ("descriptor_level_at_least", n) => format!("a Threshold of Need descriptor at level {} or above is selected", number(n)),
        ("judgement", d) => format!("a professional judgement to {} the concern is recorded", text(d)),
        ("information_gaps", Tree::Bool(true)) => "a question the rules read is not answered yet".to_owned(),
        ("information_gaps", _) => "every question the rules read is answered".to_owned(),
        ("indicator", x) => {
            let titles: Vec<String> = match x.get("ids") {
                Some(Tree::Array(ids)) => {
                    ids.iter().map(|i| i.as_str().map_or_else(|| value_words(i, None), |s| names.indicator(s))).collect()
                }
                _ => Vec::new(),
            };
            let answer = match x.get("at_least").and_then(Tree::as_str) {
                Some("yes") => "answered yes",
                Some("not_known") => "answered yes or not known",
                _ => "answered",
            };
            format!("{} is {answer}", list(&titles, "or"))
        }
        ("count_yes", x) => {
            let n = x.get("at_least").map_or_else(String::new, number);
            let picked = filter_words(x, names);
            match picked.strip_prefix("any ") {
                Some(kind) => {
                    let plural = [("sign of harm", "signs of harm"), ("vulnerability", "vulnerabilities"), ("question", "questions")]
                        .iter()
                        .find_map(|(one, many)| kind.strip_prefix(one).map(|rest| format!("{many}{rest}")))
                        .unwrap_or_else(|| kind.to_owned());
                    format!("{n} or more {plural} are answered yes")
                }
                None => format!("{n} or more of these are answered yes: {picked}"),
            }
        }
        ("section_score", x) => format!(
            "the weights of the yes answers in the section “{}” add up to {} or more",
            x.get("section").and_then(Tree::as_str).map_or_else(String::new, |id| names.section(id)),
            x.get("at_least").map_or_else(String::new, number)
        ),
        ("score_at_least", n) => format!("the score is {} or more", number(n)),
        ("harm_type", h) => format!("a question answered yes points to {}", text(h)),
        ("education_in", list_) => format!("the child's education is {}", text_list(list_)),
        ("child_context", x) => {
            let fields: Vec<String> = match x.get("fields") {
                Some(Tree::Array(f)) if !f.is_empty() => {
                    f.iter().map(|f| f.as_str().map_or_else(String::new, |f| names.answer_field(f))).collect()
                }
                _ => vec!["any question about the child's own circumstances".to_owned()],
            };
            let answer = match x.get("at_least").and_then(Tree::as_str) {
                Some("yes") => "answered yes",
                Some("not_known") => "answered yes or not known",
                _ => "answered",
            };
            format!("{} is {answer}", list(&fields, "or"))
        }
        // Forms added to the language later are still said, by their name and value.
        (other, value) => {
            let value = match value {
                Tree::Object(_) => {
                    let mut w = value_words(value, Some(names));
                    if let Some(at) = value.get("at_least").and_then(Tree::as_str) {
                        w.push_str(&format!(" ({})", answer_words(at)));
                    }
                    w
                }
                v => value_words(v, Some(names)),
            };
            format!("{}: {value}", id_words(other))
        }
    }
}

/// A condition in words.
pub fn condition_words(file: &RulesetFile, c: &Condition) -> String {
    condition_tree_words(&Tree::of(c), &Names::new(file))
}

/// An effect in words, read from its JSON.
pub(crate) fn effect_tree_words(t: &Tree, names: &Names<'_>) -> String {
    let Tree::Object(members) = t else { return value_words(t, Some(names)) };
    let mut parts = Vec::new();
    for (k, v) in members {
        parts.push(match (k.as_str(), v) {
            ("concern_at_least", c) => format!("the concern is at least {}", text(c)),
            ("raise_concern_steps", Tree::Number(n)) if n == "1" => "the concern is raised one step".to_owned(),
            ("raise_concern_steps", n) => format!("the concern is raised {} steps", number(n)),
            ("threshold_at_least", n) => format!("the threshold is at least level {}", number(n)),
            ("apply_professional_judgement", Tree::Bool(true)) => {
                "a recorded professional judgement moves the concern one step (lowering never goes below what the safety rules set)"
                    .to_owned()
            }
            ("children_threshold_not_applicable", Tree::Bool(true)) => {
                "children's Threshold of Need levels do not apply (adult safeguarding)".to_owned()
            }
            ("actions", Tree::Array(actions)) => {
                let each: Vec<String> = actions.iter().map(|a| action_words(a, names)).collect();
                format!("advise {}", list(&each, "and"))
            }
            (other, value) => format!("{}: {}", id_words(other), value_words(value, Some(names))),
        });
    }
    if parts.is_empty() { "nothing changes".to_owned() } else { list(&parts, "and") }
}

fn action_words(a: &Tree, names: &Names<'_>) -> String {
    let id = a.get("id").and_then(Tree::as_str).unwrap_or("");
    let mut w = names.action(id);
    if let Some(u) = a.get("urgency").and_then(Tree::as_str).or_else(|| names.action_urgency(id)) {
        w.push(' ');
        w.push_str(&urgency_words(u));
    }
    if let Some(other) = a.get("as_urgent_as").and_then(Tree::as_str) {
        w.push_str(&format!(" (or as soon as {})", names.action(other)));
    }
    if let Some(other) = a.get("unless").and_then(Tree::as_str) {
        w.push_str(&format!(" (not when {} is already advised)", names.action(other)));
    }
    w
}

/// An effect in words.
pub fn effect_words(file: &RulesetFile, e: &Effect) -> String {
    effect_tree_words(&Tree::of(e), &Names::new(file))
}

/// A clause as one sentence: "When …, …." ("Always, …" when it always holds).
pub fn clause_words(file: &RulesetFile, c: &Clause) -> String {
    clause_tree_words(&Tree::of(c), &Names::new(file))
}

pub(crate) fn clause_tree_words(t: &Tree, names: &Names<'_>) -> String {
    let when = t.get("when").map_or_else(String::new, |w| condition_tree_words(w, names));
    let then = t.get("then").map_or_else(String::new, |e| effect_tree_words(e, names));
    if when == "always" { format!("In every screening, {then}.") } else { format!("When {when}, {then}.") }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ruleset::Ruleset;

    fn rule(id: &str) -> &'static crate::ruleset::model::Rule {
        Ruleset::tees().file().rules.iter().find(|r| r.id == id).unwrap()
    }

    #[test]
    fn rules_read_as_sentences_with_question_and_action_titles() {
        let f = Ruleset::tees().file();
        let r1 = clause_words(f, &rule("R1").clauses[0]);
        assert!(r1.starts_with("When “"), "{r1}");
        assert!(r1.contains("is answered yes, the concern is at least significant"), "{r1}");
        assert!(r1.contains("advise “Call 999” now"), "{r1}");
        assert!(!r1.contains("immediate_danger") && !r1.contains("call_999"), "no ids: {r1}");
        // R4's second clause names the indicators by their questions, with the age.
        let r4 = clause_words(f, &rule("R4").clauses[1]);
        assert!(r4.contains("the child is aged 12 or under and "), "{r4}");
        assert!(!r4.contains("sexual_health_concern"), "{r4}");
        let r4a = clause_words(f, &rule("R4").clauses[0]);
        assert!(r4a.contains("any sign of harm with a weight of 3 or more is answered yes"), "{r4a}");
        // R2's 101 is not advised when 999 is.
        let r2 = clause_words(f, &rule("R2").clauses[0]);
        assert!(r2.contains("“Call 101” today (not when “Call 999” is already advised)"), "{r2}");
    }

    #[test]
    fn a_condition_form_not_known_here_is_still_said() {
        let names = Names::new(Ruleset::tees().file());
        let t = Tree::Object(vec![("rating_at_least".into(), Tree::Number("7".into()))]);
        assert_eq!(condition_tree_words(&t, &names), "rating at least: 7");
        let t = Tree::Object(vec![(
            "item".into(),
            Tree::Object(vec![("id".into(), Tree::String("carrying_weapon".into())), ("at_least".into(), Tree::String("yes".into()))]),
        )]);
        let words = condition_tree_words(&t, &names);
        assert!(words.starts_with("item: id “") && words.ends_with("(yes)"), "{words}");
        // The forms the language has are said in words.
        let t = Tree::Object(vec![("score_at_least".into(), Tree::Number("7".into()))]);
        assert_eq!(condition_tree_words(&t, &names), "the score is 7 or more");
        let t = Tree::Object(vec![(
            "count_yes".into(),
            Tree::Object(vec![("at_least".into(), Tree::Number("2".into())), ("category".into(), Tree::String("harm".into()))]),
        )]);
        assert_eq!(condition_tree_words(&t, &names), "2 or more signs of harm are answered yes");
    }

    #[test]
    fn trees_write_back_the_same_bytes() {
        let f = Ruleset::tees().file();
        assert_eq!(crate::json::write::to_json(&Tree::of(f)), crate::json::write::to_json(f));
    }
}
