//! Batch screening over JSON Lines: one request per line in, one outcome or error object
//! per line out, in order, with memory that does not grow with the input.
//!
//! A line longer than [`MAX_LINE_BYTES`] is not buffered: the reader skips to the next
//! newline and that line gets a `too_large` error. A bad line never stops the batch.

use std::io::{self, BufRead, Write};

use crate::error::{ErrorCode, ErrorList};
use crate::parse::MAX_REQUEST_BYTES;
use crate::ruleset::Ruleset;
use crate::vocab::Concern;

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
            let (take, done) = match chunk.iter().position(|&b| b == b'\n') {
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
    pub by_concern: [u64; 4],
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

/// Screens one line into `out` (outcome JSON or error list JSON, no newline) and counts it.
fn screen_line(ruleset: &Ruleset, line: Line<'_>, out: &mut Vec<u8>, summary: &mut Summary) -> io::Result<()> {
    summary.lines += 1;
    let start = out.len();
    let result = match line {
        Line::Text(bytes) => crate::ffi::guard(|| {
            let s = crate::parse_request(ruleset, bytes)?;
            let d = crate::evaluate(ruleset, &s);
            ruleset.write_outcome(&s, &d, out);
            Ok(d)
        }),
        Line::TooLong(n) => {
            Err(ErrorList::one("", ErrorCode::TooLarge, format!("a line may be at most {MAX_LINE_BYTES} bytes (64 KiB), got {n}")))
        }
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
            serde_json::to_writer(&mut *out, &e).map_err(io::Error::other)?;
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

/// Screens every line of `input` into `output` on one thread. `progress` is called every
/// 16,384 lines with the summary so far and the bytes read.
pub fn run<R: BufRead, W: Write>(ruleset: &Ruleset, input: R, output: W, progress: impl FnMut(&Summary, u64)) -> io::Result<Summary> {
    run_parallel(ruleset, input, output, 1, progress)
}

/// Lines per chunk handed to the worker threads.
const CHUNK_LINES: usize = 16_384;

/// Screens every line of `input` into `output` on `jobs` threads. Lines are read in chunks
/// of 16,384, screened in parallel slices, and written back in input order, so the output
/// is byte-identical to [`run`] and memory is bounded by one chunk whatever the input size.
pub fn run_parallel<R: BufRead, W: Write>(
    ruleset: &Ruleset,
    input: R,
    mut output: W,
    jobs: usize,
    mut progress: impl FnMut(&Summary, u64),
) -> io::Result<Summary> {
    let jobs = jobs.max(1);
    let mut reader = LineReader::new(input, MAX_LINE_BYTES);
    let mut line = Vec::with_capacity(4096);
    let mut summary = Summary::default();
    let mut out = Vec::with_capacity(1 << 16);
    if jobs == 1 {
        while let Some(l) = reader.next_line(&mut line)? {
            out.clear();
            screen_line(ruleset, l, &mut out, &mut summary)?;
            output.write_all(&out)?;
            if summary.lines % CHUNK_LINES as u64 == 0 {
                progress(&summary, reader.bytes_read);
            }
        }
    } else {
        // Each chunk keeps its lines as (over-long length or bytes), reused across chunks.
        let mut chunk: Vec<Result<Vec<u8>, u64>> = Vec::with_capacity(CHUNK_LINES);
        loop {
            chunk.clear();
            while chunk.len() < CHUNK_LINES {
                match reader.next_line(&mut line)? {
                    Some(Line::Text(b)) => chunk.push(Ok(b.to_vec())),
                    Some(Line::TooLong(n)) => chunk.push(Err(n)),
                    None => break,
                }
            }
            if chunk.is_empty() {
                break;
            }
            let per = chunk.len().div_ceil(jobs);
            let parts: Vec<io::Result<(Vec<u8>, Summary)>> = std::thread::scope(|scope| {
                let handles: Vec<_> = chunk
                    .chunks(per)
                    .map(|slice| {
                        scope.spawn(move || -> io::Result<(Vec<u8>, Summary)> {
                            let mut buf = Vec::with_capacity(slice.len() * 2048);
                            let mut part = Summary::default();
                            for item in slice {
                                let l = match item {
                                    Ok(b) => Line::Text(b),
                                    Err(n) => Line::TooLong(*n),
                                };
                                screen_line(ruleset, l, &mut buf, &mut part)?;
                            }
                            Ok((buf, part))
                        })
                    })
                    .collect();
                handles
                    .into_iter()
                    .map(|h| h.join().unwrap_or_else(|_| Err(io::Error::other("a batch worker stopped unexpectedly"))))
                    .collect()
            });
            for part in parts {
                let (buf, part) = part?;
                output.write_all(&buf)?;
                summary.merge(&part);
            }
            progress(&summary, reader.bytes_read);
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
        let (mut one, mut four) = (Vec::new(), Vec::new());
        let a = run(Ruleset::tees(), input.as_bytes(), &mut one, |_, _| {}).unwrap();
        let b = run_parallel(Ruleset::tees(), input.as_bytes(), &mut four, 4, |_, _| {}).unwrap();
        assert_eq!(one, four);
        assert_eq!(a, b);
        assert_eq!(a.lines, 40_000);
        assert_eq!(a.errors, 40_000_usize.div_ceil(7) as u64);
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
