//! The fast path from request bytes to a [`Screening`], for requests with nothing wrong.
//!
//! It deserializes straight into bit sets with borrowed keys: no map, no owned strings,
//! no allocation for the common request. It gives up (returns `None`) at the first thing
//! it does not like, without saying why; [`crate::parse`] then takes the complete path,
//! which reports every problem with a pointer. So this module decides *nothing* on its
//! own: a property test checks it agrees with the complete path on every valid request,
//! and it only ever accepts what the complete path accepts.

use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};

use crate::bitset::BitSet;
use crate::error::Collector;
use crate::parse::{MAX_AGE, Screening};
use crate::request::{Child, History, ProfessionalJudgement};
use crate::ruleset::Ruleset;
use crate::vocab::{Answer, Basis, LocalAuthority};

/// Parses a valid request quickly, or returns `None` for the complete path to explain.
pub(crate) fn parse(ruleset: &Ruleset, bytes: &[u8]) -> Option<Screening> {
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let s = RequestSeed(ruleset).deserialize(&mut de).ok()?;
    de.end().ok()?;
    Some(s)
}

/// Any failure: the complete path will say what it was.
fn give_up<E: de::Error>() -> E {
    E::custom("not on the fast path")
}

struct RequestSeed<'r>(&'r Ruleset);

impl<'de> DeserializeSeed<'de> for RequestSeed<'_> {
    type Value = Screening;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Screening, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for RequestSeed<'_> {
    type Value = Screening;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a screening request")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Screening, A::Error> {
        let ruleset = self.0;
        let mut seen = 0u16;
        let mut local_authority: Option<LocalAuthority> = None;
        let mut child: Option<Child> = None;
        let (mut danger, mut crime, mut disclosure) = (None, None, None);
        let mut history = History::default();
        let mut judgement: Option<ProfessionalJudgement> = None;
        let mut yes = BitSet::new();
        let mut known = BitSet::new();
        let mut basis_given = BitSet::new();
        let mut professional = BitSet::new();
        let mut descriptors = BitSet::new();
        while let Some(key) = map.next_key::<&str>()? {
            let bit = match key {
                "local_authority" => 0,
                "child" => 1,
                "immediate_danger" => 2,
                "crime_suspected" => 3,
                "disclosure" => 4,
                "indicators" => 5,
                "concern_basis" => 6,
                "history" => 7,
                "threshold_descriptors" => 8,
                "professional_judgement" => 9,
                _ => return Err(give_up()),
            };
            if seen & (1 << bit) != 0 {
                return Err(give_up()); // duplicate key
            }
            seen |= 1 << bit;
            match bit {
                0 => local_authority = Some(map.next_value()?),
                1 => child = Some(map.next_value()?),
                2 => danger = Some(map.next_value::<Answer>()?),
                3 => crime = Some(map.next_value::<Answer>()?),
                4 => disclosure = Some(map.next_value::<Answer>()?),
                5 => map.next_value_seed(Ids { ruleset, kind: IdKind::Answers { yes: &mut yes, known: &mut known } })?,
                6 => {
                    map.next_value_seed(Ids { ruleset, kind: IdKind::Bases { given: &mut basis_given, professional: &mut professional } })?
                }
                7 => history = map.next_value()?,
                8 => map.next_value_seed(Descriptors { ruleset, set: &mut descriptors })?,
                _ => judgement = map.next_value()?,
            }
        }
        let (Some(local_authority), Some(child), Some(danger), Some(crime), Some(disclosure)) =
            (local_authority, child, danger, crime, disclosure)
        else {
            return Err(give_up());
        };
        if child.age_years > MAX_AGE || !basis_given.and_not(&yes).is_empty() {
            return Err(give_up());
        }
        if let Some(j) = &judgement {
            // The same rules as the complete path; any problem sends the request there.
            let mut errs = Collector::default();
            crate::parse::judgement(j, &mut errs);
            if !errs.is_empty() {
                return Err(give_up());
            }
        }
        let descriptor_level = ruleset.descriptor_level(&descriptors);
        Ok(Screening {
            local_authority,
            age_years: child.age_years,
            learning_disability: child.learning_disability,
            looked_after: child.looked_after,
            care_leaver: child.care_leaver,
            send: child.send,
            education: child.education,
            immediate_danger: danger,
            crime_suspected: crime,
            disclosure,
            missing_episodes: history.missing_episodes_last_90_days,
            re_referral: history.re_referral_within_12_months,
            judgement: judgement.map(|j| j.direction),
            yes,
            known,
            professional_concern: professional,
            descriptors,
            descriptor_level,
        })
    }
}

enum IdKind<'a> {
    Answers { yes: &'a mut BitSet, known: &'a mut BitSet },
    Bases { given: &'a mut BitSet, professional: &'a mut BitSet },
}

/// An object keyed by indicator id, resolved to indices as it is read.
struct Ids<'r, 'a> {
    ruleset: &'r Ruleset,
    kind: IdKind<'a>,
}

impl<'de> DeserializeSeed<'de> for Ids<'_, '_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for Ids<'_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object of indicator ids")
    }

    fn visit_map<A: MapAccess<'de>>(mut self, mut map: A) -> Result<(), A::Error> {
        let mut seen = BitSet::new();
        while let Some(key) = map.next_key::<&str>()? {
            let i = self.ruleset.indicator_index(key).ok_or_else(give_up)?;
            if seen.contains(i) {
                return Err(give_up());
            }
            seen.insert(i);
            match &mut self.kind {
                IdKind::Answers { yes, known } => match map.next_value::<Answer>()? {
                    Answer::Yes => {
                        yes.insert(i);
                        known.insert(i);
                    }
                    Answer::No => known.insert(i),
                    Answer::NotKnown => {}
                },
                IdKind::Bases { given, professional } => {
                    given.insert(i);
                    if map.next_value::<Basis>()? == Basis::ProfessionalConcern {
                        professional.insert(i);
                    }
                }
            }
        }
        Ok(())
    }
}

/// A list of descriptor ids.
struct Descriptors<'r, 'a> {
    ruleset: &'r Ruleset,
    set: &'a mut BitSet,
}

impl<'de> DeserializeSeed<'de> for Descriptors<'_, '_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for Descriptors<'_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a list of descriptor ids")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while let Some(id) = seq.next_element::<&str>()? {
            self.set.insert(self.ruleset.descriptor_index(id).ok_or_else(give_up)?);
        }
        Ok(())
    }
}
