//! `--download-external-modules true`: remote module calls are followed into the copies
//! `terraform init` installed in `.terraform/modules`, from the command line and from a
//! `.checkov.yaml`; without it they are listed as not scanned, as Checkov does by default.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

const ROOT: &str = r#"
module "logs" {
  source  = "example/bucket/aws"
  version = "1.2.0"
}
"#;

const INSTALLED: &str = r#"
resource "aws_s3_bucket" "this" {
  bucket = "logs"
}
"#;

const MANIFEST: &str = r#"{"Modules":[{"Key":"","Source":"","Dir":"."},{"Key":"logs","Source":"registry.terraform.io/example/bucket/aws","Version":"1.2.0","Dir":".terraform/modules/logs"}]}"#;

fn folder(name: &str, files: &[(&str, &str)]) -> PathBuf {
    let root = std::env::temp_dir().join(format!("tfscan-installed-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    for (path, text) in files {
        let path = root.join(path);
        std::fs::create_dir_all(path.parent().expect("a parent")).expect("folder made");
        std::fs::write(path, text).expect("file written");
    }
    root
}

fn scan(cwd: &Path, args: &[&str]) -> (Value, String, i32) {
    let output = Command::new(env!("CARGO_BIN_EXE_tfscan"))
        .current_dir(cwd)
        .args(args)
        .output()
        .expect("tfscan runs");
    let stdout = String::from_utf8(output.stdout).expect("UTF-8");
    let report = serde_json::from_str(&stdout).unwrap_or(Value::Null);
    let stderr = String::from_utf8(output.stderr).expect("UTF-8");
    (report, stderr, output.status.code().unwrap_or(-1))
}

fn failed(report: &Value) -> Vec<(String, String)> {
    let mut found: Vec<(String, String)> = report["results"]["failed_checks"]
        .as_array()
        .map(|findings| {
            findings
                .iter()
                .filter(|finding| finding["check_id"] == "CKV_AWS_18")
                .map(|finding| {
                    (
                        finding["resource"].as_str().unwrap_or("").to_owned(),
                        finding["file_path"].as_str().unwrap_or("").to_owned(),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    found.sort();
    found
}

fn files() -> Vec<(&'static str, &'static str)> {
    vec![
        ("main.tf", ROOT),
        (".terraform/modules/modules.json", MANIFEST),
        (".terraform/modules/logs/main.tf", INSTALLED),
    ]
}

#[test]
fn the_flag_follows_remote_calls_into_terraform_init_copies() {
    let root = folder("flag", &files());
    let (report, _, code) = scan(
        &root,
        &[
            "-d",
            ".",
            "-o",
            "json",
            "--download-external-modules",
            "true",
        ],
    );
    assert_eq!(
        failed(&report),
        [(
            "module.logs.aws_s3_bucket.this".to_owned(),
            "/.terraform/modules/logs/main.tf".to_owned()
        )]
    );
    assert_eq!(code, 1);

    // Without the flag, as Checkov by default: the call is listed as not scanned, and the
    // installed copy is not a root module of its own.
    let (report, _, code) = scan(&root, &["-d", ".", "-o", "json"]);
    assert_eq!(failed(&report), []);
    assert_eq!(code, 0);
    let (_, stderr, _) = scan(
        &root,
        &[
            "-d",
            ".",
            "-o",
            "json",
            "--download-external-modules",
            "maybe",
        ],
    );
    assert!(
        stderr.contains("--download-external-modules takes true or false"),
        "{stderr}"
    );
    let _ = std::fs::remove_dir_all(root);
}

#[test]
fn a_checkov_config_file_can_ask_for_installed_modules() {
    let mut with_config = files();
    with_config.push((".checkov.yaml", "download-external-modules: true\n"));
    let root = folder("config", &with_config);
    let (report, _, _) = scan(&root, &["-d", ".", "-o", "json"]);
    assert_eq!(failed(&report).len(), 1, "{report:#}");
    let _ = std::fs::remove_dir_all(root);
}
