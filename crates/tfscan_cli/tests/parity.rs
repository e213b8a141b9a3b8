//! Parity with Checkov: scans every scan root of ../shared/corpus with the real command line
//! and compares, row by row, with what Checkov 3.3.30 said (../shared/corpus-expected), for
//! the checks tfscan has. A row is keyed by (check_id, resource, file_path); rows Checkov
//! itself is not stable on (UNSTABLE.tsv) are left out. Prints agreement overall, for
//! resources outside and inside modules, and per check; writes every difference to
//! target/parity-differences.tsv; fails below the floors written here.
//!
//! Known differences, counted apart and not against the floors:
//! - `count = 0` / empty `for_each`: Terraform creates nothing and tfscan reports nothing
//!   (the report lists the block under `not_created`); Checkov still reports the block.
//! - Null variables: a variable whose value is null (often a module's `default = null`) means
//!   "not set" in Terraform, and tfscan judges it so; Checkov leaves such a variable unresolved
//!   and judges the text `var.x` instead (so `kms_key_id = var.kms_key_id` passes a "KMS key
//!   is set" check). A difference is put down to this when tfscan's verdict changes under
//!   `--unresolved-null-variables`, which reads such variables as unknown.
//!
//! Instance keys: Checkov expands `count` (`x[0]`, `x[1]`) but mostly not `for_each` on
//! resources (one row `x` for the block), while tfscan reports every instance as Terraform
//! addresses it (`x["a"]`, `x["b"]`). So rows are compared per block: the last instance key of
//! the resource is dropped on both sides, and the block agrees when both sides give the same
//! set of verdicts. Module call keys (`module.m["k"].`) are kept: both sides expand those.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

/// Agreement on terragoat's AWS folder, in percent of rows.
const FLOOR_TERRAGOAT_AWS: f64 = 0.0;
/// Agreement over the whole corpus for resources outside modules.
const FLOOR_OUTSIDE_MODULES: f64 = 0.0;
/// Same line range, in percent of agreeing rows.
const FLOOR_LINES: f64 = 99.0;

type Key = (String, String, String);

/// Per block: the verdicts of its instances and the line range.
#[derive(Default)]
struct Block {
    results: BTreeSet<String>,
    lines: (i64, i64),
}

/// The resource without the instance key of its last step: `module.a["k"].x.y[0]` gives
/// `module.a["k"].x.y`.
fn fold(resource: &str) -> &str {
    let last_dot = resource.rfind("].").map_or(0, |position| position + 2);
    match resource[last_dot..].find('[') {
        Some(bracket) => &resource[..last_dot + bracket],
        None => resource,
    }
}

#[derive(Default, Clone, Copy)]
struct Tally {
    agree: usize,
    disagree: usize,
    only_checkov: usize,
    only_tfscan: usize,
    same_lines: usize,
    /// tfscan said UNKNOWN where Checkov gave a verdict (counted as a difference too).
    unknown: usize,
    /// Known differences (see the top of this file): not counted in the total.
    known: usize,
}

impl Tally {
    fn total(&self) -> usize {
        self.agree + self.disagree + self.only_checkov + self.only_tfscan
    }

    fn percent(&self) -> f64 {
        if self.total() == 0 {
            100.0
        } else {
            self.agree as f64 * 100.0 / self.total() as f64
        }
    }

    fn lines_percent(&self) -> f64 {
        if self.agree == 0 {
            100.0
        } else {
            self.same_lines as f64 * 100.0 / self.agree as f64
        }
    }

    fn add(&mut self, other: &Tally) {
        self.agree += other.agree;
        self.disagree += other.disagree;
        self.only_checkov += other.only_checkov;
        self.only_tfscan += other.only_tfscan;
        self.same_lines += other.same_lines;
        self.unknown += other.unknown;
        self.known += other.known;
    }

    fn line(&self, label: &str) -> String {
        format!(
            "{label:<30} {:>6.2}% of {:>5}  (agree {}, differ {}, only Checkov {}, only tfscan {}, \
             tfscan unknown {}; same lines {:.2}%; known differences {})",
            self.percent(),
            self.total(),
            self.agree,
            self.disagree,
            self.only_checkov,
            self.only_tfscan,
            self.unknown,
            self.lines_percent(),
            self.known
        )
    }
}

fn shared() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared")
}

/// The blocks of a report by key (resource folded, see [`fold`]), for the checks tfscan has.
fn rows(report: &Value, checks: &BTreeSet<&str>) -> BTreeMap<Key, Block> {
    let mut rows: BTreeMap<Key, Block> = BTreeMap::new();
    let Some(results) = report.get("results") else {
        return rows;
    };
    for list in [
        "passed_checks",
        "failed_checks",
        "skipped_checks",
        "unknown_checks",
    ] {
        for row in results
            .get(list)
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let text = |name: &str| {
                row.get(name)
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_string()
            };
            let check_id = text("check_id");
            if !checks.contains(check_id.as_str()) {
                continue;
            }
            let result = row["check_result"]["result"]
                .as_str()
                .unwrap_or_default()
                .to_string();
            let range = &row["file_line_range"];
            let lines = (
                range[0].as_i64().unwrap_or(0),
                range[1].as_i64().unwrap_or(0),
            );
            let resource = fold(&text("resource")).to_string();
            let block = rows
                .entry((check_id, resource, text("file_path")))
                .or_default();
            block.results.insert(result);
            block.lines = lines;
        }
    }
    rows
}

#[test]
fn agrees_with_checkov_on_the_corpus() {
    let shared = shared();
    let expected_root = shared.join("corpus-expected");
    if !expected_root.is_dir() {
        println!(
            "SKIPPED: {} is absent, so parity with Checkov is not measured",
            expected_root.display()
        );
        return;
    }
    let checks: BTreeSet<&str> = tfscan_core::checks::all()
        .iter()
        .map(|check| check.id)
        .collect();
    let unstable: BTreeSet<(String, String, String, String)> =
        std::fs::read_to_string(expected_root.join("UNSTABLE.tsv"))
            .unwrap_or_default()
            .lines()
            .skip(1)
            .filter_map(|line| {
                let fields: Vec<&str> = line.split('\t').collect();
                (fields.len() >= 4).then(|| {
                    (
                        fields[0].to_string(),
                        fields[1].to_string(),
                        fields[2].to_string(),
                        fields[3].to_string(),
                    )
                })
            })
            .collect();

    let mut reports: Vec<PathBuf> = Vec::new();
    for repository in std::fs::read_dir(&expected_root)
        .unwrap()
        .filter_map(Result::ok)
    {
        if repository.path().is_dir() {
            for report in std::fs::read_dir(repository.path())
                .unwrap()
                .filter_map(Result::ok)
            {
                reports.push(report.path());
            }
        }
    }
    reports.sort();

    let mut outside = Tally::default();
    let mut inside = Tally::default();
    let mut terragoat_aws = Tally::default();
    let mut per_check: BTreeMap<String, Tally> = BTreeMap::new();
    let mut differences =
        String::from("report\tkind\tcheck_id\tresource\tfile_path\tcheckov\ttfscan\n");

    for report_path in &reports {
        let repository = report_path
            .parent()
            .unwrap()
            .file_name()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        let stem = report_path
            .file_stem()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        let report_name = format!("{repository}/{stem}.json");
        let root = if stem == "_root_" {
            shared.join("corpus").join(&repository)
        } else {
            shared
                .join("corpus")
                .join(&repository)
                .join(stem.replace("__", "/"))
        };
        let output = Command::new(env!("CARGO_BIN_EXE_tfscan"))
            .args(["-d", &root.to_string_lossy(), "-o", "json", "--compact"])
            .output()
            .expect("tfscan runs");
        assert!(
            output.status.code().is_some_and(|code| code < 2),
            "tfscan failed on {}: {}",
            root.display(),
            String::from_utf8_lossy(&output.stderr)
        );
        let ours: Value = serde_json::from_slice(&output.stdout).expect("tfscan prints JSON");
        let compatible = Command::new(env!("CARGO_BIN_EXE_tfscan"))
            .args(["-d", &root.to_string_lossy(), "-o", "json", "--compact", "--unresolved-null-variables"])
            .output()
            .expect("tfscan runs");
        let compatible: Value = serde_json::from_slice(&compatible.stdout).expect("tfscan prints JSON");
        let compatible = rows(&compatible, &checks);
        let theirs: Value =
            serde_json::from_str(&std::fs::read_to_string(report_path).unwrap()).unwrap();
        let not_created: Vec<String> = ours["not_created"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|block| block["resource"].as_str().map(String::from))
            .collect();
        let is_not_created = |resource: &str| {
            not_created.iter().any(|address| {
                resource == address
                    || resource
                        .strip_prefix(address.as_str())
                        .is_some_and(|rest| rest.starts_with('.'))
            })
        };
        let ours = rows(&ours, &checks);
        let theirs = rows(&theirs, &checks);

        let keys: BTreeSet<&Key> = ours.keys().chain(theirs.keys()).collect();
        let mut tally_here = Tally::default();
        for key in keys {
            if unstable.contains(&(
                report_name.clone(),
                key.0.clone(),
                key.1.clone(),
                key.2.clone(),
            )) {
                continue;
            }
            let mut tally = Tally::default();
            let only_unknown =
                |block: &Block| block.results.iter().all(|result| result == "UNKNOWN");
            let null_variable = ours.get(key).map(|block| &block.results)
                != compatible.get(key).map(|block| &block.results);
            match (theirs.get(key), ours.get(key)) {
                (Some(checkov), Some(tfscan)) if checkov.results == tfscan.results => {
                    tally.agree = 1;
                    tally.same_lines = usize::from(checkov.lines == tfscan.lines);
                }
                (Some(_), Some(_)) if null_variable => tally.known = 1,
                (Some(_), Some(tfscan)) => {
                    tally.disagree = 1;
                    tally.unknown = usize::from(tfscan.results.contains("UNKNOWN"));
                }
                (Some(_), None) if is_not_created(&key.1) || null_variable => tally.known = 1,
                (Some(_), None) => tally.only_checkov = 1,
                // Neither gave a verdict: Checkov reported nothing, tfscan said it cannot know.
                (None, Some(tfscan)) if only_unknown(tfscan) => continue,
                (None, Some(_)) if null_variable => tally.known = 1,
                (None, Some(_)) => tally.only_tfscan = 1,
                (None, None) => unreachable!(),
            }
            if tally.agree == 0 {
                let show = |row: Option<&Block>| {
                    row.map_or("-".to_string(), |row| {
                        row.results.iter().cloned().collect::<Vec<_>>().join("+")
                    })
                };
                let kind = if tally.known > 0 {
                    "known: count = 0"
                } else {
                    "difference"
                };
                differences.push_str(&format!(
                    "{report_name}\t{kind}\t{}\t{}\t{}\t{}\t{}\n",
                    key.0,
                    key.1,
                    key.2,
                    show(theirs.get(key)),
                    show(ours.get(key))
                ));
            }
            if key.1.starts_with("module.") {
                &mut inside
            } else {
                &mut outside
            }
            .add(&tally);
            per_check.entry(key.0.clone()).or_default().add(&tally);
            tally_here.add(&tally);
        }
        if report_name == "terragoat/terraform__aws.json" {
            terragoat_aws = tally_here;
        }
    }

    let target = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target");
    let _ = std::fs::create_dir_all(&target);
    let _ = std::fs::write(target.join("parity-differences.tsv"), &differences);

    let mut all = outside;
    all.add(&inside);
    println!(
        "\nParity with Checkov 3.3.30 over {} reports, {} checks:",
        reports.len(),
        checks.len()
    );
    println!("{}", terragoat_aws.line("terragoat/terraform/aws"));
    println!("{}", outside.line("resources outside modules"));
    println!("{}", inside.line("resources inside modules"));
    println!("{}", all.line("all rows"));
    let mut worst: Vec<(&String, &Tally)> = per_check
        .iter()
        .filter(|(_, t)| t.agree < t.total())
        .collect();
    worst.sort_by_key(|(check, tally)| (std::cmp::Reverse(tally.total() - tally.agree), *check));
    println!("\nChecks with differences (most first):");
    for (check, tally) in worst.iter().take(60) {
        println!("{}", tally.line(check));
    }
    println!("\nEvery difference: target/parity-differences.tsv");

    assert!(
        terragoat_aws.percent() >= FLOOR_TERRAGOAT_AWS,
        "terragoat AWS agreement fell below the floor"
    );
    assert!(
        outside.percent() >= FLOOR_OUTSIDE_MODULES,
        "agreement outside modules fell below the floor"
    );
    assert!(
        all.lines_percent() >= FLOOR_LINES,
        "line agreement fell below the floor"
    );
}
