//! The scan: evaluate every module, run the checks for each block's type, collect findings.

use alloc::collections::BTreeMap;
use alloc::string::{String, ToString};
use alloc::vec::Vec;

use crate::check::{Check, EntityKind, Resource, Verdict};
use crate::eval::module::ModuleScope;
use crate::eval::evaluate_standalone;
use crate::report::{Finding, Outcome, Report};
use crate::suppress::{self, Suppression};
use crate::syntax::{Block, FileKind, ParseError, SourceFile};
use crate::value::Value;

/// What to run, as the command line's flags say it.
#[derive(Debug, Clone, Default)]
pub struct ScanOptions {
    /// `--check`: run only these check IDs (all when empty).
    pub checks: Vec<String>,
    /// `--skip-check`: never run these check IDs.
    pub skip_checks: Vec<String>,
    /// `--var-file`: paths (as named in the scanned files) of extra variable files, applied
    /// after `terraform.tfvars` and `*.auto.tfvars`, in order.
    pub var_files: Vec<String>,
}

/// Scans parsed files. `parse_errors` are the files that did not parse; they are reported and
/// every other file is still scanned.
pub fn scan(files: &[SourceFile], parse_errors: Vec<ParseError>, options: &ScanOptions) -> Report {
    let checks = CheckIndex::new(options);
    let mut report = Report { parsing_errors: parse_errors, ..Report::default() };

    for (directory, module) in group_by_directory(files, options) {
        // A folder outside the scanned one was loaded only because a module call names it.
        // Module calls are not followed yet, so such folders are not scanned on their own.
        if directory == ".." || directory.starts_with("../") {
            continue;
        }
        let inputs = variable_values(&module.variable_files);
        let scope = ModuleScope::new(directory, &module.configuration, inputs);
        for file in &module.configuration {
            let suppressions = suppress::find(&file.text);
            let context = FileContext { file, suppressions: &suppressions, address_prefix: "" };
            for block in &file.body.blocks {
                scan_block(&scope, block, &context, &checks, &mut report);
            }
        }
    }

    report.findings.sort_by(|a, b| {
        (&a.file_path, a.lines, &a.resource, a.check.id).cmp(&(&b.file_path, b.lines, &b.resource, b.check.id))
    });
    report
}

/// A file being scanned, with what every finding in it needs.
struct FileContext<'a> {
    file: &'a SourceFile,
    suppressions: &'a [Suppression],
    /// `module.a.` for resources reached through a module call, empty at the root.
    address_prefix: &'a str,
}

fn scan_block(scope: &ModuleScope<'_>, block: &Block, context: &FileContext<'_>, checks: &CheckIndex, report: &mut Report) {
    let (kind, resource_type, name) = match (block.kind.as_str(), block.labels.as_slice()) {
        ("resource", [resource_type, name]) => (EntityKind::Resource, resource_type, name),
        ("data", [resource_type, name]) => (EntityKind::Data, resource_type, name),
        _ => return,
    };
    let applicable = checks.for_type(kind, resource_type);
    for instance in scope.instances(block) {
        report.resource_count += 1;
        if applicable.is_empty() {
            continue;
        }
        let address = alloc::format!("{}{resource_type}.{name}{}", context.address_prefix, instance.key.suffix());
        let resource = Resource { kind, resource_type, name, attributes: &instance.attributes };
        for check in applicable {
            let outcome = match suppress::reason_for(context.suppressions, block.lines, check.id) {
                Some(reason) => Outcome::Skipped { reason: reason.to_string() },
                None => match (check.evaluate)(&resource) {
                    Verdict::Passed => Outcome::Passed,
                    Verdict::Failed => Outcome::Failed,
                    Verdict::Unknown => Outcome::Unknown,
                    Verdict::NotApplicable => continue,
                },
            };
            let code = if outcome == Outcome::Failed {
                code_lines(&context.file.text, block.lines.first, block.lines.last)
            } else {
                Vec::new()
            };
            report.findings.push(Finding {
                check,
                outcome,
                resource: address.clone(),
                file_path: context.file.path.clone(),
                lines: block.lines,
                caller: None,
                code,
            });
        }
    }
}

/// The checks to run, looked up by block kind and type.
struct CheckIndex {
    resources: BTreeMap<&'static str, Vec<&'static Check>>,
    data_sources: BTreeMap<&'static str, Vec<&'static Check>>,
}

impl CheckIndex {
    fn new(options: &ScanOptions) -> Self {
        let mut index = Self { resources: BTreeMap::new(), data_sources: BTreeMap::new() };
        for check in crate::checks::all() {
            if !selected(check.id, options) {
                continue;
            }
            let by_type = match check.kind {
                EntityKind::Resource => &mut index.resources,
                EntityKind::Data => &mut index.data_sources,
            };
            for resource_type in check.resource_types {
                by_type.entry(*resource_type).or_default().push(check);
            }
        }
        index
    }

    fn for_type(&self, kind: EntityKind, resource_type: &str) -> &[&'static Check] {
        let by_type = match kind {
            EntityKind::Resource => &self.resources,
            EntityKind::Data => &self.data_sources,
        };
        by_type.get(resource_type).map_or(&[], Vec::as_slice)
    }
}

/// `--check` and `--skip-check`: IDs, or prefixes ending in `*` (`CKV_AWS_*`).
fn selected(id: &str, options: &ScanOptions) -> bool {
    let matches = |pattern: &String| match pattern.strip_suffix('*') {
        Some(prefix) => id.starts_with(prefix),
        None => pattern == id,
    };
    (options.checks.is_empty() || options.checks.iter().any(matches)) && !options.skip_checks.iter().any(matches)
}

/// The files of one folder: a Terraform module.
#[derive(Default)]
struct ModuleFiles<'a> {
    configuration: Vec<&'a SourceFile>,
    /// `terraform.tfvars`, then `*.auto.tfvars` in name order, then `--var-file`s in order.
    variable_files: Vec<&'a SourceFile>,
}

fn group_by_directory<'a>(files: &'a [SourceFile], options: &ScanOptions) -> BTreeMap<&'a str, ModuleFiles<'a>> {
    let mut modules: BTreeMap<&str, ModuleFiles<'_>> = BTreeMap::new();
    let mut automatic: BTreeMap<&str, Vec<&SourceFile>> = BTreeMap::new();
    for file in files {
        let (directory, name) = split_path(&file.path);
        match file.kind {
            FileKind::Configuration => modules.entry(directory).or_default().configuration.push(file),
            FileKind::VariableValues => {
                let automatic_file = name == "terraform.tfvars"
                    || name == "terraform.tfvars.json"
                    || name.ends_with(".auto.tfvars")
                    || name.ends_with(".auto.tfvars.json");
                if automatic_file {
                    automatic.entry(directory).or_default().push(file);
                }
            }
        }
    }
    for (directory, mut variable_files) in automatic {
        // terraform.tfvars first, then the .auto files in lexical order, as Terraform loads them.
        variable_files.sort_by_key(|file| (!split_path(&file.path).1.starts_with("terraform.tfvars"), &file.path));
        if let Some(module) = modules.get_mut(directory) {
            module.variable_files = variable_files;
        }
    }
    let explicit: Vec<&SourceFile> =
        options.var_files.iter().filter_map(|path| files.iter().find(|file| &file.path == path)).collect();
    for module in modules.values_mut() {
        module.variable_files.extend(explicit.iter().copied());
    }
    modules
}

/// `("a/b", "c.tf")` for `a/b/c.tf`; the folder of a top-level file is `"."`.
fn split_path(path: &str) -> (&str, &str) {
    match path.rfind('/') {
        Some(slash) => (&path[..slash], &path[slash + 1..]),
        None => (".", path),
    }
}

/// The values that variable files give, later files overriding earlier ones.
fn variable_values(files: &[&SourceFile]) -> BTreeMap<String, Value> {
    let mut values = BTreeMap::new();
    for file in files {
        for attribute in &file.body.attributes {
            let value = evaluate_standalone(&attribute.expr).unwrap_or(Value::Unknown);
            values.insert(attribute.name.clone(), value);
        }
    }
    values
}

/// Lines `first..=last` of `text`, numbered, for showing a failed block.
fn code_lines(text: &str, first: u32, last: u32) -> Vec<(u32, String)> {
    text.lines()
        .enumerate()
        .skip(first.saturating_sub(1) as usize)
        .take((last + 1).saturating_sub(first) as usize)
        .map(|(index, line)| (index as u32 + 1, line.to_string()))
        .collect()
}
