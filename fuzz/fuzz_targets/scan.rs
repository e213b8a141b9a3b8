//! The whole scan of several files: the input is split into files at each line
//! `\n%%%% PATH\n` (the first file is `main.tf`), so that tfvars files, `.tf.json` files and
//! local modules (`modules/x/main.tf` called with `source = "./modules/x"`) all take part; the
//! report is then rendered in every format. Two skip paths leave out files named `skip...` and
//! the folders under `m...` that no scanned file calls.
#![no_main]

#[path = "../common/mod.rs"]
mod common;

use libfuzzer_sys::fuzz_target;
use tfscan_core::render::Format;
use tfscan_hcl::InputFile;

fuzz_target!(|data: &[u8]| {
    common::on_small_stack(|| {
        let files = common::split_files(data);
        let inputs: Vec<InputFile<'_>> = files
            .iter()
            .map(|(path, bytes)| InputFile { path, bytes })
            .collect();
        let options = tfscan_core::ScanOptions {
            var_files: vec![String::from("extra.tfvars")],
            // Skip paths that some inputs' paths match, and the module folders they call.
            skip_paths: vec![String::from("skip"), String::from("^/m[a-z]*/")],
            ..tfscan_core::ScanOptions::default()
        };
        let report = tfscan_hcl::scan(&inputs, &options);
        for format in Format::ALL {
            let options = tfscan_core::render::Options::default();
            let _ = tfscan_core::render::render(&report, format, &options);
        }
    });
});
