//! `Workspace`: files kept parsed between scans, for hosts that scan the same files again as a
//! few of them change (an editor plugin, a watcher). The npm package wraps it as its `Scanner`
//! class. A file is parsed again only when its bytes change (`tfscan_hcl::Workspace`); every
//! scan runs the checks over all the files, so its report equals `scan` of the same files.

use tfscan_core::render::{self, Format};
use tfscan_core::Report;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::{describe, format_named, HostOptions};

/// Files kept parsed between scans, and the report of the last scan (for `renderLast`).
#[wasm_bindgen(skip_typescript)]
pub struct Workspace {
    files: tfscan_hcl::Workspace,
    options: HostOptions,
    /// The last report and the day it was scanned on, as `renderLast` renders it.
    last: Option<(Report, String)>,
}

#[wasm_bindgen]
impl Workspace {
    /// An empty workspace whose scans use `options` (as `scan`'s) unless a scan gives its own.
    #[wasm_bindgen(constructor)]
    pub fn new(options: Option<JsValue>) -> Result<Workspace, JsError> {
        Ok(Self {
            files: tfscan_hcl::Workspace::new(),
            options: HostOptions::from_js(options)?,
            last: None,
        })
    }

    /// Sets the file at `path` to `content` (its text, or its bytes as a `Uint8Array`). Returns
    /// true when the file was new or changed (and so was parsed).
    pub fn update(&mut self, path: &str, content: &JsValue) -> Result<bool, JsError> {
        let changed = if let Some(text) = content.as_string() {
            self.files.update(path, text.as_bytes())
        } else if let Some(bytes) = content.dyn_ref::<js_sys::Uint8Array>() {
            self.files.update(path, &bytes.to_vec())
        } else {
            return Err(JsError::new(&format!(
                "update({path:?}): expected the file's text (a string) or bytes (a Uint8Array), \
                 got {}",
                describe(content)
            )));
        };
        Ok(changed)
    }

    /// Forgets the file at `path`; false when there was none.
    pub fn remove(&mut self, path: &str) -> bool {
        self.files.remove(path)
    }

    /// The paths held, in the order a scan reads them (the order they were first added).
    pub fn paths(&self) -> Vec<String> {
        self.files.paths().to_vec()
    }

    /// Scans the files held and returns the report, as `scan` does; `options`, when given,
    /// replace the workspace's for this scan.
    pub fn scan(&mut self, options: Option<JsValue>) -> Result<JsValue, JsError> {
        let given = match options {
            Some(options) if !options.is_undefined() => Some(HostOptions::from_js(Some(options))?),
            _ => None,
        };
        let options = given.as_ref().unwrap_or(&self.options);
        let scan_options = options.scan();
        for path in &scan_options.var_files {
            if !self.files.paths().contains(path) {
                return Err(JsError::new(&format!(
                    "options.varFile: {path:?} is not among the scanner's files"
                )));
            }
        }

        let mut report = self.files.scan(&scan_options);
        report
            .policy_problems
            .clone_from(&options.custom_policies.problems);
        let today = options.today();
        let json = render::render(&report, Format::Json, &options.render(&today));
        self.last = Some((report, today));
        js_sys::JSON::parse(&json).map_err(|_| JsError::new("tfscan produced JSON it cannot parse"))
    }

    /// The last scan's report rendered in `format` (`"json"`, `"sarif"`, `"junitxml"`, `"csv"`,
    /// `"markdown"`, `"cli"`, `"github_failed_only"`), as the command line renders it.
    #[wasm_bindgen(js_name = renderLast)]
    pub fn render_last(&self, format: &str, compact: bool, quiet: bool) -> Result<String, JsError> {
        let format: Format = format_named(format)?;
        let Some((report, today)) = &self.last else {
            return Err(JsError::new("renderLast: nothing scanned yet"));
        };
        let options = render::Options {
            compact,
            quiet,
            date: Some(today),
        };
        Ok(render::render(report, format, &options))
    }
}
