//! What the request walk reads: one value of a request, from any kind of input.
//!
//! A request reaches the engine as JSON text, as Python dicts, as the cells of an Arrow
//! row. Each of these implements [`Input`] — six questions a reader can ask of a value —
//! and the request walk (`screen/walk.rs`) reads any of them into the one
//! [`ScreeningBuilder`](crate::screen::build::ScreeningBuilder). So there is one walk
//! (which keys each object may have, which type each value must be) and one builder (what
//! a valid request is) for every input, as pydantic-core has one validator per type over
//! many inputs. A binding only says how its values look: a Python `None` or NaN is null,
//! an Arrow row is an object whose members are its non-null cells.
//!
//! ```
//! use hoth::screen::input::parse_with;
//! use hoth::Ruleset;
//!
//! // The JSON reader's `Value` is one Input; `parse_request` walks it.
//! let request = br#"{"local_authority": "hartlepool", "child": {"age_years": 14},
//!     "immediate_danger": "no", "crime_suspected": "no", "disclosure": "no"}"#;
//! let value = hoth::json::parse_bytes(request).unwrap();
//! assert!(parse_with(Ruleset::tees(), &value).is_ok());
//! ```

use std::borrow::Cow;

use crate::contract::error::ErrorList;
use crate::contract::vocab::Answer;
use crate::json::{Value, Whole};
use crate::ruleset::Ruleset;
use crate::screen::build::{Screening, ScreeningBuilder};

/// One value of a request, as a reader sees it.
pub trait Input: Sized {
    /// Absent: JSON `null`, and whatever the input uses for "no value" (Python's `None`,
    /// NaN, `pandas.NA`; an Arrow null).
    fn is_null(&self) -> bool;
    /// The text of a string; `None` for anything else.
    fn as_str(&self) -> Option<Cow<'_, str>>;
    /// A whole number (`14` and `14.0`), or why not.
    fn as_whole(&self) -> Whole;
    /// Calls `each` with every member of an object, in order; `false` (and no calls) when
    /// the value is not an object.
    fn members(&self, each: impl FnMut(&str, Self)) -> bool;
    /// Calls `each` with every item of a list, in order; `false` when it is not a list.
    fn items(&self, each: impl FnMut(usize, Self)) -> bool;
    /// The value for a message, as JSON would write it, at most 40 characters and `…`.
    fn snippet(&self) -> String;
    /// For a member of `indicators` or `concern_basis`: the indicator's catalogue index,
    /// when the reader has already looked its id up in this ruleset (an Arrow column, once
    /// for all its rows), so the builder need not look it up again for every row.
    fn indicator_index(&self) -> Option<usize> {
        None
    }
    /// The value as an answer (`yes`, `no`, `not_known`), or `None` for anything else (the
    /// walk then says why). A reader may answer from a lookup made once for a whole column
    /// (an Arrow column); the default reads the text.
    fn as_answer(&self) -> Option<Answer> {
        // The answers are most of a request's values: a `match` on the three names compiles
        // to a length switch and a word compare, where a general search calls memcmp per name.
        self.as_str().and_then(|s| Answer::from_wire_fast(&s))
    }
}

impl<'v, 'a> Input for &'v Value<'a> {
    fn is_null(&self) -> bool {
        Value::is_null(self)
    }
    fn as_str(&self) -> Option<Cow<'_, str>> {
        Value::as_str(self).map(Cow::Borrowed)
    }
    fn as_whole(&self) -> Whole {
        Value::as_whole(self)
    }
    fn members(&self, mut each: impl FnMut(&str, Self)) -> bool {
        let this: &'v Value<'a> = self;
        match this.as_object() {
            Some(obj) => {
                for (k, v) in obj.iter() {
                    each(k, v);
                }
                true
            }
            None => false,
        }
    }
    fn items(&self, mut each: impl FnMut(usize, Self)) -> bool {
        let this: &'v Value<'a> = self;
        match this.as_array() {
            Some(items) => {
                for (i, v) in items.iter().enumerate() {
                    each(i, v);
                }
                true
            }
            None => false,
        }
    }
    fn snippet(&self) -> String {
        crate::contract::read::snippet(self)
    }
}

/// Shortens a message's echo of a value to 40 characters, as [`Input::snippet`] promises.
pub fn shorten(s: String) -> String {
    if s.chars().count() <= 40 { s } else { format!("{}…", s.chars().take(40).collect::<String>()) }
}

/// Reads one request from any [`Input`]: the walk, then the builder's checks. Every
/// problem is in the error list, each at its JSON pointer, as for JSON text.
pub fn parse_with<I: Input>(ruleset: &Ruleset, request: I) -> Result<Screening, ErrorList> {
    let mut b = ScreeningBuilder::new(ruleset);
    crate::screen::walk::request(request, &mut b);
    b.finish()
}
