//! A policy's `definition`, read into conditions: `attribute`, `connection`, `filter` and
//! `resource` blocks under `and`, `or` and `not`, as Checkov 3.3.30 reads them, including its
//! defaults (a block without `cond_type` matches every resource; `resource_types: all` is
//! every block, or with `scope.provider` every resource of that provider).

use alloc::boxed::Box;
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use super::document::{Doc, DocValue};
use super::python::Py;
use super::regex::Pattern;

/// What is wrong with a policy, and the line where it shows (0 when unknown).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub line: u32,
    pub message: String,
}

impl Problem {
    pub fn new(line: u32, message: impl Into<String>) -> Self {
        Problem {
            line,
            message: message.into(),
        }
    }
}

/// The block types a condition applies to, as Checkov names them: `aws_s3_bucket`,
/// `data.aws_iam_policy_document`, `provider.aws`. With no names and no prefixes it applies
/// to every block.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Types {
    pub names: Vec<String>,
    /// `resource_types: all` under `scope.provider`: every resource type of the provider
    /// (Checkov lists them; tfscan takes every type with the provider's prefix).
    pub prefixes: Vec<&'static str>,
}

impl Types {
    /// True when a block of Checkov type `resource_type` is one of these.
    pub fn matches(&self, resource_type: &str) -> bool {
        (self.names.is_empty() && self.prefixes.is_empty())
            || self.names.iter().any(|name| name == resource_type)
            || self
                .prefixes
                .iter()
                .any(|prefix| resource_type.starts_with(prefix))
    }

    /// True when these types name every block.
    pub fn is_any(&self) -> bool {
        self.names.is_empty() && self.prefixes.is_empty()
    }

    /// The union of several conditions' types, as Checkov merges them (a condition on every
    /// block adds nothing).
    pub fn union<'a>(all: impl IntoIterator<Item = &'a Types>) -> Types {
        let mut union = Types::default();
        for types in all {
            for name in &types.names {
                if !union.names.contains(name) {
                    union.names.push(name.clone());
                }
            }
            for prefix in &types.prefixes {
                if !union.prefixes.contains(prefix) {
                    union.prefixes.push(prefix);
                }
            }
        }
        union
    }
}

/// The attribute operators of Checkov 3.3.30, by their names in policies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Operator {
    Equals,
    NotEquals,
    RegexMatch,
    NotRegexMatch,
    Exists,
    NotExists,
    Any,
    Contains,
    NotContains,
    Within,
    NotWithin,
    StartingWith,
    NotStartingWith,
    EndingWith,
    NotEndingWith,
    GreaterThan,
    GreaterThanOrEqual,
    LessThan,
    LessThanOrEqual,
    Subset,
    NotSubset,
    IsEmpty,
    IsNotEmpty,
    LengthEquals,
    LengthNotEquals,
    LengthGreaterThan,
    LengthGreaterThanOrEqual,
    LengthLessThan,
    LengthLessThanOrEqual,
    IsTrue,
    IsFalse,
    Intersects,
    NotIntersects,
    EqualsIgnoreCase,
    NotEqualsIgnoreCase,
    RangeIncludes,
    RangeNotIncludes,
    NumberOfWordsEquals,
    NumberOfWordsNotEquals,
    NumberOfWordsGreaterThan,
    NumberOfWordsGreaterThanOrEqual,
    NumberOfWordsLessThan,
    NumberOfWordsLessThanOrEqual,
    CidrRangeSubset,
    CidrRangeNotSubset,
}

impl Operator {
    /// Every operator with its name, for reading policies and listing them.
    pub const ALL: [(&'static str, Operator); 45] = [
        ("equals", Operator::Equals),
        ("not_equals", Operator::NotEquals),
        ("regex_match", Operator::RegexMatch),
        ("not_regex_match", Operator::NotRegexMatch),
        ("exists", Operator::Exists),
        ("not_exists", Operator::NotExists),
        ("any", Operator::Any),
        ("contains", Operator::Contains),
        ("not_contains", Operator::NotContains),
        ("within", Operator::Within),
        ("not_within", Operator::NotWithin),
        ("starting_with", Operator::StartingWith),
        ("not_starting_with", Operator::NotStartingWith),
        ("ending_with", Operator::EndingWith),
        ("not_ending_with", Operator::NotEndingWith),
        ("greater_than", Operator::GreaterThan),
        ("greater_than_or_equal", Operator::GreaterThanOrEqual),
        ("less_than", Operator::LessThan),
        ("less_than_or_equal", Operator::LessThanOrEqual),
        ("subset", Operator::Subset),
        ("not_subset", Operator::NotSubset),
        ("is_empty", Operator::IsEmpty),
        ("is_not_empty", Operator::IsNotEmpty),
        ("length_equals", Operator::LengthEquals),
        ("length_not_equals", Operator::LengthNotEquals),
        ("length_greater_than", Operator::LengthGreaterThan),
        (
            "length_greater_than_or_equal",
            Operator::LengthGreaterThanOrEqual,
        ),
        ("length_less_than", Operator::LengthLessThan),
        ("length_less_than_or_equal", Operator::LengthLessThanOrEqual),
        ("is_true", Operator::IsTrue),
        ("is_false", Operator::IsFalse),
        ("intersects", Operator::Intersects),
        ("not_intersects", Operator::NotIntersects),
        ("equals_ignore_case", Operator::EqualsIgnoreCase),
        ("not_equals_ignore_case", Operator::NotEqualsIgnoreCase),
        ("range_includes", Operator::RangeIncludes),
        ("range_not_includes", Operator::RangeNotIncludes),
        ("number_of_words_equals", Operator::NumberOfWordsEquals),
        (
            "number_of_words_not_equals",
            Operator::NumberOfWordsNotEquals,
        ),
        (
            "number_of_words_greater_than",
            Operator::NumberOfWordsGreaterThan,
        ),
        (
            "number_of_words_greater_than_or_equal",
            Operator::NumberOfWordsGreaterThanOrEqual,
        ),
        ("number_of_words_less_than", Operator::NumberOfWordsLessThan),
        (
            "number_of_words_less_than_or_equal",
            Operator::NumberOfWordsLessThanOrEqual,
        ),
        ("cidr_range_subset", Operator::CidrRangeSubset),
        ("cidr_range_not_subset", Operator::CidrRangeNotSubset),
    ];

    fn named(name: &str) -> Option<Operator> {
        Operator::ALL
            .iter()
            .find(|(known, _)| *known == name)
            .map(|(_, operator)| *operator)
    }

    /// Whether the operator compares the attribute's value (all but `exists`, `not_exists` and
    /// `any`, which only ask whether it is there): an unknown value then leaves it undecided.
    pub fn reads_value(self) -> bool {
        !matches!(self, Operator::Exists | Operator::NotExists | Operator::Any)
    }
}

/// `exists`, `one_exists` or `not_exists` between two sets of block types.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConnectionOperator {
    Exists,
    OneExists,
    NotExists,
}

/// One condition of a policy.
#[derive(Debug, Clone)]
pub enum Condition {
    Attribute(AttributeCondition),
    Connection {
        types: Types,
        connected: Types,
        operator: ConnectionOperator,
    },
    /// `cond_type: filter`: keeps the results whose `attribute` (usually `resource_type`) is
    /// one of `values`.
    Filter {
        types: Types,
        attribute: Option<String>,
        values: Py,
    },
    /// `cond_type: resource`: an allow list (`exists`) or a deny list (`not_exists`) of types.
    Resource {
        types: Types,
        exists: bool,
    },
    And(Vec<Condition>),
    Or(Vec<Condition>),
    Not(Box<Condition>),
}

/// `cond_type: attribute` (or no `cond_type`, which Checkov reads as `any`).
#[derive(Debug, Clone)]
pub struct AttributeCondition {
    pub types: Types,
    pub attribute: String,
    pub operator: Operator,
    pub value: Py,
    /// `regex_match` / `not_regex_match`: the value, compiled (None when it does not compile:
    /// Checkov then answers "no match").
    pub pattern: Option<Pattern>,
}

impl Condition {
    /// The block types the condition reports on, as Checkov gathers them for `and` / `or`.
    pub fn types(&self) -> Types {
        match self {
            Condition::Attribute(attribute) => attribute.types.clone(),
            Condition::Connection { types, .. }
            | Condition::Filter { types, .. }
            | Condition::Resource { types, .. } => types.clone(),
            Condition::And(items) | Condition::Or(items) => {
                let types: Vec<Types> = items.iter().map(Condition::types).collect();
                Types::union(&types)
            }
            Condition::Not(item) => item.types(),
        }
    }

    /// True for a connection, or an `and` / `or` holding one: Checkov solves those over the
    /// whole graph rather than block by block.
    pub fn involves_connection(&self) -> bool {
        match self {
            Condition::Connection { .. } => true,
            Condition::And(items) | Condition::Or(items) => {
                items.iter().any(Condition::involves_connection)
            }
            Condition::Not(item) => item.involves_connection(),
            _ => false,
        }
    }
}

/// What the policy's `scope` says about providers.
pub struct Scope {
    /// `scope.provider` as a list (Checkov's default is `[""]`).
    pub providers: Vec<String>,
    /// The prefix of the provider's resource types, for `resource_types: all`.
    pub prefixes: Vec<&'static str>,
}

impl Scope {
    /// Reads `scope.provider`.
    pub fn read(policy: &Doc) -> Result<Scope, Problem> {
        let Some((scope, line)) = policy.get("scope") else {
            return Ok(Scope {
                providers: alloc::vec![String::new()],
                prefixes: Vec::new(),
            });
        };
        let provider = match &scope.value {
            DocValue::Map(_) => scope.get("provider").map(|(value, _)| value),
            DocValue::Scalar(Py::None) => None,
            _ => {
                return Err(Problem::new(
                    line,
                    "`scope` must be a map such as `provider: aws`",
                ))
            }
        };
        let Some(provider) = provider else {
            return Ok(Scope {
                providers: alloc::vec![String::new()],
                prefixes: Vec::new(),
            });
        };
        // Checkov lowercases the provider to find its resource types, which fails on a list.
        let Some(name) = provider.as_str() else {
            return Err(Problem::new(
                provider.line.max(line),
                format!(
                    "`scope.provider` must be one provider name such as aws, not {}",
                    provider.describe()
                ),
            ));
        };
        let prefixes: Vec<&'static str> = match name.to_ascii_lowercase().as_str() {
            "aws" => alloc::vec!["aws_"],
            "gcp" => alloc::vec!["google_"],
            "azure" => alloc::vec!["azurerm_"],
            _ => Vec::new(),
        };
        Ok(Scope {
            providers: alloc::vec![String::from(name)],
            prefixes,
        })
    }
}

/// Reads a `definition`.
pub fn read(definition: &Doc, line: u32, scope: &Scope) -> Result<Condition, Problem> {
    let line = if definition.line > 0 {
        definition.line
    } else {
        line
    };
    let DocValue::Map(_) = &definition.value else {
        return Err(Problem::new(
            line,
            format!(
                "a condition must be a map (`cond_type: ...` or `and:` / `or:` / `not:`), \
                 not {}",
                definition.describe()
            ),
        ));
    };
    for (name, build) in [
        ("and", Condition::And as fn(Vec<Condition>) -> Condition),
        ("or", Condition::Or),
    ] {
        if let Some((items, key_line)) = truthy_entry(definition, name) {
            return Ok(build(read_items(items, key_line, scope)?));
        }
    }
    if let Some((items, key_line)) = truthy_entry(definition, "not") {
        let mut items = read_items(items, key_line, scope)?;
        if items.len() != 1 {
            return Err(Problem::new(key_line, "`not` takes exactly one condition"));
        }
        let item = items.remove(0);
        if item.involves_connection() {
            return Err(Problem::new(
                key_line,
                "`not` cannot hold a connection (Checkov has no such solver; use \
                 `operator: not_exists`)",
            ));
        }
        return Ok(Condition::Not(Box::new(item)));
    }
    read_block(definition, line, scope)
}

/// The entry `name` when its value is true in Python's sense (Checkov tests `and` / `or` /
/// `not` that way: an empty list is no operator at all).
fn truthy_entry<'a>(definition: &'a Doc, name: &str) -> Option<(&'a Doc, u32)> {
    definition
        .get(name)
        .filter(|(value, _)| value.to_py().truthy())
}

fn read_items(items: &Doc, line: u32, scope: &Scope) -> Result<Vec<Condition>, Problem> {
    match &items.value {
        // One condition may stand without a list.
        DocValue::Map(_) => Ok(alloc::vec![read(items, line, scope)?]),
        DocValue::List(list) => list.iter().map(|item| read(item, line, scope)).collect(),
        DocValue::Scalar(_) => Err(Problem::new(
            line,
            format!("expected a list of conditions, found {}", items.describe()),
        )),
    }
}

fn read_block(block: &Doc, line: u32, scope: &Scope) -> Result<Condition, Problem> {
    let entry_line = |key: &str| block.get(key).map_or(line, |(_, line)| line);
    let types = read_types(block, "resource_types", scope)?;
    let cond_type = match block.get("cond_type") {
        None => "",
        Some((value, key_line)) => match &value.value {
            DocValue::Scalar(Py::Str(text)) => text.as_str(),
            DocValue::Scalar(Py::None) => "",
            _ => {
                return Err(Problem::new(
                    key_line,
                    format!("unknown cond_type {}", value.describe()),
                ))
            }
        },
    };
    let operator_name = || -> Result<&str, Problem> {
        match block.get("operator") {
            Some((value, _)) if value.as_str().is_some() => Ok(value.as_str().unwrap_or("")),
            Some((value, key_line)) => Err(Problem::new(
                key_line,
                format!("unknown operator {}", value.describe()),
            )),
            None => Err(Problem::new(line, "the condition has no `operator`")),
        }
    };
    match cond_type {
        // Checkov reads a block without cond_type as an attribute block with `any`.
        "" | "attribute" => {
            let operator = if cond_type.is_empty() {
                Operator::Any
            } else {
                let name = operator_name()?;
                if let Some(suffix) = name.strip_prefix("jsonpath_") {
                    return Err(Problem::new(
                        entry_line("operator"),
                        format!(
                            "operator {name}: JSONPath attributes are not supported by tfscan \
                             (write the attribute as a dotted path with `{suffix}`)"
                        ),
                    ));
                }
                Operator::named(name).ok_or_else(|| {
                    Problem::new(
                        entry_line("operator"),
                        format!("unknown operator \"{name}\" for an attribute condition"),
                    )
                })?
            };
            let attribute = match block.get("attribute") {
                Some((value, _)) if value.as_str().is_some() => {
                    String::from(value.as_str().unwrap_or(""))
                }
                Some((value, key_line)) => {
                    return Err(Problem::new(
                        key_line,
                        format!(
                            "`attribute` must be a dotted path such as tags.Owner, not {}",
                            value.describe()
                        ),
                    ))
                }
                None => {
                    return Err(Problem::new(
                        line,
                        "the attribute condition has no `attribute`",
                    ))
                }
            };
            let value = block
                .get("value")
                .map_or(Py::None, |(value, _)| value.to_py());
            let pattern = match operator {
                Operator::RegexMatch | Operator::NotRegexMatch => {
                    let text = value.to_str();
                    Some(Pattern::compile(&text).map_err(|message| {
                        Problem::new(
                            entry_line("value"),
                            format!("the regular expression {text:?} {message}"),
                        )
                    })?)
                }
                _ => None,
            };
            Ok(Condition::Attribute(AttributeCondition {
                types,
                attribute,
                operator,
                value,
                pattern,
            }))
        }
        "connection" => {
            let name = operator_name()?;
            let operator = match name {
                "exists" => ConnectionOperator::Exists,
                "one_exists" => ConnectionOperator::OneExists,
                "not_exists" => ConnectionOperator::NotExists,
                _ => {
                    return Err(Problem::new(
                        entry_line("operator"),
                        format!(
                            "unknown operator \"{name}\" for a connection (exists, one_exists \
                             or not_exists)"
                        ),
                    ))
                }
            };
            let connected = read_connected_types(block, scope)?;
            Ok(Condition::Connection {
                types,
                connected,
                operator,
            })
        }
        "filter" => {
            let name = operator_name()?;
            if name != "within" {
                return Err(Problem::new(
                    entry_line("operator"),
                    format!("unknown operator \"{name}\" for a filter (within)"),
                ));
            }
            let attribute = block
                .get("attribute")
                .and_then(|(value, _)| value.as_str())
                .map(String::from);
            let values = block
                .get("value")
                .map_or(Py::None, |(value, _)| value.to_py());
            Ok(Condition::Filter {
                types,
                attribute,
                values,
            })
        }
        "resource" => {
            let name = operator_name()?;
            let exists = match name {
                "exists" => true,
                "not_exists" => false,
                _ => {
                    return Err(Problem::new(
                        entry_line("operator"),
                        format!(
                            "unknown operator \"{name}\" for a resource condition (exists or \
                             not_exists)"
                        ),
                    ))
                }
            };
            Ok(Condition::Resource { types, exists })
        }
        other => Err(Problem::new(
            entry_line("cond_type"),
            format!("unknown cond_type \"{other}\" (attribute, connection, filter or resource)"),
        )),
    }
}

/// `resource_types`: a list of types, one type, `all` (every block, or every resource of
/// `scope.provider`), or `provider` (the blocks of `scope.provider`).
fn read_types(block: &Doc, key: &str, scope: &Scope) -> Result<Types, Problem> {
    let Some((value, line)) = block.get(key) else {
        return Ok(all_types(scope));
    };
    let not_names = || {
        Problem::new(
            line,
            format!(
                "`{key}` must be a type name or a list of them, not {}",
                value.describe()
            ),
        )
    };
    let (first, names, provider) = match &value.value {
        DocValue::Scalar(Py::Str(text)) if text.is_empty() => return Ok(all_types(scope)),
        // Checkov looks for "provider" in a string as a substring.
        DocValue::Scalar(Py::Str(text)) => (
            text.clone(),
            alloc::vec![text.clone()],
            text.contains("provider"),
        ),
        DocValue::List(items) if items.is_empty() => return Ok(all_types(scope)),
        DocValue::List(items) => {
            let Some(first) = items.first().and_then(Doc::as_str) else {
                return Err(not_names());
            };
            let names: Vec<String> = items
                .iter()
                .filter_map(|item| item.as_str().map(String::from))
                .collect();
            let provider = names.iter().any(|name| name == "provider");
            (String::from(first), names, provider)
        }
        DocValue::Scalar(other) if !other.truthy() => return Ok(all_types(scope)),
        _ => return Err(not_names()),
    };
    match first.to_ascii_lowercase().as_str() {
        "taggable" => Err(Problem::new(
            line,
            "`resource_types: taggable` needs Checkov's list of taggable resource types, which \
             tfscan does not have; list the types",
        )),
        "all" => Ok(all_types(scope)),
        _ if provider => Ok(Types {
            names: scope
                .providers
                .iter()
                .map(|provider| format!("provider.{}", provider.to_ascii_lowercase()))
                .collect(),
            prefixes: Vec::new(),
        }),
        _ => Ok(Types {
            names,
            prefixes: Vec::new(),
        }),
    }
}

/// `connected_resource_types`: as `resource_types`, but Checkov reads only `["All"]` and
/// `all` as every type.
fn read_connected_types(block: &Doc, scope: &Scope) -> Result<Types, Problem> {
    let Some((value, line)) = block.get("connected_resource_types") else {
        return Ok(Types::default());
    };
    match &value.value {
        DocValue::Scalar(Py::Str(text)) if text == "all" => Ok(all_types(scope)),
        DocValue::Scalar(Py::Str(text)) => Ok(Types {
            names: alloc::vec![text.clone()],
            prefixes: Vec::new(),
        }),
        DocValue::Scalar(Py::None) => Ok(Types::default()),
        DocValue::List(items) => {
            let names: Vec<String> = items
                .iter()
                .filter_map(|item| item.as_str().map(String::from))
                .collect();
            if names == ["All"] {
                return Ok(all_types(scope));
            }
            Ok(Types {
                names,
                prefixes: Vec::new(),
            })
        }
        DocValue::Scalar(_) | DocValue::Map(_) => Err(Problem::new(
            line,
            format!(
                "`connected_resource_types` must be a type name or a list of them, not {}",
                value.describe()
            ),
        )),
    }
}

fn all_types(scope: &Scope) -> Types {
    Types {
        names: Vec::new(),
        prefixes: scope.prefixes.clone(),
    }
}
