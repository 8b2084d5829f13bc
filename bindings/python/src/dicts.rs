//! Python objects in, Python objects out: `screen` and `screen_many` with no JSON text.
//!
//! [`PyInput`] tells the engine's one request walk (`hoth::screen::input::Input`) how a
//! Python value looks, so a dict gets exactly the checks and error pointers a JSON request
//! gets. It reads values as analysts have them:
//!
//! - NaN, `pandas.NA` and `pandas.NaT` (which JSON cannot write) are absent fields, as a
//!   null cell is in a table: a pandas row with a missing indicator leaves it not known;
//!   `None` is JSON's `null`, read as JSON text reads it;
//! - whole numbers from `int`, numpy integers (`np.int64`) and whole floats (`14.0`, as
//!   numpy and pandas give a count); `True`/`False` are not numbers;
//! - `str` (and its subclasses, `numpy.str_`); a string with a lone surrogate is refused at
//!   its pointer as not text, never a crash;
//! - objects from `dict` or any mapping; lists from `list`, `tuple`, numpy arrays.
//!
//! Outcomes are built as dicts straight from the typed outcome (`todict`), in the
//! contract's key order: the same dict `json.loads` of the JSON outcome gives.

use std::borrow::Cow;

use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyMapping, PyString, PyTuple};

use hoth::json::Whole;
use hoth::screen::input::{Input, shorten};
use hoth::{ErrorList, Outcome, Ruleset};

use crate::todict::{Strings, to_py};

/// A Python value as one value of a request.
#[derive(Clone)]
pub struct PyInput<'py>(pub Bound<'py, PyAny>);

/// A float that is whole and fits 64 bits, as the whole number it is.
fn whole_float(x: f64) -> Whole {
    if x.is_finite() && x.fract() == 0.0 { if x.abs() < 9.2e18 { Whole::Fits(x as i64) } else { Whole::TooBig } } else { Whole::No }
}

/// numpy scalars and arrays carry a `dtype`; their `.item()` is the plain Python value.
fn numpy_item<'py>(v: &Bound<'py, PyAny>) -> Option<Bound<'py, PyAny>> {
    if v.hasattr("dtype").unwrap_or(false) && v.hasattr("item").unwrap_or(false) && !v.hasattr("__len__").unwrap_or(true) {
        v.call_method0("item").ok()
    } else {
        None
    }
}

/// pandas' and numpy's missing values: NaN, `pandas.NA`, `pandas.NaT`.
fn is_missing(v: &Bound<'_, PyAny>) -> bool {
    // The common values first, each a flag check: text, numbers, dicts, lists, None.
    if v.is_instance_of::<PyString>()
        || v.is_instance_of::<PyInt>()
        || v.is_instance_of::<PyDict>()
        || v.is_instance_of::<PyList>()
        || v.is_none()
    {
        return false;
    }
    if let Ok(f) = v.cast::<PyFloat>() {
        return f.value().is_nan();
    }
    if let Ok(t) = v.get_type().name()
        && matches!(t.to_str(), Ok("NAType" | "NaTType"))
    {
        return true;
    }
    numpy_item(v).is_some_and(|item| !item.is(v) && is_missing(&item))
}

impl<'py> Input for PyInput<'py> {
    fn is_null(&self) -> bool {
        self.0.is_none() || is_missing(&self.0)
    }

    fn as_str(&self) -> Option<Cow<'_, str>> {
        self.0.cast::<PyString>().ok()?.to_str().ok().map(Cow::Borrowed)
    }

    fn as_whole(&self) -> Whole {
        let v = &self.0;
        if v.is_instance_of::<PyBool>() {
            return Whole::No;
        }
        if let Ok(i) = v.cast::<PyInt>() {
            return i.extract::<i64>().map_or(Whole::TooBig, Whole::Fits);
        }
        if let Ok(f) = v.cast::<PyFloat>() {
            return whole_float(f.value());
        }
        match numpy_item(v) {
            Some(item) if !item.is(v) => PyInput(item).as_whole(),
            _ => Whole::No,
        }
    }

    fn members(&self, mut each: impl FnMut(&str, Self)) -> bool {
        let items = if let Ok(d) = self.0.cast::<PyDict>() {
            d.items()
        } else if let Ok(m) = self.0.cast::<PyMapping>() {
            match m.items() {
                Ok(items) => items,
                Err(_) => return false,
            }
        } else {
            return false;
        };
        for pair in items.iter() {
            let Ok((k, v)) = pair.extract::<(Bound<'py, PyAny>, Bound<'py, PyAny>)>() else { continue };
            if is_missing(&v) {
                continue;
            }
            // json.dumps writes a non-string key as its text (5 → "5"); so does this.
            let key: String = match k.cast::<PyString>() {
                Ok(s) => s.to_str().map_or_else(|_| "\u{fffd}".to_owned(), str::to_owned),
                Err(_) => k.str().map_or_else(|_| "?".to_owned(), |s| s.to_string()),
            };
            each(&key, PyInput(v));
        }
        true
    }

    fn items(&self, mut each: impl FnMut(usize, Self)) -> bool {
        let v = &self.0;
        let list = if v.is_instance_of::<PyList>() || v.is_instance_of::<PyTuple>() {
            v.clone()
        } else if v.hasattr("dtype").unwrap_or(false) && v.hasattr("tolist").unwrap_or(false) {
            match v.call_method0("tolist") {
                Ok(l) if l.is_instance_of::<PyList>() => l,
                _ => return false,
            }
        } else {
            return false;
        };
        let Ok(iter) = list.try_iter() else { return false };
        for (i, item) in iter.enumerate() {
            if let Ok(item) = item {
                each(i, PyInput(item));
            }
        }
        true
    }

    fn snippet(&self) -> String {
        let mut out = String::new();
        write_snippet(&self.0, 0, &mut out);
        shorten(out)
    }
}

/// Writes a value as JSON would (a few levels down, then `…`), for a message.
fn write_snippet(v: &Bound<'_, PyAny>, depth: usize, out: &mut String) {
    if out.len() > 60 {
        return;
    }
    if v.is_none() {
        out.push_str("null");
    } else if let Ok(b) = v.cast::<PyBool>() {
        out.push_str(if b.is_true() { "true" } else { "false" });
    } else if let Ok(s) = v.cast::<PyString>() {
        match s.to_str() {
            Ok(s) => hoth::json::write_str(out, s),
            Err(_) => out.push_str("text with a lone surrogate"),
        }
    } else if v.is_instance_of::<PyInt>() || v.is_instance_of::<PyFloat>() {
        out.push_str(&v.repr().map_or_else(|_| "?".to_owned(), |r| r.to_string()));
    } else if depth > 2 {
        out.push('…');
    } else if let Ok(d) = v.cast::<PyDict>() {
        out.push('{');
        for (i, (k, val)) in d.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            write_snippet(&k, depth + 1, out);
            out.push(':');
            write_snippet(&val, depth + 1, out);
            if out.len() > 60 {
                break;
            }
        }
        out.push('}');
    } else if v.is_instance_of::<PyList>() || v.is_instance_of::<PyTuple>() {
        out.push('[');
        if let Ok(iter) = v.try_iter() {
            for (i, item) in iter.enumerate() {
                if i > 0 {
                    out.push(',');
                }
                if let Ok(item) = item {
                    write_snippet(&item, depth + 1, out);
                }
                if out.len() > 60 {
                    break;
                }
            }
        }
        out.push(']');
    } else if let Some(item) = numpy_item(v).filter(|i| !i.is(v)) {
        write_snippet(&item, depth, out);
    } else {
        let name = v.get_type().name().map_or_else(|_| "object".to_owned(), |n| n.to_string());
        out.push_str(&format!("a Python {name}"));
    }
}

/// One request read from a Python value: a `str`/`bytes` is JSON text (read by the
/// engine's JSON reader, as `screen_json` does), anything else is read as Python objects.
fn screen_one(ruleset: &Ruleset, v: &Bound<'_, PyAny>) -> Result<Outcome, ErrorList> {
    if let Ok(s) = v.cast::<PyString>() {
        return match s.to_str() {
            Ok(text) => hoth::ffi::guard(|| hoth::screen_json(ruleset, text.as_bytes())),
            Err(_) => {
                Err(ErrorList::one("", hoth::ErrorCode::InvalidJson, "the request text is not valid Unicode (it has a lone surrogate)"))
            }
        };
    }
    if let Ok(b) = v.cast::<pyo3::types::PyBytes>() {
        return hoth::ffi::guard(|| hoth::screen_json(ruleset, b.as_bytes()));
    }
    hoth::ffi::guard(|| hoth::screen::screen_input(ruleset, PyInput(v.clone())))
}

/// `(True, outcome_dict)` or `(False, {"errors": [...]})`.
pub fn screen<'py>(py: Python<'py>, ruleset: &Ruleset, v: &Bound<'py, PyAny>) -> PyResult<(bool, Bound<'py, PyAny>)> {
    let mut strings = Strings::default();
    match screen_one(ruleset, v) {
        Ok(o) => Ok((true, to_py(py, &mut strings, &o)?)),
        Err(e) => Ok((false, to_py(py, &mut strings, &e)?)),
    }
}

/// One dict per request, in order: an outcome, or `{"errors": [...]}`; never stops early.
pub fn screen_many<'py>(py: Python<'py>, ruleset: &Ruleset, requests: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyList>> {
    let out = PyList::empty(py);
    let mut strings = Strings::default();
    for item in requests.try_iter()? {
        let v = item?;
        let dict = match screen_one(ruleset, &v) {
            Ok(o) => to_py(py, &mut strings, &o)?,
            Err(e) => to_py(py, &mut strings, &e)?,
        };
        out.append(dict)?;
    }
    Ok(out)
}
