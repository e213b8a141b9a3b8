//! `--skip-path` in the scan of files given in memory (what the npm API and the page scan):
//! skipped files are left out and listed with the pattern; a module folder that a scanned file
//! calls is read whole, as Checkov 3.3.30 reads it (checked on the same layout).

use tfscan_core::report::Root;
use tfscan_core::{Report, ScanOptions};
use tfscan_hcl::InputFile;

const CALLER: &str = "module \"logs\" {\n  source = \"./modules/bucket\"\n  name   = \"logs\"\n}\n\
                      resource \"aws_s3_bucket\" \"root\" {\n  bucket = \"root\"\n}\n";
const MODULE: &str =
    "variable \"name\" {}\nresource \"aws_s3_bucket\" \"this\" {\n  bucket = var.name\n}\n";

fn bucket(name: &str) -> String {
    format!("resource \"aws_s3_bucket\" \"{name}\" {{\n  bucket = \"{name}\"\n}}\n")
}

fn scan(files: &[(&str, String)], skip_paths: &[&str], folder: Option<Root>) -> Report {
    let inputs: Vec<InputFile<'_>> = files
        .iter()
        .map(|(path, text)| InputFile {
            path,
            bytes: text.as_bytes(),
        })
        .collect();
    let options = ScanOptions {
        checks: vec![String::from("CKV_AWS_18")],
        skip_paths: skip_paths.iter().map(|path| String::from(*path)).collect(),
        scanned_folder: folder,
        ..ScanOptions::default()
    };
    tfscan_hcl::scan(&inputs, &options)
}

fn resources(report: &Report) -> Vec<&str> {
    report
        .findings
        .iter()
        .map(|finding| finding.resource.as_str())
        .collect()
}

fn skipped(report: &Report) -> Vec<(&str, &str)> {
    report
        .skipped_files
        .iter()
        .map(|file| (file.path.as_str(), file.reason.as_str()))
        .collect()
}

fn layout() -> Vec<(&'static str, String)> {
    vec![
        ("main.tf", String::from(CALLER)),
        ("modules/bucket/main.tf", String::from(MODULE)),
        ("envs/dev/main.tf", bucket("dev")),
        ("envs/prod/main.tf", bucket("prod")),
        ("other.tf", bucket("other")),
    ]
}

#[test]
fn skipped_folders_and_files_are_left_out_and_listed() {
    let report = scan(&layout(), &["envs/dev", r"other\.tf$"], None);
    assert_eq!(
        resources(&report),
        [
            "aws_s3_bucket.prod",
            "aws_s3_bucket.root",
            "module.logs.aws_s3_bucket.this"
        ]
    );
    assert_eq!(
        skipped(&report),
        [
            (
                "envs/dev/main.tf",
                "under a skipped path (skip-path \"envs/dev\")"
            ),
            (
                "other.tf",
                "under a skipped path (skip-path \"other\\.tf$\")"
            ),
        ]
    );
    assert_eq!((report.files_read, report.files_scanned), (5, 3));
}

#[test]
fn a_module_folder_under_a_skipped_path_is_still_read_through_its_call() {
    let report = scan(&layout(), &["modules"], None);
    assert!(resources(&report).contains(&"module.logs.aws_s3_bucket.this"));
    assert!(report.skipped_files.is_empty());

    // Without the call, the module's folder is skipped like any other.
    let mut files = layout();
    files[0].1 = bucket("root");
    let report = scan(&files, &["modules"], None);
    assert!(!resources(&report)
        .iter()
        .any(|resource| resource.contains("this")));
    assert_eq!(skipped(&report)[0].0, "modules/bucket/main.tf");
}

#[test]
fn a_skipped_file_that_does_not_parse_is_no_parsing_error() {
    let mut files = layout();
    files.push((
        "envs/dev/broken.tf",
        String::from("resource \"x\" {\n  a = \n"),
    ));
    let report = scan(&files, &["envs/dev"], None);
    assert!(
        report.parsing_errors.is_empty(),
        "{:?}",
        report.parsing_errors
    );
    assert_eq!(
        skipped(&report)
            .iter()
            .map(|(path, _)| *path)
            .collect::<Vec<_>>(),
        ["envs/dev/broken.tf", "envs/dev/main.tf"]
    );
    assert!(skipped(&report)[0].1.starts_with("under a skipped path"));

    // Unskipped, it is a parsing error (and a skipped file, for that reason).
    let report = scan(&files, &[], None);
    assert_eq!(report.parsing_errors.len(), 1);
}

#[test]
fn paths_are_matched_from_where_the_scan_ran() {
    let infra = Root {
        relative: String::from("infra"),
        absolute: Some(String::from("/home/me/infra")),
    };
    let report = scan(&layout(), &["^/infra/envs"], Some(infra.clone()));
    assert_eq!(report.skipped_files.len(), 2);
    let report = scan(&layout(), &["infra/envs/prod"], Some(infra));
    assert_eq!(skipped(&report)[0].0, "envs/prod/main.tf");
    // The folder itself (`-d .`): the same patterns see `/envs/...`.
    let report = scan(&layout(), &["^/infra/envs"], None);
    assert!(report.skipped_files.is_empty());
    let report = scan(&layout(), &["^/envs/prod"], None);
    assert_eq!(report.skipped_files.len(), 1);
}

#[test]
fn var_files_are_read_whatever_their_path() {
    let mut files = layout();
    files.push(("vars/prod.tfvars", String::from("name = \"x\"\n")));
    let inputs: Vec<InputFile<'_>> = files
        .iter()
        .map(|(path, text)| InputFile {
            path,
            bytes: text.as_bytes(),
        })
        .collect();
    let options = ScanOptions {
        var_files: vec![String::from("vars/prod.tfvars")],
        skip_paths: vec![String::from("vars")],
        ..ScanOptions::default()
    };
    let report = tfscan_hcl::scan(&inputs, &options);
    assert!(
        report.skipped_files.is_empty(),
        "{:?}",
        report.skipped_files
    );
}
