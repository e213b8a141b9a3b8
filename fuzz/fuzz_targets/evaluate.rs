//! Evaluation: a configuration file gives the scope (variables, locals, resources), then an
//! expression after the separator line `\n%%%% expression\n` is evaluated in it, and every
//! block of the file is expanded (`count`, `for_each`, `dynamic`) as the scan would.
#![no_main]

#[path = "../common/mod.rs"]
mod common;

use std::collections::BTreeMap;

use libfuzzer_sys::fuzz_target;
use tfscan_core::eval::module::ModuleScope;

fuzz_target!(|data: &[u8]| {
    common::on_small_stack(|| {
        let parts = common::split_files(data);
        let Some((_, configuration)) = parts.first() else {
            return;
        };
        let Ok(file) = tfscan_hcl::parse_file("main.tf", configuration) else {
            return;
        };
        let files = [&file];
        let scope = ModuleScope::new(".", &files, BTreeMap::new());
        for (_, expression) in parts.iter().skip(1) {
            let Ok(text) = std::str::from_utf8(expression) else {
                continue;
            };
            if let Ok(expr) = tfscan_hcl::parse_expression(text) {
                let _ = scope.value_of(&expr);
            }
        }
        for block in &file.body.blocks {
            let _ = scope.instances(block);
        }
        let _ = scope.outputs(&files);
    });
});
