//! How fast the corpus parses: reads every Terraform file of `<shared>/corpus` into memory,
//! then parses them all five times and prints the best time, next to hcl-edit's parser alone.
//!
//! `cargo run --release -p tfscan_hcl --example corpus_speed [-- <shared folder>]`

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

fn main() {
    let shared = std::env::args_os().nth(1).map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared"),
        PathBuf::from,
    );
    let corpus = shared.join("corpus");

    let mut files = Vec::new();
    let mut folders = vec![corpus.clone()];
    while let Some(folder) = folders.pop() {
        let Ok(entries) = std::fs::read_dir(&folder) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                folders.push(path);
            } else if tfscan_hcl::is_terraform_file(&path.to_string_lossy()) {
                if let Ok(bytes) = std::fs::read(&path) {
                    files.push((path.to_string_lossy().into_owned(), bytes));
                }
            }
        }
    }
    if files.is_empty() {
        eprintln!("no Terraform files under {}", corpus.display());
        std::process::exit(2);
    }
    let bytes: usize = files.iter().map(|(_, bytes)| bytes.len()).sum();

    let mut best = Duration::MAX;
    let mut failed = 0;
    for _ in 0..5 {
        let start = Instant::now();
        failed = files
            .iter()
            .filter(|(path, bytes)| tfscan_hcl::parse_file(path, bytes).is_err())
            .count();
        best = best.min(start.elapsed());
    }
    // hcl-edit's parser alone, on the same texts, for comparison.
    let texts: Vec<String> = files
        .iter()
        .map(|(_, bytes)| String::from_utf8_lossy(bytes).into_owned())
        .collect();
    let mut parser_only = Duration::MAX;
    for _ in 0..5 {
        let start = Instant::now();
        for text in &texts {
            let _ = hcl_edit::parser::parse_body(text);
        }
        parser_only = parser_only.min(start.elapsed());
    }

    let megabytes = bytes as f64 / 1_000_000.0;
    println!(
        "{} files, {megabytes:.2} MB, {failed} failed: best of 5 {:.1} ms ({:.1} MB/s)",
        files.len(),
        best.as_secs_f64() * 1000.0,
        megabytes / best.as_secs_f64()
    );
    println!(
        "hcl-edit's parser alone: best of 5 {:.1} ms",
        parser_only.as_secs_f64() * 1000.0
    );
}
