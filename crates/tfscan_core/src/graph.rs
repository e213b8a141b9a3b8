//! The resource graph: every evaluated resource and data source instance of a scan, and which
//! blocks refer to which, so that a check can look at what a resource is connected to (the
//! versioning resource of a bucket, the rules of a security group) in constant time per edge.

use alloc::boxed::Box;
use alloc::collections::BTreeMap;
use alloc::string::String;
use alloc::vec::Vec;
use core::any::Any;
use core::cell::RefCell;

use crate::check::{EntityKind, Resource};
use crate::value::Value;

/// One block of the configuration: its module, kind, type and name.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct BlockKey {
    /// `""` at the root, `module.a.` / `module.a["k"].` inside a module instance.
    pub module: String,
    pub kind: EntityKind,
    pub resource_type: String,
    pub name: String,
}

/// A 64-bit FNV-1a hash of a block's key: its parts in order, each name ended by 0xff, a byte
/// that UTF-8 text never holds. Keys that differ almost always get different fingerprints; the
/// graph compares the keys of those that do not.
fn fingerprint(key: &BlockKey) -> u64 {
    fn add(hash: &mut u64, bytes: &[u8]) {
        for &byte in bytes {
            *hash ^= u64::from(byte);
            *hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    let mut hash = 0xcbf2_9ce4_8422_2325;
    add(&mut hash, key.module.as_bytes());
    add(&mut hash, &[0xff, key.kind as u8]);
    add(&mut hash, key.resource_type.as_bytes());
    add(&mut hash, &[0xff]);
    add(&mut hash, key.name.as_bytes());
    hash
}

/// One instance of a block, evaluated.
#[derive(Debug, Clone)]
pub struct Node {
    pub block: usize,
    pub attributes: Value,
}

/// Results shared by the checks of one instance, by node index and name.
type SharedResults = BTreeMap<(usize, &'static str), Box<dyn Any>>;

/// The graph of a whole scan.
#[derive(Debug, Default)]
pub struct Graph {
    blocks: Vec<BlockKey>,
    /// The blocks by their key's fingerprint (see [`fingerprint`]): a lookup compares integers,
    /// then the keys of the few blocks (almost always one) that share the fingerprint.
    block_index: BTreeMap<u64, Vec<usize>>,
    nodes: Vec<Node>,
    /// The instances of each block.
    instances: Vec<Vec<usize>>,
    /// The blocks each block refers to, and the blocks that refer to it.
    references: Vec<Vec<usize>>,
    referrers: Vec<Vec<usize>>,
    /// What several checks of one instance share, by node and name (see [`Resource::shared`]).
    shared: RefCell<SharedResults>,
    /// The scan's date (`YYYY-MM-DD`), for the few rules that age (a security policy named
    /// after its release month); `None` when the host gave none.
    pub today: Option<String>,
}

impl Graph {
    /// An empty graph for a scan on `today` (see [`Graph::today`]).
    pub fn dated(today: Option<String>) -> Self {
        Self {
            today,
            ..Self::default()
        }
    }

    /// The block's index, adding the block when it is new.
    pub fn block(&mut self, key: BlockKey) -> usize {
        let fingerprint = fingerprint(&key);
        if let Some(index) = self.find_fingerprinted(fingerprint, &key) {
            return index;
        }
        let index = self.blocks.len();
        self.blocks.push(key);
        self.block_index.entry(fingerprint).or_default().push(index);
        self.instances.push(Vec::new());
        self.references.push(Vec::new());
        self.referrers.push(Vec::new());
        index
    }

    /// The index of a block already added, if any.
    pub fn find_block(&self, key: &BlockKey) -> Option<usize> {
        self.find_fingerprinted(fingerprint(key), key)
    }

    fn find_fingerprinted(&self, fingerprint: u64, key: &BlockKey) -> Option<usize> {
        self.block_index
            .get(&fingerprint)?
            .iter()
            .copied()
            .find(|&index| self.blocks.get(index) == Some(key))
    }

    /// Adds an evaluated instance of `block`; returns the node's index.
    pub fn add_node(&mut self, block: usize, attributes: Value) -> usize {
        let index = self.nodes.len();
        self.nodes.push(Node { block, attributes });
        if let Some(instances) = self.instances.get_mut(block) {
            instances.push(index);
        }
        index
    }

    /// Records that `from` refers to `to` (both block indexes).
    pub fn add_reference(&mut self, from: usize, to: usize) {
        if from == to || from >= self.blocks.len() || to >= self.blocks.len() {
            return;
        }
        if !self.references[from].contains(&to) {
            self.references[from].push(to);
            self.referrers[to].push(from);
        }
    }

    pub fn node(&self, index: usize) -> Option<&Node> {
        self.nodes.get(index)
    }

    pub fn block_key(&self, block: usize) -> Option<&BlockKey> {
        self.blocks.get(block)
    }

    /// The check's view of node `index`.
    pub fn resource(&self, index: usize) -> Option<Resource<'_>> {
        let node = self.nodes.get(index)?;
        let key = self.blocks.get(node.block)?;
        Some(Resource {
            kind: key.kind,
            resource_type: &key.resource_type,
            name: &key.name,
            attributes: &node.attributes,
            connections: Connections {
                graph: Some(self),
                node: index,
            },
        })
    }

    fn connected(&self, blocks: &[usize], kind: Option<&str>) -> Vec<Resource<'_>> {
        blocks
            .iter()
            .filter(|block| kind.is_none_or(|kind| self.blocks[**block].resource_type == kind))
            .flat_map(|block| self.instances[*block].iter())
            .filter_map(|node| self.resource(*node))
            .collect()
    }
}

/// How a resource reaches what it is connected to. Checks read it through
/// [`Resource::referrers`] and [`Resource::references`].
#[derive(Debug, Clone, Copy, Default)]
pub struct Connections<'a> {
    graph: Option<&'a Graph>,
    node: usize,
}

impl Connections<'_> {
    /// No connections: a resource looked at on its own (unit tests of a check's logic).
    pub const NONE: Connections<'static> = Connections {
        graph: None,
        node: 0,
    };
}

impl<'a> Resource<'a> {
    /// A result that several checks of this instance need (the IAM analysis of its policy):
    /// `compute` runs for the first check that asks for `name`, and later ones get a copy.
    /// Looked at on its own (no graph), the resource computes it every time.
    pub fn shared<T: Any + Clone>(&self, name: &'static str, compute: impl FnOnce() -> T) -> T {
        let Some(graph) = self.connections.graph else {
            return compute();
        };
        let key = (self.connections.node, name);
        let known = graph
            .shared
            .borrow()
            .get(&key)
            .and_then(|stored| stored.downcast_ref::<T>().cloned());
        if let Some(known) = known {
            return known;
        }
        let value = compute();
        graph
            .shared
            .borrow_mut()
            .insert(key, Box::new(value.clone()));
        value
    }

    /// The resource's node in the graph of its scan; None when it is looked at on its own.
    pub fn node(&self) -> Option<usize> {
        self.connections.graph.map(|_| self.connections.node)
    }

    /// The block the resource is an instance of (its index in the graph of its scan); None
    /// when it is looked at on its own.
    pub fn block(&self) -> Option<usize> {
        let graph = self.connections.graph?;
        graph
            .nodes
            .get(self.connections.node)
            .map(|node| node.block)
    }

    /// The date of the scan (`YYYY-MM-DD`) when the host gave one.
    pub fn today(&self) -> Option<&'a str> {
        self.connections.graph?.today.as_deref()
    }

    /// The instances of resources of `resource_type` (any type with `None`) whose
    /// configuration refers to this resource's block, e.g. the `aws_s3_bucket_versioning`
    /// whose `bucket = aws_s3_bucket.logs.id`.
    pub fn referrers(&self, resource_type: Option<&str>) -> Vec<Resource<'a>> {
        let Some(graph) = self.connections.graph else {
            return Vec::new();
        };
        let Some(node) = graph.nodes.get(self.connections.node) else {
            return Vec::new();
        };
        graph.connected(&graph.referrers[node.block], resource_type)
    }

    /// The instances of resources of `resource_type` (any type with `None`) that this
    /// resource's configuration refers to.
    pub fn references(&self, resource_type: Option<&str>) -> Vec<Resource<'a>> {
        let Some(graph) = self.connections.graph else {
            return Vec::new();
        };
        let Some(node) = graph.nodes.get(self.connections.node) else {
            return Vec::new();
        };
        graph.connected(&graph.references[node.block], resource_type)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use core::cell::Cell;

    #[test]
    fn a_shared_result_is_computed_once_per_instance_and_name() {
        let mut graph = Graph::default();
        let block = graph.block(BlockKey {
            module: String::new(),
            kind: EntityKind::Resource,
            resource_type: String::from("aws_iam_policy"),
            name: String::from("p"),
        });
        let first = graph.add_node(block, Value::Null);
        let second = graph.add_node(block, Value::Null);
        let runs = Cell::new(0);
        let count = |answer: u32| {
            runs.set(runs.get() + 1);
            answer
        };
        let (Some(one), Some(two)) = (graph.resource(first), graph.resource(second)) else {
            panic!("both nodes were added");
        };
        assert_eq!(one.shared("a", || count(1)), 1);
        assert_eq!(one.shared("a", || count(9)), 1, "the first answer is kept");
        assert_eq!(
            one.shared("b", || count(2)),
            2,
            "another name is computed apart"
        );
        assert_eq!(
            two.shared("a", || count(3)),
            3,
            "another instance is computed apart"
        );
        assert_eq!(runs.get(), 3);
        let alone = Resource {
            connections: Connections::NONE,
            ..one
        };
        assert_eq!(
            alone.shared("a", || count(4)),
            4,
            "without a graph nothing is kept"
        );
    }
}
