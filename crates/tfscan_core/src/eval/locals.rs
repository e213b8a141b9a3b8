//! Local values that refer to each other in a circle (`a = local.b`, `b = local.a`). Terraform
//! refuses such a configuration; a scan goes on, reads those values as unknown, and says
//! where the cycle is. Found once per module, from the expressions alone.

use alloc::collections::BTreeMap;
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt::Write;

use crate::syntax::{ParseError, SourceFile};

/// One cycle: its locals in the order each refers to the next (the last refers to the first),
/// starting with the one declared first, each with its file and line.
#[derive(Debug, Clone)]
pub struct LocalCycle<'a> {
    pub locals: Vec<(&'a str, &'a SourceFile, u32)>,
    /// Every local that reaches the others and is reached by them (`locals` and any other
    /// cycle through them), sorted: the values Terraform cannot compute.
    pub members: Vec<&'a str>,
}

/// How many locals of a cycle its error names; a longer cycle says how many more there are.
const NAMED_IN_ERROR: usize = 12;

impl LocalCycle<'_> {
    /// The cycle as the report lists it, among parsing errors as module cycles are: at the
    /// first local's line, with each local and where it is.
    pub fn error(&self) -> ParseError {
        let Some(&(first, file, line)) = self.locals.first() else {
            return ParseError {
                path: String::new(),
                line: 1,
                column: 1,
                message: String::from("cycle among local values"),
            };
        };
        let mut message = String::from("local values in a cycle: ");
        for (index, &(name, in_file, at)) in self.locals.iter().enumerate() {
            if index == NAMED_IN_ERROR {
                let _ = write!(
                    message,
                    "... ({} more) -> ",
                    self.locals.len() - NAMED_IN_ERROR
                );
                break;
            }
            if index == 0 {
                let _ = write!(message, "local.{name} -> ");
            } else if core::ptr::eq(in_file, file) {
                let _ = write!(message, "local.{name} (line {at}) -> ");
            } else {
                let _ = write!(message, "local.{name} ({}:{at}) -> ", in_file.path);
            }
        }
        let _ = write!(
            message,
            "local.{first}; Terraform refuses a cycle, and these values are read as unknown"
        );
        ParseError {
            path: file.path.clone(),
            line,
            column: first_column(&file.text, line),
            message,
        }
    }
}

/// The 1-based column of the first character of `line` that is not a space or a tab.
fn first_column(text: &str, line: u32) -> u32 {
    let Some(text) = text.lines().nth(line.saturating_sub(1) as usize) else {
        return 1;
    };
    let indent = text.chars().take_while(|c| *c == ' ' || *c == '\t').count();
    indent as u32 + 1
}

/// The cycles among the local values of a module made of `files`, one per group of locals
/// that all reach each other (a local in no cycle is in none), in the order their first local
/// is declared. As in evaluation, a local declared twice is the last declaration.
pub fn local_cycles<'a>(files: &[&'a SourceFile]) -> Vec<LocalCycle<'a>> {
    let mut declared: Vec<(&'a str, &'a SourceFile, &'a crate::syntax::Attribute)> = Vec::new();
    for file in files {
        for block in file.body.blocks_of("locals") {
            for attribute in &block.body.attributes {
                declared.push((attribute.name.as_str(), *file, attribute));
            }
        }
    }
    let last: BTreeMap<&str, usize> = declared
        .iter()
        .enumerate()
        .map(|(index, (name, _, _))| (*name, index))
        .collect();
    // The locals that count, in declaration order, and where each is among them.
    let nodes: Vec<usize> = (0..declared.len())
        .filter(|index| last.get(declared[*index].0) == Some(index))
        .collect();
    if nodes.is_empty() {
        return Vec::new();
    }
    let node_of: BTreeMap<&str, usize> = nodes
        .iter()
        .enumerate()
        .map(|(node, &index)| (declared[index].0, node))
        .collect();
    let edges: Vec<Vec<usize>> = nodes
        .iter()
        .map(|&index| {
            let mut targets = Vec::new();
            declared[index]
                .2
                .expr
                .visit_references(&mut |root, first, _| {
                    if let ("local", Some(name)) = (root, first) {
                        if let Some(&target) = node_of.get(name) {
                            targets.push(target);
                        }
                    }
                });
            targets.sort_unstable();
            targets.dedup();
            targets
        })
        .collect();

    let components = strongly_connected(&edges);
    let mut component_of = alloc::vec![0; nodes.len()];
    for (id, component) in components.iter().enumerate() {
        for &node in component {
            component_of[node] = id;
        }
    }
    let mut cycles = Vec::new();
    for (id, component) in components.iter().enumerate() {
        let Some(&start) = component.iter().min() else {
            continue;
        };
        let refers_to_itself = edges[start].contains(&start);
        if component.len() == 1 && !refers_to_itself {
            continue;
        }
        let path = cycle_through(start, |node| component_of[node] == id, &edges);
        let locals = path
            .into_iter()
            .map(|node| {
                let (name, file, attribute) = declared[nodes[node]];
                (name, file, attribute.lines.first)
            })
            .collect();
        let mut members: Vec<&str> = component
            .iter()
            .map(|&node| declared[nodes[node]].0)
            .collect();
        members.sort_unstable();
        cycles.push(LocalCycle { locals, members });
    }
    cycles.sort_by_key(|cycle| cycle.locals.first().map(|(name, _, _)| node_of.get(name)));
    cycles
}

/// The strongly connected components of a graph (Tarjan's algorithm, with an explicit stack:
/// a chain of 100,000 locals must not overflow the call stack).
fn strongly_connected(edges: &[Vec<usize>]) -> Vec<Vec<usize>> {
    const UNSEEN: usize = usize::MAX;
    let count = edges.len();
    let mut order = alloc::vec![UNSEEN; count];
    let mut low = alloc::vec![0; count];
    let mut on_stack = alloc::vec![false; count];
    let mut stack = Vec::new();
    let mut components = Vec::new();
    let mut next_order = 0;
    // (node, index of the next edge to follow)
    let mut walk: Vec<(usize, usize)> = Vec::new();

    for root in 0..count {
        if order[root] != UNSEEN {
            continue;
        }
        walk.push((root, 0));
        while let Some(&(node, next_edge)) = walk.last() {
            if next_edge == 0 && order[node] == UNSEEN {
                order[node] = next_order;
                low[node] = next_order;
                next_order += 1;
                stack.push(node);
                on_stack[node] = true;
            }
            if let Some(&target) = edges[node].get(next_edge) {
                if let Some(top) = walk.last_mut() {
                    top.1 += 1;
                }
                if order[target] == UNSEEN {
                    walk.push((target, 0));
                } else if on_stack[target] {
                    low[node] = low[node].min(order[target]);
                }
                continue;
            }
            walk.pop();
            if let Some(&(parent, _)) = walk.last() {
                low[parent] = low[parent].min(low[node]);
            }
            if low[node] == order[node] {
                let mut component = Vec::new();
                while let Some(member) = stack.pop() {
                    on_stack[member] = false;
                    component.push(member);
                    if member == node {
                        break;
                    }
                }
                components.push(component);
            }
        }
    }
    components
}

/// A shortest cycle from `start` back to it, through the nodes `inside` accepts only:
/// `[start, ..., last]`, where `last` refers to `start`.
fn cycle_through(start: usize, inside: impl Fn(usize) -> bool, edges: &[Vec<usize>]) -> Vec<usize> {
    let mut came_from: BTreeMap<usize, usize> = BTreeMap::new();
    let mut queue = alloc::collections::VecDeque::from([start]);
    while let Some(node) = queue.pop_front() {
        for &target in &edges[node] {
            if target == start {
                let mut path = alloc::vec![node];
                let mut at = node;
                while let Some(&previous) = came_from.get(&at) {
                    path.push(previous);
                    at = previous;
                }
                path.reverse();
                return path;
            }
            if inside(target) && !came_from.contains_key(&target) && target != start {
                came_from.insert(target, node);
                queue.push_back(target);
            }
        }
    }
    alloc::vec![start]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::{Attribute, Block, Body, Expr, FileKind, LineRange, Operator};

    fn local(name: &str, line: u32, refers_to: &[&str]) -> Attribute {
        let reference = |target: &&str| {
            Expr::Traversal(
                alloc::boxed::Box::new(Expr::Variable(String::from("local"))),
                alloc::vec![Operator::GetAttr(String::from(*target))],
            )
        };
        Attribute {
            name: String::from(name),
            expr: Expr::Tuple(refers_to.iter().map(reference).collect()),
            lines: LineRange::new(line, line),
        }
    }

    fn file(path: &str, locals: Vec<Attribute>) -> SourceFile {
        SourceFile {
            path: String::from(path),
            kind: FileKind::Configuration,
            body: Body {
                attributes: Vec::new(),
                blocks: alloc::vec![Block {
                    kind: String::from("locals"),
                    labels: Vec::new(),
                    body: Body {
                        attributes: locals,
                        blocks: Vec::new(),
                    },
                    lines: LineRange::new(1, 100),
                }],
            },
            text: String::new(),
        }
    }

    fn names<'a>(cycles: &[LocalCycle<'a>]) -> Vec<Vec<(&'a str, u32)>> {
        cycles
            .iter()
            .map(|cycle| {
                cycle
                    .locals
                    .iter()
                    .map(|(name, _, line)| (*name, *line))
                    .collect()
            })
            .collect()
    }

    #[test]
    fn two_locals_that_read_each_other_are_a_cycle_and_others_are_not() {
        let main = file(
            "main.tf",
            alloc::vec![
                local("x", 2, &[]),
                local("a", 3, &["b"]),
                local("b", 4, &["a", "x"]),
                local("c", 5, &["a"]),
            ],
        );
        let cycles = local_cycles(&[&main]);
        assert_eq!(names(&cycles), [[("a", 3), ("b", 4)]]);
    }

    #[test]
    fn a_local_that_reads_itself_is_a_cycle_and_cycles_come_in_declaration_order() {
        let first = file(
            "a.tf",
            alloc::vec![local("z", 2, &["y"]), local("s", 3, &["s"])],
        );
        let second = file(
            "b.tf",
            alloc::vec![local("y", 7, &["w"]), local("w", 8, &["z"])],
        );
        let cycles = local_cycles(&[&first, &second]);
        assert_eq!(
            names(&cycles),
            [
                alloc::vec![("z", 2), ("y", 7), ("w", 8)],
                alloc::vec![("s", 3)]
            ]
        );
        assert_eq!(cycles[0].locals[1].1.path, "b.tf");
    }

    #[test]
    fn a_long_chain_is_no_cycle_and_does_not_overflow_the_stack() {
        let chain: Vec<Attribute> = (0..100_000u32)
            .map(|n| {
                let next = alloc::format!("l{}", n + 1);
                local(&alloc::format!("l{n}"), n + 1, &[next.as_str()])
            })
            .collect();
        let main = file("main.tf", chain);
        assert!(local_cycles(&[&main]).is_empty());
    }

    #[test]
    fn a_cycle_of_100000_locals_is_found_whole() {
        let count = 100_000u32;
        let ring: Vec<Attribute> = (0..count)
            .map(|n| {
                let next = alloc::format!("l{}", (n + 1) % count);
                local(&alloc::format!("l{n}"), n + 1, &[next.as_str()])
            })
            .collect();
        let main = file("main.tf", ring);
        let cycles = local_cycles(&[&main]);
        assert_eq!(cycles.len(), 1);
        assert_eq!(cycles[0].locals.len(), count as usize);
        assert_eq!(cycles[0].members.len(), count as usize);
    }

    #[test]
    fn every_local_of_a_tangle_is_a_member_of_its_cycle() {
        let main = file(
            "main.tf",
            alloc::vec![
                local("a", 2, &["b"]),
                local("b", 3, &["a", "c"]),
                local("c", 4, &["b"]),
            ],
        );
        let cycles = local_cycles(&[&main]);
        assert_eq!(names(&cycles), [[("a", 2), ("b", 3)]]);
        assert_eq!(cycles[0].members, ["a", "b", "c"]);
    }
}
