//! Aggregates outcomes into the tables a safeguarding partnership reports: counts and
//! rates by concern, threshold, harm type and local authority, the share incomplete and
//! the most common gaps, actions by urgency, professional judgement by direction,
//! referral conversion and transitions cases.
//!
//! It reads only what an outcome carries, so it works on outcomes from any past run.
//! Rates are computed with integers (tenths of a percent), so the tables are the same
//! bytes on every machine.

use std::collections::BTreeMap;

use crate::contract::outcome::Outcome;
use crate::contract::vocab::{ActionId, Concern, HarmType, Urgency};

/// One table: a name, column headers and rows of cells.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Table {
    /// Table name, e.g. `by_concern`.
    pub name: String,
    /// What the table shows.
    pub title: String,
    /// Column headers.
    pub columns: Vec<String>,
    /// Rows of cells, as text.
    pub rows: Vec<Vec<String>>,
}

/// Running totals; add outcomes, then read the tables.
#[derive(Debug, Clone, Default)]
pub struct Report {
    outcomes: u64,
    errors: u64,
    by_concern: [u64; Concern::COUNT],
    by_threshold: [u64; 5],
    by_harm: [u64; HarmType::COUNT],
    by_area: BTreeMap<String, u64>,
    incomplete: u64,
    gaps: BTreeMap<String, u64>,
    /// By action id and urgency (an id a ruleset declares is counted by its name too).
    actions: BTreeMap<(String, usize), u64>,
    judgement: BTreeMap<&'static str, u64>,
    referred: u64,
    transitions: u64,
    /// The rulesets the outcomes were made with (id, version, sha256), in first-seen order,
    /// with how many outcomes each made.
    rulesets: Vec<((String, String, String), u64)>,
    /// Cross-tabs of concern: by local authority, by age band ([`AGE_BANDS`]), by harm type.
    concern_by_area: BTreeMap<String, [u64; Concern::COUNT]>,
    concern_by_age: [[u64; Concern::COUNT]; AGE_BANDS.len()],
    concern_by_harm: [[u64; Concern::COUNT]; HarmType::COUNT],
    /// Concern by period (a month, a year: whatever label the caller gives each outcome).
    concern_by_period: BTreeMap<String, [u64; Concern::COUNT]>,
    /// Counts from 1 to this minus one are shown as `<N` (small-number suppression).
    suppress_under: u64,
}

/// The age bands of the cross-tab, as the partnership's reports group children (under 10,
/// 10–12, 13–15, 16–17) and young adults (18–25): `(lowest age, label)`.
pub const AGE_BANDS: [(u8, &str); 5] = [(0, "under 10"), (10, "10–12"), (13, "13–15"), (16, "16–17"), (18, "18–25")];

fn age_band(age: u8) -> usize {
    AGE_BANDS.iter().rposition(|(from, _)| age >= *from).unwrap_or(0)
}

/// `12.3` for 123 per thousand: the share `n / total` in tenths of a percent, rounded half up.
pub fn percent(n: u64, total: u64) -> String {
    if total == 0 {
        return "0.0".to_owned();
    }
    let tenths = (n * 1000 + total / 2) / total;
    format!("{}.{}", tenths / 10, tenths % 10)
}

impl Report {
    /// An empty report.
    pub fn new() -> Self {
        Report::default()
    }

    /// Shows every count from 1 to `n - 1` as `<n` (and its percent as `<n` too), as
    /// published tables suppress small numbers so no child can be recognised. 0 or 1: none.
    pub fn suppress_under(&mut self, n: u64) {
        self.suppress_under = n;
    }

    /// Counts one outcome as [`add`](Self::add) does, and also in the `concern_by_period`
    /// table under `period` (e.g. `2026-03`, from the referral date beside the outcome).
    pub fn add_in_period(&mut self, o: &Outcome, period: &str) {
        self.add(o);
        self.concern_by_period.entry(period.to_owned()).or_insert([0; Concern::COUNT])[o.hoth_concern.index()] += 1;
    }

    /// Counts a line that was an error list, not an outcome.
    pub fn add_error(&mut self) {
        self.errors += 1;
    }

    /// Counts one outcome. Its area and judgement are read from its `screening` (the request
    /// as the engine read it), never from a front door's name or a reason's wording.
    pub fn add(&mut self, o: &Outcome) {
        self.outcomes += 1;
        let key = (o.ruleset.id.clone(), o.ruleset.version.clone(), o.ruleset.sha256.clone());
        match self.rulesets.iter_mut().find(|(k, _)| *k == key) {
            Some((_, n)) => *n += 1,
            None => self.rulesets.push((key, 1)),
        }
        self.by_concern[o.hoth_concern.index()] += 1;
        self.by_threshold[o.threshold.as_ref().map_or(0, |t| usize::from(t.level).min(4))] += 1;
        for h in &o.harm_types {
            self.by_harm[h.index()] += 1;
        }
        let area = o.screening.local_authority.as_str();
        *self.by_area.entry(area.to_owned()).or_default() += 1;
        let c = o.hoth_concern.index();
        self.concern_by_area.entry(area.to_owned()).or_insert([0; Concern::COUNT])[c] += 1;
        self.concern_by_age[age_band(o.screening.child.age_years)][c] += 1;
        for h in &o.harm_types {
            self.concern_by_harm[h.index()][c] += 1;
        }
        if !o.complete {
            self.incomplete += 1;
        }
        for g in &o.information_gaps {
            *self.gaps.entry(g.clone()).or_default() += 1;
        }
        for a in &o.actions {
            *self.actions.entry((a.id.as_str().to_owned(), a.urgency.index())).or_default() += 1;
        }
        let referral = [ActionId::ReferToFrontDoor, ActionId::ReferAdultSocialCare, ActionId::Call999];
        if o.actions.iter().any(|a| a.id.contract().is_some_and(|id| referral.contains(&id))) {
            self.referred += 1;
        }
        if o.actions.iter().any(|a| matches!(a.id.contract(), Some(ActionId::TransitionsPlanning | ActionId::ReferAdultSocialCare)))
            || o.threshold.is_none()
        {
            self.transitions += 1;
        }
        if let Some(j) = &o.screening.professional_judgement {
            // What the judgement did: the R9 reason says whether it changed the concern.
            let changed = o.reasons.iter().any(|r| r.changed && r.because.iter().any(|p| p == "/professional_judgement/direction"));
            let kind = match (j.direction, changed) {
                (crate::contract::vocab::Direction::Raise, true) => "raise: concern raised",
                (crate::contract::vocab::Direction::Raise, false) => "raise: already at the top",
                (crate::contract::vocab::Direction::Lower, true) => "lower: concern lowered",
                (crate::contract::vocab::Direction::Lower, false) => "lower: held at the safety floor",
            };
            *self.judgement.entry(kind).or_default() += 1;
        }
    }

    /// The rulesets the outcomes came from, with counts. More than one means the tables mix
    /// rules: compare them as a before/after, not as one population.
    pub fn rulesets(&self) -> Vec<(String, String, String, u64)> {
        self.rulesets.iter().map(|((id, v, sha), n)| (id.clone(), v.clone(), sha.clone(), *n)).collect()
    }

    /// The report's tables, in a fixed order, with small numbers suppressed when asked.
    pub fn tables(&self) -> Vec<Table> {
        let mut tables = self.count_tables();
        tables.extend(self.cross_tabs());
        if self.suppress_under > 1 {
            let hidden = format!("<{}", self.suppress_under);
            for t in &mut tables {
                let counted: Vec<bool> = t.columns.iter().map(|c| c != "percent").collect();
                for r in &mut t.rows {
                    let mut small = false;
                    for (i, cell) in r.iter_mut().enumerate() {
                        if i == 0 {
                            continue;
                        }
                        match cell.parse::<u64>() {
                            Ok(n) if counted[i] && (1..self.suppress_under).contains(&n) => {
                                small = true;
                                *cell = hidden.clone();
                            }
                            _ if !counted[i] && small => *cell = hidden.clone(),
                            _ => {}
                        }
                    }
                }
            }
        }
        tables
    }

    /// Concern cross-tabbed by local authority, age band and harm type: counts per level.
    fn cross_tabs(&self) -> Vec<Table> {
        let columns = |first: &str| std::iter::once(first.to_owned()).chain(Concern::ALL.iter().map(|c| c.to_string())).collect();
        let row = |label: String, counts: &[u64; Concern::COUNT]| {
            std::iter::once(label).chain(counts.iter().map(|n| n.to_string())).collect::<Vec<_>>()
        };
        let mut tables = vec![
            Table {
                name: "concern_by_local_authority".into(),
                title: "HOTH concern by local authority".into(),
                columns: columns("local_authority"),
                rows: self.concern_by_area.iter().map(|(a, c)| row(a.clone(), c)).collect(),
            },
            Table {
                name: "concern_by_age_band".into(),
                title: "HOTH concern by age band".into(),
                columns: columns("age_band"),
                rows: AGE_BANDS.iter().zip(&self.concern_by_age).map(|((_, label), c)| row((*label).to_owned(), c)).collect(),
            },
            Table {
                name: "concern_by_harm_type".into(),
                title: "HOTH concern by harm type (a screening can show several)".into(),
                columns: columns("harm_type"),
                rows: HarmType::ALL.iter().zip(&self.concern_by_harm).map(|(h, c)| row(h.to_string(), c)).collect(),
            },
        ];
        if !self.concern_by_period.is_empty() {
            tables.push(Table {
                name: "concern_by_period".into(),
                title: "HOTH concern by period".into(),
                columns: columns("period"),
                rows: self.concern_by_period.iter().map(|(p, c)| row(p.clone(), c)).collect(),
            });
        }
        tables
    }

    fn count_tables(&self) -> Vec<Table> {
        let n = self.outcomes;
        let count_rows =
            |items: Vec<(String, u64)>| items.into_iter().map(|(k, c)| vec![k, c.to_string(), percent(c, n)]).collect::<Vec<_>>();
        let table = |name: &str, title: &str, first: &str, rows: Vec<Vec<String>>| Table {
            name: name.to_owned(),
            title: title.to_owned(),
            columns: vec![first.to_owned(), "count".to_owned(), "percent".to_owned()],
            rows,
        };
        let mut gaps: Vec<(String, u64)> = self.gaps.iter().map(|(k, v)| (k.clone(), *v)).collect();
        gaps.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        gaps.truncate(10);
        let thresholds = ["not applicable (18–25)", "1 universal", "2 early help", "3 child in need", "4 child protection"];
        vec![
            table(
                "summary",
                "Screenings",
                "measure",
                vec![
                    vec!["outcomes".into(), n.to_string(), "100.0".into()],
                    vec!["errors (not screened)".into(), self.errors.to_string(), percent(self.errors, n + self.errors)],
                    vec!["incomplete (information gaps)".into(), self.incomplete.to_string(), percent(self.incomplete, n)],
                    vec!["referral (front door, adult social care or 999)".into(), self.referred.to_string(), percent(self.referred, n)],
                    vec![
                        "transitions (17–25 planning or adult services)".into(),
                        self.transitions.to_string(),
                        percent(self.transitions, n),
                    ],
                ],
            ),
            table(
                "by_concern",
                "By HOTH concern",
                "concern",
                count_rows(Concern::ALL.iter().map(|c| (c.to_string(), self.by_concern[c.index()])).collect()),
            ),
            table(
                "by_threshold",
                "By Threshold of Need level",
                "threshold",
                count_rows(thresholds.iter().enumerate().map(|(i, t)| ((*t).to_owned(), self.by_threshold[i])).collect()),
            ),
            table(
                "by_harm_type",
                "By harm type (a screening can show several)",
                "harm_type",
                count_rows(HarmType::ALL.iter().map(|h| (h.to_string(), self.by_harm[h.index()])).collect()),
            ),
            table(
                "by_local_authority",
                "By local authority",
                "local_authority",
                count_rows(self.by_area.iter().map(|(k, v)| (k.clone(), *v)).collect()),
            ),
            table("top_gaps", "Most common information gaps", "indicator", count_rows(gaps)),
            Table {
                name: "actions_by_urgency".into(),
                title: "Actions by urgency".into(),
                columns: vec!["action".into(), "urgency".into(), "count".into(), "percent".into()],
                // Most urgent first, then by action id (contract §5's order for actions).
                rows: {
                    let mut by_urgency: Vec<(&(String, usize), &u64)> = self.actions.iter().collect();
                    by_urgency.sort_by_key(|((a, u), _)| (std::cmp::Reverse(*u), a.as_str()));
                    by_urgency
                }
                .into_iter()
                .map(|((a, u), c)| vec![a.clone(), Urgency::ALL[*u].to_string(), c.to_string(), percent(*c, n)])
                .collect(),
            },
            table(
                "judgement",
                "Professional judgement by direction",
                "direction",
                count_rows(self.judgement.iter().map(|(k, v)| ((*k).to_owned(), *v)).collect()),
            ),
        ]
    }

    /// Every table as CSV, one after another, each headed by a `# name: title` line.
    pub fn to_csv(&self) -> String {
        tables_csv(&self.tables())
    }
}

/// Tables as CSV, one after another, each headed by a `# name: title` line (the format of
/// `hoth report --csv`, shared by every tool that writes tables).
pub fn tables_csv(tables: &[Table]) -> String {
    let mut out = String::new();
    for t in tables {
        out.push_str(&format!("# {}: {}\n", t.name, t.title));
        out.push_str(&csv_row(&t.columns));
        for r in &t.rows {
            out.push_str(&csv_row(r));
        }
        out.push('\n');
    }
    out
}

impl Report {
    /// A self-contained HTML page: the tables, with a bar chart for each count table drawn
    /// as inline SVG. No scripts, no fonts, no images or styles from anywhere else.
    pub fn to_html(&self) -> String {
        // Labelled with the rulesets that made the outcomes, not the one loaded to read them.
        let made_with: Vec<String> = self
            .rulesets
            .iter()
            .map(|((id, v, sha), n)| format!("{} {} (sha256 {}): {n} outcomes", esc(id), esc(v), esc(&sha[..sha.len().min(12)])))
            .collect();
        let mut notes = String::new();
        if made_with.len() > 1 {
            notes.push_str(&format!(
                "<p class=\"warn\"><strong>These outcomes were made with {} different rulesets</strong>: {}. The tables count them together; compare them separately (before and after) rather than as one population.</p>\n",
                made_with.len(),
                made_with.join("; ")
            ));
        }
        notes.push_str(&format!(
            "<p class=\"note\">Made with ruleset {}. Rates are shares of screened outcomes, in tenths of a percent. Reconstructed rules: see each outcome's reasons for sources.</p>\n",
            if made_with.is_empty() { "(no outcomes)".to_owned() } else { made_with.join("; ") }
        ));
        tables_html("Harm Outside the Home screening report", &notes, &self.tables())
    }
}

/// A self-contained HTML page of tables (the page `hoth report --html` writes): `title` as
/// its heading, `notes` (HTML, already escaped) under it, then each table with a bar chart of
/// its `count` column (the `summary` table has none) drawn as inline SVG. No scripts, no
/// fonts, no images or styles from anywhere else.
pub fn tables_html(title: &str, notes: &str, tables: &[Table]) -> String {
    let mut out = format!(
        "<!DOCTYPE html>\n<html lang=\"en-GB\"><head><meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n<style>\n\
         body{{font-family:system-ui,Arial,sans-serif;color:#0b0c0c;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.4}}\n\
         h1{{font-size:2rem}} h2{{font-size:1.4rem;margin-top:2.5rem;border-top:2px solid #1d70b8;padding-top:.75rem}}\n\
         table{{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}} th,td{{text-align:left;padding:.35rem .5rem;border-bottom:1px solid #b1b4b6}}\n\
         td.n{{text-align:right;font-variant-numeric:tabular-nums}} .note{{color:#505a5f;font-size:.9rem}} .warn{{border-left:5px solid #d4351c;padding-left:.75rem}}\n\
         svg text{{font-size:12px;fill:#0b0c0c}}\n</style></head><body>\n",
        esc(title)
    );
    out.push_str(&format!("<h1>{}</h1>\n", esc(title)));
    out.push_str(notes);
    for t in tables {
        out.push_str(&format!("<h2 id=\"{}\">{}</h2>\n", esc(&t.name), esc(&t.title)));
        let count_col = t.columns.iter().position(|c| c == "count");
        if let (Some(ci), true) = (count_col, t.name != "summary") {
            out.push_str(&bar_chart(t, ci));
        }
        out.push_str("<table><thead><tr>");
        for c in &t.columns {
            out.push_str(&format!("<th scope=\"col\">{}</th>", esc(c)));
        }
        out.push_str("</tr></thead><tbody>\n");
        for r in &t.rows {
            out.push_str("<tr>");
            for (i, cell) in r.iter().enumerate() {
                let numeric = t.columns.get(i).is_some_and(|c| c == "count" || c == "percent");
                out.push_str(&format!("<td{}>{}</td>", if numeric { " class=\"n\"" } else { "" }, esc(cell)));
            }
            out.push_str("</tr>\n");
        }
        out.push_str("</tbody></table>\n");
    }
    out.push_str("</body></html>\n");
    out
}

/// Text escaped for HTML (`&`, `<`, `>`, `"`).
pub fn esc(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// A horizontal bar chart of one table's count column, as inline SVG (integers only).
fn bar_chart(t: &Table, count_col: usize) -> String {
    let rows: Vec<(String, u64)> = t.rows.iter().map(|r| (r[..count_col].join(" · "), r[count_col].parse().unwrap_or(0))).collect();
    let max = rows.iter().map(|r| r.1).max().unwrap_or(0).max(1);
    // Wide enough for the longest label (about 7 px a character at 12 px), so none is cut off.
    let longest = rows.iter().map(|r| r.0.chars().count() as u64).max().unwrap_or(0);
    let (label_w, bar_w, row_h) = ((7 * longest + 12).max(260), 420u64, 22u64);
    let height = row_h * rows.len() as u64 + 4;
    let mut svg = format!(
        "<svg role=\"img\" aria-label=\"{}: bar chart of counts\" width=\"{}\" height=\"{height}\" viewBox=\"0 0 {} {height}\">\n",
        esc(&t.title),
        label_w + bar_w + 80,
        label_w + bar_w + 80
    );
    for (i, (label, n)) in rows.iter().enumerate() {
        let y = i as u64 * row_h;
        let w = n * bar_w / max;
        svg.push_str(&format!(
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text><rect x=\"{label_w}\" y=\"{}\" width=\"{w}\" height=\"{}\" fill=\"#1d70b8\"/><text x=\"{}\" y=\"{}\">{n}</text>\n",
            label_w - 6,
            y + 15,
            esc(label),
            y + 3,
            row_h - 6,
            label_w + w + 6,
            y + 15
        ));
    }
    svg.push_str("</svg>\n");
    svg
}

fn csv_row(cells: &[String]) -> String {
    let quoted: Vec<String> =
        cells.iter().map(|c| if c.contains([',', '"', '\n']) { format!("\"{}\"", c.replace('"', "\"\"")) } else { c.clone() }).collect();
    quoted.join(",") + "\n"
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ruleset::Ruleset;

    #[test]
    fn outcomes_from_two_rulesets_are_labelled_and_flagged_not_merged_silently() {
        let tees = Ruleset::tees();
        let what_if = tees
            .with_bands(&[(0, Some(0), Concern::NoCurrentIndicators), (1, Some(2), Concern::Low), (3, None, Concern::Moderate)])
            .unwrap();
        let request = br#"{"local_authority":"hartlepool","child":{"age_years":15},"immediate_danger":"no","crime_suspected":"no","disclosure":"no"}"#;
        let mut r = Report::new();
        r.add(&crate::screen::screen_json(tees, request).unwrap());
        r.add(&crate::screen::screen_json(&what_if, request).unwrap());
        assert_eq!(r.rulesets().len(), 2);
        let html = r.to_html();
        assert!(html.contains("made with 2 different rulesets"), "{html}");
        assert!(html.contains("+what-if"), "the page names the outcomes' rulesets");
    }

    #[test]
    fn percentages_are_integer_and_rounded() {
        assert_eq!(percent(1, 3), "33.3");
        assert_eq!(percent(2, 3), "66.7");
        assert_eq!(percent(0, 0), "0.0");
        assert_eq!(percent(5, 5), "100.0");
    }

    #[test]
    fn report_counts_areas_judgements_and_gaps() {
        let r = Ruleset::tees();
        let mut rep = Report::new();
        let req = |la: &str, j: &str| {
            format!(
                r#"{{"local_authority":"{la}","child":{{"age_years":15}},"immediate_danger":"no","crime_suspected":"no","disclosure":"no","indicators":{{"carrying_weapon":"yes"}}{j}}}"#
            )
        };
        let lower = r#","professional_judgement":{"direction":"lower","reason":"r","recorded_by_role":"teacher"}"#;
        for (la, j) in [("hartlepool", ""), ("stockton_on_tees", lower), ("stockton_on_tees", "")] {
            rep.add(&crate::screen_json(r, req(la, j).as_bytes()).unwrap());
        }
        rep.add_error();
        let tables = rep.tables();
        let get = |name: &str| tables.iter().find(|t| t.name == name).unwrap().rows.clone();
        assert_eq!(
            get("by_local_authority"),
            vec![vec!["hartlepool".to_string(), "1".into(), "33.3".into()], vec!["stockton_on_tees".into(), "2".into(), "66.7".into()]]
        );
        assert_eq!(get("judgement"), vec![vec!["lower: held at the safety floor".to_string(), "1".into(), "33.3".into()]]);
        assert_eq!(get("by_concern")[2], vec!["moderate".to_string(), "3".into(), "100.0".into()]);
        assert_eq!(get("top_gaps").len(), 10);
        assert!(rep.to_csv().starts_with("# summary: Screenings\nmeasure,count,percent\noutcomes,3,100.0\nerrors (not screened),1,25.0\n"));
    }
}
