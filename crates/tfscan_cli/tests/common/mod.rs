//! What the configuration, gate and baseline tests share: a fresh copy of a fixture folder to
//! write into, and a way to run tfscan in a folder and read what it said.

#![allow(
    dead_code,
    reason = "each test file uses its own part of these helpers"
)]

use std::path::{Path, PathBuf};
use std::process::Command;

/// A fresh, empty-but-for-the-fixture folder under the system's temporary folder, unique to
/// `name` and this process, holding a copy of `tests/fixtures/<fixture>`.
pub fn copy_of(fixture: &str, name: &str) -> PathBuf {
    let folder = std::env::temp_dir().join(format!("tfscan-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&folder);
    std::fs::create_dir_all(&folder).expect("a temporary folder");
    let source = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(fixture);
    for entry in std::fs::read_dir(source).expect("the fixture folder") {
        let entry = entry.expect("a fixture file");
        std::fs::copy(entry.path(), folder.join(entry.file_name())).expect("copied");
    }
    folder
}

/// A fresh folder under the system's temporary folder, unique to `name` and this process,
/// holding `files` (path inside it, text).
pub fn folder_with(name: &str, files: &[(&str, &str)]) -> PathBuf {
    let folder = std::env::temp_dir().join(format!("tfscan-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&folder);
    for (path, text) in files {
        let path = folder.join(path);
        std::fs::create_dir_all(path.parent().expect("a parent")).expect("folder made");
        std::fs::write(path, text).expect("file written");
    }
    folder
}

/// What one run of tfscan gave.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// The JSON report on stdout.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|error| panic!("not JSON ({error}): {}\n{}", self.stdout, self.stderr))
    }

    /// The (check ID, resource) pairs of one list of the JSON report, sorted.
    pub fn results(&self, list: &str) -> Vec<(String, String)> {
        let report = self.json();
        let mut pairs: Vec<(String, String)> = report["results"][list]
            .as_array()
            .expect("a list of results")
            .iter()
            .map(|row| {
                (
                    row["check_id"].as_str().unwrap_or_default().to_string(),
                    row["resource"].as_str().unwrap_or_default().to_string(),
                )
            })
            .collect();
        pairs.sort();
        pairs
    }

    /// The check IDs of the failed results, sorted.
    pub fn failed_ids(&self) -> Vec<String> {
        let mut ids: Vec<String> = self
            .results("failed_checks")
            .into_iter()
            .map(|(id, _)| id)
            .collect();
        ids.dedup();
        ids
    }
}

/// Runs tfscan in `folder` with `args`, on a fixed date.
pub fn tfscan(folder: &Path, args: &[&str]) -> Run {
    let output = Command::new(env!("CARGO_BIN_EXE_tfscan"))
        .args(args)
        .current_dir(folder)
        .env("SOURCE_DATE_EPOCH", "1767225600")
        .output()
        .expect("tfscan runs");
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// Writes `text` to `name` in `folder`.
pub fn write(folder: &Path, name: &str, text: &str) {
    std::fs::write(folder.join(name), text).expect("written");
}
