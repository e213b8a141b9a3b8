//! One file through the parser: native syntax, JSON syntax and variable files, picked by the
//! first byte, and the text also read as one expression and as a template.
#![no_main]

#[path = "../common/mod.rs"]
mod common;

use libfuzzer_sys::fuzz_target;

const NAMES: [&str; 4] = [
    "main.tf",
    "main.tf.json",
    "terraform.tfvars",
    "a.auto.tfvars.json",
];

fuzz_target!(|data: &[u8]| {
    let Some((&selector, bytes)) = data.split_first() else {
        return;
    };
    let path = NAMES[usize::from(selector) % NAMES.len()];
    common::on_small_stack(|| {
        let _ = tfscan_hcl::parse_file(path, bytes);
        if let Ok(text) = std::str::from_utf8(bytes) {
            let _ = tfscan_hcl::parse_expression(text);
            let _ = tfscan_hcl::parse_template(text);
        }
    });
});
