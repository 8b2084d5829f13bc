//! What a revision would have changed for past screenings (`hoth rules impact OLD NEW
//! screenings.jsonl`): every request screened with both rulesets, and the cross-tab of
//! concern before × after and threshold before × after, for all areas and by local
//! authority, the lines whose result changed (with the rules whose firing changed), and
//! the counts. The tables are [`Table`]s, written as CSV and HTML by the same writers as
//! `hoth report`.
//!
//! ```
//! use hoth::Ruleset;
//! use hoth::tools::impact::Impact;
//! let old = Ruleset::tees();
//! let new = old.with_bands(&[(0, Some(0), hoth::Concern::NoCurrentIndicators), (1, Some(5), hoth::Concern::Low),
//!                            (6, Some(8), hoth::Concern::Moderate), (9, None, hoth::Concern::Significant)]).unwrap();
//! let mut impact = Impact::new(old, &new);
//! impact.add_request(br#"{"local_authority":"hartlepool","child":{"age_years":15},"immediate_danger":"no",
//!     "crime_suspected":"no","disclosure":"no","indicators":{"missing_episode":"yes","unexplained_school_absence":"yes"}}"#);
//! impact.add_request(b"not json");
//! assert_eq!(impact.lines(), 2);
//! assert_eq!(impact.errors(), 1);
//! assert_eq!(impact.changed()[0].line, 1);      // score 4: moderate before, low after
//! let tables = impact.tables();                  // the same `Table` type `hoth report` writes
//! assert_eq!(tables[1].name, "concern_before_after");
//! ```
//!
//! A line is **changed** when its concern, its threshold or its actions (id or urgency)
//! differ, or when it can be screened with one ruleset and not the other (a question one of
//! them does not have). Its rules whose firing changed are the score bands and rules (by
//! id, as in an outcome's `reasons`) that hold with one ruleset and not the other. A line
//! that is not valid with either is counted as an error, never a panic. Counting uses
//! integers and lists in a fixed order, so the same lines give the same bytes.

use std::borrow::Borrow;
use std::fmt::Write as _;

use crate::contract::request::Request;
use crate::contract::vocab::{ActionKey, Concern, LocalAuthority, Urgency};
use crate::ruleset::Ruleset;
use crate::screen::build::{Screening, check_request, parse_request};
use crate::screen::eval::{Decision, evaluate};
use crate::tools::report::{Table, percent, tables_csv, tables_html};

/// What one ruleset made of one line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Side {
    /// The concern.
    pub concern: Concern,
    /// The Threshold of Need level, or `None` from 18 (children's levels do not apply).
    pub threshold: Option<u8>,
    /// The score.
    pub score: u32,
    /// The actions in output order (most urgent first, then by id).
    pub actions: Vec<(ActionKey, Urgency)>,
}

/// A band or rule whose firing changed on one line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleChange {
    /// The band's or rule's id, as in an outcome's `reasons[].rule`.
    pub rule: String,
    /// True when it holds with the new ruleset and did not with the old; false when it no
    /// longer holds.
    pub now_holds: bool,
}

/// A line whose result changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChangedRow {
    /// The input line (counted from 1).
    pub line: u64,
    /// The child's local authority (`None` only when neither ruleset could read it).
    pub local_authority: Option<LocalAuthority>,
    /// What the old ruleset made of it (`None`: not a valid request for it).
    pub before: Option<Side>,
    /// What the new ruleset makes of it (`None`: not a valid request for it).
    pub after: Option<Side>,
    /// The bands and rules whose firing changed: the new ruleset's order, then those only
    /// the old ruleset has.
    pub rules: Vec<RuleChange>,
}

/// Rows and columns of the concern cross-tab: the four levels, then "not screened".
const CONCERN_CELLS: usize = Concern::COUNT + 1;
/// Rows and columns of the threshold cross-tab: not applicable (18–25), levels 1–4, then
/// "not screened".
const THRESHOLD_CELLS: usize = 6;

type Grid<const N: usize> = [[u64; N]; N];

/// Cross-tabs for one group of lines (all areas, or one area).
#[derive(Debug, Clone, Copy, Default)]
struct Tabs {
    concern: Grid<CONCERN_CELLS>,
    threshold: Grid<THRESHOLD_CELLS>,
}

/// Screens lines with two rulesets and counts what changes. `R` is `&Ruleset`, `Ruleset`,
/// or an `Arc<Ruleset>` (for a binding that keeps the rulesets alive itself).
#[derive(Debug, Clone)]
pub struct Impact<R: Borrow<Ruleset>> {
    old: R,
    new: R,
    lines: u64,
    not_screened: [u64; 3],
    all: Tabs,
    by_area: [Tabs; LocalAuthority::COUNT],
    area_lines: [u64; LocalAuthority::COUNT],
    concern_moves: [u64; 2],
    threshold_changed: u64,
    actions_changed: u64,
    /// Per band or rule id: (now holds, no longer holds), in first-seen order.
    rule_counts: Vec<(String, u64, u64)>,
    changed: Vec<ChangedRow>,
}

fn concern_cell(s: &Option<Side>) -> usize {
    s.as_ref().map_or(Concern::COUNT, |s| s.concern.index())
}

fn threshold_cell(s: &Option<Side>) -> usize {
    match s {
        None => THRESHOLD_CELLS - 1,
        Some(s) => s.threshold.map_or(0, |t| usize::from(t.clamp(1, 4))),
    }
}

const THRESHOLD_LABELS: [&str; THRESHOLD_CELLS] =
    ["not applicable (18–25)", "1 universal", "2 early help", "3 child in need", "4 child protection", "not screened"];

fn concern_label(i: usize) -> String {
    Concern::ALL.get(i).map_or_else(|| "not screened".to_owned(), |c| c.to_string())
}

fn threshold_text(t: Option<u8>) -> String {
    t.map_or_else(|| "not applicable".to_owned(), |t| t.to_string())
}

impl<R: Borrow<Ruleset>> Impact<R> {
    /// Compares `old` with `new`; add lines, then read the tables.
    pub fn new(old: R, new: R) -> Self {
        Impact {
            old,
            new,
            lines: 0,
            not_screened: [0; 3],
            all: Tabs::default(),
            by_area: [Tabs::default(); LocalAuthority::COUNT],
            area_lines: [0; LocalAuthority::COUNT],
            concern_moves: [0; 2],
            threshold_changed: 0,
            actions_changed: 0,
            rule_counts: Vec::new(),
            changed: Vec::new(),
        }
    }

    /// Screens one request (JSON bytes, as one line of a JSON Lines file) with both rulesets.
    pub fn add_request(&mut self, bytes: &[u8]) {
        let old = screen(self.old.borrow(), |r| parse_request(r, bytes));
        let new = screen(self.new.borrow(), |r| parse_request(r, bytes));
        self.add_pair(old, new);
    }

    /// Screens one typed request with both rulesets.
    pub fn add(&mut self, request: &Request) {
        let old = screen(self.old.borrow(), |r| check_request(r, request));
        let new = screen(self.new.borrow(), |r| check_request(r, request));
        self.add_pair(old, new);
    }

    /// Screens one request read from any [`Input`](crate::screen::input::Input) (a Python
    /// dict, an Arrow row) with both rulesets.
    pub fn add_input<I: crate::screen::input::Input + Clone>(&mut self, request: I) {
        let old = screen(self.old.borrow(), |r| crate::screen::input::parse_with(r, request.clone()));
        let new = screen(self.new.borrow(), |r| crate::screen::input::parse_with(r, request));
        self.add_pair(old, new);
    }

    /// Counts a line that could not be read (too long, not text) as an error.
    pub fn add_unreadable(&mut self) {
        self.add_pair(None, None);
    }

    fn add_pair(&mut self, old: Option<(Screening, Decision)>, new: Option<(Screening, Decision)>) {
        self.lines += 1;
        let area = old.as_ref().or(new.as_ref()).map(|(s, _)| s.local_authority);
        match (&old, &new) {
            (None, None) => {
                self.not_screened[0] += 1;
                return;
            }
            (Some(_), None) => self.not_screened[2] += 1,
            (None, Some(_)) => self.not_screened[1] += 1,
            (Some(_), Some(_)) => {}
        }
        let side = |x: &Option<(Screening, Decision)>, ruleset: &Ruleset| {
            x.as_ref().map(|(_, d)| Side {
                concern: d.concern,
                threshold: d.threshold,
                score: d.score,
                actions: d.actions_in_order(ruleset).map(|(id, u)| (id.clone(), u)).collect(),
            })
        };
        let (before, after) = (side(&old, self.old.borrow()), side(&new, self.new.borrow()));
        let (cb, ca) = (concern_cell(&before), concern_cell(&after));
        let (tb, ta) = (threshold_cell(&before), threshold_cell(&after));
        for tabs in std::iter::once(&mut self.all).chain(area.map(|a| &mut self.by_area[a.index()])) {
            tabs.concern[cb][ca] += 1;
            tabs.threshold[tb][ta] += 1;
        }
        if let Some(a) = area {
            self.area_lines[a.index()] += 1;
        }
        if let (Some(b), Some(a)) = (&before, &after) {
            if a.concern > b.concern {
                self.concern_moves[0] += 1;
            } else if a.concern < b.concern {
                self.concern_moves[1] += 1;
            }
            self.threshold_changed += u64::from(a.threshold != b.threshold);
            self.actions_changed += u64::from(a.actions != b.actions);
        }
        let rules = rule_changes(self.old.borrow(), old.as_ref(), self.new.borrow(), new.as_ref());
        for change in &rules {
            let slot = match self.rule_counts.iter_mut().position(|(id, _, _)| *id == change.rule) {
                Some(i) => i,
                None => {
                    self.rule_counts.push((change.rule.clone(), 0, 0));
                    self.rule_counts.len() - 1
                }
            };
            if change.now_holds {
                self.rule_counts[slot].1 += 1;
            } else {
                self.rule_counts[slot].2 += 1;
            }
        }
        let differs = match (&before, &after) {
            (Some(b), Some(a)) => (b.concern, b.threshold, &b.actions) != (a.concern, a.threshold, &a.actions),
            _ => true,
        };
        if differs {
            self.changed.push(ChangedRow { line: self.lines, local_authority: area, before, after, rules });
        }
    }

    /// Lines added so far.
    pub fn lines(&self) -> u64 {
        self.lines
    }

    /// Lines that neither ruleset could screen (invalid requests, unreadable lines).
    pub fn errors(&self) -> u64 {
        self.not_screened[0]
    }

    /// The lines whose concern, threshold or actions changed, in input order.
    pub fn changed(&self) -> &[ChangedRow] {
        &self.changed
    }

    /// The old and new rulesets' id and version, for labels.
    pub fn rulesets(&self) -> [(String, String, String); 2] {
        let label = |r: &Ruleset| (r.id().to_owned(), r.version().to_owned(), r.sha256().to_owned());
        [label(self.old.borrow()), label(self.new.borrow())]
    }

    /// The tables, in a fixed order: `summary`, `concern_before_after`,
    /// `threshold_before_after`, `concern_by_local_authority`, `threshold_by_local_authority`,
    /// `rules_firing_changed`, `changed_lines`.
    pub fn tables(&self) -> Vec<Table> {
        let n = self.lines;
        let both = n - self.not_screened.iter().sum::<u64>();
        let row = |label: &str, c: u64| vec![label.to_owned(), c.to_string(), percent(c, n)];
        let concern_changed: u64 = self.concern_moves.iter().sum();
        let summary = Table {
            name: "summary".into(),
            title: "Screenings compared".into(),
            columns: vec!["measure".into(), "count".into(), "percent".into()],
            rows: vec![
                row("lines", n),
                row("screened with both rulesets", both),
                row("errors (not screened with either)", self.not_screened[0]),
                row("screened with the new ruleset only", self.not_screened[1]),
                row("screened with the old ruleset only", self.not_screened[2]),
                row("concern changed", concern_changed),
                row("concern raised", self.concern_moves[0]),
                row("concern lowered", self.concern_moves[1]),
                row("threshold changed", self.threshold_changed),
                row("actions changed", self.actions_changed),
                row("lines changed (listed in changed_lines)", self.changed.len() as u64),
            ],
        };
        let any_unscreened = self.not_screened[1] + self.not_screened[2] > 0;
        let concern_cells: Vec<usize> = (0..CONCERN_CELLS).filter(|i| *i < Concern::COUNT || any_unscreened).collect();
        let threshold_cells: Vec<usize> = (0..THRESHOLD_CELLS).filter(|i| *i < THRESHOLD_CELLS - 1 || any_unscreened).collect();
        let cross = |first: &[&str], cells: &[usize], label: &dyn Fn(usize) -> String| {
            let mut columns: Vec<String> = first.iter().map(|c| (*c).to_owned()).collect();
            columns.extend(cells.iter().map(|c| format!("after: {}", label(*c))));
            columns.push("total".into());
            columns
        };
        let grid_rows = |prefix: &[String], cells: &[usize], label: &dyn Fn(usize) -> String, cell: &dyn Fn(usize, usize) -> u64| {
            cells
                .iter()
                .map(|b| {
                    let mut r = prefix.to_vec();
                    r.push(label(*b));
                    let counts: Vec<u64> = cells.iter().map(|a| cell(*b, *a)).collect();
                    r.extend(counts.iter().map(u64::to_string));
                    r.push(counts.iter().sum::<u64>().to_string());
                    r
                })
                .collect::<Vec<_>>()
        };
        let tlabel = |i: usize| THRESHOLD_LABELS[i].to_owned();
        let areas: Vec<LocalAuthority> = LocalAuthority::ALL.iter().copied().filter(|a| self.area_lines[a.index()] > 0).collect();
        let mut tables = vec![
            summary,
            Table {
                name: "concern_before_after".into(),
                title: "HOTH concern before (rows) and after (columns), all areas".into(),
                columns: cross(&["concern before"], &concern_cells, &concern_label),
                rows: grid_rows(&[], &concern_cells, &concern_label, &|b, a| self.all.concern[b][a]),
            },
            Table {
                name: "threshold_before_after".into(),
                title: "Threshold of Need level before (rows) and after (columns), all areas".into(),
                columns: cross(&["threshold before"], &threshold_cells, &tlabel),
                rows: grid_rows(&[], &threshold_cells, &tlabel, &|b, a| self.all.threshold[b][a]),
            },
            Table {
                name: "concern_by_local_authority".into(),
                title: "HOTH concern before and after, by local authority".into(),
                columns: cross(&["local_authority", "concern before"], &concern_cells, &concern_label),
                rows: areas
                    .iter()
                    .flat_map(|la| {
                        let tabs = &self.by_area[la.index()];
                        grid_rows(&[la.to_string()], &concern_cells, &concern_label, &|b, a| tabs.concern[b][a])
                    })
                    .collect(),
            },
            Table {
                name: "threshold_by_local_authority".into(),
                title: "Threshold of Need level before and after, by local authority".into(),
                columns: cross(&["local_authority", "threshold before"], &threshold_cells, &tlabel),
                rows: areas
                    .iter()
                    .flat_map(|la| {
                        let tabs = &self.by_area[la.index()];
                        grid_rows(&[la.to_string()], &threshold_cells, &tlabel, &|b, a| tabs.threshold[b][a])
                    })
                    .collect(),
            },
        ];
        tables.push(Table {
            name: "rules_firing_changed".into(),
            title: "Bands and rules whose firing changed (lines where each now holds, or no longer holds)".into(),
            columns: vec!["rule".into(), "title".into(), "now holds".into(), "no longer holds".into()],
            rows: self
                .ordered_rule_counts()
                .into_iter()
                .map(|(id, now, no_longer)| vec![id.clone(), self.rule_title(&id), now.to_string(), no_longer.to_string()])
                .collect(),
        });
        tables.push(Table {
            name: "changed_lines".into(),
            title: "Lines whose concern, threshold or actions changed".into(),
            columns: vec![
                "line".into(),
                "local_authority".into(),
                "concern before".into(),
                "concern after".into(),
                "threshold before".into(),
                "threshold after".into(),
                "actions changed".into(),
                "rules whose firing changed".into(),
            ],
            rows: self.changed.iter().map(changed_cells).collect(),
        });
        tables
    }

    /// Rule counts in the new ruleset's order (bands, then rules), then the old ruleset's
    /// bands and rules the new one does not have.
    fn ordered_rule_counts(&self) -> Vec<(String, u64, u64)> {
        let order = rule_order(self.new.borrow(), self.old.borrow());
        let mut rows: Vec<(String, u64, u64)> = self.rule_counts.clone();
        rows.sort_by_key(|(id, _, _)| order.iter().position(|o| o == id).unwrap_or(usize::MAX));
        rows
    }

    fn rule_title(&self, id: &str) -> String {
        for r in [self.new.borrow(), self.old.borrow()] {
            let f = r.file();
            if let Some(b) = f.bands.iter().find(|b| b.id == id) {
                return format!("score band: {}", b.title);
            }
            if let Some(rule) = f.rules.iter().find(|x| x.id == id) {
                return rule.title.clone();
            }
        }
        String::new()
    }

    /// Every table as CSV, in the format of `hoth report --csv`.
    pub fn to_csv(&self) -> String {
        tables_csv(&self.tables())
    }

    /// One self-contained HTML page of the tables, as `hoth report --html` writes.
    pub fn to_html(&self) -> String {
        let [old, new] = self.rulesets();
        let esc = crate::tools::report::esc;
        let notes = format!(
            "<p class=\"note\">Each line screened with the old ruleset, {} {} (sha256 {}), and with the new, {} {} (sha256 {}). A line is listed when its concern, threshold or actions changed. Rates are shares of all lines, in tenths of a percent.</p>\n",
            esc(&old.0),
            esc(&old.1),
            esc(&old.2[..old.2.len().min(12)]),
            esc(&new.0),
            esc(&new.1),
            esc(&new.2[..new.2.len().min(12)]),
        );
        tables_html("What a ruleset revision changes", &notes, &self.tables())
    }

    /// The tables as aligned text, for a terminal.
    pub fn to_text(&self) -> String {
        let [old, new] = self.rulesets();
        let mut s = format!("Before: {} {} (sha256 {})\nAfter:  {} {} (sha256 {})\n", old.0, old.1, old.2, new.0, new.1, new.2);
        for t in self.tables() {
            s.push_str(&text_table(&t));
        }
        s
    }
}

/// One table as aligned text: its title, then the columns padded to their widest cell.
pub fn text_table(t: &Table) -> String {
    let mut s = format!("\n{}\n", t.title);
    if t.rows.is_empty() {
        s.push_str("  (none)\n");
        return s;
    }
    let widths: Vec<usize> = (0..t.columns.len())
        .map(|i| t.rows.iter().map(|r| r.get(i).map_or(0, |c| c.chars().count())).chain([t.columns[i].chars().count()]).max().unwrap_or(0))
        .collect();
    for r in std::iter::once(&t.columns).chain(&t.rows) {
        let mut line = String::from(" ");
        for (i, cell) in r.iter().enumerate() {
            let pad = widths.get(i).copied().unwrap_or(0).saturating_sub(cell.chars().count());
            let numeric = !cell.is_empty() && cell.bytes().all(|b| b.is_ascii_digit() || b == b'.');
            if numeric {
                let _ = write!(line, " {}{cell}", " ".repeat(pad));
            } else {
                let _ = write!(line, " {cell}{}", " ".repeat(pad));
            }
        }
        s.push_str(line.trim_end());
        s.push('\n');
    }
    s
}

fn side_concern(s: &Option<Side>) -> String {
    s.as_ref().map_or_else(|| "not screened".to_owned(), |s| s.concern.to_string())
}

fn side_threshold(s: &Option<Side>) -> String {
    s.as_ref().map_or_else(|| "not screened".to_owned(), |s| threshold_text(s.threshold))
}

/// How the actions changed: `+id (urgency)` added, `-id` gone, `id: a → b` another urgency.
fn action_changes(before: &Option<Side>, after: &Option<Side>) -> String {
    let (Some(b), Some(a)) = (before, after) else { return String::new() };
    let mut out = Vec::new();
    for (id, u) in &a.actions {
        match b.actions.iter().find(|(bid, _)| bid == id) {
            None => out.push(format!("+{id} ({u})")),
            Some((_, bu)) if bu != u => out.push(format!("{id}: {bu} → {u}")),
            Some(_) => {}
        }
    }
    for (id, _) in &b.actions {
        if !a.actions.iter().any(|(aid, _)| aid == id) {
            out.push(format!("-{id}"));
        }
    }
    out.join("; ")
}

fn changed_cells(c: &ChangedRow) -> Vec<String> {
    let rules: Vec<String> =
        c.rules.iter().map(|r| format!("{} {}", r.rule, if r.now_holds { "now holds" } else { "no longer holds" })).collect();
    vec![
        c.line.to_string(),
        c.local_authority.map_or_else(String::new, |a| a.to_string()),
        side_concern(&c.before),
        side_concern(&c.after),
        side_threshold(&c.before),
        side_threshold(&c.after),
        action_changes(&c.before, &c.after),
        rules.join("; "),
    ]
}

/// Screens with one ruleset; an invalid request (or a fault in the engine) gives `None`.
fn screen(
    ruleset: &Ruleset,
    check: impl FnOnce(&Ruleset) -> Result<Screening, crate::contract::error::ErrorList>,
) -> Option<(Screening, Decision)> {
    crate::contract::error::guard(|| {
        let s = check(ruleset)?;
        let d = evaluate(ruleset, &s);
        Ok((s, d))
    })
    .ok()
}

/// The band (by the score) and the rules that fired (any of their clauses), by id, in the
/// ruleset's order.
fn fired<'r>(ruleset: &'r Ruleset, d: &Decision) -> Vec<&'r str> {
    let f = ruleset.file();
    let mut out = Vec::new();
    let band = f.bands.iter().filter(|b| b.min <= i64::from(d.score)).max_by_key(|b| b.min);
    if let Some(b) = band {
        out.push(b.id.as_str());
    }
    for (ci, clause) in ruleset.compiled.clauses.iter().enumerate() {
        if d.clause_fired(ci)
            && let Some(rule) = f.rules.get(clause.rule)
            && !out.contains(&rule.id.as_str())
        {
            out.push(rule.id.as_str());
        }
    }
    out
}

/// Every band and rule id: the first ruleset's, then the second's it does not have.
fn rule_order(first: &Ruleset, second: &Ruleset) -> Vec<String> {
    let ids = |r: &Ruleset| -> Vec<String> {
        let f = r.file();
        f.bands.iter().map(|b| b.id.clone()).chain(f.rules.iter().map(|x| x.id.clone())).collect()
    };
    let mut order = ids(first);
    for id in ids(second) {
        if !order.contains(&id) {
            order.push(id);
        }
    }
    order
}

fn rule_changes(
    old: &Ruleset,
    before: Option<&(Screening, Decision)>,
    new: &Ruleset,
    after: Option<&(Screening, Decision)>,
) -> Vec<RuleChange> {
    let (Some((_, b)), Some((_, a))) = (before, after) else { return Vec::new() };
    let (fb, fa) = (fired(old, b), fired(new, a));
    let mut out = Vec::new();
    for id in rule_order(new, old) {
        match (fb.contains(&id.as_str()), fa.contains(&id.as_str())) {
            (false, true) => out.push(RuleChange { rule: id, now_holds: true }),
            (true, false) => out.push(RuleChange { rule: id, now_holds: false }),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contract::vocab::Concern::*;

    fn request(la: &str, age: u8, indicators: &str) -> String {
        format!(
            r#"{{"local_authority":"{la}","child":{{"age_years":{age}}},"immediate_danger":"no","crime_suspected":"no","disclosure":"no","indicators":{{{indicators}}}}}"#
        )
    }

    /// Moderate from 6 instead of 4 (contract §3's default bands otherwise).
    fn moved() -> Ruleset {
        Ruleset::tees()
            .with_bands(&[(0, Some(0), NoCurrentIndicators), (1, Some(5), Low), (6, Some(8), Moderate), (9, None, Significant)])
            .unwrap()
    }

    #[test]
    fn a_moved_band_changes_the_scores_it_moves_and_nothing_else() {
        let new = moved();
        let mut impact = Impact::new(Ruleset::tees(), &new);
        // Two medium harm indicators (2 + 2 = 4): moderate by the default bands, low from 6.
        impact.add_request(request("hartlepool", 15, r#""missing_episode":"yes","unexplained_school_absence":"yes""#).as_bytes());
        // A high-weight harm indicator: R6 keeps it moderate under either band.
        impact.add_request(request("middlesbrough", 15, r#""carrying_weapon":"yes""#).as_bytes());
        // Nothing answered yes: no current indicators either way.
        impact.add_request(request("middlesbrough", 15, "").as_bytes());
        impact.add_request(b"{\"local_authority\":\"nowhere\"}");
        impact.add_unreadable();
        assert_eq!(impact.lines(), 5);
        assert_eq!(impact.errors(), 2);
        let changed = impact.changed();
        assert_eq!(changed.len(), 1);
        let row = &changed[0];
        assert_eq!(row.line, 1);
        assert_eq!(row.local_authority, Some(LocalAuthority::Hartlepool));
        assert_eq!((row.before.as_ref().unwrap().concern, row.after.as_ref().unwrap().concern), (Moderate, Low));
        assert_eq!(row.before.as_ref().unwrap().score, 4);
        // The bands are renamed by with_bands, so both firings are listed: the old moderate
        // band no longer holds, the what-if low band now does.
        assert!(row.rules.contains(&RuleChange { rule: "band_moderate".into(), now_holds: false }), "{:?}", row.rules);
        assert!(row.rules.contains(&RuleChange { rule: "what_if_band_1".into(), now_holds: true }), "{:?}", row.rules);
        let tables = impact.tables();
        let get = |name: &str| tables.iter().find(|t| t.name == name).unwrap().clone();
        let concern = get("concern_before_after");
        assert_eq!(
            concern.columns,
            ["concern before", "after: no_current_indicators", "after: low", "after: moderate", "after: significant", "total"]
        );
        assert_eq!(concern.rows[0], ["no_current_indicators", "1", "0", "0", "0", "1"]);
        assert_eq!(concern.rows[2], ["moderate", "0", "1", "1", "0", "2"]);
        let by_area = get("concern_by_local_authority");
        assert_eq!(by_area.rows.len(), 8, "two areas with lines, four levels each");
        assert_eq!(by_area.rows[2], ["hartlepool", "moderate", "0", "1", "0", "0", "1"]);
        assert_eq!(get("summary").rows[2], ["errors (not screened with either)", "2", "40.0"]);
        assert_eq!(get("changed_lines").rows[0][..4], ["1", "hartlepool", "moderate", "low"]);
        assert!(impact.to_csv().contains("# concern_before_after: "));
        assert!(impact.to_html().starts_with("<!DOCTYPE html>"));
    }

    #[test]
    fn a_line_only_one_ruleset_reads_is_listed_and_counted() {
        let mut file = Ruleset::tees().file().clone();
        file.version = "without-weapon".into();
        file.indicators.retain(|i| i.id != "carrying_weapon");
        let new = Ruleset::from_file(file).unwrap();
        let mut impact = Impact::new(Ruleset::tees(), &new);
        impact.add_request(request("hartlepool", 15, r#""carrying_weapon":"yes""#).as_bytes());
        assert_eq!(impact.errors(), 0);
        let row = &impact.changed()[0];
        assert!(row.before.is_some() && row.after.is_none());
        let tables = impact.tables();
        let concern = tables.iter().find(|t| t.name == "concern_before_after").unwrap();
        assert_eq!(concern.columns.last().unwrap(), "total");
        assert!(concern.columns.iter().any(|c| c == "after: not screened"));
    }

    #[test]
    fn the_same_ruleset_changes_no_line() {
        let mut impact = Impact::new(Ruleset::tees(), Ruleset::tees());
        for age in [10, 15, 19] {
            impact.add_request(request("stockton_on_tees", age, r#""carrying_weapon":"yes","peers_of_concern":"yes""#).as_bytes());
        }
        assert!(impact.changed().is_empty());
        let tables = impact.tables();
        assert!(tables.iter().find(|t| t.name == "rules_firing_changed").unwrap().rows.is_empty());
        // The adult's threshold does not apply: counted in the first row and column.
        let t = tables.iter().find(|t| t.name == "threshold_before_after").unwrap();
        assert_eq!(t.rows[0][1], "1");
    }
}
