//! # hoth: screening for Harm Outside the Home, the Tees way
//!
//! `hoth` screens a child for Harm Outside the Home (exploitation, county lines,
//! trafficking, serious youth violence, online harm, going missing) and places them on
//! the Tees Threshold of Need. It is **deterministic** (same input, same bytes),
//! **explainable** (every outcome lists the rules that shaped it, with their sources),
//! **monotone** (more concern never lowers the result) and **honest about gaps** (an
//! unanswered question is listed as a gap, never read as "no").
//!
//! ```
//! let outcome = hoth::screen_json(hoth::Ruleset::tees(), br#"{
//!     "local_authority": "middlesbrough",
//!     "child": { "age_years": 14 },
//!     "immediate_danger": "no", "crime_suspected": "no", "disclosure": "no",
//!     "indicators": { "missing_overnight": "yes" }
//! }"#).unwrap();
//! assert_eq!(outcome.hoth_concern, hoth::Concern::Moderate);   // R6: one high-weight harm indicator
//! assert!(!outcome.complete);                                    // 36 questions not answered: gaps
//! ```
//!
//! The flow is `bytes → parse (all errors, with JSON pointers) → Screening → evaluate →
//! Decision → render → Outcome`. See `ARCHITECTURE.md` for the map of modules.

#![forbid(unsafe_code)]
#![warn(missing_docs)]
// With neither loader (features `checker`, `prechecked`), no ruleset can be made, so the
// engine is unused; that build is only for checking that the features compile.
#![cfg_attr(not(any(feature = "checker", feature = "prechecked")), allow(dead_code))]

// Layers, lowest first; each imports only those listed before it.
pub mod contract;
pub mod ffi;
#[doc(hidden)]
pub mod json;
#[cfg(feature = "checker")]
pub mod lint;
pub mod ruleset;
pub mod screen;
pub mod tools;

pub use contract::error::{ErrorCode, ErrorList, FieldError};
pub use contract::outcome::{ENGINE_NAME, ENGINE_VERSION, Outcome};
pub use contract::request::Request;
pub use contract::vocab::{ActionId, Answer, Concern, HarmType, LocalAuthority, Urgency};
pub use contract::{error, outcome, request, suggest, vocab};
pub use ruleset::Ruleset;
pub use screen::build::{Screening, check_request, parse_request};
pub use screen::eval::{Decision, evaluate};
pub use screen::{eval, screen, screen_into, screen_json};
pub use tools::{batch, explain, report, schema};
