//! The anchor for `hoth batch`'s speed target (design.md): a pipeline that does the least
//! any JSON Lines screener must do, on one core, measured in the same run as the engine.
//!
//! It reads the input a line at a time (`BufRead::read_until`, memchr underneath), parses
//! each line with sonic-rs (SIMD) into the contract's typed request (`hoth::Request`,
//! through its serde derive), and writes 1 KB per line to the output file. No rules, no
//! error reporting, no outcome: `hoth batch --compact` to a file should reach at least
//! 0.8× its rate.
//!
//! Usage: hoth-anchor IN.jsonl OUT

use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, Write};

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let [_, input, output] = args.as_slice() else {
        eprintln!("usage: hoth-anchor IN.jsonl OUT");
        std::process::exit(2);
    };
    let mut reader = BufReader::with_capacity(1 << 16, File::open(input)?);
    let mut writer = BufWriter::with_capacity(1 << 16, File::create(output)?);
    let filler = [b'x'; 1023];
    let (mut line, mut parsed, mut failed) = (Vec::with_capacity(4096), 0u64, 0u64);
    let mut age_total = 0u64;
    while reader.read_until(b'\n', &mut line)? > 0 {
        match sonic_rs::from_slice::<hoth::Request>(&line) {
            Ok(r) => {
                parsed += 1;
                age_total += u64::from(r.child.age_years);
            }
            Err(_) => failed += 1,
        }
        writer.write_all(&filler)?;
        writer.write_all(b"\n")?;
        line.clear();
    }
    writer.flush()?;
    // Printed so the parse cannot be optimised away.
    eprintln!("hoth-anchor: {parsed} parsed, {failed} not, ages summed {age_total}");
    Ok(())
}
