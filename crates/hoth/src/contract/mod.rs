//! The screening contract as Rust types: what a form sends, what the engine answers.
//!
//! This layer holds the contract's fixed words ([`vocab`]), the request ([`request`]) and
//! the outcome ([`outcome`]) field for field (maps keyed by ruleset ids are [`id_map::IdMap`]s,
//! which keep their order), and the error list ([`error`]) every input
//! problem becomes. [`read`] is how a JSON document is read into these types with every
//! problem at its pointer. Nothing here knows a ruleset: ids that are ruleset data
//! (indicators, descriptors) are checked above, in [`crate::screen`].
//!
//! Layer: imports only [`crate::json`].

pub mod error;
pub mod help;
pub mod id_map;
pub mod outcome;
pub(crate) mod read;
pub mod request;
pub mod suggest;
pub mod vocab;
