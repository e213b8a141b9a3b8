//! How reports name files: from where the scan ran, so that code scanning finds them from a
//! repository's root and two scanned folders stay apart; absolutely in `file_abs_path`.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

const BUCKET: &str = "resource \"aws_s3_bucket\" \"b\" {\n  bucket = \"example\"\n}\n";

/// A fresh folder holding `files` (path, text).
fn folder(name: &str, files: &[(&str, &str)]) -> PathBuf {
    let root = std::env::temp_dir().join(format!("tfscan-paths-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    for (path, text) in files {
        let path = root.join(path);
        std::fs::create_dir_all(path.parent().expect("a parent")).expect("folder made");
        std::fs::write(path, text).expect("file written");
    }
    root
}

fn tfscan(cwd: &Path, args: &[&str]) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_tfscan"))
        .current_dir(cwd)
        .args(args)
        .output()
        .expect("tfscan runs");
    String::from_utf8(output.stdout).expect("UTF-8")
}

fn strings<'a>(report: &'a Value, key: &str) -> Vec<&'a str> {
    let mut found: Vec<&str> = report["results"]["failed_checks"]
        .as_array()
        .expect("failed checks")
        .iter()
        .filter_map(|finding| finding[key].as_str())
        .collect();
    found.sort_unstable();
    found.dedup();
    found
}

#[test]
fn findings_of_two_folders_are_named_from_where_the_scan_ran() {
    let root = folder("two", &[("a/main.tf", BUCKET), ("infra/b/main.tf", BUCKET)]);
    let json = tfscan(&root, &["-d", "a", "-d", "./infra/b", "-o", "json"]);
    let report: Value = serde_json::from_str(&json).expect("JSON");
    assert_eq!(strings(&report, "file_path"), ["/main.tf"]);
    assert_eq!(
        strings(&report, "repo_file_path"),
        ["/a/main.tf", "/infra/b/main.tf"]
    );
    let absolute = std::path::absolute(&root).expect("absolute");
    let absolute = absolute.to_string_lossy();
    assert_eq!(
        strings(&report, "file_abs_path"),
        [
            format!("{absolute}/a/main.tf"),
            format!("{absolute}/infra/b/main.tf")
        ]
    );

    let sarif: Value = serde_json::from_str(&tfscan(
        &root,
        &["-d", "a", "-d", "./infra/b", "-o", "sarif"],
    ))
    .expect("SARIF");
    let mut uris: Vec<&str> = sarif["runs"][0]["results"]
        .as_array()
        .expect("results")
        .iter()
        .filter_map(|result| {
            result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].as_str()
        })
        .collect();
    uris.sort_unstable();
    uris.dedup();
    assert_eq!(uris, ["a/main.tf", "infra/b/main.tf"]);
}

#[test]
fn a_var_file_inside_the_folder_is_read_once() {
    let root = folder(
        "varfile",
        &[
            ("infra/main.tf", "variable \"encrypted\" {}\nresource \"aws_ebs_volume\" \"data\" {\n  availability_zone = \"eu-west-1a\"\n  size              = 8\n  encrypted         = var.encrypted\n}\n"),
            ("infra/prod.tfvars", "encrypted = true\n"),
        ],
    );
    for (cwd, folder, var_file) in [
        (root.clone(), "infra", "infra/prod.tfvars"),
        (root.join("infra"), ".", "prod.tfvars"),
    ] {
        let json = tfscan(
            &cwd,
            &[
                "-d",
                folder,
                "--var-file",
                var_file,
                "-o",
                "json",
                "--check",
                "CKV_AWS_3",
            ],
        );
        let report: Value = serde_json::from_str(&json).expect("JSON");
        assert_eq!(
            report["results"]["passed_checks"].as_array().map(Vec::len),
            Some(1)
        );
        assert_eq!(report["summary"]["files_skipped"], 0, "{json}");
    }
}

#[test]
fn parsing_errors_of_two_folders_and_of_a_var_file_beside_them_are_named_from_where_the_scan_ran() {
    let root = folder(
        "errors",
        &[
            ("a/main.tf", "resource \"aws_s3_bucket\" \"q\" {\n  bucket = \"unterminated\n}\n"),
            ("infra/b/main.tf", "variable \"encrypted\" {}\nresource \"aws_ebs_volume\" \"data\" {\n  availability_zone = \"eu-west-1a\"\n  encrypted         = var.encrypted\n}\n"),
            ("infra/b/broken.tf", "resource \"aws_s3_bucket\" \"b\" {\n  bucket = \"x\"\n"),
            ("vars/prod.tfvars", "encrypted = true\n"),
            ("vars/broken.tfvars", "x = = 1\n"),
        ],
    );
    let output = Command::new(env!("CARGO_BIN_EXE_tfscan"))
        .current_dir(&root)
        .args(["-d", "a", "-d", "./infra/b", "--compact"])
        .args([
            "--var-file",
            "vars/prod.tfvars",
            "--var-file",
            "vars/broken.tfvars",
        ])
        .output()
        .expect("tfscan runs");
    let stdout = String::from_utf8(output.stdout).expect("UTF-8");
    let stderr = String::from_utf8(output.stderr).expect("UTF-8");
    let absolute = std::path::absolute(&root).expect("absolute");
    let absolute = absolute.to_string_lossy();
    for shown in [
        "a/main.tf:2:12: unterminated string",
        "infra/b/broken.tf:1:1: this block is not closed",
        // Beside the folders: by its absolute path, the same from both.
        &format!("{absolute}/vars/broken.tfvars:1:5: expected an expression"),
    ] {
        assert!(
            stdout.contains(&format!("Parsing error: {shown}")),
            "{shown} in {stdout}"
        );
        assert!(
            stderr.contains(&format!("tfscan: parsing error: {shown}")),
            "{shown} in {stderr}"
        );
    }

    let sarif: Value = serde_json::from_str(&tfscan(
        &root,
        &["-d", "a", "-d", "./infra/b", "-o", "sarif"],
    ))
    .expect("SARIF");
    let mut uris: Vec<&str> = sarif["runs"][0]["invocations"][0]["toolExecutionNotifications"]
        .as_array()
        .expect("notifications")
        .iter()
        .filter_map(|note| {
            note["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].as_str()
        })
        .collect();
    uris.sort_unstable();
    assert_eq!(uris, ["a/main.tf", "infra/b/broken.tf"]);

    let json: Value = serde_json::from_str(&tfscan(
        &root,
        &[
            "-d",
            "infra/b",
            "--var-file",
            "vars/prod.tfvars",
            "-o",
            "json",
            "--check",
            "CKV_AWS_3",
        ],
    ))
    .expect("JSON");
    assert_eq!(
        json["results"]["passed_checks"].as_array().map(Vec::len),
        Some(1),
        "the var file beside the folder sets encrypted = true"
    );
}

/// `results.parsing_errors` has Checkov's shape: the absolute path of each file that did not
/// parse, once (Checkov 3.3.30 writes `["/abs/infra/broken.tf", ...]`), and
/// `summary.parsing_errors` counts those files; `parsing_error_details` says what went wrong
/// where.
#[test]
fn parsing_errors_are_absolute_paths_once_per_file_as_checkov_writes_them() {
    let cycle = "module \"a\" {\n  source = \"../b\"\n}\n";
    let back = "module \"x\" {\n  source = \"../a\"\n}\nmodule \"y\" {\n  source = \"../a\"\n}\n";
    let root = folder(
        "parsing-errors",
        &[
            (
                "infra/main.tf",
                "module \"start\" {\n  source = \"./a\"\n}\n",
            ),
            (
                "infra/broken.tf",
                "resource \"aws_s3_bucket\" \"x\" {\n  acl = \n}\n",
            ),
            ("infra/sub/bad.tf.json", "{\"resource\": "),
            // Two calls of one file in a module cycle: two problems, one file.
            ("infra/a/main.tf", cycle),
            ("infra/b/main.tf", back),
        ],
    );
    let report: Value =
        serde_json::from_str(&tfscan(&root, &["-d", "infra", "-o", "json"])).expect("JSON");
    let absolute = std::path::absolute(&root).expect("absolute");
    let absolute = absolute.to_string_lossy();

    let listed: Vec<&str> = report["results"]["parsing_errors"]
        .as_array()
        .expect("a list")
        .iter()
        .map(|path| path.as_str().expect("each entry is a path string"))
        .collect();
    assert_eq!(
        listed,
        [
            format!("{absolute}/infra/broken.tf"),
            format!("{absolute}/infra/sub/bad.tf.json"),
            format!("{absolute}/infra/b/main.tf"),
        ]
    );
    assert_eq!(report["summary"]["parsing_errors"], 3);

    let details = report["parsing_error_details"].as_array().expect("details");
    let places: Vec<(&str, u64, u64)> = details
        .iter()
        .map(|error| {
            (
                error["file_path"].as_str().expect("a path"),
                error["line"].as_u64().expect("a line"),
                error["column"].as_u64().expect("a column"),
            )
        })
        .collect();
    assert_eq!(
        places,
        [
            ("/broken.tf", 2, 9),
            ("/sub/bad.tf.json", 1, 14),
            ("/b/main.tf", 1, 1),
            ("/b/main.tf", 4, 1),
        ]
    );
    assert_eq!(
        details[0]["file_abs_path"],
        format!("{absolute}/infra/broken.tf").as_str()
    );
    assert!(details[2]["message"]
        .as_str()
        .is_some_and(|message| message.starts_with("module cycle: ")));
    std::fs::remove_dir_all(root).ok();
}

/// `-f FILE` in the current folder names the file absolutely too, as Checkov does.
#[test]
fn a_file_in_the_current_folder_is_named_absolutely() {
    let root = folder(
        "file-here",
        &[
            ("main.tf", BUCKET),
            (
                "broken.tf",
                "resource \"aws_s3_bucket\" \"x\" {\n  acl = \n}\n",
            ),
        ],
    );
    let absolute = std::path::absolute(&root).expect("absolute");
    let absolute = absolute.to_string_lossy();
    let report: Value =
        serde_json::from_str(&tfscan(&root, &["-f", "main.tf", "-o", "json"])).expect("JSON");
    assert_eq!(
        strings(&report, "file_abs_path"),
        [format!("{absolute}/main.tf")]
    );
    assert_eq!(strings(&report, "repo_file_path"), ["/main.tf"]);
    let report: Value =
        serde_json::from_str(&tfscan(&root, &["-f", "broken.tf", "-o", "json"])).expect("JSON");
    assert_eq!(
        report["results"]["parsing_errors"],
        serde_json::json!([format!("{absolute}/broken.tf")])
    );
    std::fs::remove_dir_all(root).ok();
}
