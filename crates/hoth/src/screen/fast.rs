//! The fast path from a parsed request to a [`Screening`], for requests with nothing wrong.
//!
//! It reads the [`Value`] straight into bit sets, resolving ids to indices as it goes: no
//! maps, no owned strings. It gives up (returns `None`) at the first thing it does not
//! like, without saying why; [`crate::screen::build`] then walks the same value on the complete
//! path, which reports every problem with a pointer. So this module decides *nothing* on
//! its own: a property test checks it agrees with the complete path on every valid
//! request, and it only ever accepts what the complete path accepts.

use crate::contract::error::Collector;
use crate::contract::vocab::{Answer, Basis, Direction, Education, LocalAuthority};
use crate::json::{Object, Value, Whole};
use crate::ruleset::Ruleset;
use crate::ruleset::bitset::BitSet;
use crate::screen::build::{CHILD_FIELDS, HISTORY_FIELDS, JUDGEMENT_FIELDS, MAX_AGE, REQUEST_FIELDS, Screening};

/// Reads a valid request quickly, or returns `None` for the complete path to explain.
pub(crate) fn read(ruleset: &Ruleset, v: &Value<'_>) -> Option<Screening> {
    let mut seen = 0u16;
    let (mut local_authority, mut child, mut danger, mut crime, mut disclosure) = (None, None, None, None, None);
    let (mut missing_episodes, mut re_referral) = (0, Answer::NotKnown);
    let mut judgement: Option<Direction> = None;
    let (mut yes, mut known) = (BitSet::new(), BitSet::new());
    let (mut basis_given, mut professional) = (BitSet::new(), BitSet::new());
    let mut descriptors = BitSet::new();
    for (key, value) in v.as_object()?.iter() {
        let bit = field(key, &REQUEST_FIELDS, &mut seen)?;
        match bit {
            0 => local_authority = Some(LocalAuthority::from_wire(value.as_str()?)?),
            1 => child = Some(read_child(value.as_object()?)?),
            2 => danger = Some(answer(value)?),
            3 => crime = Some(answer(value)?),
            4 => disclosure = Some(answer(value)?),
            5 => each_indicator(ruleset, value, |id, a| {
                match answer(a)? {
                    Answer::Yes => {
                        yes.insert(id);
                        known.insert(id);
                    }
                    Answer::No => known.insert(id),
                    Answer::NotKnown => {}
                }
                Some(())
            })?,
            6 => each_indicator(ruleset, value, |id, b| {
                basis_given.insert(id);
                if Basis::from_wire(b.as_str()?)? == Basis::ProfessionalConcern {
                    professional.insert(id);
                }
                Some(())
            })?,
            7 => (missing_episodes, re_referral) = read_history(value.as_object()?)?,
            8 => {
                for id in value.as_array()? {
                    descriptors.insert(ruleset.descriptor_index(id.as_str()?)?);
                }
            }
            _ => judgement = read_judgement(value)?,
        }
    }
    let (Some(local_authority), Some(child), Some(danger), Some(crime), Some(disclosure)) =
        (local_authority, child, danger, crime, disclosure)
    else {
        return None;
    };
    if !basis_given.and_not(&yes).is_empty() {
        return None;
    }
    let descriptor_level = ruleset.descriptor_level(&descriptors);
    let (age_years, [learning_disability, looked_after, care_leaver, send], education) = child;
    Some(Screening {
        local_authority,
        age_years,
        learning_disability,
        looked_after,
        care_leaver,
        send,
        education,
        immediate_danger: danger,
        crime_suspected: crime,
        disclosure,
        missing_episodes,
        re_referral,
        judgement,
        yes,
        known,
        professional_concern: professional,
        descriptors,
        descriptor_level,
    })
}

/// The position of `key` among `keys`, marking it seen; `None` for a stranger or a repeat.
fn field(key: &str, keys: &[&str], seen: &mut u16) -> Option<usize> {
    let bit = keys.iter().position(|k| *k == key)?;
    if *seen & (1 << bit) != 0 {
        return None;
    }
    *seen |= 1 << bit;
    Some(bit)
}

fn answer(v: &Value<'_>) -> Option<Answer> {
    Answer::from_wire(v.as_str()?)
}

/// Runs `f` on each member of an object keyed by indicator id, with the id's index; each
/// id at most once.
fn each_indicator(ruleset: &Ruleset, v: &Value<'_>, mut f: impl FnMut(usize, &Value<'_>) -> Option<()>) -> Option<()> {
    let mut seen = BitSet::new();
    for (key, value) in v.as_object()?.iter() {
        let i = ruleset.indicator_index(key)?;
        if seen.contains(i) {
            return None;
        }
        seen.insert(i);
        f(i, value)?;
    }
    Some(())
}

/// Age, the four answers about the child, education.
fn read_child(obj: &Object<'_>) -> Option<(u8, [Answer; 4], Education)> {
    let mut seen = 0u16;
    let (mut age, mut answers, mut education) = (None, [Answer::NotKnown; 4], Education::NotKnown);
    for (key, value) in obj.iter() {
        match field(key, &CHILD_FIELDS, &mut seen)? {
            0 => match value.as_whole() {
                Whole::Fits(a) if (0..=i64::from(MAX_AGE)).contains(&a) => age = u8::try_from(a).ok(),
                _ => return None,
            },
            5 => education = Education::from_wire(value.as_str()?)?,
            n => answers[n - 1] = answer(value)?,
        }
    }
    Some((age?, answers, education))
}

fn read_history(obj: &Object<'_>) -> Option<(u32, Answer)> {
    let mut seen = 0u16;
    let (mut episodes, mut re_referral) = (0, Answer::NotKnown);
    for (key, value) in obj.iter() {
        match field(key, &HISTORY_FIELDS, &mut seen)? {
            0 => match value.as_whole() {
                Whole::Fits(n) => episodes = u32::try_from(n).ok()?,
                _ => return None,
            },
            _ => re_referral = answer(value)?,
        }
    }
    Some((episodes, re_referral))
}

/// `Some(None)` for no judgement; `None` to give up.
fn read_judgement(v: &Value<'_>) -> Option<Option<Direction>> {
    if v.is_null() {
        return Some(None);
    }
    let mut seen = 0u16;
    let (mut direction, mut reason, mut role) = (None, None, None);
    for (key, value) in v.as_object()?.iter() {
        match field(key, &JUDGEMENT_FIELDS, &mut seen)? {
            0 => direction = Some(Direction::from_wire(value.as_str()?)?),
            1 => reason = Some(value.as_str()?),
            _ => role = Some(value.as_str()?),
        }
    }
    // The same rules as the complete path; any problem sends the request there.
    let mut errs = Collector::default();
    crate::screen::build::judgement(reason?, role?, &mut errs);
    errs.is_empty().then_some(Some(direction?))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every valid golden request and example takes the fast path (so it is not silently
    /// bypassed) and gives exactly what the complete path gives.
    #[test]
    fn valid_requests_take_the_fast_path_and_agree_with_the_complete_path() {
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
        let mut texts = Vec::new();
        for dir in ["tests/golden", "seeds/examples"] {
            for entry in std::fs::read_dir(format!("{root}/{dir}")).unwrap() {
                let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
                let doc: serde_json::Value = serde_json::from_str(&text).unwrap();
                match doc.get("request") {
                    Some(_) if doc.get("expect_errors").is_some() => {}
                    Some(request) => texts.push(request.to_string()),
                    None => texts.push(text),
                }
            }
        }
        assert!(texts.len() > 30, "found {} requests", texts.len());
        let ruleset = Ruleset::tees();
        for text in &texts {
            let value = crate::json::parse(text).unwrap();
            let fast = read(ruleset, &value);
            assert!(fast.is_some(), "the fast path gave up on a valid request: {text}");
            assert_eq!(fast.unwrap(), crate::screen::build::complete(ruleset, &value).unwrap(), "{text}");
        }
        // And it gives up, rather than guess, on what the complete path refuses.
        for bad in [r#"{"local_authority": "hartlepool"}"#, r#"{"child": {"age_years": 26}}"#, "[]"] {
            assert!(read(ruleset, &crate::json::parse(bad).unwrap()).is_none());
        }
    }
}
