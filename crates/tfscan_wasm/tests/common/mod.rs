//! Tests of the JavaScript API as JavaScript sees it: values go in and come out as plain
//! JavaScript values (built here with `JSON.parse`), errors are JavaScript `Error`s.
#![allow(clippy::missing_panics_doc)] // Test helpers: a panic is a failed test.

use js_sys::{Array, Map, Reflect, Uint8Array, JSON};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

/// A KMS key whose rotation is left at its default (off): `CKV_AWS_7` fails on lines 1-3.
const KEY_WITHOUT_ROTATION: &str =
    "resource \"aws_kms_key\" \"app\" {\n  description = \"data\"\n}\n";

/// A JavaScript value from JSON text.
fn js(json: &str) -> JsValue {
    JSON::parse(json).expect("test JSON parses")
}

/// `{ name: text }`.
fn files(name: &str, text: &str) -> JsValue {
    let object = js_sys::Object::new();
    Reflect::set(&object, &name.into(), &text.into()).expect("set a property");
    object.into()
}

/// The value at a dotted path (`results.failed_checks`); array items by index.
fn get(value: &JsValue, path: &str) -> JsValue {
    path.split('.').fold(value.clone(), |value, key| {
        Reflect::get(&value, &key.into()).unwrap_or_else(|_| panic!("no {key} in {path}"))
    })
}

/// A count or a line number.
fn number(value: &JsValue, path: &str) -> u64 {
    let number = get(value, path)
        .as_f64()
        .unwrap_or_else(|| panic!("{path} is not a number"));
    assert!(
        number >= 0.0 && number.fract() < f64::EPSILON,
        "{path} = {number} is not a count"
    );
    number as u64
}

fn string(value: &JsValue, path: &str) -> String {
    get(value, path)
        .as_string()
        .unwrap_or_else(|| panic!("{path} is not a string"))
}

fn array(value: &JsValue, path: &str) -> Array {
    let value = get(value, path);
    assert!(Array::is_array(&value), "{path} is not an array");
    value.unchecked_into()
}

/// The message of the JavaScript `Error` a call failed with.
fn error_message(result: Result<JsValue, wasm_bindgen::JsError>) -> String {
    let error = JsValue::from(result.expect_err("the call fails"));
    let error: js_sys::Error = error.dyn_into().expect("the failure is a JavaScript Error");
    String::from(error.message())
}

fn scan(files: &JsValue, options: Option<JsValue>) -> JsValue {
    tfscan_wasm::scan(files, options).expect("scan succeeds")
}

#[wasm_bindgen_test]
fn version_is_the_crate_version() {
    assert_eq!(tfscan_wasm::version(), env!("CARGO_PKG_VERSION"));
}

#[wasm_bindgen_test]
fn list_checks_describes_every_check() {
    let checks: Array = tfscan_wasm::list_checks()
        .expect("listChecks")
        .unchecked_into();
    assert!(checks.length() > 0);

    let kms = checks
        .iter()
        .find(|check| string(check, "id") == "CKV_AWS_7")
        .expect("CKV_AWS_7 is listed");
    assert_eq!(string(&kms, "kind"), "resource");
    assert_eq!(
        array(&kms, "resourceTypes").get(0).as_string().as_deref(),
        Some("aws_kms_key")
    );
    assert!(["LOW", "MEDIUM", "HIGH", "CRITICAL"].contains(&string(&kms, "severity").as_str()));
    assert!(string(&kms, "guideline").starts_with("https://"));
    for part in ["what", "why", "fix", "fixed"] {
        assert!(
            !string(&kms, &format!("explanation.{part}")).is_empty(),
            "explanation.{part}"
        );
    }
}

#[wasm_bindgen_test]
fn scan_returns_the_json_report_as_plain_objects() {
    let report = scan(&files("main.tf", KEY_WITHOUT_ROTATION), None);

    assert_eq!(string(&report, "check_type"), "terraform");
    for list in [
        "passed_checks",
        "failed_checks",
        "skipped_checks",
        "unknown_checks",
    ] {
        array(&report, &format!("results.{list}"));
    }
    array(&report, "results.parsing_errors");
    array(&report, "parsing_error_details");
    array(&report, "unscanned_modules");
    for count in [
        "passed",
        "failed",
        "skipped",
        "unknown",
        "parsing_errors",
        "resource_count",
    ] {
        number(&report, &format!("summary.{count}"));
    }
    assert_eq!(
        string(&report, "summary.tfscan_version"),
        env!("CARGO_PKG_VERSION")
    );
    // Plain objects, not handles into Rust memory: JSON round-trips them.
    let text = JSON::stringify(&report)
        .expect("stringify")
        .as_string()
        .expect("a string");
    assert!(text.contains("\"check_type\":\"terraform\""));
}

#[wasm_bindgen_test]
fn a_kms_key_without_rotation_fails_ckv_aws_7() {
    let report = scan(&files("main.tf", KEY_WITHOUT_ROTATION), None);

    let failed = array(&report, "results.failed_checks");
    let finding = failed
        .iter()
        .find(|finding| string(finding, "check_id") == "CKV_AWS_7")
        .expect("CKV_AWS_7 failed");
    assert_eq!(string(&finding, "check_result.result"), "FAILED");
    assert_eq!(string(&finding, "resource"), "aws_kms_key.app");
    assert_eq!(string(&finding, "file_path"), "/main.tf");
    assert_eq!(
        (
            number(&finding, "file_line_range.0"),
            number(&finding, "file_line_range.1")
        ),
        (1, 3)
    );
    assert!(number(&report, "summary.failed") >= 1);
    assert_eq!(number(&report, "summary.resource_count"), 1);
}

#[wasm_bindgen_test]
fn check_and_skip_check_choose_the_checks() {
    let only_others = scan(
        &files("main.tf", KEY_WITHOUT_ROTATION),
        Some(js(r#"{"check": "CKV_AWS_20"}"#)),
    );
    let skipped = scan(
        &files("main.tf", KEY_WITHOUT_ROTATION),
        Some(js(r#"{"skipCheck": ["CKV_AWS_7"]}"#)),
    );
    let chosen = scan(
        &files("main.tf", KEY_WITHOUT_ROTATION),
        Some(js(r#"{"check": "CKV_AWS_20, CKV_AWS_7"}"#)),
    );

    let has_kms = |report: &JsValue| {
        array(report, "results.failed_checks")
            .iter()
            .any(|f| string(&f, "check_id") == "CKV_AWS_7")
    };
    assert!(!has_kms(&only_others));
    assert!(!has_kms(&skipped));
    assert!(has_kms(&chosen));
}

#[wasm_bindgen_test]
fn several_file_sets_are_scanned_apart_and_combined() {
    let one = files("main.tf", KEY_WITHOUT_ROTATION);
    let alone = scan(&one, None);
    let both = Array::of2(&one, &files("other.tf", KEY_WITHOUT_ROTATION));
    let combined = scan(&both.into(), None);

    for count in ["failed", "passed", "resource_count"] {
        let path = format!("summary.{count}");
        assert_eq!(
            number(&combined, &path),
            2 * number(&alone, &path),
            "{path}"
        );
    }
    let failed = array(&combined, "results.failed_checks");
    let paths: Vec<String> = failed.iter().map(|f| string(&f, "file_path")).collect();
    assert!(
        paths.contains(&String::from("/main.tf")) && paths.contains(&String::from("/other.tf"))
    );
}

#[wasm_bindgen_test]
fn files_may_be_a_map_and_bytes() {
    let map = Map::new();
    map.set(
        &"main.tf".into(),
        &Uint8Array::from(KEY_WITHOUT_ROTATION.as_bytes()).into(),
    );
    let from_map = scan(&map.into(), None);
    let from_object = scan(&files("main.tf", KEY_WITHOUT_ROTATION), None);
    assert_eq!(
        JSON::stringify(&from_map).ok(),
        JSON::stringify(&from_object).ok()
    );
}

#[wasm_bindgen_test]
fn a_file_that_does_not_parse_is_a_parsing_error_and_not_fatal() {
    let map = Map::new();
    map.set(
        &"broken.tf".into(),
        &"resource \"aws_kms_key\" \"x\" {\n  a = \n".into(),
    );
    map.set(
        &"binary.tf".into(),
        &Uint8Array::from(&[0xff_u8, 0xfe, 0x00, 0x80][..]).into(),
    );
    map.set(&"notes.txt".into(), &"not Terraform, not read".into());
    let report = scan(&map.into(), None);

    // Checkov's shape: the paths of the files, as given (no folder was named, so no
    // absolute path is known).
    let paths: Vec<String> = array(&report, "results.parsing_errors")
        .iter()
        .map(|path| path.as_string().expect("a path string"))
        .collect();
    assert_eq!(paths, ["binary.tf", "broken.tf"]);
    let details = array(&report, "parsing_error_details");
    let shown: Vec<String> = details
        .iter()
        .map(|error| string(&error, "file_path"))
        .collect();
    assert_eq!(shown, ["/binary.tf", "/broken.tf"]);
    for error in details.iter() {
        assert!(number(&error, "line") >= 1);
        assert!(number(&error, "column") >= 1);
        assert!(!string(&error, "message").is_empty());
    }
    assert_eq!(number(&report, "summary.parsing_errors"), 2);
}

#[wasm_bindgen_test]
fn scan_to_text_prints_what_the_command_line_prints() {
    let input = files("main.tf", KEY_WITHOUT_ROTATION);
    let json = tfscan_wasm::scan_to_text(&input, Some(js(r#"{"output": "json"}"#))).expect("json");
    let cli = tfscan_wasm::scan_to_text(&input, None).expect("cli");

    // The JSON text is the report `scan` returns, and ends with a newline like the CLI's.
    let output = string(&json, "output");
    assert!(output.ends_with("}\n"));
    let reparsed = JSON::stringify(&js(&output)).ok();
    assert_eq!(reparsed, JSON::stringify(&scan(&input, None)).ok());
    assert!(string(&cli, "output").starts_with("terraform scan results:"));
    assert_eq!(
        number(&json, "summary.failed"),
        number(&cli, "summary.failed")
    );
}

#[wasm_bindgen_test]
fn mistakes_are_errors_that_say_what_to_change() {
    let input = files("main.tf", KEY_WITHOUT_ROTATION);
    let cases: [(JsValue, Option<JsValue>, &str); 9] = [
        (js("3"), None, "files: expected an object or a Map"),
        (js("[{}, 2]"), None, "files[1]: expected an object or a Map"),
        (
            js(r#"{"main.tf": 3}"#),
            None,
            "files[\"main.tf\"]: expected the file's text",
        ),
        (
            input.clone(),
            Some(js(r#"{"skipChecks": ["CKV_AWS_7"]}"#)),
            "options.skipChecks: unknown option",
        ),
        (
            input.clone(),
            Some(js(r#"{"check": 7}"#)),
            "options.check: invalid type",
        ),
        (
            input.clone(),
            Some(js(r#"{"compact": "yes"}"#)),
            "options.compact: invalid type",
        ),
        (
            input.clone(),
            Some(js(r#""CKV_AWS_7""#)),
            "options: expected an object",
        ),
        (
            input.clone(),
            Some(js(r#"{"output": "xml"}"#)),
            "options.output: unknown format",
        ),
        (
            input.clone(),
            Some(js(r#"{"varFile": ["prod.tfvars"]}"#)),
            "options.varFile: \"prod.tfvars\" is not among the files given in files",
        ),
    ];
    for (files, options, expected) in cases {
        let message = error_message(tfscan_wasm::scan_to_text(&files, options));
        assert!(
            message.starts_with(expected),
            "{message:?} should start with {expected:?}"
        );
    }
}

#[wasm_bindgen_test]
fn garbage_input_never_panics() {
    // A panic would abort the module (`RuntimeError: unreachable`) and fail every later call.
    let map = Map::new();
    let nested = "x = ".to_owned() + &"[".repeat(2000);
    let texts = [
        "\u{0}\u{1}\u{2}",
        "resource",
        "resource \"a\" {",
        "}}}}",
        "a = \"${",
        "a = <<EOT\nno end",
        "{\"resource\": [1, {\"x\": }",
        nested.as_str(),
    ];
    for (index, text) in texts.iter().enumerate() {
        map.set(&format!("f{index}.tf").into(), &(*text).into());
        map.set(&format!("f{index}.tf.json").into(), &(*text).into());
    }
    let report = scan(&map.into(), None);
    assert!(number(&report, "summary.parsing_errors") >= 1);
    assert_eq!(
        tfscan_wasm::version(),
        env!("CARGO_PKG_VERSION"),
        "the module still works"
    );
}

#[wasm_bindgen_test]
fn a_config_file_among_the_files_sets_the_options_not_given() {
    let input = js(&format!(
        r#"{{"main.tf": {KEY_WITHOUT_ROTATION:?}, ".checkov.yaml": "check: CKV_AWS_7\nsoft-fail: true\noutput: json\n"}}"#
    ));
    let from_file = tfscan_wasm::scan_to_text(&input, None).expect("scans");
    assert!(
        string(&from_file, "output").starts_with('{'),
        "output: json from the file"
    );
    assert_eq!(number(&from_file, "summary.failed"), 1);
    assert_eq!(number(&from_file, "exitCode"), 0, "soft-fail from the file");

    let overridden = tfscan_wasm::scan_to_text(
        &input,
        Some(js(r#"{"softFail": false, "check": "CKV2_AWS_64"}"#)),
    )
    .expect("scans");
    assert!(string(&overridden, "output").contains("CKV2_AWS_64"));
    assert_eq!(number(&overridden, "exitCode"), 1);

    let bad = js(r#"{"main.tf": "", ".checkov.yml": "check: [a\n"}"#);
    assert_eq!(
        error_message(tfscan_wasm::scan_to_text(&bad, None)),
        ".checkov.yml:1:1: a `[` or `{` here is never closed"
    );
}

#[wasm_bindgen_test]
fn gates_and_a_baseline_round_trip() {
    let input = files("main.tf", KEY_WITHOUT_ROTATION);
    let gated = tfscan_wasm::scan_to_text(&input, Some(js(r#"{"softFailOn": ["MEDIUM"]}"#)))
        .expect("scans");
    assert_eq!(
        number(&gated, "exitCode"),
        0,
        "CKV_AWS_7 MEDIUM, CKV2_AWS_64 LOW"
    );
    let gated =
        tfscan_wasm::scan_to_text(&input, Some(js(r#"{"softFailOn": "LOW"}"#))).expect("scans");
    assert_eq!(number(&gated, "exitCode"), 1);

    let baseline = tfscan_wasm::create_baseline(&input, None).expect("a baseline");
    assert!(
        baseline.contains("\"resource\": \"aws_kms_key.app\""),
        "{baseline}"
    );
    let later = js(&format!(
        r#"{{"main.tf": {KEY_WITHOUT_ROTATION:?}, "old.baseline": {baseline:?}}}"#
    ));
    let narrowed = tfscan_wasm::scan_to_text(&later, Some(js(r#"{"baseline": "old.baseline"}"#)))
        .expect("scans");
    assert_eq!(number(&narrowed, "summary.failed"), 0);
    assert_eq!(number(&narrowed, "exitCode"), 0);
}

#[wasm_bindgen_test]
fn a_workspace_scans_as_scan_does_and_renders_its_last_report() {
    let mut workspace = tfscan_wasm::Workspace::new(None).expect("a workspace");
    assert!(workspace
        .update("main.tf", &KEY_WITHOUT_ROTATION.into())
        .expect("text"));
    assert!(!workspace
        .update("main.tf", &KEY_WITHOUT_ROTATION.into())
        .expect("the same text"));
    let bytes = Uint8Array::from(b"variable \"x\" {}\n".as_slice());
    assert!(workspace.update("vars.tf", &bytes.into()).expect("bytes"));
    let options = js(r#"{"today": "2026-01-01"}"#);

    let kept = workspace.scan(Some(options.clone())).expect("scan");
    let both = js_sys::Object::new();
    Reflect::set(&both, &"main.tf".into(), &KEY_WITHOUT_ROTATION.into()).expect("set");
    Reflect::set(&both, &"vars.tf".into(), &"variable \"x\" {}\n".into()).expect("set");
    let one_off = scan(&both.into(), Some(options));
    assert_eq!(JSON::stringify(&kept).ok(), JSON::stringify(&one_off).ok());
    assert_eq!(
        number(&kept, "summary.failed"),
        number(&one_off, "summary.failed")
    );

    let sarif = workspace.render_last("sarif", false, false).expect("sarif");
    assert!(sarif.contains("CKV_AWS_7"));
    let error = workspace
        .render_last("yaml", false, false)
        .expect_err("unknown format");
    let error: js_sys::Error = JsValue::from(error).dyn_into().expect("an Error");
    assert!(String::from(error.message()).contains("unknown format \"yaml\""));

    assert!(workspace.remove("main.tf"));
    assert!(!workspace.remove("main.tf"));
    assert_eq!(workspace.paths(), ["vars.tf"]);
    let after = workspace.scan(None).expect("scan");
    assert_eq!(number(&after, "summary.failed"), 0);
    let wrong = workspace.update("x.tf", &JsValue::from(42));
    assert!(error_message(wrong.map(JsValue::from)).contains("expected the file's text"));
}
