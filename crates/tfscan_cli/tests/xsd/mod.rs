//! A small XML Schema validator for the constructs a JUnit XSD uses: global and local element
//! declarations (`ref`, `type`, inline `complexType`), named complex and simple types,
//! `sequence` and `choice` with `minOccurs`/`maxOccurs`, `mixed` content, attributes with
//! `use="required"`, and string types restricted by a `pattern`. Anything else in the schema
//! is refused, so the validator never silently accepts what it does not understand.

use std::collections::{BTreeMap, BTreeSet};

use roxmltree::{Document, Node};

const XS: &str = "http://www.w3.org/2001/XMLSchema";

pub struct Schema<'s> {
    elements: BTreeMap<&'s str, Node<'s, 's>>,
    complex_types: BTreeMap<&'s str, Node<'s, 's>>,
    patterns: BTreeMap<&'s str, regex::Regex>,
}

impl<'s> Schema<'s> {
    pub fn new(document: &'s Document<'s>) -> Self {
        let root = document.root_element();
        let mut schema = Schema {
            elements: BTreeMap::new(),
            complex_types: BTreeMap::new(),
            patterns: BTreeMap::new(),
        };
        for child in root.children().filter(Node::is_element) {
            let name = child
                .attribute("name")
                .expect("a top-level declaration has a name");
            match child.tag_name().name() {
                "element" => {
                    schema.elements.insert(name, child);
                }
                "complexType" => {
                    schema.complex_types.insert(name, child);
                }
                "simpleType" => {
                    let restriction = xs_child(child, "restriction").expect("a restriction");
                    assert_eq!(restriction.attribute("base"), Some("xs:string"));
                    let pattern = xs_child(restriction, "pattern")
                        .and_then(|pattern| pattern.attribute("value"))
                        .expect("a pattern");
                    let anchored = regex::Regex::new(&format!("^(?:{pattern})$")).unwrap();
                    schema.patterns.insert(name, anchored);
                }
                other => panic!("schema construct not supported: {other}"),
            }
        }
        schema
    }

    /// Validates a document; every problem found is returned, with the element's path.
    pub fn validate(&self, document: &Document<'_>) -> Vec<String> {
        let root = document.root_element();
        let mut problems = Vec::new();
        match self.elements.get(root.tag_name().name()) {
            Some(declaration) => self.element(*declaration, root, "", &mut problems),
            None => problems.push(format!(
                "root element <{}> is not declared",
                root.tag_name().name()
            )),
        }
        problems
    }

    fn element(
        &self,
        declaration: Node<'s, 's>,
        node: Node<'_, '_>,
        path: &str,
        problems: &mut Vec<String>,
    ) {
        let path = format!("{path}/{}", node.tag_name().name());
        let declaration = match declaration.attribute("ref") {
            Some(name) => *self
                .elements
                .get(name)
                .expect("ref names a declared element"),
            None => declaration,
        };
        let complex = match declaration.attribute("type") {
            Some("xs:string") => {
                if node.children().any(|child| child.is_element()) || node.attributes().len() > 0 {
                    problems.push(format!(
                        "{path}: a string element has children or attributes"
                    ));
                }
                return;
            }
            Some(name) => *self
                .complex_types
                .get(name)
                .expect("a declared complex type"),
            None => xs_child(declaration, "complexType").expect("an inline complex type"),
        };
        self.attributes(complex, node, &path, problems);

        let mixed = complex.attribute("mixed") == Some("true");
        if !mixed
            && node
                .children()
                .any(|child| child.is_text() && !child.text().unwrap_or("").trim().is_empty())
        {
            problems.push(format!("{path}: text in an element that is not mixed"));
        }
        let children: Vec<Node<'_, '_>> = node.children().filter(Node::is_element).collect();
        let model = complex.children().find(|child| {
            child.is_element() && matches!(child.tag_name().name(), "sequence" | "choice")
        });
        let Some(model) = model else {
            if !children.is_empty() {
                problems.push(format!("{path}: children in an element that allows none"));
            }
            return;
        };
        let ends = self.particle(model, &children, 0);
        if !ends.contains(&children.len()) {
            let names: Vec<&str> = children
                .iter()
                .map(|child| child.tag_name().name())
                .collect();
            problems.push(format!(
                "{path}: children {names:?} do not match the content model"
            ));
            return;
        }
        for child in children {
            let declaration = Self::declaration_for(model, child.tag_name().name());
            match declaration {
                Some(declaration) => self.element(declaration, child, &path, problems),
                None => problems.push(format!(
                    "{path}: <{}> is not allowed",
                    child.tag_name().name()
                )),
            }
        }
    }

    fn attributes(
        &self,
        complex: Node<'s, 's>,
        node: Node<'_, '_>,
        path: &str,
        problems: &mut Vec<String>,
    ) {
        let declared: Vec<Node<'_, '_>> = complex
            .children()
            .filter(|child| child.is_element() && child.tag_name().name() == "attribute")
            .collect();
        for attribute in node.attributes() {
            let Some(declaration) = declared
                .iter()
                .find(|d| d.attribute("name") == Some(attribute.name()))
            else {
                problems.push(format!(
                    "{path}: attribute {} is not declared",
                    attribute.name()
                ));
                continue;
            };
            let kind = declaration.attribute("type").unwrap_or("xs:string");
            if kind != "xs:string" {
                let pattern = self.patterns.get(kind).expect("a declared simple type");
                if !pattern.is_match(attribute.value()) {
                    problems.push(format!(
                        "{path}: {}=\"{}\" is not a {kind}",
                        attribute.name(),
                        attribute.value()
                    ));
                }
            }
        }
        for declaration in declared {
            let name = declaration.attribute("name").unwrap_or("");
            if declaration.attribute("use") == Some("required") && node.attribute(name).is_none() {
                problems.push(format!("{path}: required attribute {name} is missing"));
            }
        }
    }

    /// The positions in `children` where matching `particle` from `start` can end.
    fn particle(
        &self,
        particle: Node<'s, 's>,
        children: &[Node<'_, '_>],
        start: usize,
    ) -> BTreeSet<usize> {
        let min: usize = particle
            .attribute("minOccurs")
            .map_or(1, |value| value.parse().unwrap());
        let max = match particle.attribute("maxOccurs") {
            Some("unbounded") => usize::MAX,
            Some(value) => value.parse().unwrap(),
            None => 1,
        };
        let mut ends = BTreeSet::new();
        if min == 0 {
            ends.insert(start);
        }
        let mut frontier = BTreeSet::from([start]);
        let mut seen = BTreeSet::from([start]);
        // Each repetition consumes at least one child or adds nothing new, so this ends.
        let rounds = max.min(min + children.len() + 1);
        for count in 1..=rounds {
            let next: BTreeSet<usize> = frontier
                .iter()
                .flat_map(|&position| self.once(particle, children, position))
                .collect();
            if count >= min {
                ends.extend(next.iter().copied());
            }
            if count >= min && next.is_subset(&seen) {
                break;
            }
            seen.extend(next.iter().copied());
            frontier = next;
        }
        ends
    }

    fn once(
        &self,
        particle: Node<'s, 's>,
        children: &[Node<'_, '_>],
        start: usize,
    ) -> BTreeSet<usize> {
        let items = particle.children().filter(Node::is_element);
        match particle.tag_name().name() {
            "element" => {
                let name = particle
                    .attribute("ref")
                    .or_else(|| particle.attribute("name"))
                    .unwrap_or("");
                match children.get(start) {
                    Some(child) if child.tag_name().name() == name => BTreeSet::from([start + 1]),
                    _ => BTreeSet::new(),
                }
            }
            "choice" => items
                .flat_map(|item| self.particle(item, children, start))
                .collect(),
            "sequence" => {
                let mut positions = BTreeSet::from([start]);
                for item in items {
                    positions = positions
                        .iter()
                        .flat_map(|&position| self.particle(item, children, position))
                        .collect();
                }
                positions
            }
            other => panic!("schema construct not supported: {other}"),
        }
    }

    /// The element declaration for a child called `name` somewhere in a content model.
    fn declaration_for(model: Node<'s, 's>, name: &str) -> Option<Node<'s, 's>> {
        model.descendants().find(|node| {
            node.is_element()
                && node.tag_name().namespace() == Some(XS)
                && node.tag_name().name() == "element"
                && (node.attribute("ref") == Some(name) || node.attribute("name") == Some(name))
        })
    }
}

fn xs_child<'a>(node: Node<'a, 'a>, name: &str) -> Option<Node<'a, 'a>> {
    node.children().find(|child| {
        child.is_element()
            && child.tag_name().name() == name
            && child.tag_name().namespace() == Some(XS)
    })
}
