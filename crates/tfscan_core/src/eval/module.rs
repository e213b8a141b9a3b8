//! One module's names — variables, locals, resources, data sources, module outputs — and the
//! evaluation of its blocks into values, with `count`, `for_each` and `dynamic` expanded.

use alloc::collections::BTreeMap;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::cell::RefCell;

use super::expr::{evaluate, EvalError, Lenient, Reference, Scope, WithName};
use crate::limits::Budget;
use crate::syntax::{Block, Body, Expr, SourceFile};
use crate::value::Value;

/// Attributes and blocks that steer Terraform rather than describe the resource; checks never
/// read them, so they are left out of a block's value. `lifecycle` is the exception: it stays,
/// because Checkov's checks read `lifecycle.create_before_destroy` (CKV_AWS_217, 233, 237).
const META_ARGUMENTS: &[&str] = &["count", "for_each", "provider", "depends_on"];
const META_BLOCKS: &[&str] = &["provisioner", "connection"];

/// Local values may refer to each other; deeper chains than this are treated as a cycle.
const MAX_REFERENCE_DEPTH: usize = 64;

/// How an instance of a block is addressed when `count` or `for_each` made several.
#[derive(Debug, Clone, PartialEq)]
pub enum InstanceKey {
    /// No `count` or `for_each`, or one whose value is unknown.
    Single,
    Index(usize),
    Key(String),
}

impl InstanceKey {
    /// The suffix Terraform puts after the address: `""`, `[0]` or `["key"]`.
    pub fn suffix(&self) -> String {
        match self {
            InstanceKey::Single => String::new(),
            InstanceKey::Index(index) => alloc::format!("[{index}]"),
            InstanceKey::Key(key) => alloc::format!("[\"{key}\"]"),
        }
    }
}

/// An instance key and the name (`count` or `each`) it binds, if any.
type ExpandedKey = (InstanceKey, Option<(&'static str, Value)>);

/// A block's instance keys, before their attributes are evaluated (see
/// [`ModuleScope::expand`]).
pub struct Expansion {
    keys: Vec<ExpandedKey>,
}

/// One instance of a resource, data source or module call, with its evaluated attributes.
#[derive(Debug, Clone)]
pub struct Instance {
    pub key: InstanceKey,
    pub attributes: Value,
}

#[derive(Clone)]
enum Slot {
    InProgress,
    Done(Value),
}

/// A named thing of a module that is evaluated once and kept (see [`ModuleScope::cached`]): its
/// kind and where the names it is declared with are. Those names are the module's own (keys of
/// [`ModuleScope`]'s maps, into its parsed files, unchanged while the scope lives), so where
/// they are (address and length) tells them apart: a lookup compares integers and builds no
/// string. (Keeping the names themselves would tie the cache to the files' lifetime and make
/// the scope invariant over it.)
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Named {
    kind: NamedKind,
    first: (usize, usize),
    second: (usize, usize),
}

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum NamedKind {
    Variable,
    Local,
    DataSource,
    Resource,
}

impl Named {
    /// `first` and `second` must be names the scope's maps hold (see [`Named`]).
    fn new(kind: NamedKind, first: &str, second: &str) -> Self {
        let place = |name: &str| (name.as_ptr() as usize, name.len());
        Named {
            kind,
            first: place(first),
            second: place(second),
        }
    }
}

/// A module's names and the evaluation of its blocks.
pub struct ModuleScope<'a> {
    /// The module's folder, for `path.module`.
    directory: String,
    /// The module's address in the configuration (`module.a.` or `module.b["k"].`; empty for the
    /// root), which tells its instances from those of another call of the same folder.
    address: String,
    /// Each declared variable's `default` and `type`.
    variables: BTreeMap<&'a str, (Option<&'a Expr>, Option<&'a Expr>)>,
    inputs: BTreeMap<String, Value>,
    locals: BTreeMap<&'a str, &'a Expr>,
    /// Locals read as unknown whatever their expression (those in a cycle), sorted.
    unknown_locals: &'a [&'a str],
    resources: BTreeMap<(&'a str, &'a str), &'a Block>,
    data_sources: BTreeMap<(&'a str, &'a str), &'a Block>,
    /// Outputs of module calls, by call name; a call not listed here reads as unknown.
    module_outputs: BTreeMap<String, Value>,
    cache: RefCell<BTreeMap<Named, Slot>>,
    depth: RefCell<usize>,
    /// Read a variable whose value is null as unknown (see [`ModuleScope::null_variables_unknown`]).
    null_variables_unknown: bool,
    /// The scan's budget (see [`ModuleScope::with_budget`]), or None for this scope's own.
    shared_budget: Option<&'a Budget>,
    own_budget: Budget,
}

impl<'a> ModuleScope<'a> {
    /// The scope of the module made of `files` (its configuration files), in `directory`,
    /// with the variable values it was given (from tfvars files or its caller).
    pub fn new(directory: &str, files: &[&'a SourceFile], inputs: BTreeMap<String, Value>) -> Self {
        let mut scope = ModuleScope {
            directory: directory.to_string(),
            address: String::new(),
            variables: BTreeMap::new(),
            inputs,
            locals: BTreeMap::new(),
            unknown_locals: &[],
            resources: BTreeMap::new(),
            data_sources: BTreeMap::new(),
            module_outputs: BTreeMap::new(),
            cache: RefCell::new(BTreeMap::new()),
            depth: RefCell::new(0),
            null_variables_unknown: false,
            shared_budget: None,
            own_budget: Budget::default(),
        };
        for file in files {
            for block in &file.body.blocks {
                match (block.kind.as_str(), block.labels.as_slice()) {
                    ("variable", [name]) => {
                        let default = block
                            .body
                            .attribute("default")
                            .map(|attribute| &attribute.expr);
                        let constraint = block
                            .body
                            .attribute("type")
                            .map(|attribute| &attribute.expr);
                        scope.variables.insert(name, (default, constraint));
                    }
                    ("locals", _) => {
                        for attribute in &block.body.attributes {
                            scope.locals.insert(&attribute.name, &attribute.expr);
                        }
                    }
                    ("resource", [kind, name]) => {
                        scope.resources.insert((kind, name), block);
                    }
                    ("data", [kind, name]) => {
                        scope.data_sources.insert((kind, name), block);
                    }
                    _ => {}
                }
            }
        }
        scope
    }

    /// Reads variables whose value is null as unknown. Checkov leaves such variables unresolved,
    /// so this is how its verdicts come about; Terraform's null means "not set".
    #[must_use]
    pub fn null_variables_unknown(mut self, enabled: bool) -> Self {
        self.null_variables_unknown = enabled;
        self
    }

    /// Evaluates within `budget`, shared with the scan's other scopes, instead of a budget of
    /// this scope's own with the default limits.
    #[must_use]
    pub fn with_budget(mut self, budget: &'a Budget) -> Self {
        self.shared_budget = Some(budget);
        self
    }

    /// Reads the local values `names` (sorted) as unknown: Terraform cannot compute them (they
    /// are in a cycle), and evaluating them would give a value that depends on the order of
    /// evaluation.
    #[must_use]
    pub fn with_unknown_locals(mut self, names: &'a [&'a str]) -> Self {
        self.unknown_locals = names;
        self
    }

    fn budget_ref(&self) -> &Budget {
        self.shared_budget.unwrap_or(&self.own_budget)
    }

    /// The expression of the local value `name`, with the name as the module stores it.
    pub fn local_expression(&self, name: &str) -> Option<(&'a str, &'a Expr)> {
        self.locals
            .get_key_value(name)
            .map(|(stored, expr)| (*stored, *expr))
    }

    /// Sets what `module.NAME` reads as. Values computed before may have read it as unknown,
    /// so they are forgotten and computed again when next asked for.
    pub fn set_module_outputs(&mut self, call: &str, outputs: Value) {
        self.module_outputs.insert(call.to_string(), outputs);
        self.cache.get_mut().clear();
    }

    /// Sets the module's address (`module.a.`), which the identities of what its resources
    /// compute are made from (see [`crate::value::Identity`]).
    #[must_use]
    pub fn with_address(mut self, address: &str) -> Self {
        self.address = address.to_string();
        self
    }

    /// The identity of a resource or data source block of this module.
    fn identity(&self, mode: &str, kind: &str, name: &str) -> crate::value::Identity {
        let identity = crate::value::Identity::of(kind, &[&self.address, mode, kind, name]);
        if mode == "resource" && !kind.contains("_default_") {
            identity.created()
        } else {
            identity
        }
    }

    /// The module's outputs, evaluated: what `module.NAME` reads as in its caller.
    pub fn outputs(&self, files: &[&SourceFile]) -> Value {
        let mut outputs = BTreeMap::new();
        for file in files {
            for block in file.body.blocks_of("output") {
                if let ([name], Some(value)) =
                    (block.labels.as_slice(), block.body.attribute("value"))
                {
                    outputs.insert(name.clone(), self.value_of(&value.expr));
                }
            }
        }
        Value::Object(outputs)
    }

    /// Evaluates an expression in this module; what cannot be evaluated is Unknown.
    pub fn value_of(&self, expr: &Expr) -> Value {
        evaluate(expr, self).unwrap_or(Value::Unknown)
    }

    /// The instances of a `resource`, `data` or `module` block: one per `count` index or
    /// `for_each` key (none for `count = 0`), each with its evaluated attributes.
    pub fn instances(&self, block: &Block) -> Vec<Instance> {
        self.instances_of(block, self.expand(block))
    }

    /// The first half of [`ModuleScope::instances`]: the block's `count` or `for_each`
    /// evaluated into instance keys, so that a host can tell what evaluating them reached
    /// (a limit) from what evaluating the attributes does.
    pub fn expand(&self, block: &Block) -> Expansion {
        Expansion {
            keys: self.expansion(block).0,
        }
    }

    /// The second half of [`ModuleScope::instances`]: each instance of `expansion` (from
    /// [`ModuleScope::expand`] on the same block) with its evaluated attributes.
    pub fn instances_of(&self, block: &Block, expansion: Expansion) -> Vec<Instance> {
        self.evaluate_instances(block, expansion.keys)
    }

    /// [`ModuleScope::instances`], and whether their number was assumed (see
    /// [`ModuleScope::expansion_value`]).
    fn instances_and_assumption(&self, block: &Block) -> (Vec<Instance>, bool) {
        let (expansion, assumed) = self.expansion(block);
        (self.evaluate_instances(block, expansion), assumed)
    }

    /// The attributes of each instance a block's expansion makes.
    fn evaluate_instances(&self, block: &Block, expansion: Vec<ExpandedKey>) -> Vec<Instance> {
        expansion
            .into_iter()
            .map(|(key, bound)| {
                let attributes = match &bound {
                    Some((name, value)) => {
                        let scope = WithName {
                            parent: self,
                            name,
                            value: value.clone(),
                        };
                        body_value(&block.body, &scope)
                    }
                    None => body_value(&block.body, self),
                };
                Instance { key, attributes }
            })
            .collect()
    }

    /// The value of a `count` or `for_each` expression. When it is unknown only because a
    /// condition is (`var.create ? length(var.rules) : 0`), and one branch makes no instance
    /// while the other's are known, the known ones are taken: they are what the block creates
    /// if it creates anything, and what a reviewer wants judged. The flag says so.
    fn expansion_value(&self, expr: &Expr) -> (Value, bool) {
        let value = self.value_of(expr);
        let Expr::Conditional(conditional) = expr else {
            return (value, false);
        };
        if !matches!(value, Value::Unknown) {
            return (value, false);
        }
        let (when_true, _) = self.expansion_value(&conditional.true_expr);
        let (when_false, _) = self.expansion_value(&conditional.false_expr);
        match (makes_instances(&when_true), makes_instances(&when_false)) {
            (Some(true), Some(false)) => (when_true, true),
            (Some(false), Some(true)) => (when_false, true),
            _ => (value, false),
        }
    }

    /// The instance keys of a block and, for each, the name (`count` or `each`) it binds.
    fn expansion(&self, block: &Block) -> (Vec<ExpandedKey>, bool) {
        let budget = self.budget_ref();
        if let Some(count) = block.body.attribute("count") {
            let (count, assumed) = self.expansion_value(&count.expr);
            let keys = match count.as_number() {
                Some(number) if number >= 0.0 && budget.allows_items(number as usize) => (0
                    ..number as usize)
                    .map(|index| {
                        let bound = object_of([("index", Value::Number(index as f64))]);
                        (InstanceKey::Index(index), Some(("count", bound)))
                    })
                    .collect(),
                _ => {
                    let bound = object_of([("index", Value::Unknown)]);
                    alloc::vec![(InstanceKey::Single, Some(("count", bound)))]
                }
            };
            return (keys, assumed);
        }
        if let Some(for_each) = block.body.attribute("for_each") {
            let (for_each, assumed) = self.expansion_value(&for_each.expr);
            let pairs: Option<Vec<(String, Value)>> = match for_each {
                Value::Object(map) => Some(map.into_iter().collect()),
                Value::List(items) => items
                    .into_iter()
                    .map(|item| {
                        item.to_terraform_string()
                            .map(|key| (key.clone(), Value::String(key)))
                    })
                    .collect(),
                _ => None,
            };
            let keys = match pairs {
                Some(pairs) if budget.allows_items(pairs.len()) => pairs
                    .into_iter()
                    .map(|(key, value)| {
                        let bound =
                            object_of([("key", Value::String(key.clone())), ("value", value)]);
                        (InstanceKey::Key(key), Some(("each", bound)))
                    })
                    .collect(),
                _ => {
                    let bound = object_of([("key", Value::Unknown), ("value", Value::Unknown)]);
                    alloc::vec![(InstanceKey::Single, Some(("each", bound)))]
                }
            };
            return (keys, assumed);
        }
        (alloc::vec![(InstanceKey::Single, None)], false)
    }

    /// What a resource or data source reads as from elsewhere: one instance's object, a list
    /// for `count`, an object for `for_each`.
    fn block_reference(&self, block: &Block) -> Value {
        let (mut instances, assumed) = self.instances_and_assumption(block);
        // Whether the instances exist at all is not known: neither are their values.
        if assumed {
            return Value::Unknown;
        }
        let is_policy_document = block.kind == "data"
            && block
                .labels
                .first()
                .is_some_and(|kind| kind == "aws_iam_policy_document");
        if is_policy_document {
            for instance in &mut instances {
                let json = super::policy_document::render(&instance.attributes);
                if let Value::Object(attributes) = &mut instance.attributes {
                    attributes.insert(String::from("minified_json"), json.clone());
                    attributes.insert(String::from("json"), json);
                }
            }
        }
        let counted = block.body.attribute("count").is_some();
        let keyed = block.body.attribute("for_each").is_some();
        match instances.as_slice() {
            [Instance {
                key: InstanceKey::Single,
                attributes,
            }] if !counted && !keyed => attributes.clone(),
            [Instance {
                key: InstanceKey::Single,
                ..
            }] => Value::Unknown,
            _ if keyed => Value::Object(
                instances
                    .into_iter()
                    .filter_map(|instance| match instance.key {
                        InstanceKey::Key(key) => Some((key, instance.attributes)),
                        _ => None,
                    })
                    .collect(),
            ),
            _ => Value::List(
                instances
                    .into_iter()
                    .map(|instance| instance.attributes)
                    .collect(),
            ),
        }
    }

    /// Evaluates a named thing once; a cycle or a chain too deep reads as unknown.
    fn cached(&self, key: Named, compute: impl FnOnce() -> Value) -> Value {
        self.cached_read(key, compute, Value::clone)
    }

    /// [`ModuleScope::cached`], handing the value to `read` instead of cloning all of it.
    fn cached_read<R>(
        &self,
        key: Named,
        compute: impl FnOnce() -> Value,
        read: impl FnOnce(&Value) -> R,
    ) -> R {
        if let Some(slot) = self.cache.borrow().get(&key) {
            return match slot {
                Slot::InProgress => read(&Value::Unknown),
                Slot::Done(value) => read(value),
            };
        }
        if *self.depth.borrow() >= MAX_REFERENCE_DEPTH {
            return read(&Value::Unknown);
        }
        self.cache.borrow_mut().insert(key, Slot::InProgress);
        *self.depth.borrow_mut() += 1;
        let value = compute();
        *self.depth.borrow_mut() -= 1;
        let answer = read(&value);
        self.cache.borrow_mut().insert(key, Slot::Done(value));
        answer
    }
}

/// What a name reads as when it uses `consumed` attribute names and `next` is the attribute
/// name after them: an object that has `next` gives just that attribute (what the traversal's
/// next step would take from it), so that reading one attribute of a large value (a module's
/// outputs, a resource, a map variable) clones only that attribute.
fn narrowed(value: &Value, next: Option<&str>, consumed: usize, lenient: Lenient) -> Reference {
    if let (Value::Object(map), Some(next)) = (value, next) {
        if let Some(found) = map.get(next) {
            return Reference {
                value: found.clone(),
                consumed: consumed + 1,
                lenient,
            };
        }
    }
    Reference {
        value: value.clone(),
        consumed,
        lenient,
    }
}

impl Scope for ModuleScope<'_> {
    fn budget(&self) -> Option<&Budget> {
        Some(self.budget_ref())
    }

    fn resolve(&self, root: &str, attributes: &[&str]) -> Result<Reference, EvalError> {
        let first = attributes.first().copied();
        match (root, first) {
            ("var", Some(name)) => {
                let Some((&declared, &(default, constraint))) = self.variables.get_key_value(name)
                else {
                    // A value given for a variable the module does not declare is still read.
                    return match self.inputs.get(name) {
                        Some(value) => Ok(Reference::value(value.clone(), 1)),
                        None => Err(EvalError::new(alloc::format!(
                            "no variable named \"{name}\" is declared"
                        ))),
                    };
                };
                let next = attributes.get(1).copied();
                let compute = || {
                    let value = match (self.inputs.get(name), default) {
                        (Some(value), _) => value.clone(),
                        (None, Some(default)) => self.value_of(default),
                        // Declared without a default and given no value: known only at plan time.
                        (None, None) => Value::Unknown,
                    };
                    let value = match constraint {
                        Some(constraint) => super::types::convert(value, constraint, self),
                        None => value,
                    };
                    if value.is_null() && self.null_variables_unknown {
                        Value::Unknown
                    } else {
                        value
                    }
                };
                Ok(self.cached_read(
                    Named::new(NamedKind::Variable, declared, ""),
                    compute,
                    |value| narrowed(value, next, 1, Lenient::No),
                ))
            }
            ("local", Some(name)) if self.unknown_locals.binary_search(&name).is_ok() => {
                Ok(Reference::value(Value::Unknown, 1))
            }
            ("local", Some(name)) => match self.locals.get_key_value(name) {
                Some((&declared, expr)) => Ok(self.cached_read(
                    Named::new(NamedKind::Local, declared, ""),
                    || self.value_of(expr),
                    |value| narrowed(value, attributes.get(1).copied(), 1, Lenient::No),
                )),
                None => Err(EvalError::new(alloc::format!(
                    "no local value named \"{name}\""
                ))),
            },
            ("module", Some(name)) => Ok(narrowed(
                self.module_outputs.get(name).unwrap_or(&Value::Unknown),
                attributes.get(1).copied(),
                1,
                Lenient::Computed,
            )),
            ("data", Some(kind)) => {
                let Some(name) = attributes.get(1).copied() else {
                    return Err(EvalError::new(
                        "a data source reference needs a type and a name",
                    ));
                };
                match self.data_sources.get_key_value(&(kind, name)) {
                    Some((&(kind, name), block)) => Ok(Reference {
                        value: self.cached(Named::new(NamedKind::DataSource, kind, name), || {
                            self.block_reference(block)
                        }),
                        consumed: 2,
                        lenient: Lenient::Identified(self.identity("data", kind, name)),
                    }),
                    None => Err(EvalError::new(alloc::format!(
                        "no data source data.{kind}.{name}"
                    ))),
                }
            }
            ("path", Some("module" | "root" | "cwd")) => {
                Ok(Reference::value(Value::String(self.directory.clone()), 1))
            }
            ("terraform", Some("workspace")) => Ok(Reference::value(Value::from("default"), 1)),
            ("self" | "each" | "count", _) => Ok(Reference {
                value: Value::Unknown,
                consumed: 0,
                lenient: Lenient::Computed,
            }),
            (kind, Some(name)) => match self.resources.get_key_value(&(kind, name)) {
                Some((&(kind, name), block)) => Ok(self.cached_read(
                    Named::new(NamedKind::Resource, kind, name),
                    || self.block_reference(block),
                    |value| {
                        let identity = self.identity("resource", kind, name);
                        narrowed(
                            value,
                            attributes.get(1).copied(),
                            1,
                            Lenient::Identified(identity),
                        )
                    },
                )),
                None => Err(EvalError::new(alloc::format!(
                    "no resource {kind}.{name} in this module"
                ))),
            },
            (name, None) => Err(EvalError::new(alloc::format!("unknown name \"{name}\""))),
        }
    }
}

/// A block body as a value: attributes by name (unknown where they cannot be evaluated, left out
/// where they are null, as Terraform treats them), and
/// nested blocks by type as lists of objects, `dynamic` blocks expanded.
pub fn body_value(body: &Body, scope: &dyn Scope) -> Value {
    let mut map = BTreeMap::new();
    for attribute in &body.attributes {
        if META_ARGUMENTS.contains(&attribute.name.as_str()) {
            continue;
        }
        let value = evaluate(&attribute.expr, scope).unwrap_or(Value::Unknown);
        // In Terraform an argument set to null is the same as one left out.
        if !value.is_null() {
            map.insert(attribute.name.clone(), value);
        }
    }
    for block in &body.blocks {
        if META_BLOCKS.contains(&block.kind.as_str()) {
            continue;
        }
        if block.kind == "dynamic" {
            if let [name] = block.labels.as_slice() {
                let expanded = dynamic_blocks(block, name, scope);
                push_blocks(&mut map, name, expanded);
            }
            continue;
        }
        push_blocks(
            &mut map,
            &block.kind,
            alloc::vec![body_value(&block.body, scope)],
        );
    }
    Value::Object(map)
}

fn push_blocks(map: &mut BTreeMap<String, Value>, kind: &str, blocks: Vec<Value>) {
    // An attribute and a block of the same name: the attribute wins, as written.
    if let Value::List(existing) = map
        .entry(kind.to_string())
        .or_insert_with(|| Value::List(Vec::new()))
    {
        existing.extend(blocks);
    }
}

/// The blocks a `dynamic "name" { for_each = ..., content { ... } }` produces. When its
/// `for_each` is unknown, one block stands for all of them, with an unknown iterator.
fn dynamic_blocks(block: &Block, name: &str, scope: &dyn Scope) -> Vec<Value> {
    let Some(content) = block.body.blocks_of("content").next() else {
        return Vec::new();
    };
    let iterator = match block
        .body
        .attribute("iterator")
        .map(|attribute| &attribute.expr)
    {
        Some(Expr::Variable(iterator)) => iterator.as_str(),
        _ => name,
    };
    let collection = block
        .body
        .attribute("for_each")
        .map_or(Value::Unknown, |attribute| {
            evaluate(&attribute.expr, scope).unwrap_or(Value::Unknown)
        });
    let pairs: Vec<(Value, Value)> = match collection {
        Value::List(items) => items
            .into_iter()
            .enumerate()
            .map(|(index, item)| (Value::Number(index as f64), item))
            .collect(),
        Value::Object(map) => map
            .into_iter()
            .map(|(key, item)| (Value::String(key), item))
            .collect(),
        Value::Null => Vec::new(),
        _ => alloc::vec![(Value::Unknown, Value::Unknown)],
    };
    let too_many = scope
        .budget()
        .is_some_and(|budget| !budget.allows_items(pairs.len()));
    let pairs = if too_many {
        alloc::vec![(Value::Unknown, Value::Unknown)]
    } else {
        pairs
    };
    pairs
        .into_iter()
        .map(|(key, value)| {
            let bound = object_of([("key", key), ("value", value)]);
            let inner = WithName {
                parent: scope,
                name: iterator,
                value: bound,
            };
            body_value(&content.body, &inner)
        })
        .collect()
}

fn object_of<const N: usize>(pairs: [(&str, Value); N]) -> Value {
    Value::Object(
        pairs
            .into_iter()
            .map(|(key, value)| (key.to_string(), value))
            .collect(),
    )
}

/// Whether a `count` or `for_each` value makes instances: None when that is not known.
fn makes_instances(value: &Value) -> Option<bool> {
    match value {
        Value::Number(count) => Some(*count > 0.0),
        Value::List(items) => Some(!items.is_empty()),
        Value::Object(map) => Some(!map.is_empty()),
        _ => None,
    }
}
