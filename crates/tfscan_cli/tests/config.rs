//! Configuration files through the command line, on copies of tests/fixtures/gates: each key,
//! where the file is found, flags overriding it key by key, unknown keys noticed by name, and
//! YAML that does not parse as a clear error.

mod common;

use common::{copy_of, tfscan, write};

#[test]
fn check_skip_check_compact_and_quiet_keys() {
    let folder = copy_of("gates", "config-checks");
    write(
        &folder,
        ".checkov.yaml",
        "# what to run\ncheck:\n  - CKV_AWS_7\n  - CKV2_AWS_6\n  - CKV_AWS_20\nskip-check: [CKV2_AWS_6]\n\
         compact: true\nquiet: true\noutput: json\n",
    );
    let run = tfscan(&folder, &["-d", "."]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(run.failed_ids(), ["CKV_AWS_7"]);
    let report = run.json();
    // quiet: failed checks only; compact: no code blocks.
    assert!(report["results"]["passed_checks"]
        .as_array()
        .unwrap()
        .is_empty());
    assert!(report["results"]["failed_checks"][0]["code_block"].is_null());
    // Without the file's quiet, the passed check is listed.
    write(
        &folder,
        ".checkov.yaml",
        "check: CKV_AWS_7,CKV_AWS_20\noutput: [json]\n",
    );
    let run = tfscan(&folder, &["-d", "."]);
    assert_eq!(run.results("passed_checks").len(), 1);
    assert!(!run.json()["results"]["failed_checks"][0]["code_block"].is_null());
    std::fs::remove_dir_all(folder).ok();
}

#[test]
fn soft_fail_and_gate_keys_set_the_exit_code() {
    let folder = copy_of("gates", "config-gates");
    let code = |config: &str, flags: &[&str]| {
        write(&folder, ".checkov.yml", config);
        let mut args = vec!["-d", ".", "-o", "json", "--check", "CKV_AWS_7,CKV2_AWS_64"];
        args.extend(flags);
        tfscan(&folder, &args).code
    };
    assert_eq!(code("soft-fail: true\n", &[]), 0);
    assert_eq!(code("soft-fail: false\n", &[]), 1);
    assert_eq!(code("soft-fail-on: [CKV_AWS_7, CKV2_AWS_64]\n", &[]), 0);
    assert_eq!(code("soft-fail-on: LOW\n", &[]), 1);
    assert_eq!(code("soft-fail-on: MEDIUM\n", &[]), 0);
    assert_eq!(code("hard-fail-on: HIGH\n", &[]), 0);
    assert_eq!(code("hard-fail-on: CKV2_AWS_64\n", &[]), 1);
    // The command line's flag replaces the file's list.
    assert_eq!(
        code("hard-fail-on: CKV2_AWS_64\n", &["--hard-fail-on", "HIGH"]),
        0
    );
    assert_eq!(
        code("soft-fail: true\n", &["--hard-fail-on", "CKV_AWS_7"]),
        1
    );
    std::fs::remove_dir_all(folder).ok();
}

#[test]
fn output_and_output_file_path_keys() {
    let folder = copy_of("gates", "config-output");
    write(
        &folder,
        ".checkov.yaml",
        "output:\n  - json\n  - csv\noutput-file-path: reports\ncheck: CKV_AWS_7\n",
    );
    let run = tfscan(&folder, &["-d", "."]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stdout.is_empty());
    let json = std::fs::read_to_string(folder.join("reports/results_json.json")).unwrap();
    assert!(json.contains("\"check_id\": \"CKV_AWS_7\""));
    assert!(folder.join("reports/results_csv.csv").is_file());
    // -o on the command line replaces the file's formats; its folder still applies.
    let run = tfscan(&folder, &["-d", ".", "-o", "sarif"]);
    assert!(run.stdout.is_empty());
    assert!(folder.join("reports/results_sarif.sarif").is_file());
    std::fs::remove_dir_all(folder).ok();
}

#[test]
fn var_file_directory_file_and_framework_keys() {
    let folder = copy_of("gates", "config-targets");
    write(
        &folder,
        "ci.yaml",
        "var-file: rotate.tfvars\ncheck: CKV_AWS_7\noutput: json\n",
    );
    let run = tfscan(&folder, &["-d", ".", "--config-file", "ci.yaml"]);
    assert_eq!(
        run.code, 0,
        "the variable file makes the key rotate: {}",
        run.stderr
    );
    assert_eq!(run.results("passed_checks").len(), 1);

    // directory and file say what to scan when the command line does not.
    std::fs::create_dir_all(folder.join("sub")).unwrap();
    write(
        &folder,
        "sub/extra.tf",
        "resource \"aws_kms_key\" \"extra\" {\n  description = \"x\"\n}\n",
    );
    write(
        &folder,
        "ci.yaml",
        "directory: [sub]\nfile:\n  - main.tf\nframework:\n  - terraform\n  - kubernetes\n\
         check: CKV_AWS_7\noutput: json\n",
    );
    let run = tfscan(&folder, &["--config-file", "ci.yaml"]);
    assert_eq!(
        run.results("failed_checks"),
        [
            ("CKV_AWS_7".to_string(), "aws_kms_key.extra".to_string()),
            ("CKV_AWS_7".to_string(), "aws_kms_key.key".to_string()),
        ]
    );
    assert!(
        run.stderr.contains(
            "tfscan: ci.yaml:4: tfscan scans terraform only; framework kubernetes ignored"
        ),
        "{}",
        run.stderr
    );
    std::fs::remove_dir_all(folder).ok();
}

#[test]
fn baseline_keys() {
    let folder = copy_of("gates", "config-baseline");
    write(
        &folder,
        ".checkov.yaml",
        "create-baseline: true\noutput: json\n",
    );
    tfscan(&folder, &["-d", "."]);
    assert!(folder.join(".checkov.baseline").is_file());
    write(
        &folder,
        ".checkov.yaml",
        "baseline: .checkov.baseline\noutput-baseline-as-skipped: true\noutput: json\n",
    );
    let run = tfscan(&folder, &["-d", "."]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.results("failed_checks").is_empty());
    assert!(!run.results("skipped_checks").is_empty());
    std::fs::remove_dir_all(folder).ok();
}

#[test]
fn suppression_keys() {
    let folder = copy_of("gates", "config-suppressions");
    write(
        &folder,
        "main.tf",
        "resource \"aws_kms_key\" \"key\" {\n  # checkov:skip=CKV_AWS_7: rotated by hand\n  description = \"k\"\n}\n\
         variable \"rotate\" {\n  default = null\n}\nresource \"aws_kms_key\" \"other\" {\n  enable_key_rotation = var.rotate\n}\n",
    );
    let outcome = |config: &str| {
        write(&folder, ".checkov.yaml", config);
        let run = tfscan(&folder, &["-d", ".", "-o", "json", "--check", "CKV_AWS_7"]);
        (
            run.results("skipped_checks").len(),
            run.results("unknown_checks").len(),
        )
    };
    assert_eq!(outcome("compact: true\n").0, 1);
    assert_eq!(outcome("ignore-inline-skips: true\n").0, 0);
    assert_eq!(outcome("compact: true\n").1, 0);
    assert_eq!(outcome("unresolved-null-variables: true\n").1, 1);
    std::fs::remove_dir_all(folder).ok();
}

#[test]
fn where_the_file_is_found_and_which_wins() {
    let folder = copy_of("gates", "config-found");
    write(
        &folder,
        ".checkov.yaml",
        "check: CKV2_AWS_64\nquiet: true\noutput: json\n",
    );
    write(&folder, ".checkov.yml", "check: CKV2_AWS_6\n");
    write(&folder, "ci.yaml", "check: CKV_AWS_7\n");
    // .checkov.yml's keys win over .checkov.yaml's, key by key.
    assert_eq!(tfscan(&folder, &["-d", "."]).failed_ids(), ["CKV2_AWS_6"]);
    // --config-file's win over both.
    assert_eq!(
        tfscan(&folder, &["-d", ".", "--config-file", "ci.yaml"]).failed_ids(),
        ["CKV_AWS_7"]
    );
    // A flag wins over every file.
    assert_eq!(
        tfscan(
            &folder,
            &["-d", ".", "--config-file", "ci.yaml", "-c", "CKV2_AWS_64"]
        )
        .failed_ids(),
        ["CKV2_AWS_64"]
    );
    // Only the first -d folder's file is read; a -f target reads none.
    let parent = folder.parent().unwrap();
    let name = folder.file_name().unwrap().to_str().unwrap();
    let run = tfscan(parent, &["-d", name, "-o", "json"]);
    assert_eq!(run.failed_ids(), ["CKV2_AWS_6"]);
    let run = tfscan(&folder, &["-f", "main.tf", "-o", "json"]);
    assert!(run.failed_ids().len() > 1);
    std::fs::remove_dir_all(folder).ok();
}

#[test]
fn unknown_keys_are_warned_about_by_name() {
    let folder = copy_of("gates", "config-unknown");
    write(
        &folder,
        ".checkov.yaml",
        "check: CKV_AWS_7\ncolour: blue\nexternal-checks-git: [x]\noutput: json\n",
    );
    let run = tfscan(&folder, &["-d", "."]);
    assert_eq!(run.code, 1);
    assert_eq!(run.failed_ids(), ["CKV_AWS_7"]);
    assert!(
        run.stderr
            .contains("tfscan: ./.checkov.yaml:2: unknown key \"colour\"; ignored\n"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains(
        "tfscan: ./.checkov.yaml:3: \"external-checks-git\" is a Checkov option tfscan does not have; ignored\n"
    ));
    std::fs::remove_dir_all(folder).ok();
}

#[test]
fn bad_yaml_is_an_error_with_file_line_and_message() {
    let folder = copy_of("gates", "config-bad");
    write(
        &folder,
        ".checkov.yaml",
        "check:\n  - CKV_AWS_7\n  skip-check: x\n",
    );
    let run = tfscan(&folder, &["-d", "."]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "tfscan: ./.checkov.yaml:3:3: expected a list item (`- value`)\nRun `tfscan --help` for the flags.\n"
    );
    assert!(run.stdout.is_empty());

    write(&folder, ".checkov.yaml", "soft-fail: sometimes\n");
    let run = tfscan(&folder, &["-d", "."]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.starts_with(
            "tfscan: ./.checkov.yaml:1: \"soft-fail\" expects true or false, got \"sometimes\""
        ),
        "{}",
        run.stderr
    );
    let run = tfscan(&folder, &["-d", ".", "--config-file", "missing.yaml"]);
    assert_eq!(run.code, 2);
    assert!(run
        .stderr
        .starts_with("tfscan: --config-file missing.yaml: no such file"));
    std::fs::remove_dir_all(folder).ok();
}

/// `skip-path` (and `--skip-path`) as Checkov 3.3.30 reads it, checked against it on the same
/// layout: regular expressions searched in each path below the folder, from where the scan
/// ran; a skipped module folder is still read through a call; `-f` ignores it.
#[test]
fn skip_path_leaves_folders_and_files_out_of_the_walk() {
    let folder = std::env::temp_dir().join(format!("tfscan-skip-path-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&folder);
    let bucket = |name: &str| {
        format!("resource \"aws_s3_bucket\" \"{name}\" {{\n  bucket = \"{name}\"\n}}\n")
    };
    let files = [
        (
            "infra/main.tf",
            format!(
                "module \"logs\" {{\n  source = \"./modules/bucket\"\n}}\n{}",
                bucket("root")
            ),
        ),
        (
            "infra/modules/bucket/main.tf",
            String::from("resource \"aws_s3_bucket\" \"this\" {\n  bucket = \"m\"\n}\n"),
        ),
        ("infra/envs/dev/main.tf", bucket("dev")),
        ("infra/envs/prod/main.tf", bucket("prod")),
        // A file that does not parse, under a skipped path: never read.
        (
            "infra/envs/dev/broken.tf",
            String::from("resource \"x\" {\n  a = \n"),
        ),
        ("infra/other.tf", bucket("other")),
    ];
    for (path, text) in &files {
        let path = folder.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    let resources = |cwd: &std::path::Path, args: &[&str]| {
        let mut all = vec!["-o", "json", "--check", "CKV_AWS_18"];
        all.extend(args);
        let run = tfscan(cwd, &all);
        let mut found: Vec<String> = run
            .results("failed_checks")
            .into_iter()
            .map(|(_, resource)| resource)
            .collect();
        found.sort();
        (found, run)
    };
    let all = [
        "aws_s3_bucket.dev",
        "aws_s3_bucket.other",
        "aws_s3_bucket.prod",
        "aws_s3_bucket.root",
        "module.logs.aws_s3_bucket.this",
    ];
    let without = |left_out: &[&str]| -> Vec<String> {
        all.iter()
            .filter(|resource| !left_out.contains(resource))
            .map(|resource| String::from(*resource))
            .collect()
    };
    let infra = folder.join("infra");

    let (found, run) = resources(&infra, &["-d", ".", "--skip-path", "envs/dev"]);
    assert_eq!(found, without(&["aws_s3_bucket.dev"]));
    assert_eq!(
        run.json()["summary"]["parsing_errors"],
        0,
        "the broken file is not read"
    );
    assert_eq!(run.json()["summary"]["files_read"], 4);
    // From the folder above, the path holds the folder's name, as Checkov's help says.
    let (found, _) = resources(&folder, &["-d", "infra", "--skip-path", "infra/envs/dev"]);
    assert_eq!(found, without(&["aws_s3_bucket.dev"]));
    // Unanchored and case-sensitive; a folder that matches takes all it holds.
    let (found, _) = resources(
        &infra,
        &["-d", ".", "--skip-path", "envs/", "--skip-path", "OTHER"],
    );
    assert_eq!(found, without(&["aws_s3_bucket.dev", "aws_s3_bucket.prod"]));
    let (found, _) = resources(&infra, &["-d", ".", "--skip-path", r"other\.tf$"]);
    assert_eq!(found, without(&["aws_s3_bucket.other"]));
    // A module folder under a skipped path is still read through the call.
    let (found, _) = resources(&infra, &["-d", ".", "--skip-path", "modules"]);
    assert_eq!(found, without(&[]));
    // `.x` is plain text, as in Checkov: `.*` is no wildcard here.
    let (found, _) = resources(&infra, &["-d", ".", "--skip-path", ".*prod"]);
    assert_eq!(found, without(&[]));
    // -f ignores skip paths.
    let (found, _) = resources(&infra, &["-f", "other.tf", "--skip-path", "other"]);
    assert_eq!(found, ["aws_s3_bucket.other"]);
    // From the configuration file, with a pattern tfscan cannot read as a regular expression.
    write(
        &infra,
        ".checkov.yaml",
        "skip-path:\n  - envs/prod\n  - envs/(dev\n",
    );
    let (found, run) = resources(&infra, &["-d", "."]);
    assert_eq!(found, without(&["aws_s3_bucket.prod"]));
    assert!(
        run.stderr
            .contains("tfscan: --skip-path envs/(dev: not a regular expression"),
        "{}",
        run.stderr
    );
    std::fs::remove_dir_all(folder).ok();
}
