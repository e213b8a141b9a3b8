//! A set of files kept parsed between scans, for hosts that scan the same files again and again
//! as a few of them change (an editor, a watcher): a file is parsed again only when its bytes
//! change, and every scan runs the whole engine over the parsed files, so its report is the one
//! [`crate::scan`] gives for the same files in the same order.

use std::collections::BTreeMap;

use tfscan_core::{ParseError, Report, ScanOptions, SourceFile};

use crate::{is_terraform_file, parse_file};

/// Files by path, each with its parsed form (or why it did not parse).
#[derive(Debug, Default)]
pub struct Workspace {
    /// Paths in the order they were first added: the order a scan reads the files in, as
    /// [`crate::scan`] reads its inputs in the order given.
    order: Vec<String>,
    entries: BTreeMap<String, Entry>,
}

#[derive(Debug)]
struct Entry {
    /// The bytes last given: a file given again with the same bytes is not parsed again. They
    /// are compared whole, so a change is never missed.
    bytes: Vec<u8>,
    /// `None` for a file a scan does not read (not Terraform, see [`is_terraform_file`]);
    /// taken out for the length of a scan.
    parsed: Option<Result<SourceFile, ParseError>>,
}

impl Workspace {
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets the file at `path` to `bytes`, parsing it when they differ from the bytes it had.
    /// Returns true when the file was new or changed.
    pub fn update(&mut self, path: &str, bytes: &[u8]) -> bool {
        if let Some(entry) = self.entries.get_mut(path) {
            if entry.bytes == bytes {
                return false;
            }
            *entry = Entry::parse(path, bytes);
            return true;
        }
        self.order.push(path.to_owned());
        self.entries
            .insert(path.to_owned(), Entry::parse(path, bytes));
        true
    }

    /// Forgets the file at `path`; false when there was none.
    pub fn remove(&mut self, path: &str) -> bool {
        if self.entries.remove(path).is_none() {
            return false;
        }
        self.order.retain(|known| known != path);
        true
    }

    /// The paths held, in the order a scan reads them.
    pub fn paths(&self) -> &[String] {
        &self.order
    }

    /// Scans the files held: the report [`crate::scan`] gives for the same files in the same
    /// order, without parsing again the files that did not change.
    pub fn scan(&mut self, options: &ScanOptions) -> Report {
        // The engine takes a slice of parsed files: they are moved out of their entries for the
        // scan and back afterwards, so a scan copies no syntax tree.
        let mut pairs = Vec::new();
        let mut errors = Vec::new();
        let mut skipped = Vec::new();
        for path in &self.order {
            let Some(entry) = self.entries.get_mut(path) else {
                continue;
            };
            match entry.parsed.take() {
                Some(Ok(file)) => pairs.push((path.clone(), file)),
                Some(Err(error)) => {
                    skipped.push(crate::did_not_parse(&error));
                    errors.push(error.clone());
                    entry.parsed = Some(Err(error));
                }
                None => skipped.push(crate::not_terraform(path)),
            }
        }
        // In path order, as crate::scan scans them.
        pairs.sort_by(|a, b| a.1.path.cmp(&b.1.path));
        let (owners, files): (Vec<String>, Vec<SourceFile>) = pairs.into_iter().unzip();
        crate::sort_skipped(&mut errors, &mut skipped);

        let mut report = tfscan_core::scan(&files, errors, options);
        report.files_read = self.order.len();
        crate::add_skipped(&mut report, skipped);

        for (path, file) in owners.iter().zip(files) {
            if let Some(entry) = self.entries.get_mut(path) {
                entry.parsed = Some(Ok(file));
            }
        }
        report
    }
}

impl Entry {
    fn parse(path: &str, bytes: &[u8]) -> Self {
        Self {
            bytes: bytes.to_vec(),
            parsed: is_terraform_file(path).then(|| parse_file(path, bytes)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::InputFile;
    use tfscan_core::render::{self, Format};

    fn json(report: &Report) -> String {
        render::render(report, Format::Json, &render::Options::default())
    }

    fn one_off(files: &[(&str, &str)]) -> String {
        let inputs: Vec<InputFile<'_>> = files
            .iter()
            .map(|(path, text)| InputFile {
                path,
                bytes: text.as_bytes(),
            })
            .collect();
        json(&crate::scan(&inputs, &ScanOptions::default()))
    }

    const KEY: &str = "resource \"aws_kms_key\" \"app\" {\n  description = \"x\"\n}\n";
    const ROTATED: &str = "resource \"aws_kms_key\" \"app\" {\n  enable_key_rotation = true\n}\n";
    const MODULE_CALL: &str = "module \"key\" {\n  source = \"./modules/key\"\n}\n";

    #[test]
    fn every_scan_equals_a_one_off_scan_of_the_same_files() {
        let mut workspace = Workspace::new();
        assert!(workspace.update("main.tf", MODULE_CALL.as_bytes()));
        assert!(workspace.update("modules/key/main.tf", KEY.as_bytes()));
        assert!(workspace.update("broken.tf", b"resource \"x\" {"));
        assert!(workspace.update("notes.txt", b"not terraform"));
        let files = [
            ("main.tf", MODULE_CALL),
            ("modules/key/main.tf", KEY),
            ("broken.tf", "resource \"x\" {"),
            ("notes.txt", "not terraform"),
        ];
        let first = json(&workspace.scan(&ScanOptions::default()));
        assert_eq!(first, one_off(&files));
        assert!(
            first.contains("CKV_AWS_7"),
            "the module's key fails rotation"
        );
        assert!(first.contains("\"parsing_errors\": 1"));

        // Scanning again gives the same report: the parsed files were put back.
        assert_eq!(json(&workspace.scan(&ScanOptions::default())), first);

        // A change keeps the file's place in the order; a removed file is gone.
        assert!(workspace.update("modules/key/main.tf", ROTATED.as_bytes()));
        assert!(workspace.update("broken.tf", b"variable \"fixed\" {}\n"));
        assert!(workspace.remove("notes.txt"));
        assert!(!workspace.remove("notes.txt"));
        let changed = [
            ("main.tf", MODULE_CALL),
            ("modules/key/main.tf", ROTATED),
            ("broken.tf", "variable \"fixed\" {}\n"),
        ];
        let second = json(&workspace.scan(&ScanOptions::default()));
        assert_eq!(second, one_off(&changed));
        assert_ne!(second, first);
        assert_eq!(
            workspace.paths(),
            ["main.tf", "modules/key/main.tf", "broken.tf"]
        );
    }

    #[test]
    fn the_same_bytes_are_not_parsed_again() {
        let mut workspace = Workspace::new();
        assert!(workspace.update("main.tf", KEY.as_bytes()));
        assert!(!workspace.update("main.tf", KEY.as_bytes()));
        assert!(workspace.update("main.tf", ROTATED.as_bytes()));
        assert!(workspace.update("main.tf", KEY.as_bytes()));
    }
}
