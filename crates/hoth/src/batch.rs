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

/// Screens every line of `input` into `output`. `progress` is called every 16,384 lines
/// with the summary so far and the bytes read.
pub fn run<R: BufRead, W: Write>(
    ruleset: &Ruleset,
    input: R,
    mut output: W,
    mut progress: impl FnMut(&Summary, u64),
) -> io::Result<Summary> {
    let mut reader = LineReader::new(input, MAX_LINE_BYTES);
    let mut line = Vec::with_capacity(4096);
    let mut out = Vec::with_capacity(4096);
    let mut summary = Summary::default();
    while let Some(l) = reader.next_line(&mut line)? {
        summary.lines += 1;
        out.clear();
        let result = match l {
            Line::Text(bytes) => crate::ffi::guard(|| {
                let s = crate::parse_request(ruleset, bytes)?;
                let d = crate::evaluate(ruleset, &s);
                ruleset.write_outcome(&s, &d, &mut out);
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
                out.clear();
                serde_json::to_writer(&mut out, &e).map_err(io::Error::other)?;
            }
        }
        out.push(b'\n');
        output.write_all(&out)?;
        if summary.lines % 16_384 == 0 {
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
