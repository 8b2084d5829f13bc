//! The engine's modules form layers, and every import points down (ARCHITECTURE.md):
//! `json` → `contract` → `lint` → `ruleset` → `screen` → `tools` → `ffi`. This test reads
//! the sources and fails on any `crate::` path from a module to a layer above its own,
//! so an import cycle between layers cannot come back unnoticed.

use std::path::Path;

const LAYERS: [&str; 7] = ["json", "contract", "lint", "ruleset", "screen", "tools", "ffi"];

fn layer_of(module: &str) -> Option<usize> {
    LAYERS.iter().position(|l| *l == module)
}

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn every_import_points_down() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut problems = Vec::new();
    let mut checked = 0;
    for file in &files {
        let rel = file.strip_prefix(&src).unwrap().to_string_lossy().replace('\\', "/");
        let top = rel.split('/').next().unwrap().trim_end_matches(".rs");
        let Some(own) = layer_of(top) else { continue }; // lib.rs re-exports every layer
        checked += 1;
        let text = std::fs::read_to_string(file).unwrap();
        // Unit tests may reach anywhere; doc comments and comments are not imports.
        let code = text.split("#[cfg(test)]").next().unwrap();
        for (n, line) in code.lines().enumerate() {
            let line = line.trim_start();
            if line.starts_with("//") {
                continue;
            }
            for (at, _) in line.match_indices("crate::") {
                let path = &line[at + "crate::".len()..];
                let name: String = path.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
                // A name that is not a layer is one of lib.rs's re-exports: the top of the
                // crate, so code inside it names the layer a thing lives in instead.
                let theirs = layer_of(&name).unwrap_or(LAYERS.len());
                if theirs > own {
                    problems.push(format!("{rel}:{}: layer {top} imports crate::{name}, which is above it", n + 1));
                }
            }
        }
    }
    assert!(checked > 20, "only {checked} source files found under {}", src.display());
    assert!(problems.is_empty(), "imports that point up:\n{}", problems.join("\n"));
}
