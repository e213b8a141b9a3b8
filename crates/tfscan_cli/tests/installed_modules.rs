//! `--download-external-modules true`: remote module calls are followed into the copies
//! `terraform init` installed in `.terraform/modules`, from the command line and from a
//! `.checkov.yaml`; without it they are listed as not scanned, as Checkov does by default.

mod common;

use std::path::Path;
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

/// Runs tfscan in `cwd`: the JSON report (null when stdout is not JSON), stderr, exit code.
fn scan(cwd: &Path, args: &[&str]) -> (Value, String, i32) {
    let run = common::tfscan(cwd, args);
    let report = serde_json::from_str(&run.stdout).unwrap_or(Value::Null);
    (report, run.stderr, run.code)
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
    let root = common::folder_with("installed-flag", &files());
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
    let root = common::folder_with("installed-config", &with_config);
    let (report, _, _) = scan(&root, &["-d", ".", "-o", "json"]);
    assert_eq!(failed(&report).len(), 1, "{report:#}");
    let _ = std::fs::remove_dir_all(root);
}

/// Terraform itself as the oracle of the manifest's shape: `terraform get` installs a git
/// module (from a repository on disk, so nothing leaves the machine), whole and by a `//`
/// subfolder, and tfscan follows both and the local call inside the first.
#[test]
fn modules_installed_by_terraform_get_are_scanned() {
    let terraform = Path::new("/usr/local/bin/terraform");
    let git = Command::new("git").arg("--version").output();
    if !terraform.exists() || git.is_err() {
        eprintln!("skipped: needs /usr/local/bin/terraform and git");
        return;
    }
    let base = common::folder_with(
        "installed-get",
        &[
            (
                "repo/main.tf",
                "resource \"aws_s3_bucket\" \"this\" {\n  bucket = \"logs\"\n}\nmodule \"inner\" {\n  source = \"./modules/key\"\n}\n",
            ),
            (
                "repo/modules/key/main.tf",
                "resource \"aws_s3_bucket\" \"key\" {\n  bucket = \"keys\"\n}\n",
            ),
        ],
    );
    let repo = base.join("repo");
    let git = |args: &[&str]| {
        let status = Command::new("git")
            .current_dir(&repo)
            .args(["-c", "user.email=t@example.com", "-c", "user.name=t"])
            .args(args)
            .status()
            .expect("git runs");
        assert!(status.success(), "git {args:?}");
    };
    git(&["init", "-q"]);
    git(&["add", "-A"]);
    git(&["commit", "-qm", "module"]);
    git(&["tag", "v1"]);
    let url = format!("git::file://{}", repo.display());
    let root = base.join("root");
    std::fs::create_dir_all(&root).expect("folder made");
    std::fs::write(
        root.join("main.tf"),
        format!(
            "module \"logs\" {{\n  source = \"{url}?ref=v1\"\n}}\nmodule \"key\" {{\n  source = \"{url}//modules/key?ref=v1\"\n}}\n"
        ),
    )
    .expect("file written");
    let got = Command::new(terraform)
        .current_dir(&root)
        .args(["get", "-no-color"])
        .env("CHECKPOINT_DISABLE", "1")
        .output()
        .expect("terraform runs");
    assert!(
        got.status.success(),
        "{}",
        String::from_utf8_lossy(&got.stderr)
    );

    let (report, _, _) = scan(
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
    let expected = [
        (
            "module.key.aws_s3_bucket.key",
            "/.terraform/modules/key/modules/key/main.tf",
        ),
        (
            "module.logs.aws_s3_bucket.this",
            "/.terraform/modules/logs/main.tf",
        ),
        (
            "module.logs.module.inner.aws_s3_bucket.key",
            "/.terraform/modules/logs/modules/key/main.tf",
        ),
    ];
    let expected: Vec<(String, String)> = expected
        .iter()
        .map(|(resource, path)| ((*resource).to_owned(), (*path).to_owned()))
        .collect();
    assert_eq!(failed(&report), expected);
    let _ = std::fs::remove_dir_all(base);
}
