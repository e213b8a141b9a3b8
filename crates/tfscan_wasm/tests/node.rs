//! The JavaScript API's tests, run in Node: `wasm-pack test --node crates/tfscan_wasm -- --test node`.
//! (A file configured for the browser is skipped by Node, so the same tests live in `common`
//! and `browser.rs` runs them in Chromium.) The malformed input set of `tfscan_hcl` runs here
//! too, compiled to WebAssembly, on its real stack.

mod common;

#[path = "../../tfscan_hcl/tests/malformed/mod.rs"]
mod malformed;

use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;

#[wasm_bindgen_test]
fn each_malformed_input_gives_its_error_or_result_in_webassembly() {
    let failures: Vec<String> = malformed::cases()
        .iter()
        .filter_map(|case| malformed::check(case).err())
        .collect();
    assert!(failures.is_empty(), "{failures:#?}");
}

/// `{ path: text, ... }` as JavaScript passes files.
fn files(entries: &[(&str, &str)]) -> wasm_bindgen::JsValue {
    let object = js_sys::Object::new();
    for (path, text) in entries {
        js_sys::Reflect::set(&object, &(*path).into(), &(*text).into()).expect("set a property");
    }
    object.into()
}

fn get(value: &wasm_bindgen::JsValue, path: &str) -> wasm_bindgen::JsValue {
    path.split('.').fold(value.clone(), |value, key| {
        js_sys::Reflect::get(&value, &key.into()).expect("a property")
    })
}

#[wasm_bindgen_test]
fn options_limits_raise_and_lower_limits_by_their_camel_case_names() {
    let brackets = format!("a = {}", "[".repeat(100_000));
    let inputs = files(&[
        ("a.tf", malformed::KEY),
        ("b.tf", &brackets),
        (
            "c.tf",
            "resource \"aws_kms_key\" \"n\" {\n  count = 20000\n}\n",
        ),
    ]);
    let options =
        js_sys::JSON::parse(r#"{ "limits": { "maxFiles": 2, "maxExpansion": 5 } }"#).expect("JSON");
    let report = tfscan_wasm::scan(&inputs, Some(options)).expect("scan");
    assert_eq!(get(&report, "summary.files_read").as_f64(), Some(3.0));
    assert_eq!(get(&report, "summary.files_scanned").as_f64(), Some(1.0));
    assert_eq!(get(&report, "summary.files_skipped").as_f64(), Some(2.0));
    let skipped: js_sys::Array = get(&report, "skipped_files").unchecked_into();
    let reason = |index: u32| {
        get(&skipped.get(index), "reason")
            .as_string()
            .unwrap_or_default()
    };
    assert!(reason(0).starts_with("parsing error at line 1, column 133: brackets are nested"));
    assert_eq!(
        reason(1),
        "more than 2 files in one scan (--limit max-files)"
    );

    let bad = js_sys::JSON::parse(r#"{ "limits": { "maxFile": 2 } }"#).expect("JSON");
    let error = tfscan_wasm::scan(&inputs, Some(bad)).expect_err("an unknown limit");
    let error: js_sys::Error = wasm_bindgen::JsValue::from(error).unchecked_into();
    let message = String::from(error.message());
    assert_eq!(
        message,
        "options.limits.maxFile: unknown limit; the limits are maxFiles, maxFileBytes, \
         maxNesting, maxEvaluationDepth, maxStringBytes, maxExpansion, maxModuleDepth, \
         maxEvaluationSteps"
    );
    for (limits, expected) in [
        (
            r#"{ "limits": { "maxFiles": 0 } }"#,
            "options.limits.maxFiles: expected a whole number of at least 1, got 0",
        ),
        (
            r#"{ "limits": { "maxExpansion": 2.5 } }"#,
            "options.limits.maxExpansion: expected a whole number of at least 1, got 2.5",
        ),
    ] {
        let bad = js_sys::JSON::parse(limits).expect("JSON");
        let error = tfscan_wasm::scan(&inputs, Some(bad)).expect_err("a bad limit");
        let error: js_sys::Error = wasm_bindgen::JsValue::from(error).unchecked_into();
        assert_eq!(String::from(error.message()), expected);
    }
}
