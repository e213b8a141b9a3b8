//! The scan: evaluate every module, run the checks for each block's type, collect findings.

use alloc::collections::{BTreeMap, BTreeSet};
use alloc::string::{String, ToString};
use alloc::sync::Arc;
use alloc::vec::Vec;

use crate::check::{Check, CheckRef, EntityKind, Severity, Verdict};
use crate::eval::evaluate_standalone;
use crate::eval::module::{InstanceKey, ModuleScope};
use crate::graph::{BlockKey, Graph};
use crate::limits::{Budget, Limits, Reached};
use crate::report::{
    Caller, Finding, LimitNote, NotCreated, Outcome, Report, SuppressionNote, SuppressionProblem,
    UnscannedModule,
};
use crate::suppress::{self, Suppression};
use crate::syntax::{Block, Body, Expr, FileKind, LineRange, ParseError, SourceFile};
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
    /// Today as `YYYY-MM-DD`, for the expiry dates of `tfsec:ignore` / `trivy:ignore`
    /// comments; without it they never expire (the core reads no clock).
    pub today: Option<String>,
    /// Inline suppression comments are not applied (to audit what they silence); they are
    /// still read and their unknown check IDs still reported.
    pub ignore_inline_suppressions: bool,
    /// How far the scan goes before it stops and says so (`--limit NAME=VALUE`).
    pub limits: Limits,
    /// Remote modules that `terraform init` installed, from `.terraform/modules/modules.json`
    /// (see [`read_module_manifest`]): calls with a registry, git or http `source` are
    /// followed into these copies.
    pub installed_modules: Vec<InstalledModule>,
    /// `--skip-path`: regular expressions; files of the scanned folder whose path matches are
    /// not scanned, unless a scanned file calls their folder as a local module (see
    /// [`crate::skip_path`]).
    pub skip_paths: Vec<String>,
    /// The scanned folder as the host knows it: skip paths are matched against paths from
    /// where the scan ran (see [`crate::skip_path::prefix`]).
    pub scanned_folder: Option<crate::report::Root>,
    /// Custom policies (`--external-checks-dir`, see [`crate::custom`]), run beside the
    /// built-in checks.
    pub policies: Vec<Arc<crate::custom::Policy>>,
}

/// A module `terraform init` installed: the call `key` (the module names from the root
/// module down, joined by `.`: `vpc`, `app.vpc`) of the root module in folder `root` is in
/// folder `directory` (both as the scan names folders: `.`, `envs/prod`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InstalledModule {
    pub root: String,
    pub key: String,
    pub directory: String,
}

/// Where Terraform records the modules `terraform init` installed, relative to the root
/// module's folder.
pub const MODULE_MANIFEST: &str = ".terraform/modules/modules.json";

/// The modules that the manifest at `path` (a file named [`MODULE_MANIFEST`] below a root
/// module's folder) records, with their folders as the scan names them. The error says what is
/// wrong with the file.
pub fn read_module_manifest(path: &str, text: &str) -> Result<Vec<InstalledModule>, String> {
    let root = path
        .strip_suffix(MODULE_MANIFEST)
        .map(|folder| folder.trim_end_matches('/'))
        .map(|folder| if folder.is_empty() { "." } else { folder })
        .ok_or_else(|| alloc::format!("{path}: not a module manifest ({MODULE_MANIFEST})"))?;
    let manifest: serde_json::Value =
        serde_json::from_str(text).map_err(|error| alloc::format!("{path}: {error}"))?;
    let entries = manifest
        .get("Modules")
        .and_then(serde_json::Value::as_array)
        .ok_or_else(|| alloc::format!("{path}: no \"Modules\" list"))?;
    let mut installed = Vec::new();
    for entry in entries {
        let field = |name: &str| entry.get(name).and_then(serde_json::Value::as_str);
        let (Some(key), Some(directory)) = (field("Key"), field("Dir")) else {
            return Err(alloc::format!(
                "{path}: a module without \"Key\" and \"Dir\" strings"
            ));
        };
        // The root module itself is the entry with an empty key.
        if key.is_empty() {
            continue;
        }
        installed.push(InstalledModule {
            root: String::from(root),
            key: String::from(key),
            directory: normalize_path(root, &directory.replace('\\', "/")),
        });
    }
    Ok(installed)
}

/// True for a folder inside a `.terraform` folder: Terraform's working data, never a root
/// module of its own.
fn in_terraform_data(directory: &str) -> bool {
    directory == ".terraform"
        || directory.starts_with(".terraform/")
        || directory.contains("/.terraform/")
        || directory.ends_with("/.terraform")
}

/// Scans parsed files. `parse_errors` are the files that did not parse; they are reported and
/// every other file is still scanned.
///
/// Each folder is a module. A folder that no other scanned folder calls is a root module and is
/// scanned with its tfvars; modules it calls with a local `source` are scanned through the
/// call, with the call's arguments as their variables and `module.NAME.` in their addresses.
pub fn scan(files: &[SourceFile], parse_errors: Vec<ParseError>, options: &ScanOptions) -> Report {
    let selected = crate::skip_path::select(files, parse_errors, options);
    let mut parse_errors = selected.parse_errors;
    let mut modules = group_by_directory(&selected.files, options);
    // Terraform refuses local values in a cycle: they are reported with the files that did not
    // parse (as module cycles are) and read as unknown.
    for module in modules.values_mut() {
        for cycle in crate::eval::locals::local_cycles(&module.configuration) {
            parse_errors.push(cycle.error());
            module.cyclic_locals.extend(cycle.members);
        }
        module.cyclic_locals.sort_unstable();
    }
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
    let installed: BTreeMap<(&str, &str), &str> = options
        .installed_modules
        .iter()
        .map(|module| {
            (
                (module.root.as_str(), module.key.as_str()),
                module.directory.as_str(),
            )
        })
        .collect();

    let budget = Budget::new(options.limits);
    let mut engine = Engine {
        budget: &budget,
        noted: BTreeSet::new(),
        modules: &modules,
        installed,
        null_variables_unknown: options.null_variables_unknown,
        checks: CheckIndex::new(options),
        options,
        graph: Graph::dated(options.today.clone()),
        pending: Vec::new(),
        callers: Vec::new(),
        report: Report {
            parsing_errors: parse_errors.into_iter().map(Into::into).collect(),
            files_scanned: selected.files.len(),
            skipped_files: selected.skipped,
            ..Report::default()
        },
    };
    for (directory, module) in &modules {
        // Folders outside the scanned one were loaded only because a module call names them.
        let outside = *directory == ".." || directory.starts_with("../");
        if outside || called.contains(*directory) || in_terraform_data(directory) {
            continue;
        }
        let inputs = variable_values(&module.variable_files);
        let mut stack = alloc::vec![String::from(*directory)];
        engine.scan_module(directory, inputs, "", None, &mut stack);
    }
    engine.run_checks();

    engine.report
}

/// What each resource, data source or module instance costs in evaluation steps, besides its
/// attributes: its findings and graph node take memory, so the steps also bound how many
/// instances a scan makes (at most 200,000 by default; the 100,000-resource benchmark of
/// scripts/bench spends between 12.7 and 13 million of the 20 million steps).
const INSTANCE_STEPS: u64 = 100;

struct Engine<'a> {
    /// Evaluation's budget, shared by every module scope of the scan.
    budget: &'a Budget,
    /// The limit notes already in the report: (file, line, limit).
    noted: BTreeSet<(String, u32, Reached)>,
    modules: &'a BTreeMap<&'a str, ModuleFiles<'a>>,
    /// The folders of installed remote modules, by root module folder and call key.
    installed: BTreeMap<(&'a str, &'a str), &'a str>,
    null_variables_unknown: bool,
    checks: CheckIndex,
    options: &'a ScanOptions,
    report: Report,
    /// Every evaluated instance, gathered first so that checks can follow connections.
    graph: Graph,
    pending: Vec<Pending<'a>>,
    /// The `module` blocks being followed, outermost first (empty in a root module).
    callers: Vec<Caller>,
}

/// An evaluated instance waiting for its checks, with what its findings will say.
struct Pending<'a> {
    /// The instance of a resource, data source or provider.
    node: Option<usize>,
    /// Or the arguments of a `module` call instance, which only custom policies read.
    module_call: Option<Value>,
    /// The block's syntax, which custom policies read to tell nested blocks from attributes.
    body: &'a Body,
    /// The tags that identifiers computed by this instance carry (see
    /// [`crate::value::Identity::instance_tags`]); None for a provider.
    instance_tags: Option<[char; 2]>,
    address: String,
    file: &'a SourceFile,
    lines: LineRange,
    /// The `module` blocks through which the block was reached, outermost first.
    callers: Vec<Caller>,
}

impl<'a> Engine<'a> {
    /// Runs the checks on every evaluated instance, now that the graph is complete.
    fn run_checks(&mut self) {
        let suppressions: BTreeMap<&str, Vec<Suppression>> = self
            .modules
            .values()
            .flat_map(|module| module.configuration.iter())
            .map(|file| (file.path.as_str(), suppress::find(&file.text)))
            .collect();
        // (file, suppression index, check ID) of every suppression that silenced something.
        let mut used: BTreeSet<(&str, usize, &str)> = BTreeSet::new();
        // Each file's lines, split once, for the code of failed findings.
        let mut file_lines: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        // Findings come out sorted by file, lines, resource and check ID: the instances are
        // sorted here, and each one's checks below, which is cheaper than sorting findings.
        self.pending.sort_by(|a, b| {
            (&a.file.path, a.lines, &a.address).cmp(&(&b.file.path, b.lines, &b.address))
        });
        let custom = self.custom_verdicts();
        for (position, pending) in self.pending.iter().enumerate() {
            let resource = pending.node.and_then(|node| self.graph.resource(node));
            let attributes = match (&resource, &pending.module_call) {
                (Some(resource), _) => resource.attributes,
                (None, Some(arguments)) => arguments,
                (None, None) => continue,
            };
            let applicable = resource.map_or(&[][..], |resource| {
                self.checks.for_type(resource.kind, resource.resource_type)
            });
            let custom_here = custom.get(position).map_or(&[][..], Vec::as_slice);
            if applicable.is_empty() && custom_here.is_empty() {
                continue;
            }
            let file = pending.file;
            // The block itself, then each module call it was reached through.
            let places: Vec<(&str, LineRange)> =
                core::iter::once((file.path.as_str(), pending.lines))
                    .chain(
                        pending
                            .callers
                            .iter()
                            .rev()
                            .map(|caller| (caller.file_path.as_str(), caller.lines)),
                    )
                    .collect();
            // The suppressions in those places' files, looked up once for all the checks (most
            // files have none).
            let suppressible: Vec<(&str, LineRange, &[Suppression])> = places
                .iter()
                .filter_map(|(path, lines)| {
                    let (path, in_file) = suppressions.get_key_value(*path)?;
                    (!in_file.is_empty()).then_some((*path, *lines, in_file.as_slice()))
                })
                .collect();
            // The block's lines, taken once and shared by all its failed findings.
            let mut code: Option<Arc<[(u32, String)]>> = None;
            // Why a check could not decide, worked out once for all its unknown findings.
            let mut unknown_because: Option<Arc<str>> = None;
            let first_finding = self.report.findings.len();
            let built_in = applicable
                .iter()
                .map(|check| (check.id, CheckRef::BuiltIn(check), None));
            let policies = &self.options.policies;
            let customs = custom_here.iter().filter_map(|(index, verdict)| {
                let policy = policies.get(*index)?;
                Some((
                    policy.id.as_str(),
                    CheckRef::Custom(policy.clone()),
                    Some(*verdict),
                ))
            });
            for (id, check, decided) in built_in.chain(customs) {
                let suppression = self.suppression_for(&suppressible, id);
                let verdict = || match (&check, decided, &resource) {
                    (_, Some(verdict), _) => verdict,
                    (CheckRef::BuiltIn(check), None, Some(resource)) => (check.evaluate)(resource),
                    _ => Verdict::NotApplicable,
                };
                let outcome = match suppression {
                    Some((path, index, reason)) => {
                        used.insert((path, index, id));
                        Outcome::Skipped {
                            reason: reason.to_string(),
                        }
                    }
                    None => match verdict() {
                        Verdict::Passed => Outcome::Passed,
                        Verdict::Failed => Outcome::Failed,
                        Verdict::Unknown => Outcome::Unknown,
                        Verdict::NotApplicable => continue,
                    },
                };
                let code = if outcome == Outcome::Failed {
                    let lines = file_lines
                        .entry(file.path.as_str())
                        .or_insert_with(|| file.text.lines().collect());
                    code.get_or_insert_with(|| code_lines(lines, pending.lines))
                        .clone()
                } else {
                    Arc::from(Vec::new())
                };
                let because = (outcome == Outcome::Unknown).then(|| {
                    unknown_because
                        .get_or_insert_with(|| unknown_reason(attributes))
                        .clone()
                });
                self.report.findings.push(Finding {
                    check,
                    outcome,
                    resource: pending.address.clone(),
                    file_path: file.path.clone(),
                    lines: pending.lines,
                    caller: pending.callers.last().cloned(),
                    code,
                    unknown_because: because,
                    root: None,
                });
            }
            self.report.findings[first_finding..].sort_by(|a, b| a.check.id().cmp(b.check.id()));
        }
        self.note_suppressions(&suppressions, &used);
    }

    /// The verdicts of the selected custom policies on each pending instance (by position in
    /// `pending`): (index in `options.policies`, verdict).
    fn custom_verdicts(&self) -> Vec<Vec<(usize, Verdict)>> {
        let mut verdicts: Vec<Vec<(usize, Verdict)>> = Vec::new();
        if self.checks.policies.is_empty() {
            return verdicts;
        }
        verdicts.resize_with(self.pending.len(), Vec::new);
        // Only the instances the graph holds can be reported on (all of them, in practice).
        let mut positions = Vec::with_capacity(self.pending.len());
        let mut subjects = Vec::with_capacity(self.pending.len());
        for (position, pending) in self.pending.iter().enumerate() {
            let resource = pending.node.and_then(|node| self.graph.resource(node));
            let subject = match (resource, &pending.module_call) {
                (Some(resource), _) => crate::custom::solve::Subject::block(
                    resource,
                    pending.body,
                    pending.instance_tags,
                ),
                (None, Some(arguments)) => {
                    crate::custom::solve::Subject::module_call(arguments, pending.body)
                }
                (None, None) => continue,
            };
            positions.push(position);
            subjects.push(subject);
        }
        let solver = crate::custom::solve::Solver::new(&subjects);
        for &index in &self.checks.policies {
            let Some(policy) = self.options.policies.get(index) else {
                continue;
            };
            for (subject, verdict) in solver.solve(&policy.definition) {
                if let Some(&position) = positions.get(subject) {
                    verdicts[position].push((index, verdict));
                }
            }
        }
        verdicts
    }

    /// The first suppression that silences `check_id` in one of the places a block was reached
    /// through (each with its file's suppressions, in order): its file, its index in that file
    /// and its reason.
    fn suppression_for<'s>(
        &self,
        places: &[(&'s str, LineRange, &'s [Suppression])],
        check_id: &str,
    ) -> Option<(&'s str, usize, &'s str)> {
        if self.options.ignore_inline_suppressions {
            return None;
        }
        let today = self.options.today.as_deref();
        places.iter().find_map(|&(path, lines, in_file)| {
            in_file
                .iter()
                .position(|suppression| suppression.applies(lines, check_id, today))
                .and_then(|index| Some((path, index, in_file.get(index)?.reason.as_str())))
        })
    }

    /// Reports suppressions that name an unknown check or a wildcard, and those that silenced
    /// nothing although their check ran.
    fn note_suppressions(
        &mut self,
        suppressions: &BTreeMap<&str, Vec<Suppression>>,
        used: &BTreeSet<(&str, usize, &str)>,
    ) {
        for (path, in_file) in suppressions {
            for (index, suppression) in in_file.iter().enumerate() {
                for named in &suppression.checks {
                    let known = named.check_id.as_deref().filter(|id| {
                        crate::checks::all().iter().any(|check| check.id == *id)
                            || self.options.policies.iter().any(|policy| policy.id == *id)
                    });
                    let problem = match known {
                        None if named.wildcard => SuppressionProblem::Wildcard,
                        None => SuppressionProblem::UnknownCheck,
                        Some(_) if self.options.ignore_inline_suppressions => continue,
                        Some(id) if !self.checks.selected(id) => continue,
                        Some(id) if used.contains(&(*path, index, id)) => continue,
                        Some(_) if suppression.has_expired(self.options.today.as_deref()) => {
                            SuppressionProblem::Expired
                        }
                        Some(_) => SuppressionProblem::MatchedNothing,
                    };
                    self.report.suppression_notes.push(SuppressionNote {
                        file_path: String::from(*path),
                        line: suppression.line,
                        check: named.written.clone(),
                        problem,
                    });
                }
            }
        }
    }

    /// Evaluates one resource or data block: its instances join the graph, with the blocks
    /// its configuration refers to.
    fn add_block(
        &mut self,
        scope: &ModuleScope<'_>,
        directory: &str,
        call: Option<&CallSite<'_>>,
        block: &'a Block,
        file: &'a SourceFile,
        prefix: &str,
    ) {
        let (kind, resource_type, name) = match (block.kind.as_str(), block.labels.as_slice()) {
            ("resource", [resource_type, name]) => {
                (EntityKind::Resource, resource_type, name.clone())
            }
            ("data", [resource_type, name]) => (EntityKind::Data, resource_type, name.clone()),
            // A provider is addressed as Checkov reports it: `aws.default`, `aws.ALIAS`.
            ("provider", [provider]) => {
                let alias = block
                    .body
                    .attribute("alias")
                    .and_then(|alias| scope.value_of(&alias.expr).as_str().map(String::from));
                let name = alias.unwrap_or_else(|| String::from("default"));
                (EntityKind::Provider, provider, name)
            }
            _ => return,
        };
        let key = BlockKey {
            module: String::from(prefix),
            kind,
            resource_type: resource_type.clone(),
            name: name.clone(),
        };
        let block_index = self.graph.block(key);
        let modules = self.modules;
        for target in referenced_blocks(modules, scope, directory, prefix, call, &block.body) {
            let target = self.graph.block(target);
            self.graph.add_reference(block_index, target);
        }

        let instances = self.instances(scope, block, file);
        if instances.is_empty() {
            self.report.not_created.push(NotCreated {
                address: alloc::format!("{prefix}{resource_type}.{name}"),
                file_path: file.path.clone(),
                lines: block.lines,
            });
        }
        let mode = match kind {
            EntityKind::Resource => Some("resource"),
            EntityKind::Data => Some("data"),
            EntityKind::Provider => None,
        };
        for instance in instances {
            let instance_tags = mode.map(|mode| {
                let identity = crate::value::Identity::of(
                    resource_type,
                    &[prefix, mode, resource_type, &name],
                );
                match &instance.key {
                    InstanceKey::Single => identity,
                    InstanceKey::Index(index) => identity.within(&alloc::format!("{index}")),
                    InstanceKey::Key(key) => identity.within(key),
                }
                .instance_tags()
            });
            // Checkov counts resources, not data sources or providers.
            self.report.resource_count += usize::from(kind == EntityKind::Resource);
            let address = alloc::format!("{prefix}{resource_type}.{name}{}", instance.key.suffix());
            let node = self.graph.add_node(block_index, instance.attributes);
            self.pending.push(Pending {
                node: Some(node),
                module_call: None,
                body: &block.body,
                instance_tags,
                address,
                file,
                lines: block.lines,
                callers: self.callers.clone(),
            });
        }
    }

    /// The instances of a resource, data or module block, paid for, with the limits their
    /// evaluation reached noted: at the line of its `count` or `for_each` for what evaluating
    /// that reached (an expansion too large), at its first line for the rest.
    fn instances(
        &mut self,
        scope: &ModuleScope<'_>,
        block: &Block,
        file: &SourceFile,
    ) -> Vec<crate::eval::module::Instance> {
        // What was reached before (following references, a provider's alias) is the block's.
        self.note_limits(&file.path, block.lines.first);
        let expansion = scope.expand(block);
        let expanded_by = block
            .body
            .attribute("count")
            .or_else(|| block.body.attribute("for_each"));
        if let Some(attribute) = expanded_by {
            self.note_limits(&file.path, attribute.lines.first);
        }
        let instances = scope.instances_of(block, expansion);
        self.budget
            .spend(INSTANCE_STEPS.saturating_mul(instances.len() as u64));
        self.note_limits(&file.path, block.lines.first);
        instances
    }

    /// Adds the instances of a `module` call, which custom policies report on as Checkov does
    /// (type `module`, named `NAME` at the root and `module.OUTER.NAME` inside a module),
    /// whether or not the call is followed.
    fn add_module_call(
        &mut self,
        scope: &ModuleScope<'_>,
        file: &'a SourceFile,
        block: &'a Block,
        prefix: &str,
        name: &str,
    ) {
        for instance in scope.instances(block) {
            self.pending.push(Pending {
                node: None,
                module_call: Some(instance.attributes),
                body: &block.body,
                instance_tags: None,
                address: alloc::format!("{prefix}{name}{}", instance.key.suffix()),
                file,
                lines: block.lines,
                callers: self.callers.clone(),
            });
        }
    }

    /// Reports the limits evaluation reached since the last call, at `line` of `file_path`
    /// (the block being evaluated). Each limit is noted once per place, and running out of
    /// evaluation steps once per scan.
    fn note_limits(&mut self, file_path: &str, line: u32) {
        for reached in self.budget.take_reached() {
            let place = if reached == Reached::EvaluationSteps {
                (String::new(), 0, reached)
            } else {
                (String::from(file_path), line, reached)
            };
            if self.noted.insert(place) {
                self.report.limit_notes.push(LimitNote {
                    file_path: String::from(file_path),
                    line,
                    message: reached.message(&self.budget.limits),
                });
            }
        }
    }

    /// Scans one instance of a module and returns its outputs.
    fn scan_module(
        &mut self,
        directory: &str,
        inputs: BTreeMap<String, Value>,
        prefix: &str,
        call: Option<&CallSite<'_>>,
        stack: &mut Vec<String>,
    ) -> Value {
        let modules = self.modules;
        let Some(module) = modules.get(directory) else {
            return Value::Unknown;
        };
        let mut scope = ModuleScope::new(directory, &module.configuration, inputs)
            .null_variables_unknown(self.null_variables_unknown)
            .with_budget(self.budget)
            .with_address(prefix)
            .with_unknown_locals(&module.cyclic_locals);

        for (file, block) in calls_in_dependency_order(&module.configuration) {
            let Some(outputs) = self.scan_call(&scope, directory, file, block, prefix, call, stack)
            else {
                continue;
            };
            if let [name] = block.labels.as_slice() {
                scope.set_module_outputs(name, outputs);
            }
        }

        for file in &module.configuration {
            for block in &file.body.blocks {
                self.add_block(&scope, directory, call, block, file, prefix);
            }
        }
        let outputs = scope.outputs(&module.configuration);
        if let (Some(site), Some(caller)) = (call, self.callers.last()) {
            let (path, line) = (caller.file_path.clone(), site.block.lines.first);
            self.note_limits(&path, line);
        }
        outputs
    }

    /// Follows one `module` block: every instance of it, when its source is a scanned folder.
    /// Returns what `module.NAME` reads as, or None when the call is not followed.
    #[allow(clippy::too_many_arguments)] // the calling module's scope, folder, prefix and callers
    fn scan_call(
        &mut self,
        scope: &ModuleScope<'_>,
        directory: &str,
        file: &'a SourceFile,
        block: &'a Block,
        prefix: &str,
        call: Option<&CallSite<'_>>,
        stack: &mut Vec<String>,
    ) -> Option<Value> {
        let [name] = block.labels.as_slice() else {
            return None;
        };
        if !self.checks.policies.is_empty() {
            self.add_module_call(scope, file, block, prefix, name);
        }
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
        let target = match local_source(directory, block) {
            Some(target) => target,
            None => {
                let root = stack.first().map_or(".", String::as_str);
                let key = call_key(call, name);
                let Some(target) = self.installed.get(&(root, key.as_str())) else {
                    let installs = self.installed.keys().any(|(folder, _)| *folder == root);
                    self.report.unscanned_modules.push(not_scanned(if installs {
                        alloc::format!(
                            "remote module \"{key}\" is not in {MODULE_MANIFEST} \
                                 (run terraform init again)"
                        )
                    } else {
                        String::from(
                            "remote module sources (registry, git, http) are not fetched; \
                                 after terraform init, --download-external-modules true scans \
                                 the copies in .terraform/modules",
                        )
                    }));
                    return None;
                };
                String::from(*target)
            }
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
            self.report.parsing_errors.push(
                ParseError {
                    path: file.path.clone(),
                    line: block.lines.first,
                    column: 1,
                    message: alloc::format!("module cycle: {}", cycle.join(" -> ")),
                }
                .into(),
            );
            return None;
        }
        let max_depth = self.options.limits.max_module_depth;
        if stack.len() >= max_depth {
            self.report
                .unscanned_modules
                .push(not_scanned(alloc::format!(
                    "module calls nested more than {max_depth} deep are not followed \
                     (--limit max-module-depth)"
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
        let instances = self.instances(scope, block, file);
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
                    // A value may grow a level deeper in each module it passes through:
                    // too deep, it is unknown (the stack of everything that walks values
                    // stays bounded).
                    let max_depth = self.options.limits.max_evaluation_depth;
                    for argument in arguments.values_mut() {
                        if argument.nests_deeper_than(max_depth) {
                            *argument = Value::Unknown;
                            self.budget.reach(Reached::EvaluationDepth);
                        }
                    }
                    arguments
                }
                _ => BTreeMap::new(),
            };
            let child_prefix = alloc::format!("{address}{}.", instance.key.suffix());
            stack.push(target.clone());
            self.callers.push(caller.clone());
            let site = CallSite {
                scope,
                prefix,
                directory,
                block,
                up: call,
            };
            let outputs = self.scan_module(&target, inputs, &child_prefix, Some(&site), stack);
            self.callers.pop();
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

/// The key Terraform gives the call `name` made at `call`'s depth: the names of the module
/// calls from the root module down, joined by `.`.
fn call_key(call: Option<&CallSite<'_>>, name: &str) -> String {
    let mut names = alloc::vec![name];
    let mut site = call;
    while let Some(current) = site {
        names.push(current.block.labels.first().map_or("", String::as_str));
        site = current.up;
    }
    names.reverse();
    names.join(".")
}

/// The folder a `module` block's `source` names, when it is a local path (`./x`, `../x`).
pub(crate) fn local_source(directory: &str, block: &Block) -> Option<String> {
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
/// steps stay): `examples/a` + `../../modules/b` is `modules/b`. Hosts that load module
/// folders from disk use it too, so that they name folders as the engine does.
pub fn normalize_path(directory: &str, relative: &str) -> String {
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
            block.body.visit_references(&mut |root, first, _| {
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

/// The `module` block through which a module instance is being scanned, with what the
/// caller's module knows: references that enter the module through a variable are followed
/// back to the caller's blocks.
struct CallSite<'s> {
    scope: &'s ModuleScope<'s>,
    prefix: &'s str,
    directory: &'s str,
    block: &'s Block,
    up: Option<&'s CallSite<'s>>,
}

/// Module outputs are followed into the called module this many levels deep at most.
const MAX_OUTPUT_DEPTH: usize = 8;

/// The blocks that a body refers to: directly, through the module's locals, through a
/// variable back to what the calling `module` block passed in, and through `module.x.y` to
/// the blocks the called module's output `y` refers to.
fn referenced_blocks(
    modules: &BTreeMap<&str, ModuleFiles<'_>>,
    scope: &ModuleScope<'_>,
    directory: &str,
    prefix: &str,
    call: Option<&CallSite<'_>>,
    body: &Body,
) -> Vec<BlockKey> {
    let mut roots: Vec<&Expr> = Vec::new();
    for attribute in &body.attributes {
        roots.push(&attribute.expr);
    }
    let mut nested: Vec<&Body> = body.blocks.iter().map(|block| &block.body).collect();
    while let Some(inner) = nested.pop() {
        roots.extend(inner.attributes.iter().map(|attribute| &attribute.expr));
        nested.extend(inner.blocks.iter().map(|block| &block.body));
    }
    references_from(modules, scope, directory, prefix, call, roots, 0)
}

fn references_from(
    modules: &BTreeMap<&str, ModuleFiles<'_>>,
    scope: &ModuleScope<'_>,
    directory: &str,
    prefix: &str,
    call: Option<&CallSite<'_>>,
    roots: Vec<&Expr>,
    depth: usize,
) -> Vec<BlockKey> {
    // Level 0 is this module; level n + 1 is the module that made the call at level n.
    let mut sites: Vec<&CallSite<'_>> = Vec::new();
    let mut next = call;
    while let Some(site) = next {
        sites.push(site);
        next = site.up;
    }
    let context = |level: usize| -> (&ModuleScope<'_>, &str, &str) {
        match level.checked_sub(1).and_then(|index| sites.get(index)) {
            Some(site) => (site.scope, site.prefix, site.directory),
            None => (scope, prefix, directory),
        }
    };

    let mut found = Vec::new();
    // The locals and module arguments already followed: (level, "local" or "var", name).
    let mut seen: BTreeSet<(usize, &str, &str)> = BTreeSet::new();
    let mut work: Vec<(&Expr, usize)> = roots.into_iter().map(|expr| (expr, 0)).collect();
    while let Some((expr, level)) = work.pop() {
        let (level_scope, level_prefix, level_directory) = context(level);
        let mut references: Vec<(&str, Option<&str>, Option<&str>)> = Vec::new();
        expr.visit_references(&mut |root, first, second| references.push((root, first, second)));
        let key = |kind, resource_type: &str, name: &str| BlockKey {
            module: String::from(level_prefix),
            kind,
            resource_type: String::from(resource_type),
            name: String::from(name),
        };
        for (root, first, second) in references {
            match (root, first, second) {
                ("local", Some(name), _) if seen.insert((level, "local", name)) => {
                    if let Some((_, local)) = level_scope.local_expression(name) {
                        work.push((local, level));
                    }
                }
                ("local", _, _) => {}
                ("var", Some(name), _) => {
                    let argument = sites
                        .get(level)
                        .and_then(|site| site.block.body.attribute(name));
                    if let Some(argument) = argument {
                        if seen.insert((level, "var", name)) {
                            work.push((&argument.expr, level + 1));
                        }
                    }
                }
                ("module", Some(name), Some(output)) if depth < MAX_OUTPUT_DEPTH => {
                    found.extend(output_references(
                        modules,
                        level_directory,
                        level_prefix,
                        name,
                        output,
                        depth + 1,
                    ));
                }
                ("data", Some(resource_type), Some(name)) => {
                    found.push(key(EntityKind::Data, resource_type, name));
                }
                (
                    "var" | "module" | "path" | "terraform" | "self" | "each" | "count" | "data",
                    _,
                    _,
                ) => {}
                (resource_type, Some(name), _) if resource_type.contains('_') => {
                    found.push(key(EntityKind::Resource, resource_type, name));
                }
                _ => {}
            }
        }
    }
    found
}

/// The blocks that output `output` of the module called `name` (from the module in
/// `directory`, at `prefix`) refers to. Calls with `count` or `for_each` are not followed:
/// which instance an output comes from is not known here.
fn output_references(
    modules: &BTreeMap<&str, ModuleFiles<'_>>,
    directory: &str,
    prefix: &str,
    name: &str,
    output: &str,
    depth: usize,
) -> Vec<BlockKey> {
    let Some(module) = modules.get(directory) else {
        return Vec::new();
    };
    let call = module
        .configuration
        .iter()
        .flat_map(|file| file.body.blocks_of("module"))
        .find(|block| block.labels.first().is_some_and(|label| label == name));
    let Some(call) = call else { return Vec::new() };
    if call.body.attribute("count").is_some() || call.body.attribute("for_each").is_some() {
        return Vec::new();
    }
    let Some(target) = local_source(directory, call) else {
        return Vec::new();
    };
    let Some(child) = modules.get(target.as_str()) else {
        return Vec::new();
    };
    let value = child
        .configuration
        .iter()
        .flat_map(|file| file.body.blocks_of("output"))
        .find(|block| block.labels.first().is_some_and(|label| label == output))
        .and_then(|block| block.body.attribute("value"));
    let Some(value) = value else {
        return Vec::new();
    };
    // A scope only for the child's locals; its variables are not followed back from here.
    let child_scope = ModuleScope::new(&target, &child.configuration, BTreeMap::new());
    let child_prefix = alloc::format!("{prefix}module.{name}.");
    references_from(
        modules,
        &child_scope,
        &target,
        &child_prefix,
        None,
        alloc::vec![&value.expr],
        depth,
    )
}

/// The checks to run, looked up by block kind and type, and the custom policies to run.
struct CheckIndex {
    resources: BTreeMap<&'static str, Vec<&'static Check>>,
    data_sources: BTreeMap<&'static str, Vec<&'static Check>>,
    providers: BTreeMap<&'static str, Vec<&'static Check>>,
    /// Indexes in `ScanOptions::policies` of the policies `--check` / `--skip-check` let run.
    policies: Vec<usize>,
    /// Their IDs.
    policy_ids: Vec<String>,
}

impl CheckIndex {
    fn new(options: &ScanOptions) -> Self {
        let mut index = Self {
            resources: BTreeMap::new(),
            data_sources: BTreeMap::new(),
            providers: BTreeMap::new(),
            policies: Vec::new(),
            policy_ids: Vec::new(),
        };
        for (position, policy) in options.policies.iter().enumerate() {
            if selected(&policy.id, policy.severity, options) {
                index.policies.push(position);
                index.policy_ids.push(policy.id.clone());
            }
        }
        for check in crate::checks::all() {
            if !selected(check.id, Some(check.severity), options) {
                continue;
            }
            let by_type = match check.kind {
                EntityKind::Resource => &mut index.resources,
                EntityKind::Data => &mut index.data_sources,
                EntityKind::Provider => &mut index.providers,
            };
            for resource_type in check.resource_types {
                by_type.entry(*resource_type).or_default().push(check);
            }
        }
        index
    }

    /// True when `--check` / `--skip-check` let the check `id` run.
    fn selected(&self, id: &str) -> bool {
        self.policy_ids.iter().any(|policy| policy == id)
            || self
                .resources
                .values()
                .chain(self.data_sources.values())
                .chain(self.providers.values())
                .any(|checks| checks.iter().any(|check| check.id == id))
    }

    fn for_type(&self, kind: EntityKind, resource_type: &str) -> &[&'static Check] {
        let by_type = match kind {
            EntityKind::Resource => &self.resources,
            EntityKind::Data => &self.data_sources,
            EntityKind::Provider => &self.providers,
        };
        by_type.get(resource_type).map_or(&[], Vec::as_slice)
    }
}

/// Whether a `--check` / `--skip-check` pattern names the check `id`: an ID, or a prefix
/// ending in `*` (`CKV_AWS_*`).
pub fn pattern_matches(pattern: &str, id: &str) -> bool {
    match pattern.strip_suffix('*') {
        Some(prefix) => id.starts_with(prefix),
        None => pattern == id,
    }
}

/// `--check` and `--skip-check` let the check `id` run: each names check IDs, wildcards
/// (`CKV_AWS_*`) or a severity, as Checkov takes them (`--check HIGH` runs HIGH and CRITICAL
/// checks, `--skip-check MEDIUM` skips MEDIUM and LOW ones; a custom policy without a
/// severity is neither).
fn selected(id: &str, severity: Option<Severity>, options: &ScanOptions) -> bool {
    let level = severity.map(crate::gate::level_of);
    let chosen = |pattern: &String| match crate::gate::severity_level(pattern) {
        Some(threshold) => level.is_some_and(|level| level >= threshold),
        None => pattern_matches(pattern, id),
    };
    let skipped = |pattern: &String| match crate::gate::severity_level(pattern) {
        Some(threshold) => level.is_some_and(|level| level <= threshold),
        None => pattern_matches(pattern, id),
    };
    (options.checks.is_empty() || options.checks.iter().any(chosen))
        && !options.skip_checks.iter().any(skipped)
}

/// The files of one folder: a Terraform module.
#[derive(Default)]
struct ModuleFiles<'a> {
    configuration: Vec<&'a SourceFile>,
    /// `terraform.tfvars`, then `*.auto.tfvars` in name order, then `--var-file`s in order.
    variable_files: Vec<&'a SourceFile>,
    /// The local values in a cycle, sorted: unknown (see [`crate::eval::locals`]).
    cyclic_locals: Vec<&'a str>,
}

fn group_by_directory<'a>(
    files: &[&'a SourceFile],
    options: &ScanOptions,
) -> BTreeMap<&'a str, ModuleFiles<'a>> {
    let mut modules: BTreeMap<&str, ModuleFiles<'_>> = BTreeMap::new();
    let mut automatic: BTreeMap<&str, Vec<&SourceFile>> = BTreeMap::new();
    for &file in files {
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
        .filter_map(|path| files.iter().copied().find(|file| &file.path == path))
        .collect();
    for module in modules.values_mut() {
        module.variable_files.extend(explicit.iter().copied());
    }
    modules
}

/// `("a/b", "c.tf")` for `a/b/c.tf`; the folder of a top-level file is `"."`.
pub(crate) fn split_path(path: &str) -> (&str, &str) {
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
fn code_lines(lines: &[&str], range: LineRange) -> Arc<[(u32, String)]> {
    let first = range.first.max(1) as usize;
    let last = (range.last as usize).min(lines.len());
    (first..=last)
        .filter_map(|number| {
            lines
                .get(number - 1)
                .map(|line| (number as u32, (*line).to_string()))
        })
        .collect()
}

/// Why checks of a block could not decide: the block's attributes (and those of its nested
/// blocks, one level down) whose values are known only after apply, or, when all of its own
/// values are known, the blocks it is connected to.
fn unknown_reason(attributes: &Value) -> Arc<str> {
    const SHOWN: usize = 6;
    // An identifier known only after apply (an ARN, an ID) rarely keeps a check from deciding:
    // it is named only when nothing else is unknown.
    let mut names: Vec<String> = Vec::new();
    let mut identifiers: Vec<String> = Vec::new();
    if let Value::Object(map) = attributes {
        for (name, value) in map {
            if !value.contains_unknown() {
                continue;
            }
            if value.is_identifier() {
                identifiers.push(name.clone());
                continue;
            }
            let nested: Vec<&str> = match value {
                Value::List(blocks) => {
                    let mut inner: BTreeSet<&str> = BTreeSet::new();
                    for block in blocks {
                        if let Value::Object(fields) = block {
                            inner.extend(
                                fields
                                    .iter()
                                    .filter(|(_, field)| field.contains_unknown())
                                    .map(|(field, _)| field.as_str()),
                            );
                        }
                    }
                    inner.into_iter().collect()
                }
                _ => Vec::new(),
            };
            if nested.is_empty() {
                names.push(name.clone());
            } else {
                names.extend(nested.iter().map(|field| alloc::format!("{name}.{field}")));
            }
        }
    }
    if names.is_empty() {
        names = identifiers;
    }
    let text = if names.is_empty() {
        String::from(
            "Not decided before apply: it depends on blocks this one is connected to, \
             whose values are known only after apply",
        )
    } else {
        let more = names.len().saturating_sub(SHOWN);
        let mut text = alloc::format!(
            "Not decided before apply: known only after apply here: {}",
            names[..names.len().min(SHOWN)].join(", ")
        );
        if more > 0 {
            text = alloc::format!("{text} and {more} more");
        }
        text
    };
    Arc::from(text)
}
