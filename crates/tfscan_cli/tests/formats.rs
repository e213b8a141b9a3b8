//! Every report format on a fixed small folder (tests/fixtures/report): byte-for-byte
//! snapshots in tests/snapshots, the same bytes on a second run, SARIF valid against the SARIF
//! 2.1.0 schema and JUnit XML valid against the JUnit XSD in tests/schemas.
//!
//! After an intended change to a format, run with `UPDATE_SNAPSHOTS=1` and read the diff.

mod xsd;

use std::path::PathBuf;
use std::process::Command;

const FORMATS: [(&str, &str); 7] = [
    ("cli", "txt"),
    ("json", "json"),
    ("sarif", "sarif"),
    ("junitxml", "xml"),
    ("csv", "csv"),
    ("markdown", "md"),
    ("github_failed_only", "md"),
];

fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The report of the fixture folder in one format, made on a fixed date, run from the crate's
/// folder as a CI job runs from a repository's root; the crate's absolute path (in
/// `file_abs_path`) reads as `<crate>`.
fn render(format: &str) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_tfscan"))
        .current_dir(manifest_dir())
        .args(["-d", "tests/fixtures/report"])
        .args(["-o", format])
        .env("SOURCE_DATE_EPOCH", "1767225600")
        .output()
        .expect("tfscan runs");
    assert_eq!(
        output.status.code(),
        Some(1),
        "a check fails in the fixture"
    );
    String::from_utf8(output.stdout)
        .expect("the report is UTF-8")
        .replace(
            &manifest_dir().to_string_lossy().replace('\\', "/"),
            "<crate>",
        )
}

#[test]
fn every_format_matches_its_snapshot_and_is_deterministic() {
    let update = std::env::var_os("UPDATE_SNAPSHOTS").is_some();
    let mut mismatched = Vec::new();
    for (format, extension) in FORMATS {
        let text = render(format);
        assert_eq!(text, render(format), "{format} differs between two runs");
        let snapshot = manifest_dir().join(format!("tests/snapshots/report.{format}.{extension}"));
        if update {
            std::fs::create_dir_all(snapshot.parent().unwrap()).unwrap();
            std::fs::write(&snapshot, &text).unwrap();
            continue;
        }
        let expected = std::fs::read_to_string(&snapshot).unwrap_or_else(|_| {
            panic!(
                "{} is missing: run with UPDATE_SNAPSHOTS=1",
                snapshot.display()
            )
        });
        if text != expected {
            mismatched.push(format);
        }
    }
    assert!(
        mismatched.is_empty(),
        "formats differ from their snapshots: {mismatched:?}"
    );
}

/// The SARIF 2.1.0 schema shipped in the serde-sarif crate (a dev-dependency, so its source
/// is in Cargo's registry folder), so that nothing is fetched at test time.
fn sarif_schema() -> serde_json::Value {
    let cargo_home = std::env::var_os("CARGO_HOME").map_or_else(
        || PathBuf::from(std::env::var_os("HOME").expect("HOME is set")).join(".cargo"),
        PathBuf::from,
    );
    let registries = std::fs::read_dir(cargo_home.join("registry/src")).expect("Cargo's registry");
    let schema_path = registries
        .filter_map(Result::ok)
        .flat_map(|registry| std::fs::read_dir(registry.path()).into_iter().flatten())
        .filter_map(Result::ok)
        .filter(|package| {
            package
                .file_name()
                .to_string_lossy()
                .starts_with("serde-sarif-0.8.")
        })
        .map(|package| package.path().join("src/schema.json"))
        .find(|path| path.is_file())
        .expect("serde-sarif's schema.json (a dev-dependency) is in Cargo's registry");
    let mut schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(schema_path).unwrap()).unwrap();
    // The 2.1.0 schema's pattern for `language` (of a run and of a tool component) has a
    // stray `]` that a strict validator refuses to compile; the SARIF errata correct it to
    // this form. tfscan writes no language, so the correction changes no verdict here.
    let corrected = correct_language_patterns(&mut schema);
    assert!(corrected >= 2, "the schema's language patterns were found");
    assert_eq!(
        schema["title"],
        "Static Analysis Results Format (SARIF) Version 2.1.0 JSON Schema"
    );
    schema
}

/// Replaces the malformed `language` pattern everywhere in the schema; returns how many.
fn correct_language_patterns(value: &mut serde_json::Value) -> usize {
    const MALFORMED: &str = "^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$";
    match value {
        serde_json::Value::Object(map) => {
            let mut count = 0;
            if map.get("pattern").and_then(serde_json::Value::as_str) == Some(MALFORMED) {
                map.insert("pattern".into(), "^[a-zA-Z]{2}(-[a-zA-Z]{2})?$".into());
                count += 1;
            }
            count
                + map
                    .values_mut()
                    .map(correct_language_patterns)
                    .sum::<usize>()
        }
        serde_json::Value::Array(items) => items.iter_mut().map(correct_language_patterns).sum(),
        _ => 0,
    }
}

#[test]
fn sarif_is_valid_against_the_sarif_2_1_0_schema() {
    let schema = sarif_schema();
    let validator = jsonschema::validator_for(&schema).expect("the schema compiles");
    let sarif: serde_json::Value = serde_json::from_str(&render("sarif")).unwrap();
    let problems: Vec<String> = validator
        .iter_errors(&sarif)
        .map(|error| format!("{} at {}", error, error.instance_path()))
        .collect();
    assert!(problems.is_empty(), "{problems:#?}");

    // What the issue asks of the SARIF: rules with help, regions from line 1, skips as
    // in-source suppressions with their reason.
    let run = &sarif["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    assert!(rules.iter().all(|rule| rule["help"]["text"]
        .as_str()
        .is_some_and(|t| t.contains("Fix:"))));
    let results = run["results"].as_array().unwrap();
    assert!(results.iter().all(|result| {
        result["locations"][0]["physicalLocation"]["region"]["startLine"].as_u64() >= Some(1)
    }));
    let suppressed = results
        .iter()
        .find(|result| result["suppressions"].is_array())
        .expect("the skipped check is a suppressed result");
    assert_eq!(suppressed["ruleId"], "CKV_AWS_260");
    assert_eq!(suppressed["suppressions"][0]["kind"], "inSource");
    assert_eq!(
        suppressed["suppressions"][0]["justification"],
        "the public \"web\" server, reviewed | approved"
    );

    // The validator does catch what SARIF forbids.
    let mut broken = sarif.clone();
    broken["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] =
        serde_json::json!(0);
    assert!(!validator.is_valid(&broken), "line 0 must be refused");
}

fn junit_problems(xml: &str) -> Vec<String> {
    let xsd_text =
        std::fs::read_to_string(manifest_dir().join("tests/schemas/junit-10.xsd")).unwrap();
    let xsd_document = roxmltree::Document::parse(&xsd_text).unwrap();
    let schema = xsd::Schema::new(&xsd_document);
    let document = roxmltree::Document::parse(xml).expect("well-formed XML");
    schema.validate(&document)
}

#[test]
fn junit_is_valid_against_the_junit_xsd() {
    let xml = render("junitxml");
    let problems = junit_problems(&xml);
    assert!(problems.is_empty(), "{problems:#?}");

    // The validator catches an undeclared attribute, a missing required one, a bad time and
    // a misplaced element.
    assert!(!junit_problems(&xml.replacen("<testcase ", "<testcase bogus=\"1\" ", 1)).is_empty());
    let tests_attribute = xml
        .split_once(" tests=\"")
        .and_then(|(_, rest)| rest.split_once('"'))
        .map(|(count, _)| format!(" tests=\"{count}\""))
        .expect("the suite counts its tests");
    assert!(!junit_problems(&xml.replacen(&tests_attribute, "", 2)).is_empty());
    assert!(!junit_problems(&xml.replacen("time=\"0\"", "time=\"soon\"", 1)).is_empty());
    assert!(
        !junit_problems(&xml.replacen("<testsuite ", "<testcase name=\"x\"/><testsuite ", 1))
            .is_empty()
    );
}

#[test]
fn output_file_path_writes_each_format_to_its_file() {
    let folder = std::env::temp_dir().join(format!("tfscan-output-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&folder);
    let status = Command::new(env!("CARGO_BIN_EXE_tfscan"))
        .current_dir(manifest_dir())
        .args(["-d", "tests/fixtures/report"])
        .args(["-o", "sarif", "-o", "csv", "--output-file-path"])
        .arg(&folder)
        .env("SOURCE_DATE_EPOCH", "1767225600")
        .output()
        .unwrap();
    assert_eq!(status.status.code(), Some(1));
    assert!(status.stdout.is_empty(), "nothing on the console");
    let sarif = std::fs::read_to_string(folder.join("results_sarif.sarif")).unwrap();
    assert_eq!(sarif, render("sarif"));
    let csv = std::fs::read_to_string(folder.join("results_csv.csv")).unwrap();
    assert_eq!(csv, render("csv"));

    let listed = folder.join("chosen.md");
    let output = Command::new(env!("CARGO_BIN_EXE_tfscan"))
        .arg("-d")
        .arg(manifest_dir().join("tests/fixtures/report"))
        .args([
            "-o",
            "github_failed_only",
            "-o",
            "markdown",
            "--output-file-path",
        ])
        .arg(format!("console,{}", listed.display()))
        .env("SOURCE_DATE_EPOCH", "1767225600")
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8(output.stdout).unwrap(),
        render("github_failed_only")
    );
    // The folder was given as an absolute path: the file that did not parse is named so.
    let crate_folder = format!("{}/", manifest_dir().to_string_lossy().replace('\\', "/"));
    assert_eq!(
        std::fs::read_to_string(&listed)
            .unwrap()
            .replace(&crate_folder, ""),
        render("markdown")
    );
    let _ = std::fs::remove_dir_all(&folder);
}
