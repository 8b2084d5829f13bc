//! Outcomes and error lists as Python dicts, straight from the typed values (serde), with
//! no JSON text in between.
//!
//! Most of an outcome's text is the ruleset's own (action texts, sources, titles, keys),
//! the same for every child, so a batch shares one Python `str` per distinct string
//! (strings are immutable, so sharing is invisible) instead of making it again for every
//! outcome: that is most of the cost of handing Python thousands of outcomes.
//! The dicts are those `json.loads` of the JSON outcome gives, key for key, in order.

use std::collections::HashMap;

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString};
use serde::ser::{self, Serialize};

/// Python strings already made in this batch, by their text. Looked up once for every
/// string of every outcome, so hashed with foldhash's fixed-seed hasher (a few times faster
/// than std's SipHash on these short keys; the map is only looked in, never listed, so its
/// order reaches no output).
#[derive(Default)]
pub struct Strings<'py> {
    made: HashMap<String, Bound<'py, PyString>, foldhash::fast::FixedState>,
}

impl<'py> Strings<'py> {
    fn get(&mut self, py: Python<'py>, s: &str) -> Bound<'py, PyAny> {
        // Long free text (a judgement's reason) is rarely repeated: not kept.
        if s.len() > 600 {
            return PyString::new(py, s).into_any();
        }
        if let Some(p) = self.made.get(s) {
            return p.clone().into_any();
        }
        let p = PyString::new(py, s);
        self.made.insert(s.to_owned(), p.clone());
        p.into_any()
    }
}

/// Builds the Python value of anything serde can serialize.
pub fn to_py<'py, T: Serialize + ?Sized>(py: Python<'py>, strings: &mut Strings<'py>, value: &T) -> PyResult<Bound<'py, PyAny>> {
    value.serialize(Maker { py, strings }).map_err(|e| PyValueError::new_err(format!("could not build the dict: {}", e.0)))
}

/// Why a value could not be built (never for the contract's own types).
#[derive(Debug)]
pub struct Error(String);
impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}
impl std::error::Error for Error {}
impl ser::Error for Error {
    fn custom<T: std::fmt::Display>(msg: T) -> Self {
        Error(msg.to_string())
    }
}
impl From<std::convert::Infallible> for Error {
    fn from(e: std::convert::Infallible) -> Self {
        match e {}
    }
}
impl From<PyErr> for Error {
    fn from(e: PyErr) -> Self {
        Error(e.to_string())
    }
}

struct Maker<'a, 'py> {
    py: Python<'py>,
    strings: &'a mut Strings<'py>,
}

type R<'py> = Result<Bound<'py, PyAny>, Error>;

struct Seq<'a, 'py> {
    py: Python<'py>,
    strings: &'a mut Strings<'py>,
    items: Vec<Bound<'py, PyAny>>,
}

struct Map<'a, 'py> {
    py: Python<'py>,
    strings: &'a mut Strings<'py>,
    dict: Bound<'py, PyDict>,
    key: Option<Bound<'py, PyAny>>,
}

impl<'a, 'py> ser::Serializer for Maker<'a, 'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = Error;
    type SerializeSeq = Seq<'a, 'py>;
    type SerializeTuple = Seq<'a, 'py>;
    type SerializeTupleStruct = Seq<'a, 'py>;
    type SerializeTupleVariant = ser::Impossible<Self::Ok, Error>;
    type SerializeMap = Map<'a, 'py>;
    type SerializeStruct = Map<'a, 'py>;
    type SerializeStructVariant = ser::Impossible<Self::Ok, Error>;

    fn serialize_bool(self, v: bool) -> R<'py> {
        Ok(pyo3::types::PyBool::new(self.py, v).to_owned().into_any())
    }
    fn serialize_i8(self, v: i8) -> R<'py> {
        self.serialize_i64(v.into())
    }
    fn serialize_i16(self, v: i16) -> R<'py> {
        self.serialize_i64(v.into())
    }
    fn serialize_i32(self, v: i32) -> R<'py> {
        self.serialize_i64(v.into())
    }
    fn serialize_i64(self, v: i64) -> R<'py> {
        Ok(v.into_pyobject(self.py)?.into_any())
    }
    fn serialize_u8(self, v: u8) -> R<'py> {
        self.serialize_u64(v.into())
    }
    fn serialize_u16(self, v: u16) -> R<'py> {
        self.serialize_u64(v.into())
    }
    fn serialize_u32(self, v: u32) -> R<'py> {
        self.serialize_u64(v.into())
    }
    fn serialize_u64(self, v: u64) -> R<'py> {
        Ok(v.into_pyobject(self.py)?.into_any())
    }
    fn serialize_f32(self, v: f32) -> R<'py> {
        self.serialize_f64(v.into())
    }
    fn serialize_f64(self, v: f64) -> R<'py> {
        Ok(v.into_pyobject(self.py)?.into_any())
    }
    fn serialize_char(self, v: char) -> R<'py> {
        self.serialize_str(&v.to_string())
    }
    fn serialize_str(self, v: &str) -> R<'py> {
        Ok(self.strings.get(self.py, v))
    }
    fn serialize_bytes(self, v: &[u8]) -> R<'py> {
        Ok(pyo3::types::PyBytes::new(self.py, v).into_any())
    }
    fn serialize_none(self) -> R<'py> {
        Ok(self.py.None().into_bound(self.py))
    }
    fn serialize_some<T: ?Sized + Serialize>(self, value: &T) -> R<'py> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> R<'py> {
        self.serialize_none()
    }
    fn serialize_unit_struct(self, _: &'static str) -> R<'py> {
        self.serialize_none()
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> R<'py> {
        self.serialize_str(variant)
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(self, _: &'static str, value: &T) -> R<'py> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: ?Sized + Serialize>(self, _: &'static str, _: u32, variant: &'static str, value: &T) -> R<'py> {
        let dict = PyDict::new(self.py);
        let key = self.strings.get(self.py, variant);
        dict.set_item(key, value.serialize(Maker { py: self.py, strings: self.strings })?)?;
        Ok(dict.into_any())
    }
    fn serialize_seq(self, len: Option<usize>) -> Result<Seq<'a, 'py>, Error> {
        Ok(Seq { py: self.py, strings: self.strings, items: Vec::with_capacity(len.unwrap_or(0)) })
    }
    fn serialize_tuple(self, len: usize) -> Result<Seq<'a, 'py>, Error> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(self, _: &'static str, len: usize) -> Result<Seq<'a, 'py>, Error> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(self, _: &'static str, _: u32, _: &'static str, _: usize) -> Result<Self::SerializeTupleVariant, Error> {
        Err(Error("tuple variants are not part of the contract".into()))
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Map<'a, 'py>, Error> {
        Ok(Map { py: self.py, strings: self.strings, dict: PyDict::new(self.py), key: None })
    }
    fn serialize_struct(self, _: &'static str, len: usize) -> Result<Map<'a, 'py>, Error> {
        self.serialize_map(Some(len))
    }
    fn serialize_struct_variant(self, _: &'static str, _: u32, _: &'static str, _: usize) -> Result<Self::SerializeStructVariant, Error> {
        Err(Error("struct variants are not part of the contract".into()))
    }
}

impl<'py> Seq<'_, 'py> {
    fn push<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), Error> {
        let v = value.serialize(Maker { py: self.py, strings: self.strings })?;
        self.items.push(v);
        Ok(())
    }
    fn done(self) -> R<'py> {
        Ok(PyList::new(self.py, self.items)?.into_any())
    }
}

impl<'py> ser::SerializeSeq for Seq<'_, 'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = Error;
    fn serialize_element<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), Error> {
        self.push(value)
    }
    fn end(self) -> R<'py> {
        self.done()
    }
}
impl<'py> ser::SerializeTuple for Seq<'_, 'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = Error;
    fn serialize_element<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), Error> {
        self.push(value)
    }
    fn end(self) -> R<'py> {
        self.done()
    }
}
impl<'py> ser::SerializeTupleStruct for Seq<'_, 'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = Error;
    fn serialize_field<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), Error> {
        self.push(value)
    }
    fn end(self) -> R<'py> {
        self.done()
    }
}

impl<'py> ser::SerializeMap for Map<'_, 'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = Error;
    fn serialize_key<T: ?Sized + Serialize>(&mut self, key: &T) -> Result<(), Error> {
        self.key = Some(key.serialize(Maker { py: self.py, strings: self.strings })?);
        Ok(())
    }
    fn serialize_value<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), Error> {
        let key = self.key.take().ok_or_else(|| Error("a map value without its key".into()))?;
        let v = value.serialize(Maker { py: self.py, strings: self.strings })?;
        self.dict.set_item(key, v)?;
        Ok(())
    }
    fn end(self) -> R<'py> {
        Ok(self.dict.into_any())
    }
}
impl<'py> ser::SerializeStruct for Map<'_, 'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = Error;
    fn serialize_field<T: ?Sized + Serialize>(&mut self, key: &'static str, value: &T) -> Result<(), Error> {
        let k = self.strings.get(self.py, key);
        let v = value.serialize(Maker { py: self.py, strings: self.strings })?;
        self.dict.set_item(k, v)?;
        Ok(())
    }
    fn end(self) -> R<'py> {
        Ok(self.dict.into_any())
    }
}
