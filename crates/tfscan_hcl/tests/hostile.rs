//! Hostile and broken input: the malformed set (shared with the WebAssembly tests), the
//! limits and their options, and determinism (the same files in any order give the same
//! report; a file that fails leaves the others' findings intact).

mod malformed;

use tfscan_core::render::{self, Format};
use tfscan_core::{Limits, Report, ScanOptions};
use tfscan_hcl::InputFile;

/// WebAssembly's stack: the malformed set runs on a thread this size, as it would in Node.
/// Unoptimised builds take several times more stack per level (hcl-edit's parser above all:
/// 60 nested brackets overflow 1 MiB in a debug build, 128 fit in a release build), so a
/// debug build gets 8 MiB; the fuzz targets run the release build on 1 MiB.
const WASM_STACK: usize = if cfg!(debug_assertions) {
    8 << 20
} else {
    1 << 20
};

fn on_small_stack<T: Send>(work: impl FnOnce() -> T + Send) -> T {
    std::thread::scope(|threads| {
        std::thread::Builder::new()
            .stack_size(WASM_STACK)
            .spawn_scoped(threads, work)
            .expect("the thread starts")
            .join()
            .expect("no panic and no stack overflow")
    })
}

#[test]
fn each_malformed_input_gives_its_error_or_result_on_a_small_stack() {
    let failures: Vec<String> = on_small_stack(|| {
        malformed::cases()
            .iter()
            .filter_map(|case| malformed::check(case).err())
            .collect()
    });
    assert!(failures.is_empty(), "{failures:#?}");
}

fn scan_files(files: &[(&str, &[u8])], options: &ScanOptions) -> Report {
    let inputs: Vec<InputFile<'_>> = files
        .iter()
        .map(|(path, bytes)| InputFile { path, bytes })
        .collect();
    tfscan_hcl::scan(&inputs, options)
}

/// The JSON and CLI reports together, as bytes to compare.
fn rendered(report: &Report) -> String {
    let options = render::Options::default();
    render::render(report, Format::Json, &options) + &render::render(report, Format::Cli, &options)
}

/// A root module with tfvars, a local module called twice and a file that does not parse.
fn project() -> Vec<(&'static str, &'static [u8])> {
    vec![
        ("main.tf", b"variable \"rotate\" {\n  type = bool\n}\nmodule \"one\" {\n  source = \"./modules/key\"\n  rotate = var.rotate\n}\nmodule \"two\" {\n  source = \"./modules/key\"\n  rotate = false\n}\n" as &[u8]),
        ("terraform.tfvars", b"rotate = true\n"),
        ("b.auto.tfvars", b"rotate = false\n"),
        ("a.auto.tfvars", b"rotate = true\n"),
        ("keys.tf", b"resource \"aws_kms_key\" \"a\" {\n  for_each = toset([\"x\", \"y\"])\n  enable_key_rotation = each.key == \"x\"\n}\n"),
        ("broken.tf", b"resource \"aws_kms_key\" \"broken\" {\n"),
        ("modules/key/main.tf", b"variable \"rotate\" {}\nresource \"aws_kms_key\" \"m\" {\n  enable_key_rotation = var.rotate\n}\n"),
        ("modules/key/outputs.tf.json", b"{\"output\": {\"id\": {\"value\": \"${aws_kms_key.m.id}\"}}}"),
        ("README.md", b"# not Terraform\n"),
    ]
}

#[test]
fn the_same_files_in_any_order_give_byte_identical_reports() {
    let files = project();
    let options = ScanOptions::default();
    let expected = rendered(&scan_files(&files, &options));
    assert!(expected.contains("module.two.aws_kms_key.m"), "{expected}");
    let mut orders = vec![files.iter().rev().copied().collect::<Vec<_>>()];
    for shift in 1..files.len() {
        let mut rotated = files.clone();
        rotated.rotate_left(shift);
        orders.push(rotated);
    }
    // Pairs swapped: a different order again.
    let mut swapped = files.clone();
    for pair in swapped.chunks_mut(2) {
        pair.reverse();
    }
    orders.push(swapped);
    for order in orders {
        let names: Vec<&str> = order.iter().map(|(path, _)| *path).collect();
        assert_eq!(
            rendered(&scan_files(&order, &options)),
            expected,
            "order {names:?}"
        );
    }
}

#[test]
fn a_failing_file_leaves_every_other_files_findings_intact() {
    let good: Vec<(&str, &[u8])> = project()
        .into_iter()
        .filter(|(path, _)| *path != "broken.tf")
        .collect();
    let options = ScanOptions::default();
    let alone = scan_files(&good, &options);
    assert!(alone.parsing_errors.is_empty());
    for case in malformed::cases() {
        let mut files = good.clone();
        // The malformed files under their own folder, so that they join no module of `good`.
        let renamed: Vec<(String, &[u8])> = case
            .files
            .iter()
            .map(|(path, bytes)| (format!("broken/{path}"), bytes.as_slice()))
            .collect();
        files.extend(renamed.iter().map(|(path, bytes)| (path.as_str(), *bytes)));
        let together = scan_files(&files, &options);
        let kept: Vec<String> = together
            .findings
            .iter()
            .filter(|finding| !finding.file_path.starts_with("broken/"))
            .map(|finding| {
                format!(
                    "{} {} {}",
                    finding.check.id(),
                    finding.resource,
                    finding.outcome.as_str()
                )
            })
            .collect();
        let expected: Vec<String> = alone
            .findings
            .iter()
            .map(|finding| {
                format!(
                    "{} {} {}",
                    finding.check.id(),
                    finding.resource,
                    finding.outcome.as_str()
                )
            })
            .collect();
        assert_eq!(kept, expected, "{}", case.name);
    }
}

#[test]
fn the_report_counts_files_read_scanned_and_skipped_with_reasons() {
    let report = scan_files(&project(), &ScanOptions::default());
    assert_eq!((report.files_read, report.files_scanned), (9, 7));
    let skipped: Vec<(&str, &str)> = report
        .skipped_files
        .iter()
        .map(|file| (file.path.as_str(), file.reason.as_str()))
        .collect();
    assert_eq!(
        skipped,
        [
            ("README.md", "not a Terraform file (.tf, .tf.json, .tfvars, .tfvars.json)"),
            ("broken.tf", "parsing error at line 1, column 1: this block is not closed: expected '}' to match its '{' before the end of the file (line 1)"),
        ]
    );
    let json = render::render(&report, Format::Json, &render::Options::default());
    for field in [
        "\"files_read\": 9",
        "\"files_scanned\": 7",
        "\"files_skipped\": 2",
        "\"skipped_files\": [",
        "\"limits_reached\": []",
    ] {
        assert!(json.contains(field), "{field} in {json}");
    }
    let cli = render::render(&report, Format::Cli, &render::Options::default());
    assert!(cli.contains("Files: 9 read, 7 scanned, 2 skipped"), "{cli}");
    assert!(
        cli.contains("File skipped: /README.md: not a Terraform file"),
        "{cli}"
    );
}

#[test]
fn files_past_the_file_limit_are_skipped_and_the_rest_scanned() {
    let files: Vec<(&str, &[u8])> = vec![
        ("c.tf", malformed::KEY.as_bytes()),
        ("a.tf", b"locals {}\n"),
        ("b.tf", b"locals {}\n"),
    ];
    let options = ScanOptions {
        limits: Limits {
            max_files: 2,
            ..Limits::default()
        },
        ..ScanOptions::default()
    };
    let report = scan_files(&files, &options);
    assert_eq!(report.files_scanned, 2);
    assert_eq!(report.skipped_files.len(), 1);
    assert_eq!(report.skipped_files[0].path, "b.tf");
    assert_eq!(
        report.skipped_files[0].reason,
        "more than 2 files in one scan (--limit max-files)"
    );
    assert!(report
        .findings
        .iter()
        .any(|finding| finding.resource == "aws_kms_key.k"));
}

#[test]
fn modules_past_the_depth_limit_are_listed_as_not_followed() {
    let files: Vec<(&str, &[u8])> = vec![
        ("main.tf", b"module \"a\" {\n  source = \"./a\"\n}\n"),
        ("a/main.tf", b"module \"b\" {\n  source = \"../b\"\n}\n"),
        ("b/main.tf", malformed::KEY.as_bytes()),
    ];
    let shallow = ScanOptions {
        limits: Limits {
            max_module_depth: 2,
            ..Limits::default()
        },
        ..ScanOptions::default()
    };
    let report = scan_files(&files, &shallow);
    assert!(report.findings.is_empty());
    assert_eq!(report.unscanned_modules.len(), 1);
    assert_eq!(report.unscanned_modules[0].address, "module.a.module.b");
    assert_eq!(
        report.unscanned_modules[0].reason,
        "module calls nested more than 2 deep are not followed (--limit max-module-depth)"
    );
    let report = scan_files(&files, &ScanOptions::default());
    assert!(report
        .findings
        .iter()
        .any(|finding| finding.resource == "module.a.module.b.aws_kms_key.k"));
}

#[test]
fn raising_a_limit_lets_the_scan_go_further() {
    let files: Vec<(&str, &[u8])> = vec![(
        "main.tf",
        b"resource \"aws_kms_key\" \"n\" {\n  count = 10001\n}\n",
    )];
    let report = scan_files(&files, &ScanOptions::default());
    assert_eq!(report.resource_count, 1);
    assert_eq!(report.limit_notes.len(), 1);
    let raised = ScanOptions {
        limits: Limits {
            max_expansion: 10001,
            ..Limits::default()
        },
        ..ScanOptions::default()
    };
    let report = scan_files(&files, &raised);
    assert_eq!(report.resource_count, 10001);
    assert!(report.limit_notes.is_empty());

    let deep = format!("a = {}1{}\n", "[".repeat(200), "]".repeat(200));
    let files: Vec<(&str, &[u8])> = vec![("main.tf", deep.as_bytes())];
    assert_eq!(
        scan_files(&files, &ScanOptions::default())
            .parsing_errors
            .len(),
        1
    );
    let raised = ScanOptions {
        limits: Limits {
            max_nesting: 256,
            ..Limits::default()
        },
        ..ScanOptions::default()
    };
    let report = scan_files(&files, &raised);
    // hcl-edit has a nesting limit of its own (64 levels of expressions), past which it refuses
    // what it reads; a raised limit reaches it, never the stack.
    assert_eq!(
        report.parsing_errors.len(),
        1,
        "{:?}",
        report.parsing_errors
    );
    assert!(
        report.parsing_errors[0]
            .message
            .contains("nested more than 64"),
        "{:?}",
        report.parsing_errors
    );
}
