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
//! - Policies from a data source: a policy attribute set to `data.aws_iam_policy_document.x.json`
//!   is, to Checkov, text it cannot read, so its policy checks give no row; tfscan renders the
//!   document as the AWS provider does and judges it (`policy_document_data_is_analysed` in
//!   tfscan_hcl's evaluation tests shows it). A row only tfscan gives is put down to this when
//!   the block's own lines set a policy from such a data source.
//! - Listed differences: crates/tfscan_cli/tests/parity/known-differences.tsv names rows by
//!   check, report, resource and both verdicts (`*` matches any run of characters), each with a
//!   reason from parity/reasons.tsv. A reason says who is right. Where tfscan is, the row is
//!   counted apart (Checkov is wrong, and a named test shows tfscan's answer and why); where
//!   Checkov is, the row still counts against the floors: the list only explains it. An entry
//!   that matches no row fails the test, so the list cannot go stale.
//!
//! Instance keys: Checkov expands `count` (`x[0]`, `x[1]`) but mostly not `for_each`, neither
//! on resources nor on module calls whose `for_each` it cannot evaluate (one row `x` for the
//! block), while tfscan reports every instance as Terraform addresses it (`x["a"]`, `x["b"]`,
//! `module.m["k"].x`). So rows are compared per block: every instance key is dropped on both
//! sides, and the block agrees when both sides give the same set of verdicts.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

/// Agreement on terragoat's AWS folder, in percent of rows (100% measured).
const FLOOR_TERRAGOAT_AWS: f64 = 99.5;
/// Agreement over the whole corpus for resources outside modules (100% measured).
const FLOOR_OUTSIDE_MODULES: f64 = 99.8;
/// Agreement over every row, inside modules too (100% measured).
const FLOOR_ALL_ROWS: f64 = 99.9;
/// Agreement for each check, over all its rows.
const FLOOR_PER_CHECK: f64 = 99.0;
/// Checks below [`FLOOR_PER_CHECK`], each with why (their rows are listed differences where
/// Checkov is right, in parity/known-differences.tsv). A check here that reaches the floor
/// fails the test, so the list cannot go stale.
const BELOW_PER_CHECK_FLOOR: &[(&str, &str)] = &[];
/// Same line range, in percent of agreeing rows.
const FLOOR_LINES: f64 = 99.0;

type Key = (String, String, String);

/// Per block: the verdicts of its instances and the line range.
#[derive(Default)]
struct Block {
    results: BTreeSet<String>,
    lines: (i64, i64),
}

/// The resource without its instance keys: `module.a["k"].x.y[0]` gives `module.a.x.y`.
fn fold(resource: &str) -> String {
    let mut folded = String::with_capacity(resource.len());
    let mut depth = 0usize;
    let mut quoted = false;
    for character in resource.chars() {
        match character {
            '"' if depth > 0 => quoted = !quoted,
            '[' if !quoted => depth += 1,
            ']' if !quoted && depth > 0 => depth -= 1,
            _ if depth == 0 => folded.push(character),
            _ => {}
        }
    }
    folded
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
    /// Listed differences where Checkov is right: counted in the total, explained in the list.
    explained: usize,
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
        self.explained += other.explained;
    }

    fn line(&self, label: &str) -> String {
        format!(
            "{label:<30} {:>6.2}% of {:>5}  (agree {}, differ {}, only Checkov {}, only tfscan {}, \
             tfscan unknown {}; same lines {:.2}%; known differences {}; explained {})",
            self.percent(),
            self.total(),
            self.agree,
            self.disagree,
            self.only_checkov,
            self.only_tfscan,
            self.unknown,
            self.lines_percent(),
            self.known,
            self.explained
        )
    }
}

/// Who is right about a listed difference.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Right {
    Tfscan,
    Checkov,
}

struct Reason {
    right: Right,
}

/// One line of parity/known-differences.tsv.
struct Listed {
    line: usize,
    check: String,
    report: String,
    resource: String,
    checkov: String,
    tfscan: String,
    reason: String,
    used: std::cell::Cell<usize>,
}

/// `*` matches any run of characters, everything else itself.
fn glob(pattern: &str, text: &str) -> bool {
    let Some((head, rest)) = pattern.split_once('*') else {
        return pattern == text;
    };
    let Some(mut remaining) = text.strip_prefix(head) else {
        return false;
    };
    let pieces: Vec<&str> = rest.split('*').collect();
    let Some((last, middle)) = pieces.split_last() else {
        return true;
    };
    for piece in middle {
        match remaining.find(piece) {
            Some(at) => remaining = &remaining[at + piece.len()..],
            None => return false,
        }
    }
    remaining.len() >= last.len() && remaining.ends_with(last)
}

fn tsv_lines(path: &Path) -> Vec<(usize, Vec<String>)> {
    std::fs::read_to_string(path)
        .unwrap_or_else(|error| panic!("{}: {error}", path.display()))
        .lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty() && !line.starts_with('#'))
        .map(|(index, line)| (index + 1, line.split('\t').map(str::to_string).collect()))
        .collect()
}

/// parity/reasons.tsv: reason, right (tfscan or checkov), test, explanation. A reason where
/// tfscan is right names a test (`file::function`, the file under crates/) that must exist.
fn reasons() -> BTreeMap<String, Reason> {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/parity");
    let mut reasons = BTreeMap::new();
    for (line, fields) in tsv_lines(&folder.join("reasons.tsv")) {
        assert!(fields.len() == 4, "reasons.tsv:{line}: expected 4 fields");
        let right = match fields[1].as_str() {
            "tfscan" => Right::Tfscan,
            "checkov" => Right::Checkov,
            other => panic!("reasons.tsv:{line}: right is tfscan or checkov, not {other}"),
        };
        if right == Right::Tfscan {
            let (file, function) = fields[2]
                .split_once("::")
                .unwrap_or_else(|| panic!("reasons.tsv:{line}: test is file::function"));
            let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join(file);
            let source = std::fs::read_to_string(&path)
                .unwrap_or_else(|error| panic!("reasons.tsv:{line}: {}: {error}", path.display()));
            assert!(
                source.contains(&format!("fn {function}(")),
                "reasons.tsv:{line}: no test {function} in {file}"
            );
        }
        assert!(
            fields[3].len() > 20,
            "reasons.tsv:{line}: the explanation is missing"
        );
        reasons.insert(fields[0].clone(), Reason { right });
    }
    reasons
}

fn listed(reasons: &BTreeMap<String, Reason>) -> Vec<Listed> {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/parity");
    tsv_lines(&folder.join("known-differences.tsv"))
        .into_iter()
        .map(|(line, fields)| {
            assert!(
                fields.len() == 6,
                "known-differences.tsv:{line}: expected 6 fields"
            );
            assert!(
                reasons.contains_key(&fields[5]),
                "known-differences.tsv:{line}: unknown reason {}",
                fields[5]
            );
            Listed {
                line,
                check: fields[0].clone(),
                report: fields[1].clone(),
                resource: fields[2].clone(),
                checkov: fields[3].clone(),
                tfscan: fields[4].clone(),
                reason: fields[5].clone(),
                used: std::cell::Cell::new(0),
            }
        })
        .collect()
}

/// True when the block at `lines` of `file` (relative to the scan root, as reports write it) sets
/// a policy attribute from an `aws_iam_policy_document` data source.
fn policy_from_data_source(root: &Path, file: &str, lines: (i64, i64)) -> bool {
    let Ok(text) = std::fs::read_to_string(root.join(file.trim_start_matches('/'))) else {
        return false;
    };
    let first = usize::try_from(lines.0.max(1) - 1).unwrap_or(0);
    let count = usize::try_from(lines.1 - lines.0 + 1).unwrap_or(0);
    text.lines().skip(first).take(count).any(|line| {
        let line = line.trim_start();
        (line.starts_with("policy") || line.starts_with("assume_role_policy"))
            && line.contains("data.aws_iam_policy_document.")
    })
}

/// ../shared beside the repository, or the folder named by TFSCAN_SHARED.
fn shared() -> PathBuf {
    std::env::var_os("TFSCAN_SHARED").map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared"),
        PathBuf::from,
    )
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
            let resource = fold(&text("resource"));
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

    let reasons = reasons();
    let listed = listed(&reasons);

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
            .args([
                "-d",
                &root.to_string_lossy(),
                "-o",
                "json",
                "--compact",
                "--unresolved-null-variables",
            ])
            .output()
            .expect("tfscan runs");
        let compatible: Value =
            serde_json::from_slice(&compatible.stdout).expect("tfscan prints JSON");
        let compatible = rows(&compatible, &checks);
        let theirs: Value =
            serde_json::from_str(&std::fs::read_to_string(report_path).unwrap()).unwrap();
        let not_created: Vec<String> = ours["not_created"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|block| block["resource"].as_str().map(fold))
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
            let mut policy_data = false;
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
                (None, Some(tfscan)) if policy_from_data_source(&root, &key.2, tfscan.lines) => {
                    tally.known = 1;
                    policy_data = true;
                }
                (None, Some(_)) => tally.only_tfscan = 1,
                (None, None) => unreachable!(),
            }
            let show = |row: Option<&Block>| {
                row.map_or("-".to_string(), |row| {
                    row.results.iter().cloned().collect::<Vec<_>>().join("+")
                })
            };
            let mut listed_reason = None;
            if tally.agree == 0 && tally.known == 0 {
                let (checkov, tfscan) = (show(theirs.get(key)), show(ours.get(key)));
                if let Some(entry) = listed.iter().find(|entry| {
                    glob(&entry.check, &key.0)
                        && glob(&entry.report, &report_name)
                        && glob(&entry.resource, &key.1)
                        && glob(&entry.checkov, &checkov)
                        && glob(&entry.tfscan, &tfscan)
                }) {
                    entry.used.set(entry.used.get() + 1);
                    listed_reason = Some(entry.reason.as_str());
                    if reasons[&entry.reason].right == Right::Tfscan {
                        tally = Tally {
                            known: 1,
                            ..Tally::default()
                        };
                    } else {
                        tally.explained = 1;
                    }
                }
            }
            if tally.agree == 0 {
                let kind = match (listed_reason, tally.known > 0, null_variable) {
                    (Some(reason), _, _) => format!("listed: {reason}"),
                    (None, true, _) if policy_data => {
                        "known: policy from a data source".to_string()
                    }
                    (None, true, true) => "known: null variable".to_string(),
                    (None, true, false) => "known: count = 0".to_string(),
                    _ => "difference".to_string(),
                };
                let _ = writeln!(
                    differences,
                    "{report_name}\t{kind}\t{}\t{}\t{}\t{}\t{}",
                    key.0,
                    key.1,
                    key.2,
                    show(theirs.get(key)),
                    show(ours.get(key))
                );
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

    let stale: Vec<String> = listed
        .iter()
        .filter(|entry| entry.used.get() == 0)
        .map(|entry| format!("known-differences.tsv:{}", entry.line))
        .collect();
    assert!(
        stale.is_empty(),
        "listed differences that no longer occur (remove them): {stale:?}"
    );

    assert!(
        terragoat_aws.percent() >= FLOOR_TERRAGOAT_AWS,
        "terragoat AWS agreement fell below the floor"
    );
    assert!(
        outside.percent() >= FLOOR_OUTSIDE_MODULES,
        "agreement outside modules fell below the floor"
    );
    assert!(
        all.percent() >= FLOOR_ALL_ROWS,
        "agreement over all rows fell below the floor"
    );
    assert!(
        all.lines_percent() >= FLOOR_LINES,
        "line agreement fell below the floor"
    );
    let below: Vec<String> = per_check
        .iter()
        .filter(|(check, tally)| {
            let excepted = BELOW_PER_CHECK_FLOOR.iter().any(|(id, _)| id == check);
            (tally.percent() < FLOOR_PER_CHECK) != excepted
        })
        .map(|(check, tally)| tally.line(check))
        .collect();
    assert!(
        below.is_empty(),
        "checks below the per-check floor of {FLOOR_PER_CHECK}% (or listed as below it and now above): {below:#?}"
    );
}
