//! Why: for each reason an outcome gives, the answers behind it (`because`), whether it
//! changed anything (`changed`), and its plain-words sentence (`text`), contract §5.
//!
//! The reasons are the score's band, then every clause that fired in evaluation order,
//! then each selected Threshold of Need descriptor. A clause's `because` is read off its
//! condition: the answers each part of it that holds looks at (an `any` names only the
//! parts that hold). A part that looks at the concern reached so far ("concern at least
//! moderate") names the answers that made that concern: the band's `yes` answers and those
//! behind every earlier rule that raised it.
//!
//! Pointers point into the outcome's `screening` (the request as the engine read it), so a
//! descriptor is `/threshold_descriptors/N` by its place there: catalogue order, each once.
//! The sentence is the ruleset's wording for the rule (or the clause), with `{answers}`
//! naming those answers by their questions' titles, `{count}` the unanswered questions and
//! `{score}` the score; nothing here is English of its own beyond joining a list.

use crate::contract::request::{FIELDS, field};
use crate::contract::vocab::{Answer, AnswerField, Concern, Direction};
use crate::ruleset::Ruleset;
use crate::ruleset::bitset::BitSet;
use crate::ruleset::compile::Cond;
use crate::ruleset::templates::{fill, push_number};
use crate::screen::build::Screening;
use crate::screen::eval::{Decision, holds};

const AGE: usize = field("/child/age_years");
const MISSING: usize = field("/history/missing_episodes_last_90_days");
const JUDGEMENT: usize = field("/professional_judgement/direction");
const INDICATORS: usize = field("/indicators");
const DESCRIPTORS: usize = field("/threshold_descriptors");
const EDUCATION: usize = field("/child/education");

/// The answers behind a reason: request fields (bits by position in [`FIELDS`]),
/// indicators and descriptors (bits by catalogue index).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Because {
    fields: u32,
    indicators: BitSet,
    descriptors: BitSet,
}

impl Because {
    fn add(&mut self, other: &Because) {
        self.fields |= other.fields;
        self.indicators = self.indicators.or(&other.indicators);
        self.descriptors = self.descriptors.or(&other.descriptors);
    }
    fn field(pos: usize) -> Because {
        Because { fields: 1 << pos, ..Because::default() }
    }
    /// Calls `f` with each pointer, in contract order (§0). A callback, not an iterator, so
    /// writing a batch's reasons allocates nothing per pointer.
    pub(crate) fn for_each(&self, s: &Screening, mut f: impl FnMut(Pointer)) {
        for p in 0..FIELDS.len() {
            match p {
                INDICATORS => self.indicators.iter().for_each(|i| f(Pointer::Indicator(i))),
                DESCRIPTORS => {
                    for (n, i) in s.descriptors.iter().enumerate() {
                        if self.descriptors.contains(i) {
                            f(Pointer::Descriptor(i, n));
                        }
                    }
                }
                _ if self.fields & (1 << p) != 0 => f(Pointer::Field(p)),
                _ => {}
            }
        }
    }
    /// The pointers, in contract order, collected.
    pub(crate) fn pointers(&self, s: &Screening) -> Vec<Pointer> {
        let mut out = Vec::new();
        self.for_each(s, |p| out.push(p));
        out
    }
}

/// One pointer of a `because` list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Pointer {
    /// A request field, by position in [`FIELDS`].
    Field(usize),
    /// `/indicators/<id>`, by catalogue index.
    Indicator(usize),
    /// `/threshold_descriptors/<n>`: the descriptor's catalogue index and its place `n` in `screening`.
    Descriptor(usize, usize),
}

impl Pointer {
    /// The pointer as text.
    pub(crate) fn text(self, ruleset: &Ruleset) -> String {
        match self {
            Pointer::Field(p) => FIELDS[p].to_owned(),
            Pointer::Indicator(i) => crate::contract::error::pointer("/indicators", &ruleset.file().indicators[i].id),
            Pointer::Descriptor(_, n) => format!("/threshold_descriptors/{n}"),
        }
    }
}

/// What a reason is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum About {
    /// The band the score fell in.
    Band(usize),
    /// A clause that fired, by index.
    Clause(usize),
    /// A selected descriptor, by catalogue index.
    Descriptor(usize),
}

/// One reason, before it is written.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Part {
    pub about: About,
    pub changed: bool,
    pub because: Because,
}

/// What each reason of a decision is about, in the order the outcome lists them: the
/// band, each clause that fired (in evaluation order), each descriptor chosen when there
/// is a threshold. The one statement of that order ([`parts`] and the tables' `reasons`
/// column both follow it).
pub(crate) fn abouts(ruleset: &Ruleset, s: &Screening, d: &Decision, mut each: impl FnMut(About)) {
    let c = &ruleset.compiled;
    if !c.bands.is_empty() {
        each(About::Band(d.band));
    }
    for ci in 0..c.clauses.len() {
        if d.clause_fired(ci) {
            each(About::Clause(ci));
        }
    }
    if d.threshold.is_some() {
        s.descriptors.iter().for_each(|i| each(About::Descriptor(i)));
    }
}

/// Every reason of a decision, in the order the outcome lists them.
pub(crate) fn parts(ruleset: &Ruleset, s: &Screening, d: &Decision) -> Vec<Part> {
    let c = &ruleset.compiled;
    let mut out = Vec::with_capacity(8);
    let yes = Because { indicators: s.yes, ..Because::default() };
    // The answers behind the concern so far: the band's, then each rule's that raised it.
    let mut concern = if d.band_concern > Concern::NoCurrentIndicators { yes } else { Because::default() };
    let from_concern = c.concern_threshold[d.concern.index()];
    abouts(ruleset, s, d, |about| match about {
        About::Band(_) => out.push(Part { about, changed: d.band_concern > Concern::NoCurrentIndicators, because: yes }),
        About::Clause(ci) => {
            let clause = &c.clauses[ci];
            let mut because = Because::default();
            behind(&clause.when, ruleset, s, d, &concern, &mut because);
            let changed = d.clause_changed(ci);
            if changed && (clause.concern_at_least.is_some() || clause.raise_steps > 0 || clause.judgement) {
                concern.add(&because);
            }
            out.push(Part { about, changed, because });
        }
        About::Descriptor(i) => {
            let level = ruleset.file().threshold_descriptors[i].level;
            let mut because = Because::default();
            because.descriptors.insert(i);
            out.push(Part { about, changed: level > from_concern, because });
        }
    });
    out
}

/// Adds to `out` the answers a condition that holds looks at.
fn behind(cond: &Cond, ruleset: &Ruleset, s: &Screening, d: &Decision, concern: &Because, out: &mut Because) {
    match cond {
        Cond::Always(_) => {}
        Cond::All(list) => list.iter().for_each(|c| behind(c, ruleset, s, d, concern, out)),
        Cond::Any(list) => list.iter().filter(|c| holds(c, s, d)).for_each(|c| behind(c, ruleset, s, d, concern, out)),
        Cond::Answer(f, _) | Cond::NotKnown(f) => out.add(&Because::field(f.position())),
        Cond::AgeAtMost(_) | Cond::AgeAtLeast(_) => out.add(&Because::field(AGE)),
        Cond::AnyYes(mask) => out.indicators = out.indicators.or(&s.yes.and(mask)),
        Cond::MissingAtLeast(_) => out.add(&Because::field(MISSING)),
        Cond::ConcernAtLeast(_) | Cond::ConcernIs(_) => out.add(concern),
        Cond::DescriptorAtLeast(level) => {
            for i in s.descriptors.iter() {
                if ruleset.file().threshold_descriptors[i].level >= *level {
                    out.descriptors.insert(i);
                }
            }
        }
        Cond::Judgement(_) => out.add(&Because::field(JUDGEMENT)),
        Cond::InformationGaps(_) => {
            out.indicators = out.indicators.or(&ruleset.compiled.all_indicators.and_not(&s.known));
            out.fields |= d.other_gaps;
        }
        // The picked indicators whose answers make it hold: those at least the answer asked.
        Cond::IndicatorAtLeast(mask, at_least) => {
            let holding = match at_least {
                Answer::Yes => s.yes.and(mask),
                Answer::NotKnown => mask.and_not(&s.known.and_not(&s.yes)),
                Answer::No => *mask,
            };
            out.indicators = out.indicators.or(&holding);
        }
        Cond::CountYes(mask, _) | Cond::WeightAtLeast(_, mask, _) => out.indicators = out.indicators.or(&s.yes.and(mask)),
        Cond::ScoreAtLeast(_) => out.indicators = out.indicators.or(&s.yes),
        Cond::EducationIn(_) => out.add(&Because::field(EDUCATION)),
    }
}

/// How an answer reads in a sentence.
pub(crate) fn answer_words(a: Answer) -> &'static str {
    match a {
        Answer::Yes => "yes",
        Answer::No => "no",
        Answer::NotKnown => "not known",
    }
}

/// Appends `“Title” (answer)` for one pointer.
fn write_named(ruleset: &Ruleset, s: &Screening, p: Pointer, out: &mut String) {
    let file = ruleset.file();
    out.push('“');
    match p {
        Pointer::Indicator(i) => {
            out.push_str(&file.indicators[i].title);
            out.push_str("” (");
            out.push_str(answer_words(s.indicator(i)));
            out.push(')');
        }
        Pointer::Descriptor(i, _) => {
            out.push_str(&file.threshold_descriptors[i].title);
            out.push('”');
        }
        Pointer::Field(pos) => {
            let pointer = FIELDS[pos];
            out.push_str(ruleset.question_title(pointer).unwrap_or(pointer));
            out.push('”');
            let open = out.len();
            out.push_str(" (");
            match pos {
                AGE => push_number(out, s.age_years.into()),
                MISSING if s.missing_known => push_number(out, s.missing_episodes.into()),
                MISSING => out.push_str("not known"),
                EDUCATION => out.extend(s.education.as_str().chars().map(|c| if c == '_' { ' ' } else { c })),
                JUDGEMENT => out.push_str(match s.judgement {
                    Some(Direction::Raise) => "raise",
                    Some(Direction::Lower) => "lower",
                    None => "none",
                }),
                _ => {
                    if let Some(f) = AnswerField::ALL.iter().find(|f| f.pointer() == pointer) {
                        out.push_str(answer_words(s.answer(*f)));
                    }
                }
            }
            // A question with no answer to show is named by its title alone.
            if out.len() == open + 2 {
                out.truncate(open);
            } else {
                out.push(')');
            }
        }
    }
}

/// Appends the answers behind a reason by name: `a`, `a and b`, `a, b and c`.
fn write_answers(ruleset: &Ruleset, s: &Screening, part: &Part, out: &mut String) {
    let pointers = part.because.pointers(s);
    for (n, p) in pointers.iter().enumerate() {
        if n > 0 {
            out.push_str(if n + 1 == pointers.len() { " and " } else { ", " });
        }
        write_named(ruleset, s, *p, out);
    }
}

/// A reason's sentence for a person (contract §5 `reasons[].text`).
pub(crate) fn text(ruleset: &Ruleset, s: &Screening, d: &Decision, part: &Part, unanswered: usize) -> String {
    let mut out = String::new();
    write_text(ruleset, s, d, part, unanswered, &mut out);
    out
}

/// Appends a reason's sentence to `out`: [`text`] without a string of its own, for writers
/// that give every reason's sentence in turn.
pub(crate) fn write_text(ruleset: &Ruleset, s: &Screening, d: &Decision, part: &Part, unanswered: usize, out: &mut String) {
    let file = ruleset.file();
    let template: &str = match part.about {
        About::Band(b) => file.bands.get(b).map_or("", |band| band.reason.as_deref().unwrap_or(&band.title)),
        About::Clause(ci) => {
            let cl = &ruleset.compiled.clauses[ci];
            let rule = &file.rules[cl.rule];
            let clause = rule.clauses.get(cl.index_in_rule);
            clause.and_then(|c| c.reason.as_deref()).or(rule.reason.as_deref()).unwrap_or(&rule.title)
        }
        About::Descriptor(i) => {
            let desc = &file.threshold_descriptors[i];
            let t = file.descriptor_reason.as_ref().map_or("“{title}”: threshold at least {level}.", |w| w.text.as_str());
            return fill(out, t, |name, out| match name {
                "title" => {
                    out.push_str(&desc.title);
                    true
                }
                "level" => {
                    push_number(out, desc.level.into());
                    true
                }
                _ => false,
            });
        }
    };
    fill(out, template, |name, out| match name {
        "score" => {
            push_number(out, d.score.into());
            true
        }
        "count" => {
            push_number(out, unanswered as u64);
            true
        }
        "answers" => {
            write_answers(ruleset, s, part, out);
            true
        }
        _ => false,
    });
}
