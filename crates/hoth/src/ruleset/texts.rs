//! Action texts, in the voice a screening needs: its area, who is screening, and whether
//! the child is a young adult.
//!
//! An action's words depend on three things about the screening and nothing else:
//! - **where**: the child's front door fills `{front_door}`, `{phone}` and `{email}` (a young
//!   adult's is the area's adult social care contact; with no area, triage names all four),
//!   and `immediate` and `same_day` texts add that door's out-of-hours note;
//! - **who**: `screened_by` fills `{lead}` ("your designated safeguarding lead (DSL)" in a
//!   school), and a safeguarding lead reads an action's `lead_text` where it has one;
//! - **whom**: a young adult (18–25) reads an action's `young_adult_text` where it has one.
//!
//! Each combination is a [`Voice`]. Its texts are laid out the first time a screening needs
//! them and kept (a [`OnceLock`] per voice), plain for the typed outcome and escaped for the
//! JSON writer, so rendering an outcome appends pieces and never formats a text.

use std::sync::OnceLock;

use crate::contract::vocab::{LocalAuthority, ScreenedBy, Urgency};
use crate::ruleset::compile::Compiled;
use crate::ruleset::model::{FrontDoorEntry, OutOfHoursEntry, RulesetFile};
use crate::ruleset::templates::{SAFETY, UNANSWERED_SAFETY, lit};

/// In an action's text: who the person screening tells first.
pub(crate) const LEAD: &str = "{lead}";
/// What `{lead}` becomes when the ruleset does not name a lead for the person screening.
const DEFAULT_LEAD: &str = "your safeguarding lead";

/// The age from which a person is a young adult, whose texts may differ (R10).
pub(crate) const YOUNG_ADULT_FROM: u8 = 18;

/// Which wording a screening's action texts are in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Voice {
    /// The child's area, or `None` when it is not known yet (triage).
    pub area: Option<LocalAuthority>,
    /// Who is screening.
    pub by: ScreenedBy,
    /// Whether the child is a young adult (18–25).
    pub young_adult: bool,
}

impl Voice {
    pub(crate) fn new(area: Option<LocalAuthority>, by: ScreenedBy, age_years: u8) -> Voice {
        Voice { area, by, young_adult: age_years >= YOUNG_ADULT_FROM }
    }
    fn slot(self) -> usize {
        let area = self.area.map_or(LocalAuthority::COUNT, LocalAuthority::index);
        (area * ScreenedBy::COUNT + self.by.index()) * 2 + usize::from(self.young_adult)
    }
    const SLOTS: usize = (LocalAuthority::COUNT + 1) * ScreenedBy::COUNT * 2;
}

/// One voice's texts for every action: each action's plain texts, then the same with the
/// out-of-hours note (see [`ActionTexts::text`]), and each escaped as `,"text":"…"}`.
#[derive(Debug, Clone)]
pub(crate) struct ActionTexts {
    /// Per action slot (`Decision::actions`).
    plain: Vec<Vec<String>>,
    json: Vec<Vec<String>>,
}

impl ActionTexts {
    /// An action's text at an urgency, naming these unanswered safety questions (bits in
    /// [`SAFETY`]'s order) when the text names them.
    pub(crate) fn text(&self, slot: usize, urgency: Urgency, safety_gaps: usize) -> &str {
        pick(&self.plain[slot], urgency, safety_gaps)
    }
    /// The same, as the JSON that follows an action's urgency: `,"text":"…"}`.
    pub(crate) fn json(&self, slot: usize, urgency: Urgency, safety_gaps: usize) -> &str {
        pick(&self.json[slot], urgency, safety_gaps)
    }
}

/// The texts are laid out as every plain one, then the same again with the note; a text
/// that names the unanswered safety questions has one entry per set of them.
fn pick(texts: &[String], urgency: Urgency, safety_gaps: usize) -> &str {
    let per_urgency = texts.len() / 2;
    let urgent = usize::from(urgency >= Urgency::SameDay);
    let safety = if per_urgency > 1 { safety_gaps } else { 0 };
    texts.get(urgent * per_urgency + safety).map_or("", String::as_str)
}

/// Every voice's texts, each laid out when first needed.
#[derive(Debug, Clone)]
pub(crate) struct TextCache {
    slots: Vec<OnceLock<ActionTexts>>,
}

impl Default for TextCache {
    fn default() -> Self {
        TextCache { slots: (0..Voice::SLOTS).map(|_| OnceLock::new()).collect() }
    }
}

impl TextCache {
    pub(crate) fn get(&self, file: &RulesetFile, c: &Compiled, voice: Voice) -> &ActionTexts {
        self.slots[voice.slot()].get_or_init(|| lay_out(file, c, voice))
    }
}

/// A local authority's front door for a child or a young adult.
pub(crate) fn door<'f>(file: &'f RulesetFile, c: &Compiled, la: LocalAuthority, young_adult: bool) -> &'f FrontDoorEntry {
    &file.front_doors[c.area_front_door[la.index()][usize::from(young_adult)]]
}

fn note_for(file: &RulesetFile, o: &OutOfHoursEntry) -> String {
    file.out_of_hours_note.text.replace("{name}", &o.name).replace("{phone}", &o.phone).replace("{hours}", &o.hours)
}

fn lay_out(file: &RulesetFile, c: &Compiled, voice: Voice) -> ActionTexts {
    let lead = file.screened_by.iter().find(|e| e.id == voice.by).map_or(DEFAULT_LEAD, |e| e.lead.as_str());
    let (front_door, phone, email, note) = match voice.area {
        Some(la) => {
            let d = door(file, c, la, voice.young_adult);
            (d.title.clone(), d.phone.clone(), d.email.clone(), note_for(file, &d.out_of_hours))
        }
        None => {
            let doors: Vec<(&str, &FrontDoorEntry)> =
                file.local_authorities.iter().map(|la| (la.title.as_str(), door(file, c, la.id, voice.young_adult))).collect();
            let every =
                |f: &dyn Fn(&FrontDoorEntry) -> &str| doors.iter().map(|(t, d)| format!("{t} {}", f(d))).collect::<Vec<_>>().join("; ");
            // Name each distinct out-of-hours contact once (Tees shares one).
            let mut notes: Vec<String> = doors.iter().map(|(_, d)| note_for(file, &d.out_of_hours)).collect();
            notes.dedup();
            (file.unknown_area.front_door.clone(), every(&|d| d.phone.as_str()), every(&|d| d.email.as_str()), notes.join(" "))
        }
    };
    let plain: Vec<Vec<String>> = c
        .action_entry
        .iter()
        .map(|entry| {
            let entry = &file.actions[*entry];
            let chosen = match (&entry.lead_text, &entry.young_adult_text) {
                (Some(t), _) if voice.by == ScreenedBy::SafeguardingLead => t,
                (_, Some(t)) if voice.young_adult => t,
                _ => &entry.text,
            };
            let filled =
                chosen.replace(LEAD, lead).replace("{front_door}", &front_door).replace("{phone}", &phone).replace("{email}", &email);
            let mut texts = safety_variants(file, filled);
            let urgent: Vec<String> = texts.iter().map(|t| format!("{t} {note}")).collect();
            texts.extend(urgent);
            texts
        })
        .collect();
    let json = plain.iter().map(|texts| texts.iter().map(|t| format!(r#","text":{}}}"#, lit(t))).collect()).collect();
    ActionTexts { plain, json }
}

/// An action's text, or when it names the unanswered safety questions one text for each
/// set of them (indexed by `templates::safety_gaps`).
fn safety_variants(file: &RulesetFile, text: String) -> Vec<String> {
    if !text.contains(UNANSWERED_SAFETY) {
        return vec![text];
    }
    (0..1usize << SAFETY.len())
        .map(|gaps| {
            let titles: Vec<&str> = SAFETY
                .iter()
                .enumerate()
                .filter(|(i, _)| gaps & (1 << i) != 0)
                .map(|(_, f)| file.questions.iter().find(|q| q.field == f.pointer()).map_or(f.as_str(), |q| q.title.as_str()))
                .collect();
            text.replace(UNANSWERED_SAFETY, &titles.join(" "))
        })
        .collect()
}
