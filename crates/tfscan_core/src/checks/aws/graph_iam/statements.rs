//! What a policy document allows, as these checks ask it: "does an `Allow` statement name one
//! of these actions, written exactly so?" (`iam:*`, `*`). Checkov compares the action strings
//! whole, so `iam:*` counts and `iam:Get*` or `IAM:*` do not, and neither the resources nor the
//! conditions of the statement matter.
//!
//! A document reaches these checks as JSON text (read with [`iam_policy::read_attribute`]), or
//! as the blocks of an `aws_iam_policy_document` data source, whose parts may be known only
//! after apply. Only the parts that can change the answer leave it open: an unknown resource
//! ARN never does, an unknown effect or action does.

use alloc::string::String;
use alloc::vec::Vec;

use super::{any_holds, both_hold, Holds};
use crate::checks::aws::iam_policy::{self, Document};
use crate::value::Value;

/// The actions that grant full IAM access: the whole IAM service, or every action.
pub const FULL_IAM: &[&str] = &["iam:*", "*"];

/// Every action of every service.
pub const EVERY_ACTION: &[&str] = &["*"];

/// Whether a policy attribute (JSON text or an evaluated object) allows one of `actions`.
/// An absent policy allows nothing, and so does text that is not a policy document (Checkov
/// finds no statement in it).
pub fn attribute_allows(value: Option<&Value>, actions: &[&str]) -> Holds {
    match iam_policy::read_attribute(value) {
        None | Some(Document::Invalid) => Some(false),
        Some(Document::Unknown) => None,
        Some(Document::Known(document)) => Some(json_document_allows(&document, actions)),
    }
}

/// Whether a fully known JSON document has an `Allow` statement naming one of `actions`. The
/// effect is compared exactly (`Allow`), as AWS does.
pub fn json_document_allows(document: &Value, actions: &[&str]) -> bool {
    iam_policy::statements(document)
        .unwrap_or_default()
        .iter()
        .any(|statement| json_statement_allows(statement, actions) == Some(true))
}

fn json_statement_allows(statement: &Value, actions: &[&str]) -> Holds {
    let allow = statement.get("Effect").and_then(Value::as_str) == Some("Allow");
    both_hold(Some(allow), names_one_of(statement.get("Action"), actions))
}

/// Whether a string-or-list of action names holds one of `actions`: unknown names leave it
/// open unless a known one is found anyway.
fn names_one_of(value: Option<&Value>, actions: &[&str]) -> Holds {
    match value {
        None | Some(Value::Null) => Some(false),
        Some(Value::Unknown) => None,
        Some(Value::List(items)) => any_holds(items.iter().map(|item| match item {
            Value::String(name) => Some(actions.contains(&name.as_str())),
            other if other.contains_unknown() => None,
            _ => Some(false),
        })),
        Some(Value::String(name)) => Some(actions.contains(&name.as_str())),
        Some(_) => Some(false),
    }
}

/// Whether an `aws_iam_policy_document` data source's document allows one of `actions`.
///
/// The document is assembled as the AWS provider renders it: the statements of
/// `source_policy_documents`, then the `statement` blocks, then the statements of
/// `override_policy_documents`, a later statement replacing an earlier one with the same
/// non-empty `Sid`. A block without `effect` allows, the provider's default. (Checkov reads
/// only the `statement` blocks, and only those that spell `effect = "Allow"` out.)
pub fn policy_document_allows(attributes: &Value, actions: &[&str]) -> Holds {
    let mut statements = Vec::new();
    merge_documents(
        &mut statements,
        attributes.get("source_policy_documents"),
        actions,
    );
    match attributes.get("statement") {
        None | Some(Value::Null) => {}
        Some(Value::List(blocks)) => {
            for block in blocks {
                merge(&mut statements, block_statement(block, actions));
            }
        }
        Some(_) => merge(&mut statements, Statement::UNKNOWN),
    }
    merge_documents(
        &mut statements,
        attributes.get("override_policy_documents"),
        actions,
    );
    any_holds(statements.iter().map(|statement| statement.allows))
}

/// A statement's `Sid` as far as merging goes.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Sid {
    /// Absent or empty: the statement is never replaced.
    None,
    Known(String),
    /// Known only after apply: it may equal any other.
    Unknown,
}

impl Sid {
    fn of(value: Option<&Value>) -> Self {
        match value {
            None | Some(Value::Null) => Sid::None,
            Some(Value::String(sid)) if sid.is_empty() => Sid::None,
            Some(Value::String(sid)) => Sid::Known(sid.clone()),
            Some(Value::Unknown) => Sid::Unknown,
            Some(other) => other.to_terraform_string().map_or(Sid::None, Sid::Known),
        }
    }
}

/// One statement of the assembled document: its `Sid` and whether it allows the actions.
#[derive(Debug, Clone, PartialEq)]
struct Statement {
    sid: Sid,
    allows: Holds,
}

impl Statement {
    /// A statement, or a whole document, known only after apply.
    const UNKNOWN: Statement = Statement {
        sid: Sid::Unknown,
        allows: None,
    };
}

fn block_statement(block: &Value, actions: &[&str]) -> Statement {
    if block.is_unknown() {
        return Statement::UNKNOWN;
    }
    let allow = match block.get("effect") {
        None | Some(Value::Null) => Some(true),
        Some(Value::Unknown) => None,
        Some(effect) => Some(effect.as_str() == Some("Allow")),
    };
    Statement {
        sid: Sid::of(block.get("sid")),
        allows: both_hold(allow, names_one_of(block.get("actions"), actions)),
    }
}

/// Merges the statements of a list of JSON documents (`source_policy_documents`,
/// `override_policy_documents`). Text that is not a document is left out: the provider would
/// refuse it.
fn merge_documents(statements: &mut Vec<Statement>, documents: Option<&Value>, actions: &[&str]) {
    let documents = match documents {
        None | Some(Value::Null) => return,
        Some(Value::List(documents)) => documents.as_slice(),
        Some(other) => core::slice::from_ref(other),
    };
    for document in documents {
        match iam_policy::read_attribute(Some(document)) {
            None | Some(Document::Invalid) => {}
            Some(Document::Unknown) => merge(statements, Statement::UNKNOWN),
            Some(Document::Known(document)) => {
                for statement in iam_policy::statements(&document).unwrap_or_default() {
                    let statement = Statement {
                        sid: Sid::of(statement.get("Sid")),
                        allows: json_statement_allows(statement, actions),
                    };
                    merge(statements, statement);
                }
            }
        }
    }
}

/// Adds a statement to the document: it replaces an earlier one with the same `Sid`. Where a
/// `Sid` is unknown, an earlier statement that allows may or may not have been replaced, so
/// what it allows becomes open.
fn merge(statements: &mut Vec<Statement>, statement: Statement) {
    match &statement.sid {
        Sid::None => {}
        Sid::Known(sid) => {
            let same = statements
                .iter()
                .position(|earlier| earlier.sid == Sid::Known(sid.clone()));
            if let Some(same) = same {
                statements[same] = statement;
                return;
            }
            statements
                .iter_mut()
                .filter(|earlier| earlier.sid == Sid::Unknown)
                .for_each(may_be_replaced);
        }
        Sid::Unknown => statements
            .iter_mut()
            .filter(|earlier| earlier.sid != Sid::None)
            .for_each(may_be_replaced),
    }
    statements.push(statement);
}

/// An earlier statement that allows, and that a statement with an unknown `Sid` may replace:
/// whether the document still allows through it is open.
fn may_be_replaced(earlier: &mut Statement) {
    if earlier.allows == Some(true) {
        earlier.allows = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::value::object;
    use alloc::vec;

    fn strings(items: &[&str]) -> Value {
        Value::List(items.iter().map(|item| Value::from(*item)).collect())
    }

    fn block(pairs: &[(&str, Value)]) -> Value {
        object(pairs.iter().cloned())
    }

    fn document(blocks: Vec<Value>) -> Value {
        object([("statement", Value::List(blocks))])
    }

    #[test]
    fn json_documents_need_an_allow_statement_naming_the_action_exactly() {
        let cases = [
            (
                r#"{"Statement":[{"Effect":"Allow","Action":"iam:*","Resource":"*"}]}"#,
                true,
            ),
            (
                r#"{"Statement":[{"Effect":"Allow","Action":["s3:*","*"]}]}"#,
                true,
            ),
            // A single statement object is a statement too.
            (r#"{"Statement":{"Effect":"Allow","Action":"iam:*"}}"#, true),
            (
                r#"{"Statement":[{"Effect":"Deny","Action":"iam:*"}]}"#,
                false,
            ),
            (
                r#"{"Statement":[{"Effect":"allow","Action":"iam:*"}]}"#,
                false,
            ),
            (
                r#"{"Statement":[{"Effect":"Allow","Action":"iam:Get*"}]}"#,
                false,
            ),
            (
                r#"{"Statement":[{"Effect":"Allow","Action":"xsiam:*"}]}"#,
                false,
            ),
            (
                r#"{"Statement":[{"Effect":"Allow","NotAction":"iam:*"}]}"#,
                false,
            ),
            (r#"{"Version":"2012-10-17"}"#, false),
        ];
        for (json, expected) in cases {
            assert_eq!(
                attribute_allows(Some(&Value::from(json)), FULL_IAM),
                Some(expected),
                "{json}"
            );
        }
        assert_eq!(
            attribute_allows(Some(&Value::from("not json")), FULL_IAM),
            Some(false)
        );
        assert_eq!(attribute_allows(None, FULL_IAM), Some(false));
        assert_eq!(attribute_allows(Some(&Value::Unknown), FULL_IAM), None);
        let iam_only = r#"{"Statement":[{"Effect":"Allow","Action":"iam:*"}]}"#;
        assert_eq!(
            attribute_allows(Some(&Value::from(iam_only)), EVERY_ACTION),
            Some(false)
        );
    }

    #[test]
    fn blocks_allow_by_default_and_unknown_resources_do_not_matter() {
        let no_effect = block(&[("actions", strings(&["iam:*"]))]);
        assert_eq!(
            policy_document_allows(&document(vec![no_effect]), FULL_IAM),
            Some(true)
        );

        let unknown_resource = block(&[
            ("effect", "Allow".into()),
            ("actions", strings(&["s3:GetObject"])),
            ("resources", Value::List(vec![Value::Unknown])),
        ]);
        assert_eq!(
            policy_document_allows(&document(vec![unknown_resource]), FULL_IAM),
            Some(false)
        );

        let denied = block(&[("effect", "Deny".into()), ("actions", Value::Unknown)]);
        assert_eq!(
            policy_document_allows(&document(vec![denied]), FULL_IAM),
            Some(false)
        );
    }

    #[test]
    fn unknown_effects_and_actions_leave_the_answer_open_unless_a_known_one_decides() {
        let unknown_effect = block(&[("effect", Value::Unknown), ("actions", strings(&["*"]))]);
        let unknown_action = block(&[("actions", Value::List(vec![Value::Unknown]))]);
        let granted = block(&[("effect", "Allow".into()), ("actions", strings(&["iam:*"]))]);
        let harmless = block(&[("effect", Value::Unknown), ("actions", strings(&["s3:*"]))]);

        assert_eq!(
            policy_document_allows(&document(vec![unknown_effect.clone()]), FULL_IAM),
            None
        );
        assert_eq!(
            policy_document_allows(&document(vec![unknown_action.clone()]), FULL_IAM),
            None
        );
        assert_eq!(
            policy_document_allows(&document(vec![unknown_effect, granted]), FULL_IAM),
            Some(true)
        );
        assert_eq!(
            policy_document_allows(&document(vec![harmless]), FULL_IAM),
            Some(false)
        );
        assert_eq!(
            policy_document_allows(&object([("statement", Value::Unknown)]), FULL_IAM),
            None
        );
    }

    #[test]
    fn merged_documents_count_and_a_later_sid_replaces_an_earlier_one() {
        let source = r#"{"Statement":[{"Sid":"Admin","Effect":"Allow","Action":"iam:*"}]}"#;
        let with_source = object([
            ("source_policy_documents", Value::List(vec![source.into()])),
            ("statement", Value::List(vec![])),
        ]);
        assert_eq!(policy_document_allows(&with_source, FULL_IAM), Some(true));

        let replaced = object([
            ("source_policy_documents", Value::List(vec![source.into()])),
            (
                "statement",
                Value::List(vec![block(&[
                    ("sid", "Admin".into()),
                    ("actions", strings(&["iam:GetUser"])),
                ])]),
            ),
        ]);
        assert_eq!(policy_document_allows(&replaced, FULL_IAM), Some(false));

        let maybe_replaced = object([
            ("source_policy_documents", Value::List(vec![source.into()])),
            (
                "override_policy_documents",
                Value::List(vec![Value::Unknown]),
            ),
        ]);
        assert_eq!(policy_document_allows(&maybe_replaced, FULL_IAM), None);

        let unknown_source = object([("source_policy_documents", Value::Unknown)]);
        assert_eq!(policy_document_allows(&unknown_source, FULL_IAM), None);
    }
}
