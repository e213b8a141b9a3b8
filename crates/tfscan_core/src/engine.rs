//! The scan: evaluate every module, run the checks for each block's type, collect findings.

use alloc::collections::{BTreeMap, BTreeSet};
use alloc::string::{String, ToString};
use alloc::vec::Vec;

use crate::check::{Check, EntityKind, Resource, Verdict};
use crate::eval::evaluate_standalone;
use crate::eval::module::{InstanceKey, ModuleScope};
use crate::report::{Caller, Finding, NotCreated, Outcome, Report, UnscannedModule};
use crate::suppress::{self, Suppression};
use crate::syntax::{Block, Expr, FileKind, ParseError, SourceFile};
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
    /// `--unresolved-null-variables`: read variables whose value is null as unknown, as Checkov
    /// leaves them unresolved. Off by default: in Terraform a null value means "not set".
    pub null_variables_unknown: bool,
}

/// Module calls nested deeper than this are reported instead of followed.
const MAX_MODULE_DEPTH: usize = 32;

/// Scans parsed files. `parse_errors` are the files that did not parse; they are reported and
/// every other file is still scanned.
///
/// Each folder is a module. A folder that no other scanned folder calls is a root module and is
/// scanned with its tfvars; modules it calls with a local `source` are scanned through the
/// call, with the call's arguments as their variables and `module.NAME.` in their addresses.
pub fn scan(files: &[SourceFile], parse_errors: Vec<ParseError>, options: &ScanOptions) -> Report {
    let modules = group_by_directory(files, options);
    let called: BTreeSet<String> = modules
        .iter()
        .flat_map(|(directory, module)| {
            module.configuration.iter().flat_map(move |file| {
                file.body
                    .blocks_of("module")
                    .filter_map(move |block| local_source(directory, block))
                    .filter(move |target| target != directory)
            })
        })
        .collect();

    let mut engine = Engine {
        modules: &modules,
        null_variables_unknown: options.null_variables_unknown,
        checks: CheckIndex::new(options),
        report: Report {
            parsing_errors: parse_errors,
            ..Report::default()
        },
    };
    for (directory, module) in &modules {
        // Folders outside the scanned one were loaded only because a module call names them.
        let outside = *directory == ".." || directory.starts_with("../");
        if outside || called.contains(*directory) {
            continue;
        }
        let inputs = variable_values(&module.variable_files);
        let mut stack = alloc::vec![String::from(*directory)];
        engine.scan_module(directory, inputs, "", None, &mut stack);
    }

    let mut report = engine.report;
    report.findings.sort_by(|a, b| {
        (&a.file_path, a.lines, &a.resource, a.check.id).cmp(&(
            &b.file_path,
            b.lines,
            &b.resource,
            b.check.id,
        ))
    });
    report
}

struct Engine<'a> {
    modules: &'a BTreeMap<&'a str, ModuleFiles<'a>>,
    null_variables_unknown: bool,
    checks: CheckIndex,
    report: Report,
}

impl Engine<'_> {
    /// Scans one instance of a module and returns its outputs.
    fn scan_module(
        &mut self,
        directory: &str,
        inputs: BTreeMap<String, Value>,
        prefix: &str,
        caller: Option<&Caller>,
        stack: &mut Vec<String>,
    ) -> Value {
        let modules = self.modules;
        let Some(module) = modules.get(directory) else {
            return Value::Unknown;
        };
        let mut scope = ModuleScope::new(directory, &module.configuration, inputs)
            .null_variables_unknown(self.null_variables_unknown);

        for (file, block) in calls_in_dependency_order(&module.configuration) {
            let Some(outputs) = self.scan_call(&scope, directory, file, block, prefix, stack)
            else {
                continue;
            };
            if let [name] = block.labels.as_slice() {
                scope.set_module_outputs(name, outputs);
            }
        }

        for file in &module.configuration {
            let suppressions = suppress::find(&file.text);
            let context = FileContext {
                file,
                suppressions: &suppressions,
                address_prefix: prefix,
                caller,
            };
            for block in &file.body.blocks {
                scan_block(&scope, block, &context, &self.checks, &mut self.report);
            }
        }
        scope.outputs(&module.configuration)
    }

    /// Follows one `module` block: every instance of it, when its source is a scanned folder.
    /// Returns what `module.NAME` reads as, or None when the call is not followed.
    fn scan_call(
        &mut self,
        scope: &ModuleScope<'_>,
        directory: &str,
        file: &SourceFile,
        block: &Block,
        prefix: &str,
        stack: &mut Vec<String>,
    ) -> Option<Value> {
        let [name] = block.labels.as_slice() else {
            return None;
        };
        let address = alloc::format!("{prefix}module.{name}");
        let source = block
            .body
            .attribute("source")
            .and_then(|attribute| scope.value_of(&attribute.expr).as_str().map(String::from))
            .unwrap_or_default();
        let not_scanned = |reason: String| UnscannedModule {
            address: address.clone(),
            source: source.clone(),
            file_path: file.path.clone(),
            lines: block.lines,
            reason,
        };
        let Some(target) = local_source(directory, block) else {
            self.report.unscanned_modules.push(not_scanned(String::from(
                "remote module sources (registry, git, http) are not fetched",
            )));
            return None;
        };
        if !self.modules.contains_key(target.as_str()) {
            self.report
                .unscanned_modules
                .push(not_scanned(alloc::format!(
                    "no Terraform files found in \"{target}\""
                )));
            return None;
        }
        if let Some(start) = stack.iter().position(|folder| *folder == target) {
            let mut cycle: Vec<&str> = stack[start..].iter().map(String::as_str).collect();
            cycle.push(&target);
            self.report.parsing_errors.push(ParseError {
                path: file.path.clone(),
                line: block.lines.first,
                column: 1,
                message: alloc::format!("module cycle: {}", cycle.join(" -> ")),
            });
            return None;
        }
        if stack.len() >= MAX_MODULE_DEPTH {
            self.report
                .unscanned_modules
                .push(not_scanned(alloc::format!(
                    "module calls nested more than {MAX_MODULE_DEPTH} deep are not followed"
                )));
            return None;
        }

        let caller = Caller {
            file_path: file.path.clone(),
            lines: block.lines,
        };
        let keyed = block.body.attribute("for_each").is_some();
        let counted = block.body.attribute("count").is_some();
        let mut by_key = BTreeMap::new();
        let mut by_index = Vec::new();
        let mut single = Value::Unknown;
        let instances = scope.instances(block);
        if instances.is_empty() {
            self.report.not_created.push(NotCreated {
                address: address.clone(),
                file_path: file.path.clone(),
                lines: block.lines,
            });
        }
        for instance in instances {
            let inputs = match instance.attributes {
                Value::Object(mut arguments) => {
                    for meta in ["source", "version", "providers"] {
                        arguments.remove(meta);
                    }
                    arguments
                }
                _ => BTreeMap::new(),
            };
            let child_prefix = alloc::format!("{address}{}.", instance.key.suffix());
            stack.push(target.clone());
            let outputs = self.scan_module(&target, inputs, &child_prefix, Some(&caller), stack);
            stack.pop();
            match instance.key {
                InstanceKey::Key(key) => {
                    by_key.insert(key, outputs);
                }
                InstanceKey::Index(_) => by_index.push(outputs),
                InstanceKey::Single => single = outputs,
            }
        }
        Some(if keyed && !by_key.is_empty() {
            Value::Object(by_key)
        } else if counted && !by_index.is_empty() {
            Value::List(by_index)
        } else if keyed || counted {
            // count = 0, an empty for_each, or one whose value is unknown.
            Value::Unknown
        } else {
            single
        })
    }
}

/// The folder a `module` block's `source` names, when it is a local path (`./x`, `../x`).
fn local_source(directory: &str, block: &Block) -> Option<String> {
    let attribute = block.body.attribute("source")?;
    let source = match &attribute.expr {
        Expr::String(source) => source.as_str(),
        _ => return None,
    };
    let local =
        source == "." || source == ".." || source.starts_with("./") || source.starts_with("../");
    local.then(|| normalize_path(directory, source))
}

/// `directory` joined with `relative`, with `.` and `name/..` steps removed (leading `..`
/// steps stay): `examples/a` + `../../modules/b` is `modules/b`.
fn normalize_path(directory: &str, relative: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for part in directory.split('/').chain(relative.split('/')) {
        match part {
            "" | "." => {}
            ".." if parts.last().is_some_and(|last| *last != "..") => {
                parts.pop();
            }
            other => parts.push(other),
        }
    }
    if parts.is_empty() {
        String::from(".")
    } else {
        parts.join("/")
    }
}

/// The module blocks of a module, ordered so that a call whose arguments read `module.X`
/// comes after the call X (calls in a cycle keep their source order).
fn calls_in_dependency_order<'a>(files: &[&'a SourceFile]) -> Vec<(&'a SourceFile, &'a Block)> {
    let calls: Vec<(&SourceFile, &Block)> = files
        .iter()
        .flat_map(|file| {
            file.body
                .blocks_of("module")
                .map(move |block| (*file, block))
        })
        .collect();
    let names: Vec<&str> = calls
        .iter()
        .map(|(_, block)| block.labels.first().map_or("", String::as_str))
        .collect();
    let needs: Vec<Vec<usize>> = calls
        .iter()
        .map(|(_, block)| {
            let mut needed = Vec::new();
            block.body.visit_references(&mut |root, first| {
                if let ("module", Some(name)) = (root, first) {
                    if let Some(position) = names.iter().position(|candidate| *candidate == name) {
                        needed.push(position);
                    }
                }
            });
            needed
        })
        .collect();

    let mut done = alloc::vec![false; calls.len()];
    let mut order = Vec::with_capacity(calls.len());
    while order.len() < calls.len() {
        let ready = (0..calls.len()).find(|&index| {
            !done[index]
                && needs[index]
                    .iter()
                    .all(|&needed| done[needed] || needed == index)
        });
        // In a cycle nothing is ready: take the first remaining call.
        let next =
            ready.unwrap_or_else(|| (0..calls.len()).find(|&index| !done[index]).unwrap_or(0));
        done[next] = true;
        order.push(calls[next]);
    }
    order
}

/// A file being scanned, with what every finding in it needs.
struct FileContext<'a> {
    file: &'a SourceFile,
    suppressions: &'a [Suppression],
    /// `module.a.` for resources reached through a module call, empty at the root.
    address_prefix: &'a str,
    /// The module block through which this file's module was reached.
    caller: Option<&'a Caller>,
}

fn scan_block(
    scope: &ModuleScope<'_>,
    block: &Block,
    context: &FileContext<'_>,
    checks: &CheckIndex,
    report: &mut Report,
) {
    let (kind, resource_type, name) = match (block.kind.as_str(), block.labels.as_slice()) {
        ("resource", [resource_type, name]) => (EntityKind::Resource, resource_type, name),
        ("data", [resource_type, name]) => (EntityKind::Data, resource_type, name),
        _ => return,
    };
    let applicable = checks.for_type(kind, resource_type);
    let instances = scope.instances(block);
    if instances.is_empty() {
        report.not_created.push(NotCreated {
            address: alloc::format!("{}{resource_type}.{name}", context.address_prefix),
            file_path: context.file.path.clone(),
            lines: block.lines,
        });
    }
    for instance in instances {
        // Checkov counts resources, not data sources.
        report.resource_count += usize::from(kind == EntityKind::Resource);
        if applicable.is_empty() {
            continue;
        }
        let address = alloc::format!(
            "{}{resource_type}.{name}{}",
            context.address_prefix,
            instance.key.suffix()
        );
        let resource = Resource {
            kind,
            resource_type,
            name,
            attributes: &instance.attributes,
        };
        for check in applicable {
            let outcome = match suppress::reason_for(context.suppressions, block.lines, check.id) {
                Some(reason) => Outcome::Skipped {
                    reason: reason.to_string(),
                },
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
                caller: context.caller.cloned(),
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
        let mut index = Self {
            resources: BTreeMap::new(),
            data_sources: BTreeMap::new(),
        };
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
    (options.checks.is_empty() || options.checks.iter().any(matches))
        && !options.skip_checks.iter().any(matches)
}

/// The files of one folder: a Terraform module.
#[derive(Default)]
struct ModuleFiles<'a> {
    configuration: Vec<&'a SourceFile>,
    /// `terraform.tfvars`, then `*.auto.tfvars` in name order, then `--var-file`s in order.
    variable_files: Vec<&'a SourceFile>,
}

fn group_by_directory<'a>(
    files: &'a [SourceFile],
    options: &ScanOptions,
) -> BTreeMap<&'a str, ModuleFiles<'a>> {
    let mut modules: BTreeMap<&str, ModuleFiles<'_>> = BTreeMap::new();
    let mut automatic: BTreeMap<&str, Vec<&SourceFile>> = BTreeMap::new();
    for file in files {
        let (directory, name) = split_path(&file.path);
        match file.kind {
            FileKind::Configuration => modules
                .entry(directory)
                .or_default()
                .configuration
                .push(file),
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
        variable_files.sort_by_key(|file| {
            (
                !split_path(&file.path).1.starts_with("terraform.tfvars"),
                &file.path,
            )
        });
        if let Some(module) = modules.get_mut(directory) {
            module.variable_files = variable_files;
        }
    }
    let explicit: Vec<&SourceFile> = options
        .var_files
        .iter()
        .filter_map(|path| files.iter().find(|file| &file.path == path))
        .collect();
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
