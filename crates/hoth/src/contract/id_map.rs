//! [`IdMap`]: a JSON object keyed by ruleset ids, in the order its keys were given.
//!
//! A request's `indicators` and `concern_basis` are maps from ruleset ids to answers. In
//! an outcome's `screening` (the request as the engine read it) they must come in the
//! ruleset's catalogue order (contract §0), which no sorted map gives; so the map keeps its
//! keys in insertion order, and the engine fills it in catalogue order. Lookups are linear
//! scans: a map holds at most a ruleset's few dozen indicators.

use std::borrow::Cow;

use schemars::{JsonSchema, Schema, SchemaGenerator};
use serde::de::{MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Ruleset id → value, in the order the ids were inserted. Inserting an id again replaces
/// its value where it stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdMap<T>(Vec<(String, T)>);

impl<T> Default for IdMap<T> {
    fn default() -> Self {
        IdMap(Vec::new())
    }
}

impl<T> IdMap<T> {
    /// An empty map.
    pub fn new() -> Self {
        IdMap(Vec::new())
    }
    /// Sets `id`'s value: replaced where it stands, or added at the end.
    pub fn insert(&mut self, id: impl Into<String>, value: T) {
        let id = id.into();
        match self.0.iter_mut().find(|(k, _)| *k == id) {
            Some((_, v)) => *v = value,
            None => self.0.push((id, value)),
        }
    }
    /// The value for `id`.
    pub fn get(&self, id: &str) -> Option<&T> {
        self.0.iter().find(|(k, _)| k == id).map(|(_, v)| v)
    }
    /// Removes `id`, returning its value.
    pub fn remove(&mut self, id: &str) -> Option<T> {
        let at = self.0.iter().position(|(k, _)| k == id)?;
        Some(self.0.remove(at).1)
    }
    /// Ids and values, in order.
    pub fn iter(&self) -> impl Iterator<Item = (&String, &T)> {
        self.0.iter().map(|(k, v)| (k, v))
    }
    /// How many ids.
    pub fn len(&self) -> usize {
        self.0.len()
    }
    /// True when there are none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl<T> FromIterator<(String, T)> for IdMap<T> {
    fn from_iter<I: IntoIterator<Item = (String, T)>>(items: I) -> Self {
        let mut m = IdMap::new();
        for (k, v) in items {
            m.insert(k, v);
        }
        m
    }
}

impl<T: Serialize> Serialize for IdMap<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for IdMap<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Entries<T>(std::marker::PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for Entries<T> {
            type Value = IdMap<T>;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("an object keyed by id")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<IdMap<T>, A::Error> {
                let mut m = IdMap::new();
                while let Some((k, v)) = access.next_entry::<String, T>()? {
                    if m.get(&k).is_some() {
                        return Err(serde::de::Error::custom(format!("'{k}' is given twice")));
                    }
                    m.0.push((k, v));
                }
                Ok(m)
            }
        }
        d.deserialize_map(Entries(std::marker::PhantomData))
    }
}

impl<T: JsonSchema> JsonSchema for IdMap<T> {
    fn schema_name() -> Cow<'static, str> {
        <std::collections::BTreeMap<String, T> as JsonSchema>::schema_name()
    }
    fn inline_schema() -> bool {
        true
    }
    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        <std::collections::BTreeMap<String, T> as JsonSchema>::json_schema(generator)
    }
}

impl<T: crate::json::write::Write> crate::json::write::Write for IdMap<T> {
    fn write(&self, out: &mut String) {
        out.push('{');
        for (n, (k, v)) in self.0.iter().enumerate() {
            if n > 0 {
                out.push(',');
            }
            crate::json::write_str(out, k);
            out.push(':');
            v.write(out);
        }
        out.push('}');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_keep_the_order_they_were_given_and_a_second_insert_replaces() {
        let mut m = IdMap::new();
        m.insert("b", 1);
        m.insert("a", 2);
        m.insert("b", 3);
        assert_eq!(serde_json::to_string(&m).unwrap(), r#"{"b":3,"a":2}"#);
        let back: IdMap<i32> = serde_json::from_str(r#"{"z":1,"a":2}"#).unwrap();
        assert_eq!(back.iter().map(|(k, _)| k.as_str()).collect::<Vec<_>>(), ["z", "a"]);
        assert!(serde_json::from_str::<IdMap<i32>>(r#"{"a":1,"a":2}"#).is_err());
        assert_eq!(m.remove("b"), Some(3));
        assert_eq!(m.len(), 1);
    }
}
