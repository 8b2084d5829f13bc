//! Batch screening over JSON Lines: one request per line in, one outcome or error object
//! per line out, in order, with memory that does not grow with the input.
//!
//! A line longer than [`MAX_LINE_BYTES`] is not buffered: the reader skips to the next
//! newline and that line gets a `too_large` error. A bad line never stops the batch.

use std::io::{self, BufRead, Write};

use crate::contract::error::{ErrorCode, ErrorList};
use crate::contract::request::{MAX_REQUEST_BYTES, TOO_LARGE};
use crate::contract::vocab::Concern;
use crate::ruleset::Ruleset;
use crate::screen::Detail;

/// Longest line read into memory; longer lines are refused without being buffered.
pub const MAX_LINE_BYTES: usize = MAX_REQUEST_BYTES;

/// Reads lines of at most `limit` bytes, reusing one buffer.
pub struct LineReader<R> {
    inner: R,
    limit: usize,
    /// Bytes consumed so far (for progress).
    pub bytes_read: u64,
}

/// One line: its bytes, or how long it was when over the limit.
#[derive(Debug, PartialEq, Eq)]
pub enum Line<'a> {
    /// A line within the limit, without its `\n` (or `\r\n`).
    Text(&'a [u8]),
    /// A line over the limit, with its full length in bytes.
    TooLong(u64),
}

impl<R: BufRead> LineReader<R> {
    /// A reader that refuses lines over `limit` bytes.
    pub fn new(inner: R, limit: usize) -> Self {
        LineReader { inner, limit, bytes_read: 0 }
    }

    /// The next line into `buf` (cleared first); `None` at end of input.
    pub fn next_line<'b>(&mut self, buf: &'b mut Vec<u8>) -> io::Result<Option<Line<'b>>> {
        buf.clear();
        let mut total: u64 = 0;
        let mut over = false;
        loop {
            let chunk = match self.inner.fill_buf() {
                Ok(c) => c,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if chunk.is_empty() {
                if total == 0 {
                    return Ok(None);
                }
                break;
            }
            let (take, done) = match memchr::memchr(b'\n', chunk) {
                Some(p) => (p + 1, true),
                None => (chunk.len(), false),
            };
            let content = if done { &chunk[..take - 1] } else { &chunk[..take] };
            if !over && buf.len() + content.len() <= self.limit {
                buf.extend_from_slice(content);
            } else {
                over = true;
                buf.clear();
            }
            total += take as u64;
            self.inner.consume(take);
            self.bytes_read += take as u64;
            if done {
                break;
            }
        }
        if over {
            return Ok(Some(Line::TooLong(total)));
        }
        if buf.last() == Some(&b'\r') {
            buf.pop();
        }
        Ok(Some(Line::Text(buf)))
    }
}

/// Counts for the closing summary.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    /// Lines read.
    pub lines: u64,
    /// Lines that gave an outcome.
    pub outcomes: u64,
    /// Lines that gave an error list.
    pub errors: u64,
    /// Outcomes by concern, in concern order.
    pub by_concern: [u64; Concern::COUNT],
    /// Outcomes with information gaps.
    pub incomplete: u64,
}

impl Summary {
    /// A short human summary, e.g. for stderr.
    pub fn to_text(&self) -> String {
        let by: Vec<String> = Concern::ALL.iter().map(|c| format!("{}: {}", c, self.by_concern[c.index()])).collect();
        format!(
            "{} lines: {} outcomes ({}), {} incomplete, {} errors",
            self.lines,
            self.outcomes,
            by.join(", "),
            self.incomplete,
            self.errors
        )
    }
}

/// Screens one line into `out` (outcome JSON, or the error list naming the input line it
/// answers: `{"line":N,"errors":[…]}`, N counted from 1; no newline) and counts it.
fn screen_line(ruleset: &Ruleset, detail: Detail, number: u64, line: Line<'_>, out: &mut Vec<u8>, summary: &mut Summary) -> io::Result<()> {
    summary.lines += 1;
    let start = out.len();
    let result = match line {
        Line::Text(bytes) => crate::contract::error::guard(|| {
            let s = crate::screen::build::parse_request(ruleset, bytes)?;
            let d = crate::screen::eval::evaluate(ruleset, &s);
            crate::screen::render::write_outcome(ruleset, &s, &d, detail, out);
            Ok(d)
        }),
        Line::TooLong(n) => Err(ErrorList::one("", ErrorCode::TooLarge, format!("{TOO_LARGE} (this line has {n}); a line is one request"))),
    };
    match result {
        Ok(d) => {
            summary.outcomes += 1;
            summary.by_concern[d.concern.index()] += 1;
            summary.incomplete += u64::from(d.has_gaps);
        }
        Err(e) => {
            summary.errors += 1;
            out.truncate(start);
            let errors = e.to_json();
            // `{"errors":…}` with the line's number first: which line of the input it answers.
            let _ = write!(out, "{{\"line\":{number},");
            out.extend_from_slice(&errors.as_bytes()[1..]);
        }
    }
    out.push(b'\n');
    Ok(())
}

impl Summary {
    fn merge(&mut self, other: &Summary) {
        self.lines += other.lines;
        self.outcomes += other.outcomes;
        self.errors += other.errors;
        self.incomplete += other.incomplete;
        for (a, b) in self.by_concern.iter_mut().zip(other.by_concern) {
            *a += b;
        }
    }
}

/// How a batch is run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// Worker threads (at least 1).
    pub jobs: usize,
    /// Full or compact outcomes.
    pub detail: Detail,
}

impl Default for Options {
    fn default() -> Self {
        Options { jobs: 1, detail: Detail::Full }
    }
}

/// Screens every line of `input` into `output` on one thread, with full outcomes.
/// `progress` is called every 4,096 lines with the summary so far and the bytes read.
pub fn run<R: BufRead, W: Write>(ruleset: &Ruleset, input: R, output: W, progress: impl FnMut(&Summary, u64)) -> io::Result<Summary> {
    run_with(ruleset, input, output, Options::default(), progress)
}

/// Lines per chunk handed to the worker threads.
const CHUNK_LINES: usize = 4_096;

/// Up to [`CHUNK_LINES`] lines, stored end to end in one buffer.
#[derive(Default)]
struct Chunk {
    bytes: Vec<u8>,
    /// Each line's span in `bytes`, or its length when it was too long to keep.
    lines: Vec<Result<(usize, usize), u64>>,
}

impl Chunk {
    /// Refills from `reader`; false when the input is finished.
    fn fill<R: BufRead>(&mut self, reader: &mut LineReader<R>, line: &mut Vec<u8>) -> io::Result<bool> {
        self.bytes.clear();
        self.lines.clear();
        while self.lines.len() < CHUNK_LINES {
            match reader.next_line(line)? {
                Some(Line::Text(b)) => {
                    let start = self.bytes.len();
                    self.bytes.extend_from_slice(b);
                    self.lines.push(Ok((start, self.bytes.len())));
                }
                Some(Line::TooLong(n)) => self.lines.push(Err(n)),
                None => break,
            }
        }
        Ok(!self.lines.is_empty())
    }

    fn line(&self, l: &Result<(usize, usize), u64>) -> Line<'_> {
        match *l {
            Ok((start, end)) => Line::Text(&self.bytes[start..end]),
            Err(n) => Line::TooLong(n),
        }
    }
}

/// Screens every line of `input` into `output`, in input order.
///
/// With `jobs > 1` it is a three-stage pipeline over chunks of 4,096 lines: while the
/// workers screen one chunk (each its own slice, into its own buffer), this thread writes
/// the previous chunk's outcomes and reads the next chunk. So reading and writing overlap
/// screening, the output is byte-identical to one thread, and memory is bounded by three
/// chunks whatever the input size.
pub fn run_with<R: BufRead, W: Write>(
    ruleset: &Ruleset,
    input: R,
    mut output: W,
    options: Options,
    mut progress: impl FnMut(&Summary, u64),
) -> io::Result<Summary> {
    let (jobs, detail) = (options.jobs.max(1), options.detail);
    let mut reader = LineReader::new(input, MAX_LINE_BYTES);
    let mut line = Vec::with_capacity(4096);
    let mut summary = Summary::default();
    if jobs == 1 {
        let mut out = Vec::with_capacity(1 << 16);
        while let Some(l) = reader.next_line(&mut line)? {
            let number = summary.lines + 1;
            screen_line(ruleset, detail, number, l, &mut out, &mut summary)?;
            // Written in blocks of about 64 KiB rather than line by line.
            if out.len() >= 1 << 16 {
                output.write_all(&out)?;
                out.clear();
            }
            if summary.lines % CHUNK_LINES as u64 == 0 {
                progress(&summary, reader.bytes_read);
            }
        }
        output.write_all(&out)?;
    } else {
        let (mut current, mut next) = (Chunk::default(), Chunk::default());
        // Each worker's output for the chunk being screened, and for the one being written.
        let (mut screening, mut written): (Vec<Vec<u8>>, Vec<Vec<u8>>) = (vec![Vec::new(); jobs], vec![Vec::new(); jobs]);
        let mut to_write = 0;
        let mut have = current.fill(&mut reader, &mut line)?;
        while have {
            let per = current.lines.len().div_ceil(jobs);
            // The input line number of the chunk's first line, less one.
            let before = summary.lines;
            let (parts, more, wrote) = std::thread::scope(|scope| {
                let current = &current;
                let handles: Vec<_> = screening
                    .iter_mut()
                    .zip(current.lines.chunks(per))
                    .enumerate()
                    .map(|(k, (buf, lines))| {
                        scope.spawn(move || -> io::Result<Summary> {
                            buf.clear();
                            let mut part = Summary::default();
                            let first = before + (k * per) as u64 + 1;
                            for (i, l) in lines.iter().enumerate() {
                                screen_line(ruleset, detail, first + i as u64, current.line(l), buf, &mut part)?;
                            }
                            Ok(part)
                        })
                    })
                    .collect();
                let wrote = written[..to_write].iter().try_for_each(|buf| output.write_all(buf));
                let more = next.fill(&mut reader, &mut line);
                let parts: Vec<io::Result<Summary>> = handles
                    .into_iter()
                    .map(|h| h.join().unwrap_or_else(|_| Err(io::Error::other("a batch worker stopped unexpectedly"))))
                    .collect();
                (parts, more, wrote)
            });
            wrote?;
            // `parts` is as long as the slices used, so stale buffers beyond it are not written.
            to_write = parts.len();
            for part in parts {
                summary.merge(&part?);
            }
            std::mem::swap(&mut screening, &mut written);
            progress(&summary, reader.bytes_read);
            std::mem::swap(&mut current, &mut next);
            have = more?;
        }
        for buf in &written[..to_write] {
            output.write_all(buf)?;
        }
    }
    output.flush()?;
    progress(&summary, reader.bytes_read);
    Ok(summary)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parallel_output_is_byte_identical_to_one_thread() {
        let good = r#"{"local_authority":"hartlepool","child":{"age_years":14},"immediate_danger":"no","crime_suspected":"no","disclosure":"no","indicators":{"missing_overnight":"yes"}}"#;
        let mut input = String::new();
        for i in 0..40_000 {
            input.push_str(if i % 7 == 0 { "not json" } else { good });
            input.push('\n');
        }
        // An over-long line (refused unread) inside a chunk, in both paths.
        input.push_str(&"x".repeat(MAX_LINE_BYTES + 10));
        input.push('\n');
        input.push_str(good);
        let (mut one, mut four) = (Vec::new(), Vec::new());
        let a = run(Ruleset::tees(), input.as_bytes(), &mut one, |_, _| {}).unwrap();
        let b = run_with(Ruleset::tees(), input.as_bytes(), &mut four, Options { jobs: 4, detail: Detail::Full }, |_, _| {}).unwrap();
        assert_eq!(one, four);
        assert_eq!(a, b);
        assert_eq!(a.lines, 40_002);
        assert_eq!(a.errors, 40_000_usize.div_ceil(7) as u64 + 1);
    }

    #[test]
    fn long_lines_are_refused_without_buffering_and_the_next_line_is_read() {
        let mut input = vec![b'x'; 100];
        input.extend_from_slice(b"\nab\r\nlast");
        let mut r = LineReader::new(&input[..], 10);
        let mut buf = Vec::new();
        assert_eq!(r.next_line(&mut buf).unwrap(), Some(Line::TooLong(101)));
        assert!(buf.capacity() <= 64, "an over-long line must not be buffered");
        assert_eq!(r.next_line(&mut buf).unwrap(), Some(Line::Text(b"ab")));
        assert_eq!(r.next_line(&mut buf).unwrap(), Some(Line::Text(b"last")));
        assert_eq!(r.next_line(&mut buf).unwrap(), None);
    }
}
