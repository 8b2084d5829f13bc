//! A new ruleset drafted from an existing one (`hoth rules new NAME`): the same questions,
//! bands, rules, texts and contacts, under a new id and a draft version, with every source
//! marked to be filled in and every provenance `reconstructed` until someone confirms it.
//! The draft passes `hoth rules check` as it is, so a council can change one thing at a
//! time and check as it goes; `$schema` at its top gives an editor completion.
//!
//! Entries are found by shape (any object with a `source` and a `provenance`), so a part
//! of the format added later is marked too.

use crate::contract::error::{ErrorCode, ErrorList};
use crate::json::write::write_str;
use crate::ruleset::model::RulesetFile;
use crate::tools::rule_words::Tree;

/// What a draft's sources start with, so a reviewer can find every one still to be done.
pub const TO_FILL_IN: &str = "TO FILL IN";

/// The version a draft starts at.
pub const DRAFT_VERSION: &str = "0.1-draft";

/// Checks a new ruleset's id: 1 to 64 lowercase letters, digits and hyphens, starting
/// with a letter (like `tees-hoth`).
pub fn check_name(name: &str) -> Result<(), ErrorList> {
    let ok = (1..=64).contains(&name.len())
        && name.starts_with(|c: char| c.is_ascii_lowercase())
        && name.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    if ok {
        Ok(())
    } else {
        let mut e = ErrorList::one(
            "/id",
            ErrorCode::InvalidValue,
            format!(
                "a ruleset id is 1 to 64 lowercase letters, digits and hyphens, starting with a letter (like tees-hoth), got '{}'",
                crate::contract::read::truncate(name)
            ),
        );
        for err in &mut e.errors {
            err.help = "Give the new ruleset an id of lowercase letters, digits and hyphens, like tees-hoth".to_owned();
        }
        Err(e)
    }
}

/// The draft's JSON text (indented for people to edit, ending in a newline): `from` with
/// the id `name`, version [`DRAFT_VERSION`], `$schema` set to `schema`, and every source
/// marked [`TO_FILL_IN`], saying what the entry was copied from.
pub fn scaffold(from: &RulesetFile, sha256: &str, name: &str, schema: &str) -> Result<String, ErrorList> {
    check_name(name)?;
    let mut tree = Tree::of(from);
    mark(&mut tree, &from.id);
    if let Tree::Object(members) = &mut tree {
        let set = |members: &mut Vec<(String, Tree)>, key: &str, value: String| {
            if let Some((_, v)) = members.iter_mut().find(|(k, _)| k == key) {
                *v = Tree::String(value);
            }
        };
        set(members, "id", name.to_owned());
        set(members, "version", DRAFT_VERSION.to_owned());
        set(members, "title", format!("{name} screening (a draft from the {} ruleset: every entry to be confirmed)", from.id));
        set(
            members,
            "source",
            format!(
                "{TO_FILL_IN}: the documents this ruleset comes from (the screening tool, its date, where it is published). Drafted by hoth rules new from {} {} (sha256 {sha256}).",
                from.id, from.version
            ),
        );
        // A draft from the Tees ruleset is a Tees revision: it keeps being held to the Tees
        // profile (R4–R10, R13) under its new id.
        if from.profile.is_none() && from.id == crate::ruleset::model::TEES_PROFILE {
            members.push(("profile".to_owned(), Tree::String(crate::ruleset::model::TEES_PROFILE.to_owned())));
        }
        members.insert(0, (crate::ruleset::SCHEMA_KEY.to_owned(), Tree::String(schema.to_owned())));
    }
    let mut out = String::new();
    pretty(&tree, 0, &mut out);
    out.push('\n');
    Ok(out)
}

/// Marks every entry (an object with a `source` string and a `provenance`) below the top.
fn mark(t: &mut Tree, from_id: &str) {
    match t {
        Tree::Array(items) => items.iter_mut().for_each(|i| mark(i, from_id)),
        Tree::Object(members) => {
            let has = |k: &str| members.iter().any(|(mk, v)| mk == k && matches!(v, Tree::String(_)));
            if has("source") && has("provenance") {
                for (k, v) in members.iter_mut() {
                    match (k.as_str(), &*v) {
                        ("source", Tree::String(s)) => {
                            *v = Tree::String(format!(
                                "{TO_FILL_IN}: confirm or replace (copied from the {from_id} ruleset, which cites: {s})"
                            ))
                        }
                        ("provenance", _) => *v = Tree::String("reconstructed".to_owned()),
                        _ => {}
                    }
                }
            }
            for (_, v) in members.iter_mut() {
                mark(v, from_id);
            }
        }
        _ => {}
    }
}

/// Indented JSON, two spaces a level; short lists of numbers and strings on one line.
fn pretty(t: &Tree, depth: usize, out: &mut String) {
    let pad = |n: usize| "  ".repeat(n);
    match t {
        Tree::Array(items) if items.is_empty() => out.push_str("[]"),
        Tree::Object(members) if members.is_empty() => out.push_str("{}"),
        Tree::Array(items) if items.iter().all(|i| !matches!(i, Tree::Array(_) | Tree::Object(_))) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                pretty(item, depth, out);
            }
            out.push(']');
        }
        Tree::Array(items) => {
            out.push_str("[\n");
            for (i, item) in items.iter().enumerate() {
                out.push_str(&pad(depth + 1));
                pretty(item, depth + 1, out);
                out.push_str(if i + 1 < items.len() { ",\n" } else { "\n" });
            }
            out.push_str(&pad(depth));
            out.push(']');
        }
        Tree::Object(members) => {
            out.push_str("{\n");
            for (i, (k, v)) in members.iter().enumerate() {
                out.push_str(&pad(depth + 1));
                write_str(out, k);
                out.push_str(": ");
                pretty(v, depth + 1, out);
                out.push_str(if i + 1 < members.len() { ",\n" } else { "\n" });
            }
            out.push_str(&pad(depth));
            out.push('}');
        }
        scalar => crate::json::write::Write::write(scalar, out),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ruleset::Ruleset;

    #[test]
    fn a_draft_from_tees_passes_the_checks_with_every_source_to_fill_in() {
        let tees = Ruleset::tees();
        let text = scaffold(tees.file(), tees.sha256(), "hartlepool-draft", "../schemas/ruleset.schema.json").unwrap();
        assert!(
            text.starts_with(
                "{\n  \"$schema\": \"../schemas/ruleset.schema.json\",\n  \"id\": \"hartlepool-draft\",\n  \"version\": \"0.1-draft\",\n"
            ),
            "{}",
            &text[..200]
        );
        let draft = Ruleset::from_json(&text).unwrap_or_else(|e| panic!("{}", e.summary()));
        let f = draft.file();
        assert_eq!((f.id.as_str(), f.version.as_str()), ("hartlepool-draft", DRAFT_VERSION));
        assert_eq!(f.profile.as_deref(), Some("tees-hoth"), "a draft from Tees keeps the Tees profile");
        // The same rules: the same number of everything, in the same order.
        assert_eq!(
            f.indicators.iter().map(|i| &i.id).collect::<Vec<_>>(),
            tees.file().indicators.iter().map(|i| &i.id).collect::<Vec<_>>()
        );
        assert_eq!(f.rules.len(), tees.file().rules.len());
        // Every source is to be filled in and every provenance reconstructed, nested ones too.
        let v: serde_json::Value = serde_json::from_str(&text).unwrap();
        let mut sources = 0;
        fn walk(v: &serde_json::Value, sources: &mut usize) {
            match v {
                serde_json::Value::Object(o) => {
                    if let (Some(s), Some(p)) = (o.get("source"), o.get("provenance")) {
                        assert!(s.as_str().unwrap().starts_with(TO_FILL_IN), "{s}");
                        assert_eq!(p, "reconstructed");
                        *sources += 1;
                    }
                    o.values().for_each(|x| walk(x, sources));
                }
                serde_json::Value::Array(a) => a.iter().for_each(|x| walk(x, sources)),
                _ => {}
            }
        }
        walk(&v, &mut sources);
        assert!(sources > 100, "{sources} sources");
        assert!(f.front_doors[0].out_of_hours.source.starts_with(TO_FILL_IN), "nested entries are marked too");
    }

    #[test]
    fn a_name_that_is_not_an_id_is_refused_at_its_pointer() {
        let tees = Ruleset::tees();
        for bad in ["", "Tees", "my ruleset", "9lives", &"a".repeat(65)] {
            let e = scaffold(tees.file(), tees.sha256(), bad, "x").unwrap_err();
            assert_eq!((e.errors[0].pointer.as_str(), e.errors[0].code), ("/id", ErrorCode::InvalidValue), "{bad}");
        }
    }
}
