//! What tfscan's benchmarks run, phase by phase: reading a folder's Terraform, parsing it,
//! evaluating it (modules, variables, `count` / `for_each`, the resource graph) and running the
//! checks, and rendering the JSON report. `benches/phases.rs` times each phase with Criterion;
//! `scripts/bench` measures whole runs of the command line (wall time, memory, instructions).

use std::path::{Path, PathBuf};

use tfscan_core::render::{self, Format};
use tfscan_core::{ParseError, Report, ScanOptions, SourceFile};

/// The Terraform files of a folder and its subfolders: paths relative to it (with `/`), and
/// bytes, sorted by path.
#[derive(Debug, Default)]
pub struct Tree {
    pub files: Vec<(String, Vec<u8>)>,
}

impl Tree {
    /// Reads every `.tf`, `.tf.json`, `.tfvars` and `.tfvars.json` file under `folder`.
    pub fn load(folder: &Path) -> std::io::Result<Tree> {
        let mut files = Vec::new();
        let mut pending = vec![folder.to_path_buf()];
        while let Some(directory) = pending.pop() {
            for entry in std::fs::read_dir(&directory)? {
                let path = entry?.path();
                if path.is_dir() {
                    pending.push(path);
                    continue;
                }
                let Ok(relative) = path.strip_prefix(folder) else {
                    continue;
                };
                let relative = relative
                    .components()
                    .map(|part| part.as_os_str().to_string_lossy())
                    .collect::<Vec<_>>()
                    .join("/");
                if tfscan_hcl::is_terraform_file(&relative) {
                    files.push((relative, std::fs::read(&path)?));
                }
            }
        }
        files.sort();
        Ok(Tree { files })
    }

    /// The bytes of Terraform the tree holds: what throughput is counted in.
    pub fn bytes(&self) -> u64 {
        self.files.iter().map(|(_, bytes)| bytes.len() as u64).sum()
    }
}

/// Parses every file: the parsed files, and the errors of those that do not parse.
pub fn parse(tree: &Tree) -> (Vec<SourceFile>, Vec<ParseError>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for (path, bytes) in &tree.files {
        match tfscan_hcl::parse_file(path, bytes) {
            Ok(file) => files.push(file),
            Err(error) => errors.push(error),
        }
    }
    (files, errors)
}

/// Evaluates parsed files without running any check: every module, block and instance is
/// evaluated and joins the resource graph, and no check is selected.
pub fn evaluate(files: &[SourceFile]) -> Report {
    let options = ScanOptions {
        checks: vec![String::from("NO_CHECK_HAS_THIS_ID")],
        ..ScanOptions::default()
    };
    tfscan_core::scan(files, Vec::new(), &options)
}

/// Evaluates parsed files and runs every check on them: the whole scan after parsing.
pub fn evaluate_and_check(files: &[SourceFile]) -> Report {
    tfscan_core::scan(files, Vec::new(), &ScanOptions::default())
}

/// The report as `-o json --compact` writes it.
pub fn render_json(report: &Report) -> String {
    let options = render::Options {
        compact: true,
        ..render::Options::default()
    };
    render::render(report, Format::Json, &options)
}

/// `../shared` beside the repository, or where `TFSCAN_SHARED` says, as the tests read it.
pub fn shared_folder() -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    match std::env::var_os("TFSCAN_SHARED") {
        Some(shared) => root.join(shared),
        None => root.join("../shared"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_phase_runs_on_a_small_tree() {
        let folder = std::env::temp_dir().join(format!("tfscan-bench-{}", std::process::id()));
        std::fs::create_dir_all(folder.join("modules/bucket")).expect("temporary folder");
        let write = |path: &str, text: &str| {
            std::fs::write(folder.join(path), text).expect("temporary file");
        };
        write(
            "main.tf",
            "module \"b\" {\n  source = \"./modules/bucket\"\n  name = var.name\n}\nvariable \"name\" {}\n",
        );
        write("terraform.tfvars", "name = \"logs\"\n");
        write("README.md", "not Terraform\n");
        write(
            "modules/bucket/main.tf",
            "variable \"name\" {}\nresource \"aws_s3_bucket\" \"b\" {\n  bucket = var.name\n}\n",
        );
        write("broken.tf", "resource \"x\" {\n");
        let tree = Tree::load(&folder).expect("readable");
        std::fs::remove_dir_all(&folder).expect("removable");

        let paths: Vec<&str> = tree.files.iter().map(|(path, _)| path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "broken.tf",
                "main.tf",
                "modules/bucket/main.tf",
                "terraform.tfvars"
            ]
        );
        assert!(tree.bytes() > 100);
        let (files, errors) = parse(&tree);
        assert_eq!((files.len(), errors.len()), (3, 1));

        let evaluated = evaluate(&files);
        assert_eq!(evaluated.resource_count, 1);
        assert!(evaluated.findings.is_empty(), "no check is selected");
        let checked = evaluate_and_check(&files);
        assert_eq!(checked.resource_count, 1);
        assert!(checked
            .findings
            .iter()
            .any(|finding| finding.resource == "module.b.aws_s3_bucket.b"));
        assert!(render_json(&checked).contains("\"check_type\": \"terraform\""));
    }
}
