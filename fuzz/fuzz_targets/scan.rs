//! The whole scan of several files: the input is split into files at each line
//! `\n%%%% PATH\n` (the first file is `main.tf`), so that tfvars files, `.tf.json` files and
//! local modules (`modules/x/main.tf` called with `source = "./modules/x"`) all take part, and
//! files under `policies/` are custom policies run beside the built-in checks; the report is
//! then rendered in every format. Two skip paths leave out files named `skip...` and the
//! folders under `m...` that no scanned file calls.
#![no_main]

#[path = "../common/mod.rs"]
mod common;

use libfuzzer_sys::fuzz_target;
use tfscan_core::render::Format;
use tfscan_hcl::InputFile;

fuzz_target!(|data: &[u8]| {
    common::on_small_stack(|| {
        let files = common::split_files(data);
        let (policy_files, terraform): (Vec<_>, Vec<_>) = files
            .iter()
            .partition(|(path, _)| path.starts_with("policies/"));
        let inputs: Vec<InputFile<'_>> = terraform
            .iter()
            .map(|(path, bytes)| InputFile { path, bytes })
            .collect();
        let texts: Vec<(String, String)> = policy_files
            .iter()
            .map(|(path, bytes)| (path.clone(), String::from_utf8_lossy(bytes).into_owned()))
            .collect();
        let policies = tfscan_core::custom::load(&texts);
        let options = tfscan_core::ScanOptions {
            var_files: vec![String::from("extra.tfvars")],
            // Skip paths that some inputs' paths match, and the module folders they call.
            skip_paths: vec![String::from("skip"), String::from("^/m[a-z]*/")],
            policies: policies.policies,
            ..tfscan_core::ScanOptions::default()
        };
        let mut report = tfscan_hcl::scan(&inputs, &options);
        report.policy_problems = policies.problems;
        for format in Format::ALL {
            let options = tfscan_core::render::Options::default();
            let _ = tfscan_core::render::render(&report, format, &options);
        }
    });
});
