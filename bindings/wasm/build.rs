//! Pins the Tees ruleset that the core module reads without checking it again.
//!
//! The core module (this crate) has no validator, probes or language lint: those are in the
//! checker module (`bindings/wasm-checker`), loaded only when a page asks for them. So the
//! Tees ruleset is checked here instead, natively and in full, every time the module is
//! built: `seeds/tees-hoth.ruleset.json` (compiled into the native library) is validated,
//! probed for the safety floor and its wording linted against the language guide. A ruleset
//! that fails stops the build with every error. The SHA-256 of the checked ruleset's
//! canonical JSON (what `versions()` and every outcome report as `ruleset.sha256`) is written
//! to `$OUT_DIR/tees_sha256.rs`; at run time the core compiles the ruleset it is given only
//! when its canonical JSON has exactly that SHA-256 (`Ruleset::from_json_prechecked`).

use std::io::Write as _;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    // Rerun when the ruleset changes: it is compiled into the native library this script
    // uses, so a change rebuilds that library, which reruns this script.
    let tees = match hoth::Ruleset::from_json(hoth::ruleset::TEES_RULESET_JSON) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("seeds/tees-hoth.ruleset.json does not pass the full check, so it cannot be pinned:\n{}", e.summary());
            std::process::exit(1);
        }
    };
    let out = std::path::Path::new(&std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR")).join("tees_sha256.rs");
    let mut file = std::fs::File::create(&out).expect("OUT_DIR is writable");
    writeln!(
        file,
        "/// SHA-256 of the canonical JSON of the Tees ruleset checked in full when this module was built.\npub const TEES_SHA256: &str = {:?};",
        tees.sha256()
    )
    .expect("OUT_DIR is writable");
}
