//! Runs a policy over every block instance of a scan and says which blocks it reports on, with
//! which verdict. Attribute conditions and their `and` / `or` / `not` are decided block by
//! block; a connection (or an `and` / `or` holding one) is decided over the whole graph, the
//! way Checkov 3.3.30 does: both blocks of a connected pair get a verdict (a `filter` on
//! `resource_type` keeps one side), blocks that failed an attribute condition make the pairs
//! they are in fail, and `not_exists` swaps passed and failed.

use alloc::collections::{BTreeMap, BTreeSet};
use alloc::vec::Vec;
use core::cell::OnceCell;

use super::attribute::{self, Answer};
use super::definition::{Condition, ConnectionOperator, Types};
use super::python::{self, Py};
use super::view::View;
use crate::check::{EntityKind, Resource, Verdict};
use crate::syntax::Body;
use crate::value::Value;

/// One evaluated block instance the policies may report on.
pub struct Subject<'a> {
    /// Its evaluated attributes (an object).
    pub attributes: &'a Value,
    /// For a resource, data source or provider: its place in the graph, to find what it is
    /// connected to (a `module` call has none).
    pub resource: Option<Resource<'a>>,
    /// Its block's syntax, which tells nested blocks from attributes.
    pub body: &'a Body,
    /// Its type as Checkov names it: `aws_s3_bucket`, `data.aws_ami`, `provider.aws`.
    pub checkov_type: alloc::string::String,
    /// The tags its computed identifiers carry, which tell which instance another block's
    /// reference names (see [`crate::value::Identity::instance_tags`]).
    pub instance_tags: Option<[char; 2]>,
}

impl<'a> Subject<'a> {
    /// The subject for an instance of a resource, data source or provider, written as
    /// `body`.
    pub fn block(resource: Resource<'a>, body: &'a Body, instance_tags: Option<[char; 2]>) -> Self {
        let checkov_type = match resource.kind {
            EntityKind::Resource => alloc::string::String::from(resource.resource_type),
            EntityKind::Data => alloc::format!("data.{}", resource.resource_type),
            EntityKind::Provider => alloc::format!("provider.{}", resource.resource_type),
        };
        Subject {
            attributes: resource.attributes,
            resource: Some(resource),
            body,
            checkov_type,
            instance_tags,
        }
    }

    /// The subject for an instance of a `module` call with these arguments.
    pub fn module_call(arguments: &'a Value, body: &'a Body) -> Self {
        Subject {
            attributes: arguments,
            resource: None,
            body,
            checkov_type: alloc::string::String::from("module"),
            instance_tags: None,
        }
    }
}

/// The subjects of a scan, with their views and connections worked out once, when first
/// needed, and shared by every policy.
pub struct Solver<'s, 'a> {
    subjects: &'s [Subject<'a>],
    views: Vec<OnceCell<View>>,
    connections: OnceCell<Vec<Vec<usize>>>,
}

/// Checkov's three lists of results, as indexes into the subjects (in order, with repeats).
#[derive(Debug, Default)]
struct Lists {
    passed: Vec<usize>,
    failed: Vec<usize>,
    unknown: Vec<usize>,
}

/// Python raised while the policy ran over the graph: Checkov then reports nothing for it.
struct Raised;

impl<'s, 'a> Solver<'s, 'a> {
    pub fn new(subjects: &'s [Subject<'a>]) -> Self {
        Solver {
            subjects,
            views: subjects.iter().map(|_| OnceCell::new()).collect(),
            connections: OnceCell::new(),
        }
    }

    fn view(&self, index: usize) -> &View {
        self.views[index].get_or_init(|| {
            let subject = &self.subjects[index];
            View::of(&subject.checkov_type, subject.attributes, subject.body)
        })
    }

    /// The subjects connected to each subject, either way round (by index, sorted). Blocks
    /// refer to blocks; where a reference names one instance (`aws_s3_bucket.b[0].id`), only
    /// that instance is connected, as in Checkov.
    fn connections(&self) -> &[Vec<usize>] {
        self.connections.get_or_init(|| {
            let mut by_node = BTreeMap::new();
            let mut by_block: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
            for (index, subject) in self.subjects.iter().enumerate() {
                if let Some(node) = subject.resource.and_then(|resource| resource.node()) {
                    by_node.insert(node, index);
                }
                if let Some(block) = subject.resource.and_then(|resource| resource.block()) {
                    by_block.entry(block).or_default().push(index);
                }
            }
            // The instances each subject's identifiers name.
            let named: Vec<BTreeSet<[char; 2]>> = self
                .subjects
                .iter()
                .map(|subject| {
                    let mut found = Vec::new();
                    crate::value::identifier_instances(subject.attributes, &mut found);
                    found.into_iter().collect()
                })
                .collect();
            // Whether `from`, which refers to the block of `to`, refers to this instance of it.
            let names = |from: usize, to: usize| -> bool {
                let Some(tags) = self.subjects[to].instance_tags else {
                    return true;
                };
                if named[from].contains(&tags) {
                    return true;
                }
                let siblings = self.subjects[to]
                    .resource
                    .and_then(|resource| resource.block())
                    .and_then(|block| by_block.get(&block))
                    .map_or(&[][..], Vec::as_slice);
                // When none of the block's instances is named, the reference is to the block.
                !siblings.iter().any(|&sibling| {
                    self.subjects[sibling]
                        .instance_tags
                        .is_some_and(|tags| named[from].contains(&tags))
                })
            };
            let index_of = |resource: &Resource<'_>| {
                resource.node().and_then(|node| by_node.get(&node).copied())
            };
            self.subjects
                .iter()
                .enumerate()
                .map(|(index, subject)| {
                    let Some(resource) = subject.resource else {
                        return Vec::new();
                    };
                    let referenced = resource
                        .references(None)
                        .into_iter()
                        .filter_map(|other| index_of(&other))
                        .filter(|&other| names(index, other));
                    let referring = resource
                        .referrers(None)
                        .into_iter()
                        .filter_map(|other| index_of(&other))
                        .filter(|&other| names(other, index));
                    let mut connected: Vec<usize> = referenced.chain(referring).collect();
                    connected.sort_unstable();
                    connected.dedup();
                    connected
                })
                .collect()
        })
    }

    fn type_of(&self, index: usize) -> &str {
        &self.subjects[index].checkov_type
    }

    /// The verdict of `definition` on each subject it reports on (index, verdict), in subject
    /// order.
    pub fn solve(&self, definition: &Condition) -> Vec<(usize, Verdict)> {
        let all: Vec<usize> = (0..self.subjects.len()).collect();
        let lists = if definition.involves_connection() {
            self.solve_connections(definition, &all)
        } else {
            self.solve_blocks(definition, &all)
        };
        let Ok(lists) = lists else {
            return Vec::new();
        };
        let mut verdicts: Vec<Option<Verdict>> = alloc::vec![None; self.subjects.len()];
        for (list, verdict) in [
            (&lists.passed, Verdict::Passed),
            (&lists.unknown, Verdict::Unknown),
            (&lists.failed, Verdict::Failed),
        ] {
            for index in list {
                verdicts[*index] = Some(verdict);
            }
        }
        verdicts
            .into_iter()
            .enumerate()
            .filter_map(|(index, verdict)| verdict.map(|verdict| (index, verdict)))
            .collect()
    }

    /// A definition without connections, block by block.
    fn solve_blocks(&self, definition: &Condition, all: &[usize]) -> Result<Lists, Raised> {
        match definition {
            Condition::Attribute(_) => Ok(self.attribute_lists(definition, all)),
            Condition::Resource { types, exists } => {
                let mut lists = Lists::default();
                for &index in all {
                    match (types.matches(self.type_of(index)), exists) {
                        (true, true) => lists.passed.push(index),
                        (false, true) | (true, false) => lists.failed.push(index),
                        // Checkov keeps blocks a deny list does not name as unknown, and
                        // reports nothing for them.
                        (false, false) => {}
                    }
                }
                Ok(lists)
            }
            // A filter alone is refused when the policy is read.
            Condition::Filter { .. } | Condition::Connection { .. } => Ok(Lists::default()),
            Condition::And(_) | Condition::Or(_) | Condition::Not(_) => {
                self.complex_lists(definition, all)
            }
        }
    }

    /// An attribute condition over `universe`: a block Python raises on is left out.
    fn attribute_lists(&self, condition: &Condition, universe: &[usize]) -> Lists {
        let mut lists = Lists::default();
        let Condition::Attribute(attribute) = condition else {
            return lists;
        };
        for &index in universe {
            let resource_type = self.type_of(index);
            if !attribute.types.matches(resource_type) {
                continue;
            }
            match attribute::decide(attribute, self.view(index), resource_type) {
                Answer::Yes => lists.passed.push(index),
                Answer::No => lists.failed.push(index),
                Answer::Unknown => lists.unknown.push(index),
                Answer::Error => {}
            }
        }
        lists
    }

    /// `and` / `or` / `not` without connections over `universe`: the blocks of any type the
    /// conditions name (every block when none names a type).
    fn complex_lists(&self, condition: &Condition, universe: &[usize]) -> Result<Lists, Raised> {
        let types = condition.types();
        let mut lists = Lists::default();
        for &index in universe {
            if !types.matches(self.type_of(index)) {
                continue;
            }
            match self.decide_block(condition, index) {
                Answer::Yes => lists.passed.push(index),
                Answer::No => lists.failed.push(index),
                Answer::Unknown => lists.unknown.push(index),
                Answer::Error => return Err(Raised),
            }
        }
        Ok(lists)
    }

    /// One condition on one block, as Checkov's `get_operation` chains them: conditions are
    /// tried in order, and Python's error stops the chain.
    fn decide_block(&self, condition: &Condition, index: usize) -> Answer {
        match condition {
            Condition::Attribute(attribute) => {
                attribute::decide(attribute, self.view(index), self.type_of(index))
            }
            Condition::Filter {
                attribute, values, ..
            } => self.filter_keeps(attribute.as_deref(), values, index),
            // Checkov asks a resource condition whether the block itself is one of the types
            // (a comparison that never holds).
            Condition::Resource { exists, .. } => Answer::of(!*exists),
            Condition::Connection { .. } => Answer::Error,
            Condition::And(items) => {
                let mut unknown = false;
                for item in items {
                    match self.decide_block(item, index) {
                        Answer::No => return Answer::No,
                        Answer::Error => return Answer::Error,
                        Answer::Unknown => unknown = true,
                        Answer::Yes => {}
                    }
                }
                if unknown {
                    Answer::Unknown
                } else {
                    Answer::Yes
                }
            }
            Condition::Or(items) => {
                let mut unknown = false;
                for item in items {
                    match self.decide_block(item, index) {
                        Answer::Yes => return Answer::Yes,
                        Answer::Error => return Answer::Error,
                        Answer::Unknown => unknown = true,
                        Answer::No => {}
                    }
                }
                if unknown {
                    Answer::Unknown
                } else {
                    Answer::No
                }
            }
            Condition::Not(item) => self.decide_block(item, index).not(),
        }
    }

    /// A filter's test on one block: its `attribute` (the block's type for `resource_type`)
    /// is set and is one of the filter's values.
    fn filter_keeps(&self, attribute: Option<&str>, values: &Py, index: usize) -> Answer {
        let Some(attribute) = attribute else {
            return Answer::No;
        };
        let none = Py::None;
        let value = self.view(index).get(attribute).unwrap_or(&none);
        if *value == Py::Unknown {
            return Answer::Unknown;
        }
        if !value.truthy() {
            return Answer::No;
        }
        python::contains(values, value).map_or(Answer::Error, Answer::of)
    }

    /// A connection, or an `and` / `or` holding one, over the whole graph.
    fn solve_connections(&self, definition: &Condition, all: &[usize]) -> Result<Lists, Raised> {
        match definition {
            Condition::Connection {
                types,
                connected,
                operator,
            } => Ok(self.connection(types, connected, *operator, all, &[], &[])),
            Condition::And(_) | Condition::Or(_) => {
                let (types, connected) = complex_types(definition);
                let targeted = Types::union([&types, &connected]);
                let has_resources = all.iter().any(|&index| types.matches(self.type_of(index)));
                let universe: Vec<usize> = if has_resources {
                    all.iter()
                        .copied()
                        .filter(|&index| targeted.matches(self.type_of(index)))
                        .collect()
                } else {
                    all.to_vec()
                };
                self.complex_connection(definition, &universe)
            }
            _ => Ok(Lists::default()),
        }
    }

    /// One connection condition over `universe`: each connected pair of a block of `types`
    /// and one of `connected` passes (fails when either failed an attribute condition of the
    /// same `and`, `excluded`; is unknown when either was unknown); every other block of
    /// those types fails.
    fn connection(
        &self,
        types: &Types,
        connected: &Types,
        operator: ConnectionOperator,
        universe: &[usize],
        excluded: &[usize],
        unknown: &[usize],
    ) -> Lists {
        let origins: Vec<usize> = universe
            .iter()
            .copied()
            .filter(|&index| types.matches(self.type_of(index)))
            .collect();
        let targets: Vec<usize> = universe
            .iter()
            .copied()
            .filter(|&index| connected.matches(self.type_of(index)))
            .collect();
        let mut lists = Lists::default();
        if origins.is_empty() || targets.is_empty() {
            lists.failed.extend(origins.iter().chain(&targets));
        } else {
            let count = self.subjects.len();
            let is_origin = marks(count, &origins);
            let is_target = marks(count, &targets);
            let is_excluded = marks(count, excluded);
            let is_unknown = marks(count, unknown);
            let in_universe = marks(count, universe);
            let connections = self.connections();
            for &origin in universe {
                for &other in &connections[origin] {
                    // Each pair once, from its lower index.
                    if other < origin || !in_universe[other] {
                        continue;
                    }
                    let pair = (is_origin[origin] && is_target[other])
                        || (is_target[origin] && is_origin[other]);
                    if !pair {
                        continue;
                    }
                    let list = if is_excluded[origin] || is_excluded[other] {
                        &mut lists.failed
                    } else if is_unknown[origin] || is_unknown[other] {
                        &mut lists.unknown
                    } else {
                        &mut lists.passed
                    };
                    list.push(origin);
                    list.push(other);
                }
            }
            let seen = marks(
                count,
                &lists
                    .passed
                    .iter()
                    .chain(&lists.unknown)
                    .copied()
                    .collect::<Vec<usize>>(),
            );
            lists.failed.extend(
                origins
                    .iter()
                    .chain(&targets)
                    .filter(|index| !seen[**index]),
            );
        }
        match operator {
            ConnectionOperator::Exists => lists,
            ConnectionOperator::NotExists => Lists {
                passed: lists.failed,
                failed: lists.passed,
                unknown: lists.unknown,
            },
            ConnectionOperator::OneExists => {
                let passed = lists.passed;
                Lists {
                    failed: without(lists.failed, &passed),
                    unknown: without(lists.unknown, &passed),
                    passed,
                }
            }
        }
    }

    /// An `and` / `or` holding a connection, over `universe` (the blocks of the types it
    /// names, or every block).
    fn complex_connection(
        &self,
        condition: &Condition,
        universe: &[usize],
    ) -> Result<Lists, Raised> {
        let (Condition::And(items) | Condition::Or(items)) = condition else {
            return self.solve_connections(condition, universe);
        };
        let is_and = matches!(condition, Condition::And(_));
        let (types, _) = complex_types(condition);
        if is_and
            && !universe
                .iter()
                .any(|&index| types.matches(self.type_of(index)))
        {
            return Ok(Lists::default());
        }

        let mut lists = Lists::default();
        for item in items {
            let found = match item {
                Condition::Attribute(_) => self.attribute_lists(item, universe),
                Condition::And(_) | Condition::Or(_) | Condition::Not(_)
                    if !item.involves_connection() =>
                {
                    self.complex_lists(item, universe)?
                }
                _ => continue,
            };
            lists.passed.extend(found.passed);
            lists.failed.extend(found.failed);
            lists.unknown.extend(found.unknown);
        }

        let connections: Vec<&Condition> = if is_and {
            sorted_connections(items)
        } else {
            items
                .iter()
                .filter(|item| item.involves_connection())
                .collect()
        };
        if is_and {
            let failed_or_unknown: Vec<usize> =
                lists.failed.iter().chain(&lists.unknown).copied().collect();
            lists.passed = without(lists.passed, &failed_or_unknown);
        }
        for connection in connections {
            let (excluded, unknown) = if is_and {
                (lists.failed.clone(), lists.unknown.clone())
            } else {
                (Vec::new(), Vec::new())
            };
            let found = match connection {
                Condition::Connection {
                    types,
                    connected,
                    operator,
                } => self.connection(types, connected, *operator, universe, &excluded, &unknown),
                nested => self.complex_connection(nested, universe)?,
            };
            lists.passed.extend(found.passed);
            lists.failed.extend(found.failed);
            lists.unknown.extend(found.unknown);
        }
        if is_and {
            let failed = lists.failed.clone();
            let failed_or_unknown: Vec<usize> =
                lists.failed.iter().chain(&lists.unknown).copied().collect();
            lists.passed = without(lists.passed, &failed_or_unknown);
            lists.unknown = without(lists.unknown, &failed);
        } else {
            let passed = lists.passed.clone();
            let passed_or_unknown: Vec<usize> =
                lists.passed.iter().chain(&lists.unknown).copied().collect();
            lists.unknown = without(lists.unknown, &passed);
            lists.failed = without(lists.failed, &passed_or_unknown);
        }
        self.filter_results(items, lists)
    }

    /// Keeps the results each `filter` of the `and` / `or` keeps.
    fn filter_results(&self, items: &[Condition], mut lists: Lists) -> Result<Lists, Raised> {
        for item in items {
            let Condition::Filter {
                attribute, values, ..
            } = item
            else {
                continue;
            };
            for list in [&mut lists.passed, &mut lists.failed, &mut lists.unknown] {
                let mut kept = Vec::with_capacity(list.len());
                for &index in list.iter() {
                    match self.filter_keeps(attribute.as_deref(), values, index) {
                        Answer::Yes => kept.push(index),
                        Answer::Error => return Err(Raised),
                        _ => {}
                    }
                }
                *list = kept;
            }
        }
        Ok(lists)
    }
}

/// The block types an `and` / `or` with connections reads: its attribute conditions' and
/// connections' types, and the connections' connected types.
fn complex_types(condition: &Condition) -> (Types, Types) {
    let (Condition::And(items) | Condition::Or(items)) = condition else {
        return match condition {
            Condition::Connection {
                types, connected, ..
            } => (types.clone(), connected.clone()),
            other => (other.types(), Types::default()),
        };
    };
    let mut types = Vec::new();
    let mut connected = Vec::new();
    for item in items {
        match item {
            Condition::Connection {
                types: own,
                connected: other,
                ..
            } => {
                types.push(own.clone());
                connected.push(other.clone());
            }
            Condition::And(_) | Condition::Or(_) if item.involves_connection() => {
                let (own, other) = complex_types(item);
                types.push(own);
                connected.push(other);
            }
            Condition::Attribute(attribute) => types.push(attribute.types.clone()),
            Condition::And(_) | Condition::Or(_) | Condition::Not(_) => types.push(item.types()),
            Condition::Filter { .. } | Condition::Resource { .. } => {}
        }
    }
    (Types::union(&types), Types::union(&connected))
}

/// An `and`'s connections, those whose types a `resource_type` filter names last.
fn sorted_connections(items: &[Condition]) -> Vec<&Condition> {
    let mut filtered_types: Vec<&str> = Vec::new();
    for item in items {
        if let Condition::Filter {
            attribute: Some(attribute),
            values: Py::List(values),
            ..
        } = item
        {
            if attribute == "resource_type" {
                filtered_types.extend(values.iter().filter_map(|value| match value {
                    Py::Str(text) => Some(text.as_str()),
                    _ => None,
                }));
            }
        }
    }
    let (mut plain, mut last): (Vec<&Condition>, Vec<&Condition>) = (Vec::new(), Vec::new());
    for item in items.iter().filter(|item| item.involves_connection()) {
        let (types, connected) = complex_types(item);
        let named = types
            .names
            .iter()
            .chain(&connected.names)
            .any(|name| filtered_types.contains(&name.as_str()));
        if named {
            last.push(item);
        } else {
            plain.push(item);
        }
    }
    plain.extend(last);
    plain
}

/// `list` without the items in `removed`.
fn without(list: Vec<usize>, removed: &[usize]) -> Vec<usize> {
    let Some(largest) = list.iter().chain(removed).copied().max() else {
        return list;
    };
    let removed = marks(largest + 1, removed);
    list.into_iter().filter(|index| !removed[*index]).collect()
}

/// A flag per subject index below `count`, set for the `indexes` given.
fn marks(count: usize, indexes: &[usize]) -> Vec<bool> {
    let mut marked = alloc::vec![false; count];
    for &index in indexes {
        if let Some(mark) = marked.get_mut(index) {
            *mark = true;
        }
    }
    marked
}
