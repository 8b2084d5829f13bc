//! What a revision of a ruleset changes (`hoth rules diff OLD NEW`): questions, weights,
//! bands, rules, action texts and contacts added, removed or changed, in words a
//! safeguarding lead reads (questions and rules by their titles, rules as sentences) and as
//! JSON for tools.
//!
//! The two files are compared in their canonical form (the bytes each SHA-256 is of), so
//! spacing and key order in the files change nothing. Every list is in catalogue order:
//! sections in the file format's order, entries in the new file's order (removed ones in
//! the old file's), fields in declaration order. Nothing is read from a hash map.
//!
//! Entries are matched by their `id` (a request question's `field`, a census factor's
//! `code`); a section the format gains later is compared the same way, so nothing a revision
//! changes goes unreported.

use std::fmt::Write as _;

use crate::json::write::{ObjectWriter, Write};
use crate::ruleset::model::RulesetFile;
use crate::tools::rule_words::{Names, Tree, clause_tree_words, condition_tree_words, effect_tree_words, id_words, value_words};

/// What one revision changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diff {
    /// The old ruleset's id and version.
    pub old: (String, String),
    /// The new ruleset's id and version.
    pub new: (String, String),
    /// The sections that changed, in the file format's order.
    pub sections: Vec<Section>,
}

/// The changes in one part of the ruleset (its questions, its bands, its rules…).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// The ruleset file's key for it, e.g. `indicators` (empty for the ruleset's own id,
    /// version, title, source and provenance).
    pub key: String,
    /// What it is, for people.
    pub title: String,
    /// Entries only in the new ruleset, in its order.
    pub added: Vec<Entry>,
    /// Entries only in the old ruleset, in its order.
    pub removed: Vec<Entry>,
    /// Entries in both that differ, in the new ruleset's order.
    pub changed: Vec<Changed>,
    /// When the entries both have are in another order (rules are applied in order;
    /// questions are asked and listed in order): the keys before and after.
    pub order: Option<(Vec<String>, Vec<String>)>,
    /// With `order`: the titles of the new order's entries, in that order.
    pub order_titles: Vec<String>,
}

/// An entry added or removed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Its id (or field, or code).
    pub key: String,
    /// Its title, for people.
    pub title: String,
    /// What it says, in words.
    pub words: String,
    /// The entry as the ruleset writes it.
    pub value: Tree,
}

/// An entry in both rulesets that differs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Changed {
    /// Its id (or field, or code).
    pub key: String,
    /// Its title in the new ruleset, for people.
    pub title: String,
    /// What differs, field by field in declaration order.
    pub fields: Vec<FieldChange>,
}

/// One field that differs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldChange {
    /// Its path inside the entry, `/`-separated: `weight`, `out_of_hours/phone`,
    /// `clauses/1/when` (parts counted from 0).
    pub field: String,
    /// Its value before (`None`: it was not there).
    pub before: Option<Tree>,
    /// Its value after (`None`: it is not there any more).
    pub after: Option<Tree>,
    /// The change in words: "weight: 1 → 3".
    pub words: String,
}

/// The key an entry of a list is matched by.
fn entry_key(item: &Tree, position: usize) -> String {
    ["id", "field", "code"]
        .iter()
        .find_map(|k| item.get(k).and_then(Tree::as_str))
        .map_or_else(|| format!("#{}", position + 1), str::to_owned)
}

fn section_title(key: &str) -> String {
    match key {
        "" => "About the ruleset",
        "indicators" => "Questions (signs of harm and vulnerabilities)",
        "bands" => "Score bands",
        "concern_levels" => "Concern levels",
        "threshold_levels" => "Threshold of Need levels",
        "threshold_descriptors" => "Threshold of Need descriptors",
        "actions" => "Actions and their texts",
        "front_doors" => "Front doors and contacts",
        "local_authorities" => "Local authorities",
        "rules" => "Rules",
        "cin_factors" => "Children in Need census factors",
        "questions" => "The form's own questions",
        "incomplete" => "Incomplete screenings",
        "unknown_area" => "When the child's area is not known",
        "out_of_hours_note" => "The out-of-hours note",
        "screened_by" => "Who the safeguarding lead is",
        "descriptor_reason" => "How a selected descriptor's reason reads",
        other => return capitalised(&id_words(other)),
    }
    .to_owned()
}

fn capitalised(s: &str) -> String {
    let mut chars = s.chars();
    chars.next().map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}

/// A field's name in words, in its section.
fn field_label(section: &str, path: &str) -> String {
    let parts: Vec<&str> = path.split('/').collect();
    match parts.as_slice() {
        ["clauses", n, rest @ ..] => {
            let part = n.parse::<usize>().map_or_else(|_| (*n).to_owned(), |n| (n + 1).to_string());
            match rest {
                [] => format!("part {part}"),
                ["when", ..] => format!("part {part}, when"),
                ["then", ..] => format!("part {part}, what it does"),
                ["reason"] => format!("part {part}, the reason people read"),
                other => format!("part {part}, {}", id_words(&other.join(" "))),
            }
        }
        ["threshold_labels", level] => format!("wording for level {level}"),
        ["out_of_hours", rest] => format!("out of hours {}", field_label(section, rest)),
        [one] => match (section, *one) {
            ("indicators" | "questions", "title") => "question".to_owned(),
            ("rules", "title") => "what it says".to_owned(),
            (_, "hint") => "hint".to_owned(),
            (_, "section") => "form section".to_owned(),
            (_, "category") => "kind".to_owned(),
            (_, "harm_types") => "kinds of harm".to_owned(),
            (_, "min") => "lowest score".to_owned(),
            (_, "max") => "highest score".to_owned(),
            (_, "reason") => "the reason people read".to_owned(),
            (_, "young_adult_text") => "text for a young adult".to_owned(),
            (_, "lead_text") => "text when a safeguarding lead screens".to_owned(),
            (_, "adult_front_door") => "front door for young adults".to_owned(),
            (_, "threshold_level") => "Threshold of Need level".to_owned(),
            (_, "rescreen_within_days") => "screen again within (days)".to_owned(),
            (_, "applies_from_age") => "applies from age".to_owned(),
            (_, "lead") => "who the safeguarding lead is".to_owned(),
            ("cin_factors", "indicators") => "questions that point to it".to_owned(),
            (_, "one_unanswered") => "wording when one question is unanswered".to_owned(),
            (_, "many_unanswered") => "wording when several are".to_owned(),
            (_, other) => id_words(other),
        },
        _ => id_words(&path.replace('/', " ")),
    }
}

/// A value in words, as the field it is in says it.
fn field_value_words(path: &str, value: &Tree, names: &Names<'_>) -> String {
    let last = path.rsplit('/').next().unwrap_or(path);
    if path.starts_with("clauses/") {
        let depth = path.split('/').count();
        if depth == 2 {
            return clause_tree_words(value, names);
        }
        if path.split('/').nth(2) == Some("when") && depth == 3 {
            return condition_tree_words(value, names);
        }
        if path.split('/').nth(2) == Some("then") && depth == 3 {
            return effect_tree_words(value, names);
        }
    }
    match (last, value) {
        ("category", Tree::String(c)) if c == "harm" => "sign of harm".to_owned(),
        ("max", Tree::Null) => "no upper limit".to_owned(),
        ("clauses", Tree::Array(clauses)) => clauses.iter().map(|c| clause_tree_words(c, names)).collect::<Vec<_>>().join(" "),
        _ => value_words(value, Some(names)),
    }
}

/// Compares two values at `path`, recursing into objects and into a rule's clauses.
fn compare(
    section: &str,
    path: &str,
    before: Option<&Tree>,
    after: Option<&Tree>,
    names: (&Names<'_>, &Names<'_>),
    out: &mut Vec<FieldChange>,
) {
    if before == after {
        return;
    }
    let join = |k: &str| if path.is_empty() { k.to_owned() } else { format!("{path}/{k}") };
    match (before, after) {
        (Some(Tree::Object(b)), Some(Tree::Object(a))) if !path.ends_with("when") && !path.ends_with("then") && !is_clause(path) => {
            let keys = a.iter().map(|(k, _)| k).chain(b.iter().map(|(k, _)| k).filter(|k| !a.iter().any(|(ak, _)| ak == *k)));
            let keys: Vec<&String> = keys.collect();
            let get = |m: &Vec<(String, Tree)>, k: &str| m.iter().find(|(mk, _)| mk == k).map(|(_, v)| v.clone());
            for k in keys {
                compare(section, &join(k), get(b, k).as_ref(), get(a, k).as_ref(), names, out);
            }
        }
        (Some(Tree::Array(b)), Some(Tree::Array(a))) if path == "clauses" => {
            for i in 0..a.len().max(b.len()) {
                let (bc, ac) = (b.get(i), a.get(i));
                match (bc, ac) {
                    (Some(Tree::Object(_)), Some(Tree::Object(_))) => {
                        for k in ["when", "then", "reason"] {
                            let p = format!("clauses/{i}/{k}");
                            compare(section, &p, bc.and_then(|c| c.get(k)), ac.and_then(|c| c.get(k)), names, out);
                        }
                        // Anything else a clause gains later.
                        if let (Some(Tree::Object(bm)), Some(Tree::Object(am))) = (bc, ac) {
                            let others = am.iter().map(|(k, _)| k).chain(bm.iter().map(|(k, _)| k));
                            let mut seen: Vec<&String> = Vec::new();
                            for k in others {
                                if ["when", "then", "reason"].contains(&k.as_str()) || seen.contains(&k) {
                                    continue;
                                }
                                seen.push(k);
                                compare(
                                    section,
                                    &format!("clauses/{i}/{k}"),
                                    bc.and_then(|c| c.get(k)),
                                    ac.and_then(|c| c.get(k)),
                                    names,
                                    out,
                                );
                            }
                        }
                    }
                    _ => compare(section, &format!("clauses/{i}"), bc, ac, names, out),
                }
            }
        }
        _ => {
            let label = field_label(section, path);
            let words = match (before, after) {
                (Some(b), Some(a)) => {
                    format!("{label}: {} → {}", field_value_words(path, b, names.0), field_value_words(path, a, names.1))
                }
                (None, Some(a)) => format!("{label} added: {}", field_value_words(path, a, names.1)),
                (Some(b), None) => format!("{label} removed (it was {})", field_value_words(path, b, names.0)),
                (None, None) => return,
            };
            out.push(FieldChange { field: path.to_owned(), before: before.cloned(), after: after.cloned(), words });
        }
    }
}

fn is_clause(path: &str) -> bool {
    let parts: Vec<&str> = path.split('/').collect();
    parts.len() == 2 && parts[0] == "clauses"
}

/// An entry's title for people: its `title` (or `name`, `lead`, `text`), else its key by what it names.
fn entry_title(item: &Tree, key: &str, names: &Names<'_>) -> String {
    ["title", "name", "lead", "text"]
        .iter()
        .find_map(|k| item.get(k).and_then(Tree::as_str))
        .map_or_else(|| value_words(&Tree::String(key.to_owned()), Some(names)), |t| format!("“{t}”"))
}

/// What a whole entry says, in words (for entries added or removed).
fn entry_words(section: &str, item: &Tree, names: &Names<'_>) -> String {
    let Tree::Object(members) = item else { return value_words(item, Some(names)) };
    let mut parts = Vec::new();
    for (k, v) in members {
        if ["id", "field", "code", "title"].contains(&k.as_str()) {
            continue;
        }
        if k == "clauses" {
            parts.push(field_value_words(k, v, names));
        } else {
            parts.push(format!("{}: {}", field_label(section, k), field_value_words(k, v, names)));
        }
    }
    parts.join("; ")
}

impl Diff {
    /// What changes from `old` to `new`.
    pub fn between(old: &RulesetFile, new: &RulesetFile) -> Diff {
        let (to, tn) = (Tree::of(old), Tree::of(new));
        let names = (&Names::new(old), &Names::new(new));
        let members = |t: &Tree| match t {
            Tree::Object(m) => m.clone(),
            _ => Vec::new(),
        };
        let (mo, mn) = (members(&to), members(&tn));
        let mut keys: Vec<String> = mn.iter().map(|(k, _)| k.clone()).collect();
        for (k, _) in &mo {
            if !keys.contains(k) {
                keys.push(k.clone());
            }
        }
        let get = |m: &Vec<(String, Tree)>, k: &str| m.iter().find(|(mk, _)| mk == k).map(|(_, v)| v.clone());
        let mut about = Section { key: String::new(), title: section_title(""), ..Section::empty() };
        let mut about_fields = Vec::new();
        let mut sections = Vec::new();
        for k in &keys {
            let (b, a) = (get(&mo, k), get(&mn, k));
            let is_list = |t: &Option<Tree>| matches!(t, Some(Tree::Array(items)) if items.iter().all(|i| matches!(i, Tree::Object(_))));
            let is_object = |t: &Option<Tree>| matches!(t, Some(Tree::Object(_)));
            if (is_list(&b) || b.is_none()) && (is_list(&a) || a.is_none()) && (b.is_some() || a.is_some()) {
                if let Some(s) = list_section(k, b.as_ref(), a.as_ref(), names) {
                    sections.push(s);
                }
            } else if (is_object(&b) || b.is_none()) && (is_object(&a) || a.is_none()) {
                if let Some(s) = object_section(k, b.as_ref(), a.as_ref(), names) {
                    sections.push(s);
                }
            } else {
                compare("", k, b.as_ref(), a.as_ref(), names, &mut about_fields);
            }
        }
        if !about_fields.is_empty() {
            about.changed.push(Changed { key: String::new(), title: format!("“{}”", new.title), fields: about_fields });
            sections.insert(0, about);
        }
        Diff { old: (old.id.clone(), old.version.clone()), new: (new.id.clone(), new.version.clone()), sections }
    }

    /// How many changes: entries added and removed, fields changed, orders changed.
    pub fn count(&self) -> usize {
        self.sections
            .iter()
            .map(|s| {
                s.added.len() + s.removed.len() + s.changed.iter().map(|c| c.fields.len()).sum::<usize>() + usize::from(s.order.is_some())
            })
            .sum()
    }

    /// True when the two rulesets say the same thing.
    pub fn is_empty(&self) -> bool {
        self.sections.is_empty()
    }

    /// The changes as text for a safeguarding lead: each part of the ruleset with what was
    /// added, removed and changed, by title, rules as sentences.
    pub fn to_text(&self) -> String {
        let mut s = String::new();
        let _ = writeln!(s, "What changes from {} {} to {} {}", self.old.0, self.old.1, self.new.0, self.new.1);
        if self.is_empty() {
            let _ = writeln!(s, "\nThe two rulesets say the same: nothing changes.");
            return s;
        }
        for sec in &self.sections {
            let _ = writeln!(s, "\n{}", sec.title);
            for e in &sec.added {
                let _ = writeln!(s, "  Added: {}", e.title);
                if !e.words.is_empty() {
                    let _ = writeln!(s, "    {}", e.words);
                }
            }
            for e in &sec.removed {
                let _ = writeln!(s, "  Removed: {}", e.title);
            }
            for c in &sec.changed {
                let _ = writeln!(s, "  Changed: {}", c.title);
                for f in &c.fields {
                    let _ = writeln!(s, "    - {}", f.words);
                }
            }
            if let Some((_, after)) = &sec.order {
                let _ = writeln!(s, "  The order changed{}. Now:", if sec.key == "rules" { " (rules are applied in order)" } else { "" });
                for (n, k) in after.iter().enumerate() {
                    let title = sec.order_titles.get(n).cloned().unwrap_or_else(|| id_words(k));
                    let _ = writeln!(s, "    {}. {title}", n + 1);
                }
            }
        }
        let n = self.count();
        let _ = writeln!(s, "\n{n} change{}.", if n == 1 { "" } else { "s" });
        s
    }

    /// The changes as JSON: `{"old":{id,version},"new":{…},"changes":N,"sections":[…]}`, each
    /// section with `added`, `removed` (entries as the ruleset writes them), `changed` (each
    /// field with `before`, `after` and `words`) and `order` (`null`, or the keys before and
    /// after). Same input, same bytes.
    pub fn to_json(&self) -> String {
        crate::json::write::to_json(self)
    }
}

impl Section {
    fn empty() -> Section {
        Section {
            key: String::new(),
            title: String::new(),
            added: Vec::new(),
            removed: Vec::new(),
            changed: Vec::new(),
            order: None,
            order_titles: Vec::new(),
        }
    }
}

/// A list's entries with the keys they are matched by.
type Keyed = Vec<(String, Tree)>;

fn list_section(key: &str, before: Option<&Tree>, after: Option<&Tree>, names: (&Names<'_>, &Names<'_>)) -> Option<Section> {
    let items = |t: Option<&Tree>| match t {
        Some(Tree::Array(items)) => items.iter().enumerate().map(|(i, item)| (entry_key(item, i), item.clone())).collect(),
        _ => Vec::new(),
    };
    let (b, a): (Keyed, Keyed) = (items(before), items(after));
    let mut s = Section { key: key.to_owned(), title: section_title(key), ..Section::empty() };
    for (k, item) in &a {
        match b.iter().find(|(bk, _)| bk == k) {
            None => s.added.push(Entry {
                key: k.clone(),
                title: entry_title(item, k, names.1),
                words: entry_words(key, item, names.1),
                value: item.clone(),
            }),
            Some((_, old)) => {
                let mut fields = Vec::new();
                compare(key, "", Some(old), Some(item), names, &mut fields);
                if !fields.is_empty() {
                    s.changed.push(Changed { key: k.clone(), title: entry_title(item, k, names.1), fields });
                }
            }
        }
    }
    for (k, item) in &b {
        if !a.iter().any(|(ak, _)| ak == k) {
            s.removed.push(Entry {
                key: k.clone(),
                title: entry_title(item, k, names.0),
                words: entry_words(key, item, names.0),
                value: item.clone(),
            });
        }
    }
    let common_before: Vec<&String> = b.iter().map(|(k, _)| k).filter(|k| a.iter().any(|(ak, _)| ak == *k)).collect();
    let common_after: Vec<&String> = a.iter().map(|(k, _)| k).filter(|k| b.iter().any(|(bk, _)| bk == *k)).collect();
    if common_before != common_after {
        s.order = Some((b.iter().map(|(k, _)| k.clone()).collect(), a.iter().map(|(k, _)| k.clone()).collect()));
        s.order_titles = a.iter().map(|(k, item)| entry_title(item, k, names.1)).collect();
    }
    (!s.added.is_empty() || !s.removed.is_empty() || !s.changed.is_empty() || s.order.is_some()).then_some(s)
}

fn object_section(key: &str, before: Option<&Tree>, after: Option<&Tree>, names: (&Names<'_>, &Names<'_>)) -> Option<Section> {
    let mut s = Section { key: key.to_owned(), title: section_title(key), ..Section::empty() };
    match (before, after) {
        (None, Some(a)) => {
            s.added.push(Entry { key: key.to_owned(), title: s.title.clone(), words: entry_words(key, a, names.1), value: a.clone() })
        }
        (Some(b), None) => {
            s.removed.push(Entry { key: key.to_owned(), title: s.title.clone(), words: entry_words(key, b, names.0), value: b.clone() })
        }
        (b, a) => {
            let mut fields = Vec::new();
            compare(key, "", b, a, names, &mut fields);
            if !fields.is_empty() {
                s.changed.push(Changed { key: key.to_owned(), title: s.title.clone(), fields });
            }
        }
    }
    (!s.added.is_empty() || !s.removed.is_empty() || !s.changed.is_empty()).then_some(s)
}

impl Write for Diff {
    fn write(&self, out: &mut String) {
        let mut w = ObjectWriter::new(out);
        w.always("old", &IdVersion(&self.old));
        w.always("new", &IdVersion(&self.new));
        w.always("changes", &self.count());
        w.always("sections", &self.sections);
        w.end();
    }
}

struct IdVersion<'a>(&'a (String, String));

impl Write for IdVersion<'_> {
    fn write(&self, out: &mut String) {
        let mut w = ObjectWriter::new(out);
        w.always("id", &self.0.0);
        w.always("version", &self.0.1);
        w.end();
    }
}

impl Write for Section {
    fn write(&self, out: &mut String) {
        let mut w = ObjectWriter::new(out);
        w.always("section", &self.key);
        w.always("title", &self.title);
        w.always("added", &self.added);
        w.always("removed", &self.removed);
        w.always("changed", &self.changed);
        match &self.order {
            Some((before, after)) => w.always("order", &Order(before, after)),
            None => w.always("order", &Tree::Null),
        }
        w.end();
    }
}

struct Order<'a>(&'a Vec<String>, &'a Vec<String>);

impl Write for Order<'_> {
    fn write(&self, out: &mut String) {
        let mut w = ObjectWriter::new(out);
        w.always("before", self.0);
        w.always("after", self.1);
        w.end();
    }
}

impl Write for Entry {
    fn write(&self, out: &mut String) {
        let mut w = ObjectWriter::new(out);
        w.always("key", &self.key);
        w.always("title", &self.title);
        w.always("words", &self.words);
        w.always("entry", &self.value);
        w.end();
    }
}

impl Write for Changed {
    fn write(&self, out: &mut String) {
        let mut w = ObjectWriter::new(out);
        w.always("key", &self.key);
        w.always("title", &self.title);
        w.always("fields", &self.fields);
        w.end();
    }
}

impl Write for FieldChange {
    fn write(&self, out: &mut String) {
        let mut w = ObjectWriter::new(out);
        w.always("field", &self.field);
        // Left out when the field was not there (before) or is not any more (after).
        w.omit_empty("before", &self.before);
        w.omit_empty("after", &self.after);
        w.always("words", &self.words);
        w.end();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ruleset::Ruleset;

    fn tees() -> RulesetFile {
        Ruleset::tees().file().clone()
    }

    #[test]
    fn the_same_ruleset_changes_nothing() {
        let d = Diff::between(&tees(), &tees());
        assert!(d.is_empty());
        assert_eq!(d.count(), 0);
        assert!(d.to_text().contains("nothing changes"));
        assert_eq!(
            d.to_json(),
            r#"{"old":{"id":"tees-hoth","version":"2026.2"},"new":{"id":"tees-hoth","version":"2026.2"},"changes":0,"sections":[]}"#
                .replace("2026.2", &tees().version)
        );
    }

    #[test]
    fn a_moved_band_and_a_new_weight_read_as_plain_words() {
        let old = tees();
        let mut new = tees();
        new.version = "next".into();
        let moderate = new.bands.iter().position(|b| b.concern == crate::contract::vocab::Concern::Moderate).unwrap();
        new.bands[moderate].min = 5;
        new.bands[moderate - 1].max = Some(4);
        let weapon = new.indicators.iter().position(|i| i.id == "carrying_weapon").unwrap();
        new.indicators[weapon].weight = 2;
        let d = Diff::between(&old, &new);
        let text = d.to_text();
        assert!(text.contains("What changes from tees-hoth"), "{text}");
        assert!(text.contains("  Changed: “Score 4 to 8”\n    - lowest score: 4 → 5\n"), "{text}");
        assert!(text.contains("    - highest score: 3 → 4\n"), "{text}");
        let title = &old.indicators[weapon].title;
        assert!(text.contains(&format!("  Changed: “{title}”\n    - weight: 3 → 2\n")), "{text}");
        // The version, two band limits and a weight.
        assert_eq!(d.count(), 4, "{text}");
        assert!(!text.contains("carrying_weapon") && !text.contains("band_moderate"), "no ids for people: {text}");
        // Sections in the file's order: about, questions, bands.
        let keys: Vec<&str> = d.sections.iter().map(|s| s.key.as_str()).collect();
        assert_eq!(keys, ["", "indicators", "bands"]);
        let json: serde_json::Value = serde_json::from_str(&d.to_json()).unwrap();
        // Catalogue order: the low band (its top moved) before the moderate band.
        assert_eq!(json["sections"][2]["changed"][0]["key"], "band_low");
        assert_eq!(json["sections"][2]["changed"][1]["key"], "band_moderate");
        assert_eq!(
            json["sections"][2]["changed"][1]["fields"][0],
            serde_json::json!({"field": "min", "before": 4, "after": 5, "words": "lowest score: 4 → 5"})
        );
    }

    #[test]
    fn rules_added_removed_reordered_and_reworded_are_all_reported() {
        let old = tees();
        let mut new = tees();
        let r6 = new.rules.iter().position(|r| r.id == "R6").unwrap();
        let removed = new.rules.remove(r6);
        new.rules[0].reason = Some("You said the child is in danger now ({answers}): call 999 now.".into());
        new.rules[0].clauses[0].then.threshold_at_least = Some(3);
        new.rules.swap(1, 2);
        let mut added = removed.clone();
        added.id = "X1".into();
        added.title = "A new rule".into();
        new.rules.push(added);
        let d = Diff::between(&old, &new);
        let rules = d.sections.iter().find(|s| s.key == "rules").unwrap();
        assert_eq!(rules.added.iter().map(|e| e.key.as_str()).collect::<Vec<_>>(), ["X1"]);
        assert!(rules.added[0].words.starts_with("When "), "{}", rules.added[0].words);
        assert_eq!(rules.removed.iter().map(|e| e.key.as_str()).collect::<Vec<_>>(), ["R6"]);
        let r1 = &rules.changed[0];
        assert_eq!(r1.key, "R1");
        let fields: Vec<&str> = r1.fields.iter().map(|f| f.field.as_str()).collect();
        assert_eq!(fields, ["clauses/0/then", "reason"]);
        assert!(
            r1.fields[0].words.starts_with(
                "part 1, what it does: the concern is at least significant, the threshold is at least level 4 and advise “Call 999” now"
            ),
            "{}",
            r1.fields[0].words
        );
        assert!(
            r1.fields[0].words.contains(" → the concern is at least significant, the threshold is at least level 3 and"),
            "{}",
            r1.fields[0].words
        );
        assert!(rules.order.is_some());
        let text = d.to_text();
        assert!(text.contains("The order changed (rules are applied in order). Now:\n    1. “Immediate danger"), "{text}");
        assert!(text.contains("  Removed: “"), "{text}");
    }

    #[test]
    fn contacts_and_action_texts_are_compared_field_by_field() {
        let old = tees();
        let mut new = tees();
        new.front_doors[0].out_of_hours.phone = "01642 000000".into();
        new.actions[0].young_adult_text = None;
        new.local_authorities[0].threshold_labels.insert("3".into(), "Level 3 – Child in Need".into());
        let d = Diff::between(&old, &new);
        let words: Vec<&str> =
            d.sections.iter().flat_map(|s| s.changed.iter().flat_map(|c| c.fields.iter().map(|f| f.words.as_str()))).collect();
        assert!(words.iter().any(|w| w.starts_with("out of hours phone: “") || w.starts_with("out of hours phone: 01642")), "{words:?}");
        assert!(words.iter().any(|w| w.starts_with("text for a young adult removed (it was “")), "{words:?}");
        assert!(words.iter().any(|w| w.starts_with("wording for level 3: “Level 3 – Child in Need (complex")), "{words:?}");
        // An absent value is left out of the JSON, not written as null.
        let json: serde_json::Value = serde_json::from_str(&d.to_json()).unwrap();
        let actions = json["sections"].as_array().unwrap().iter().find(|s| s["section"] == "actions").unwrap();
        assert!(actions["changed"][0]["fields"][0].get("after").is_none());
    }
}
