//! The resource graph: every evaluated resource and data source instance of a scan, and which
//! blocks refer to which, so that a check can look at what a resource is connected to (the
//! versioning resource of a bucket, the rules of a security group) in constant time per edge.

use alloc::collections::BTreeMap;
use alloc::string::String;
use alloc::vec::Vec;

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

/// One instance of a block, evaluated.
#[derive(Debug, Clone)]
pub struct Node {
    pub block: usize,
    pub attributes: Value,
}

/// The graph of a whole scan.
#[derive(Debug, Default)]
pub struct Graph {
    blocks: Vec<BlockKey>,
    block_index: BTreeMap<BlockKey, usize>,
    nodes: Vec<Node>,
    /// The instances of each block.
    instances: Vec<Vec<usize>>,
    /// The blocks each block refers to, and the blocks that refer to it.
    references: Vec<Vec<usize>>,
    referrers: Vec<Vec<usize>>,
}

impl Graph {
    /// The block's index, adding the block when it is new.
    pub fn block(&mut self, key: BlockKey) -> usize {
        if let Some(index) = self.block_index.get(&key) {
            return *index;
        }
        let index = self.blocks.len();
        self.blocks.push(key.clone());
        self.block_index.insert(key, index);
        self.instances.push(Vec::new());
        self.references.push(Vec::new());
        self.referrers.push(Vec::new());
        index
    }

    /// The index of a block already added, if any.
    pub fn find_block(&self, key: &BlockKey) -> Option<usize> {
        self.block_index.get(key).copied()
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
