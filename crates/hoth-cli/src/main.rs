//! `hoth`: the command-line face of the engine, for front-door teams and analysts.
//!
//! Exit codes: 0 success; 2 invalid input (the contract's error list is on stdout);
//! 3 `hoth lint` flagged wording; 1 anything else (unreadable file, bad ruleset, I/O),
//! with a message on stderr.
//! Nothing about a child is written anywhere except the output asked for.

use std::fs::File;
use std::io::{self, BufReader, BufWriter, IsTerminal, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use hoth::Ruleset;

#[derive(Parser)]
#[command(name = "hoth", version, about = "Screen children for Harm Outside the Home on the Tees Threshold of Need", long_about = None)]
struct Cli {
    /// Use this ruleset file instead of the embedded Tees ruleset.
    #[arg(long, global = true, value_name = "FILE")]
    ruleset: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Screen one request (JSON) and print the outcome.
    ///
    /// Exit 0 with the outcome JSON (or, with --explain, a readable account); exit 2 when the
    /// request is invalid (the error list, each error with its help, is on stdout); exit 1 when
    /// the file cannot be read. A judgement reason with wording the language guide would change
    /// is warned about on stderr.
    ///
    /// Example: hoth screen --explain seeds/examples/contract_example.json
    Screen {
        /// Request file, or - for stdin.
        #[arg(default_value = "-")]
        file: String,
        /// Pretty-print the JSON.
        #[arg(long)]
        pretty: bool,
        /// Print a readable account for a person instead of JSON.
        #[arg(long)]
        explain: bool,
    },
    /// What to do now, from the safety answers alone, before the form is finished (contract
    /// §8): any JSON object, whatever else it holds. Exit 0 with the triage JSON; exit 2 only
    /// when the input is not a JSON object.
    ///
    /// Example: echo '{"immediate_danger":"yes"}' | hoth triage
    Triage {
        /// Request file (finished or not), or - for stdin.
        #[arg(default_value = "-")]
        file: String,
    },
    /// The SAFER referral summary of an outcome (contract §9): what the screening suggests,
    /// in the five SAFER sections, as plain text (or a printable HTML fragment with --html)
    /// to paste into a Tees SAFER referral or a case record. Exit 0; exit 2 when the input is
    /// not an outcome of the loaded ruleset (the error list is on stdout).
    ///
    /// Example: hoth screen seeds/examples/contract_example.json | hoth summary
    Summary {
        /// Outcome file (from `hoth screen`), or - for stdin.
        #[arg(default_value = "-")]
        file: String,
        /// A self-contained, printable HTML fragment instead of plain text.
        #[arg(long)]
        html: bool,
    },
    /// Screen every line of a JSON Lines file; one outcome or error object per line, in order.
    ///
    /// Exit 0 when every line was read (invalid lines become error objects in place); exit 1
    /// when the input cannot be read or the output written.
    ///
    /// Example: hoth batch --compact screenings.jsonl -o outcomes.jsonl
    Batch {
        /// Input JSONL file, or - for stdin.
        input: String,
        /// Output file (default: stdout).
        #[arg(short, long, value_name = "OUT.jsonl")]
        output: Option<PathBuf>,
        /// Never show the progress bar.
        #[arg(long)]
        quiet: bool,
        /// Worker threads (default: all cores). The output is the same bytes, in input order.
        #[arg(short, long)]
        jobs: Option<usize>,
        /// Compact outcomes (contract §5): reasons without their sources, for analysts'
        /// extracts; the ruleset's id, version and hash in each outcome recover them.
        #[arg(long)]
        compact: bool,
    },
    /// Check wording against the language guide (victim-blaming language). Exit 3 when
    /// anything is flagged, 0 when the text is clean, 1 when the file cannot be read.
    ///
    /// Example: echo "she is putting herself at risk" | hoth lint
    Lint {
        /// Text file, or - for stdin.
        #[arg(default_value = "-")]
        file: String,
        /// Print findings as JSON (character spans, suggestions, sources).
        #[arg(long)]
        json: bool,
    },
    /// Aggregate outcomes (JSON Lines from `hoth batch`) into the partnership's tables.
    ///
    /// Exit 0 with the tables; exit 1 when a file cannot be read or written.
    ///
    /// Example: hoth report outcomes.jsonl --html report.html
    Report {
        /// Outcomes file (JSONL), or - for stdin. Error lines count as errors.
        input: String,
        /// Write the tables as CSV here (default: CSV on stdout).
        #[arg(long, value_name = "OUT.csv")]
        csv: Option<PathBuf>,
        /// Write a self-contained HTML page with charts here.
        #[arg(long, value_name = "OUT.html")]
        html: Option<PathBuf>,
    },
    /// Print a JSON Schema: request, outcome, errors, ruleset or triage.
    ///
    /// Exit 0 with the schema (draft 2020-12).
    ///
    /// Example: hoth schema request > request.schema.json
    Schema {
        /// Which schema.
        #[arg(value_parser = hoth::schema::NAMES)]
        name: String,
    },
    /// Check, explain, compare or draft a ruleset.
    Rules {
        #[command(subcommand)]
        command: RulesCommand,
    },
}

#[derive(Subcommand)]
enum RulesCommand {
    /// Validate a ruleset file; every problem is reported with a JSON pointer.
    ///
    /// Exit 0 when valid; exit 2 with the error list on stdout; exit 1 when it cannot be read.
    ///
    /// Example: hoth rules check seeds/tees-hoth.ruleset.json
    Check {
        /// Ruleset file.
        file: PathBuf,
    },
    /// Print a ruleset as readable tables, or with --html as one page for people.
    ///
    /// The ruleset is RULESET, or --ruleset, or the embedded Tees one. The --html page is for
    /// a safeguarding lead to read and approve: every question with
    /// its section and weight, every band, every rule in plain words with its source
    /// (self-contained: inline CSS, no scripts, nothing from another origin).
    ///
    /// Exit 0; exit 2 when the ruleset is invalid (its error list on stdout); exit 1 when it
    /// cannot be read.
    ///
    /// Example: hoth rules explain --html my-ruleset.json > ruleset.html
    Explain {
        /// Ruleset file (default: --ruleset, or the embedded Tees ruleset).
        #[arg(value_name = "RULESET")]
        file: Option<PathBuf>,
        /// One self-contained HTML page instead of text tables.
        #[arg(long)]
        html: bool,
    },
    /// What a revision changes, between two ruleset files.
    ///
    /// Questions, weights, bands, rules, action texts and contacts
    /// added, removed or changed, in plain words (questions and rules by their titles), or as
    /// JSON with --json. Both files are compared in their canonical form, so spacing and key
    /// order change nothing.
    ///
    /// Exit 0 with the changes (also when there are none); exit 2 when a ruleset is invalid
    /// (its error list on stdout, one line per invalid file, OLD first); exit 1 when a file
    /// cannot be read.
    ///
    /// Example: hoth rules diff seeds/tees-hoth.ruleset.json my-revision.json
    Diff {
        /// The ruleset before the revision.
        old: PathBuf,
        /// The ruleset after it.
        new: PathBuf,
        /// Print the changes as JSON (sections in the file's order, entries in catalogue order).
        #[arg(long)]
        json: bool,
    },
    /// What a revision would have changed for past screenings (before × after tables).
    ///
    /// Every request line screened
    /// with both rulesets; prints the cross-tabs of concern and threshold before × after (all
    /// areas, then by local authority), the bands and rules whose firing changed, the lines
    /// whose concern, threshold or actions changed, and the counts. Invalid lines are counted
    /// as errors and never stop the run.
    ///
    /// Exit 0 with the tables; exit 2 when a ruleset is invalid (its error list on stdout);
    /// exit 1 when a file cannot be read or written.
    ///
    /// Example: hoth rules impact seeds/tees-hoth.ruleset.json what-if.json past.jsonl --html impact.html
    Impact {
        /// The ruleset before the revision.
        old: PathBuf,
        /// The ruleset after it.
        new: PathBuf,
        /// Screening requests, one JSON object a line (as `hoth batch` reads), or - for stdin.
        screenings: String,
        /// Also write the tables as CSV here (the format of `hoth report --csv`).
        #[arg(long, value_name = "OUT.csv")]
        csv: Option<PathBuf>,
        /// Also write them as one self-contained HTML page here (as `hoth report --html`).
        #[arg(long, value_name = "OUT.html")]
        html: Option<PathBuf>,
    },
    /// Draft a new ruleset from the Tees one, ready to edit and check.
    ///
    /// From the Tees ruleset (or --ruleset): the same questions, bands, rules,
    /// texts and contacts under the id NAME and version 0.1-draft, every source marked TO FILL
    /// IN and every provenance reconstructed until confirmed. The draft passes `hoth rules
    /// check` as it is; its "$schema" points an editor at the ruleset schema for completion
    /// (the nearest schemas/ruleset.schema.json above the file, or --schema).
    ///
    /// Exit 0 with the draft written (stdout without -o); exit 2 when NAME is not a ruleset
    /// id (the error list on stdout); exit 1 when the file exists or cannot be written.
    ///
    /// Example: hoth rules new hartlepool-hoth -o seeds/rulesets/hartlepool-hoth.ruleset.json
    New {
        /// The new ruleset's id: lowercase letters, digits and hyphens, like tees-hoth.
        name: String,
        /// Write the draft here (it must not exist yet) instead of stdout.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// The "$schema" to write: a path (relative to the file) or URL of the ruleset schema.
        #[arg(long, value_name = "PATH_OR_URL")]
        schema: Option<String>,
    },
}

/// A failure that is not the user's input: message to stderr, exit 1.
struct Fatal(String);

impl From<io::Error> for Fatal {
    fn from(e: io::Error) -> Self {
        Fatal(e.to_string())
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(Fatal(msg)) => {
            eprintln!("hoth: {msg}");
            ExitCode::from(1)
        }
    }
}

fn load_ruleset(path: &Option<PathBuf>) -> Result<Ruleset, Fatal> {
    match path {
        None => Ok(Ruleset::tees().clone()),
        Some(p) => {
            let text = std::fs::read_to_string(p).map_err(|e| Fatal(format!("cannot read ruleset {}: {e}", p.display())))?;
            hoth::ffi::load_ruleset(&text)
                .map_err(|e| Fatal(format!("ruleset {} is invalid (run `hoth rules check` for JSON):\n{}", p.display(), e.summary())))
        }
    }
}

fn read_input(file: &str) -> Result<Vec<u8>, Fatal> {
    let mut bytes = Vec::new();
    // Read at most one byte past the limit: a huge input is refused, never buffered whole.
    let limit = (hoth::request::MAX_REQUEST_BYTES + 1) as u64;
    if file == "-" {
        if io::stdin().is_terminal() {
            eprintln!("hoth: waiting for JSON on stdin (end it with Ctrl-D), or give a file: hoth screen FILE");
        }
        io::stdin().lock().take(limit).read_to_end(&mut bytes)?;
    } else {
        let cannot = |e: io::Error| Fatal(format!("cannot read {file}: {e}"));
        File::open(file).map_err(cannot)?.take(limit).read_to_end(&mut bytes).map_err(cannot)?;
    }
    Ok(bytes)
}

/// Warns on stderr when a request's judgement reason uses wording the language guide would
/// change (the page does the same as it is typed); the screening itself is unchanged.
fn lint_reason(bytes: &[u8]) {
    let reason = serde_json::from_slice::<serde_json::Value>(bytes)
        .ok()
        .and_then(|v| v.pointer("/professional_judgement/reason").and_then(|r| r.as_str()).map(str::to_owned));
    let Some(reason) = reason else { return };
    for f in hoth::lint::lint(&reason) {
        eprintln!("hoth: warning: the judgement's reason says \"{}\": {} Instead: {}", f.text, f.why, f.use_instead);
    }
}

/// `--ruleset` applies to commands that screen or describe a ruleset; elsewhere it is refused
/// rather than silently ignored.
fn no_ruleset_option(ruleset: &Option<PathBuf>, command: &str, instead: &str) -> Result<(), Fatal> {
    match ruleset {
        Some(_) => Err(Fatal(format!("--ruleset does not apply to `hoth {command}`: {instead}"))),
        None => Ok(()),
    }
}

fn run(cli: Cli) -> Result<ExitCode, Fatal> {
    match cli.command {
        Command::Triage { file } => {
            let ruleset = load_ruleset(&cli.ruleset)?;
            let bytes = read_input(&file)?;
            let result = hoth::ffi::triage(&ruleset, &bytes);
            let ok = result.is_ok();
            writeln!(io::stdout().lock(), "{}", result.into_string())?;
            Ok(if ok { ExitCode::SUCCESS } else { ExitCode::from(2) })
        }
        Command::Summary { file, html } => {
            let ruleset = load_ruleset(&cli.ruleset)?;
            let bytes = read_input(&file)?;
            let result = hoth::ffi::summary(&ruleset, &bytes, html);
            let ok = result.is_ok();
            let mut out = io::stdout().lock();
            match result {
                hoth::ffi::JsonResult::Ok(text) => out.write_all(text.as_bytes())?,
                hoth::ffi::JsonResult::Err(errors) => writeln!(out, "{errors}")?,
            }
            Ok(if ok { ExitCode::SUCCESS } else { ExitCode::from(2) })
        }
        Command::Screen { file, pretty, explain } => {
            let ruleset = load_ruleset(&cli.ruleset)?;
            let bytes = read_input(&file)?;
            lint_reason(&bytes);
            let mut out = io::stdout().lock();
            if explain {
                return match hoth::ffi::guard(|| hoth::screen_json(&ruleset, &bytes)) {
                    Ok(o) => {
                        out.write_all(hoth::explain::explain_outcome(&ruleset, &o).as_bytes())?;
                        Ok(ExitCode::SUCCESS)
                    }
                    Err(e) => {
                        writeln!(out, "The request has {} problem(s):\n{}", e.errors.len(), e.summary())?;
                        Ok(ExitCode::from(2))
                    }
                };
            }
            let result = if pretty { hoth::ffi::screen_pretty(&ruleset, &bytes) } else { hoth::ffi::screen(&ruleset, &bytes) };
            let ok = result.is_ok();
            writeln!(out, "{}", result.into_string())?;
            Ok(if ok { ExitCode::SUCCESS } else { ExitCode::from(2) })
        }
        Command::Batch { input, output, quiet, jobs, compact } => {
            let ruleset = load_ruleset(&cli.ruleset)?;
            let (reader, total): (Box<dyn io::BufRead>, Option<u64>) = if input == "-" {
                (Box::new(BufReader::with_capacity(1 << 16, io::stdin().lock())), None)
            } else {
                let f = File::open(&input).map_err(|e| Fatal(format!("cannot read {input}: {e}")))?;
                let len = f.metadata().ok().map(|m| m.len());
                (Box::new(BufReader::with_capacity(1 << 16, f)), len)
            };
            let writer: Box<dyn Write> = match &output {
                Some(p) => Box::new(File::create(p).map_err(|e| Fatal(format!("cannot create {}: {e}", p.display())))?),
                None => Box::new(io::stdout().lock()),
            };
            let show_progress = !quiet && io::stderr().is_terminal();
            let jobs = jobs.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
            let detail = if compact { hoth::screen::Detail::Compact } else { hoth::screen::Detail::Full };
            let options = hoth::batch::Options { jobs, detail };
            let summary = hoth::batch::run_with(&ruleset, reader, BufWriter::with_capacity(1 << 16, writer), options, |s, bytes| {
                if show_progress {
                    progress_bar(s.lines, bytes, total);
                }
            })?;
            if show_progress {
                eprintln!();
            }
            eprintln!("hoth batch: {}", summary.to_text());
            Ok(ExitCode::SUCCESS)
        }
        Command::Lint { file, json } => {
            no_ruleset_option(&cli.ruleset, "lint", "the language guide is the same for every ruleset")?;
            let mut text = String::new();
            if file == "-" {
                io::stdin().lock().read_to_string(&mut text)?;
            } else {
                text = std::fs::read_to_string(&file).map_err(|e| Fatal(format!("cannot read {file}: {e}")))?;
            }
            let findings = hoth::lint::lint(&text);
            let mut out = io::stdout().lock();
            if json {
                // The same writer, so the same bytes, as the WASM and Python lint.
                writeln!(out, "{{\"findings\":{}}}", hoth::lint::findings_json(&findings))?;
            } else {
                let name = if file == "-" { "<stdin>" } else { file.as_str() };
                for f in &findings {
                    let (line, col) = line_col(&text, f.start);
                    writeln!(
                        out,
                        "{name}:{line}:{col}: \"{}\" ({})\n    instead: {}\n    why: {}\n    source: {}",
                        f.text, f.id, f.use_instead, f.why, f.source
                    )?;
                }
                writeln!(out, "{} finding(s)", findings.len())?;
            }
            Ok(if findings.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(3) })
        }
        Command::Report { input, csv, html } => {
            no_ruleset_option(&cli.ruleset, "report", "a report reads each outcome's own record and names the rulesets that made them")?;
            let reader: Box<dyn io::BufRead> = if input == "-" {
                Box::new(BufReader::new(io::stdin().lock()))
            } else {
                Box::new(BufReader::new(File::open(&input).map_err(|e| Fatal(format!("cannot read {input}: {e}")))?))
            };
            let mut report = hoth::report::Report::new();
            let mut lines = hoth::batch::LineReader::new(reader, 1 << 20);
            let mut buf = Vec::new();
            while let Some(line) = lines.next_line(&mut buf)? {
                match line {
                    hoth::batch::Line::Text(bytes) => match serde_json::from_slice::<hoth::Outcome>(bytes) {
                        Ok(o) => report.add(&o),
                        Err(_) => report.add_error(),
                    },
                    hoth::batch::Line::TooLong(_) => report.add_error(),
                }
            }
            let made_with = report.rulesets();
            if made_with.len() > 1 {
                let each: Vec<String> = made_with.iter().map(|(id, v, _, n)| format!("{id} {v} ({n})")).collect();
                eprintln!(
                    "hoth report: warning: the outcomes come from {} rulesets: {}; compare them separately",
                    made_with.len(),
                    each.join(", ")
                );
            }
            if let Some(p) = &html {
                std::fs::write(p, report.to_html()).map_err(|e| Fatal(format!("cannot write {}: {e}", p.display())))?;
            }
            match &csv {
                Some(p) => std::fs::write(p, report.to_csv()).map_err(|e| Fatal(format!("cannot write {}: {e}", p.display())))?,
                None if html.is_none() => io::stdout().lock().write_all(report.to_csv().as_bytes())?,
                None => {}
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Schema { name } => {
            let ruleset = load_ruleset(&cli.ruleset)?;
            let text = hoth::schema::schema_text(&name, &ruleset).ok_or_else(|| Fatal(format!("no schema named {name}")))?;
            io::stdout().lock().write_all(text.as_bytes())?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Rules { command: RulesCommand::Check { file } } => {
            no_ruleset_option(&cli.ruleset, "rules check", "give the ruleset to check as its FILE")?;
            let text = std::fs::read_to_string(&file).map_err(|e| Fatal(format!("cannot read {}: {e}", file.display())))?;
            let mut out = io::stdout().lock();
            match hoth::ffi::load_ruleset(&text) {
                Ok(r) => {
                    writeln!(out, r#"{{"errors":[]}}"#)?;
                    eprintln!("{}: ruleset {} {} is valid (sha256 {})", file.display(), r.id(), r.version(), r.sha256());
                    Ok(ExitCode::SUCCESS)
                }
                Err(e) => {
                    writeln!(out, "{}", e.to_json())?;
                    eprintln!("{}: {} problem(s):\n{}", file.display(), e.errors.len(), e.summary());
                    Ok(ExitCode::from(2))
                }
            }
        }
        Command::Rules { command: RulesCommand::Diff { old, new, json } } => {
            no_ruleset_option(&cli.ruleset, "rules diff", "give the two rulesets to compare as OLD and NEW")?;
            let (old, new) = match load_both(&old, &new)? {
                Ok(both) => both,
                Err(code) => return Ok(code),
            };
            let diff = hoth::tools::diff::Diff::between(old.file(), new.file());
            let mut out = io::stdout().lock();
            if json {
                writeln!(out, "{}", diff.to_json())?;
            } else {
                out.write_all(diff.to_text().as_bytes())?;
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Rules { command: RulesCommand::Impact { old, new, screenings, csv, html } } => {
            no_ruleset_option(&cli.ruleset, "rules impact", "give the two rulesets to compare as OLD and NEW")?;
            let (old, new) = match load_both(&old, &new)? {
                Ok(both) => both,
                Err(code) => return Ok(code),
            };
            let reader: Box<dyn io::BufRead> = if screenings == "-" {
                Box::new(BufReader::with_capacity(1 << 16, io::stdin().lock()))
            } else {
                let f = File::open(&screenings).map_err(|e| Fatal(format!("cannot read {screenings}: {e}")))?;
                Box::new(BufReader::with_capacity(1 << 16, f))
            };
            let mut impact = hoth::tools::impact::Impact::new(&old, &new);
            let mut lines = hoth::batch::LineReader::new(reader, hoth::request::MAX_REQUEST_BYTES);
            let mut buf = Vec::new();
            while let Some(line) = lines.next_line(&mut buf).map_err(|e| Fatal(format!("cannot read {screenings}: {e}")))? {
                match line {
                    hoth::batch::Line::Text(bytes) => impact.add_request(bytes),
                    hoth::batch::Line::TooLong(_) => impact.add_unreadable(),
                }
            }
            if let Some(p) = &csv {
                std::fs::write(p, impact.to_csv()).map_err(|e| Fatal(format!("cannot write {}: {e}", p.display())))?;
            }
            if let Some(p) = &html {
                std::fs::write(p, impact.to_html()).map_err(|e| Fatal(format!("cannot write {}: {e}", p.display())))?;
            }
            io::stdout().lock().write_all(impact.to_text().as_bytes())?;
            eprintln!(
                "hoth rules impact: {} lines, {} changed, {} errors (not screened with either ruleset)",
                impact.lines(),
                impact.changed().len(),
                impact.errors()
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Rules { command: RulesCommand::New { name, output, schema } } => {
            let from = load_ruleset(&cli.ruleset)?;
            if let Some(p) = &output
                && p.exists()
            {
                return Err(Fatal(format!("{} already exists: give another file, or remove it first", p.display())));
            }
            let schema = match schema {
                Some(s) => s,
                None => {
                    let dir = match &output {
                        Some(p) => p.parent().map(|d| if d.as_os_str().is_empty() { PathBuf::from(".") } else { d.to_path_buf() }),
                        None => Some(PathBuf::from(".")),
                    };
                    dir.and_then(|d| schema_path_from(&d)).unwrap_or_else(|| {
                        eprintln!(
                            "hoth rules new: no schemas/ruleset.schema.json above the draft; \"$schema\" is ruleset.schema.json: save it beside the draft with `hoth schema ruleset > ruleset.schema.json` (or give --schema)"
                        );
                        "ruleset.schema.json".to_owned()
                    })
                }
            };
            let text = match hoth::tools::scaffold::scaffold(from.file(), from.sha256(), &name, &schema) {
                Ok(t) => t,
                Err(e) => {
                    writeln!(io::stdout().lock(), "{}", e.to_json())?;
                    eprintln!("hoth rules new: {}", e.summary());
                    return Ok(ExitCode::from(2));
                }
            };
            match &output {
                Some(p) => {
                    std::fs::write(p, &text).map_err(|e| Fatal(format!("cannot write {}: {e}", p.display())))?;
                    eprintln!(
                        "{}: ruleset {name} {} drafted from {} {}; every source says {} until it is confirmed",
                        p.display(),
                        hoth::tools::scaffold::DRAFT_VERSION,
                        from.id(),
                        from.version(),
                        hoth::tools::scaffold::TO_FILL_IN
                    );
                }
                None => io::stdout().lock().write_all(text.as_bytes())?,
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Rules { command: RulesCommand::Explain { file, html } } => {
            let ruleset = match (file, &cli.ruleset) {
                (Some(_), Some(_)) => return Err(Fatal("give the ruleset once: as RULESET or as --ruleset".into())),
                (Some(p), None) => {
                    let text = std::fs::read_to_string(&p).map_err(|e| Fatal(format!("cannot read ruleset {}: {e}", p.display())))?;
                    match hoth::ffi::load_ruleset(&text) {
                        Ok(r) => r,
                        Err(e) => {
                            writeln!(io::stdout().lock(), "{}", e.to_json())?;
                            eprintln!("{}: {} problem(s):\n{}", p.display(), e.errors.len(), e.summary());
                            return Ok(ExitCode::from(2));
                        }
                    }
                }
                (None, _) => load_ruleset(&cli.ruleset)?,
            };
            let text = if html { hoth::tools::ruleset_page::ruleset_html(&ruleset) } else { hoth::explain::explain_ruleset(&ruleset) };
            io::stdout().lock().write_all(text.as_bytes())?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// Reads and checks two ruleset files (OLD, NEW). An invalid one prints its error list on
/// stdout (one line per invalid file, OLD first) and names the file on stderr: exit 2.
fn load_both(old: &PathBuf, new: &PathBuf) -> Result<Result<(Ruleset, Ruleset), ExitCode>, Fatal> {
    let mut loaded = Vec::new();
    let mut invalid = false;
    for p in [old, new] {
        let text = std::fs::read_to_string(p).map_err(|e| Fatal(format!("cannot read ruleset {}: {e}", p.display())))?;
        match hoth::ffi::load_ruleset(&text) {
            Ok(r) => loaded.push(r),
            Err(e) => {
                invalid = true;
                writeln!(io::stdout().lock(), "{}", e.to_json())?;
                eprintln!("{}: {} problem(s):\n{}", p.display(), e.errors.len(), e.summary());
            }
        }
    }
    if invalid {
        return Ok(Err(ExitCode::from(2)));
    }
    let new = loaded.pop().ok_or_else(|| Fatal("no ruleset".into()))?;
    let old = loaded.pop().ok_or_else(|| Fatal("no ruleset".into()))?;
    Ok(Ok((old, new)))
}

/// The nearest `schemas/ruleset.schema.json` in `dir` or above it, as a path relative to
/// `dir` with `/` separators (what an editor resolves `$schema` against).
fn schema_path_from(dir: &std::path::Path) -> Option<String> {
    let start = std::fs::canonicalize(dir).ok()?;
    for (up, ancestor) in start.ancestors().enumerate() {
        if ancestor.join("schemas").join("ruleset.schema.json").is_file() {
            return Some(format!("{}schemas/ruleset.schema.json", "../".repeat(up)));
        }
    }
    None
}

/// 1-based line and column (in characters) of a character offset.
fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let mut line = 1;
    let mut col = 1;
    for ch in text.chars().take(offset) {
        if ch == '\n' {
            line += 1;
            col = 1;
        } else {
            col += 1;
        }
    }
    (line, col)
}

fn progress_bar(lines: u64, bytes: u64, total: Option<u64>) {
    let mut err = io::stderr().lock();
    let _ = match total {
        Some(t) if t > 0 => {
            let pct = (bytes.saturating_mul(100) / t).min(100);
            let filled = (pct / 4) as usize;
            write!(err, "\r[{}{}] {:>3}% {} lines", "#".repeat(filled), " ".repeat(25 - filled), pct, lines)
        }
        _ => write!(err, "\r{lines} lines"),
    };
}
