//! The policy analysis on hand-written documents. Each expectation was checked against
//! Checkov 3.3.30's own analysis of the same document.

use alloc::string::ToString;
use alloc::vec;

use super::*;

/// The six findings for a JSON document, as letters (`.` when absent): U restrictable actions
/// on any resource, P privilege escalation, E data exfiltration, C credentials exposure, M
/// permissions management, W write; or `ERR` when it cannot be analysed.
fn findings(json: &str) -> String {
    let Some(Document::Known(document)) = read_attribute(Some(&Value::from(json))) else {
        return "NOT JSON".to_string();
    };
    let Ok(grants) = Grants::of(&document) else {
        return "ERR".to_string();
    };
    let flags = [
        ('U', grants.allows_restrictable_actions_on_any_resource()),
        ('P', grants.allows_privilege_escalation()),
        ('E', grants.allows_data_exfiltration()),
        ('C', grants.exposes_credentials()),
        (
            'M',
            grants.allows_permissions_management_without_constraints(),
        ),
        ('W', grants.allows_write_without_constraints()),
    ];
    flags
        .iter()
        .map(|&(letter, found)| if found { letter } else { '.' })
        .collect()
}

fn statement(body: &str) -> String {
    alloc::format!(r#"{{"Version":"2012-10-17","Statement":[{body}]}}"#)
}

#[test]
fn everything_on_everything_is_every_finding() {
    assert_eq!(
        findings(&statement(
            r#"{"Effect":"Allow","Action":"*","Resource":"*"}"#
        )),
        "UPECMW"
    );
}

#[test]
fn wildcards_expand_within_their_service() {
    let cases = [
        (
            r#"{"Effect":"Allow","Action":"ec2:Describe*","Resource":"*"}"#,
            "U.....",
        ),
        (
            r#"{"Effect":"Allow","Action":"logs:CreateLogStream","Resource":"*"}"#,
            "U....W",
        ),
        (
            r#"{"Effect":"Allow","Action":"iam:Pass*","Resource":"*"}"#,
            "U...M.",
        ),
        (
            r#"{"Effect":"Allow","Action":"ecr:Get*","Resource":"*"}"#,
            "U.....",
        ),
        (
            r#"{"Effect":"Allow","Action":["s3:Get*"],"Resource":["arn:aws:s3:::b","*"]}"#,
            "U.E...",
        ),
        // `*:*` names no service: it grants nothing.
        (
            r#"{"Effect":"Allow","Action":"*:*","Resource":"*"}"#,
            "......",
        ),
        // A wildcard that matches nothing is kept as written, and grants nothing.
        (
            r#"{"Effect":"Allow","Action":["s3:Foo*"],"Resource":"*"}"#,
            "......",
        ),
        // Only `*` is a wildcard in an action: `?` and `[...]` are taken literally.
        (
            r#"{"Effect":"Allow","Action":"s3:get?bject","Resource":"*"}"#,
            "......",
        ),
        (
            r#"{"Effect":"Allow","Action":"s3:Get[O]bject","Resource":"*"}"#,
            "......",
        ),
        // `catalog:` names Service Catalog, but its actions are then not in the catalogue.
        (
            r#"{"Effect":"Allow","Action":"catalog:*","Resource":"*"}"#,
            "......",
        ),
    ];
    for (body, expected) in cases {
        assert_eq!(findings(&statement(body)), expected, "{body}");
    }
}

#[test]
fn action_names_are_compared_as_written() {
    let cases = [
        (
            r#"{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}"#,
            "U.E...",
        ),
        (
            r#"{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}"#,
            "......",
        ),
        // Spelled in another case, the action counts as one no ARN can limit.
        (
            r#"{"Effect":"Allow","Action":"s3:getobject","Resource":"arn:aws:s3:::b/*"}"#,
            "..E...",
        ),
        (
            r#"{"Effect":"Allow","Action":"S3:GetObject","Resource":"arn:aws:s3:::b/*"}"#,
            "..E...",
        ),
        // ECR's login token is let through only when spelled as AWS does.
        (
            r#"{"Effect":"Allow","Action":"ecr:GetAuthorizationToken","Resource":"*"}"#,
            "......",
        ),
        (
            r#"{"Effect":"Allow","Action":"ecr:getauthorizationtoken","Resource":"*"}"#,
            "...C..",
        ),
    ];
    for (body, expected) in cases {
        assert_eq!(findings(&statement(body)), expected, "{body}");
    }
}

#[test]
fn escalation_needs_every_action_of_a_path() {
    let pass_and_run = r#"{"Effect":"Allow","Action":"iam:PassRole","Resource":"*"},
        {"Effect":"Allow","Action":"ec2:RunInstances","Resource":"*"}"#;
    assert_eq!(findings(&statement(pass_and_run)), "UP..MW");
    let pass_only = r#"{"Effect":"Allow","Action":"iam:PassRole","Resource":"*"}"#;
    assert_eq!(findings(&statement(pass_only)), "U...M.");
    let limited = r#"{"Effect":"Allow","Action":"lambda:UpdateFunctionCode",
        "Resource":"arn:aws:lambda:*:*:function:x"}"#;
    assert_eq!(findings(&statement(limited)), "......");
    let lowercase = r#"{"Effect":"Allow","Action":"iam:passrole","Resource":"arn:aws:iam::1:role/x"},
        {"Effect":"Allow","Action":"ec2:runinstances","Resource":"arn:aws:ec2:*:*:instance/*"}"#;
    assert_eq!(findings(&statement(lowercase)), ".P....");
}

#[test]
fn deny_removes_only_the_same_spelling() {
    let all_denied = r#"{"Effect":"Allow","Action":"s3:*","Resource":"*"},
        {"Effect":"Deny","Action":"s3:*","Resource":"*"}"#;
    // Write and permissions management look at each statement alone.
    assert_eq!(findings(&statement(all_denied)), "....MW");
    let other_spelling = r#"{"Effect":"Allow","Action":"s3:*","Resource":"*"},
        {"Effect":"Deny","Action":"s3:getobject","Resource":"*"}"#;
    assert_eq!(findings(&statement(other_spelling)), "U.E.MW");
}

#[test]
fn not_action_allows_the_rest_of_the_catalogue() {
    let cases = [
        (
            r#"{"Effect":"Allow","NotAction":"iam:*","Resource":"*"}"#,
            "UPECMW",
        ),
        (
            r#"{"Effect":"Allow","NotAction":"*","Resource":"*"}"#,
            "......",
        ),
        (
            r#"{"Effect":"Allow","NotAction":"s3:*","Resource":"arn:aws:s3:::b"}"#,
            "......",
        ),
    ];
    for (body, expected) in cases {
        assert_eq!(findings(&statement(body)), expected, "{body}");
    }
}

#[test]
fn conditions_and_effects_limit_the_grant() {
    let conditioned = r#"{"Effect":"Allow","Action":"s3:*","Resource":"*",
        "Condition":{"Bool":{"aws:SecureTransport":"true"}}}"#;
    assert_eq!(findings(&statement(conditioned)), "......");
    let empty_condition = r#"{"Effect":"Allow","Action":"logs:PutLogEvents","Resource":"*",
        "Condition":{}}"#;
    assert_eq!(findings(&statement(empty_condition)), "U....W");
    // Effects are case-sensitive: `allow` neither allows nor denies.
    assert_eq!(
        findings(&statement(
            r#"{"Effect":"allow","Action":"*","Resource":"*"}"#
        )),
        "......"
    );
    let single = r#"{"Statement":{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"*"}}"#;
    assert_eq!(findings(single), "U..C.W");
}

#[test]
fn malformed_documents_cannot_be_analysed() {
    let cases = [
        r#"{"Effect":"Allow","Action":"s3","Resource":"*"}"#,
        r#"{"Action":"s3:*","Resource":"*"}"#,
        r#"{"Effect":"Allow","Resource":"*"}"#,
        r#"{"Effect":"Allow","Action":[5],"Resource":"*"}"#,
        r#"{"Effect":"Allow","Action":"a:b:c","Resource":"x"}"#,
        r#"{"Effect":"Allow","Action":"s3:GetObject","NotAction":[1],"Resource":"x"}"#,
        r#""just text""#,
    ];
    for body in cases {
        assert_eq!(findings(&statement(body)), "ERR", "{body}");
    }
    assert_eq!(findings("[1, 2]"), "ERR");
    assert_eq!(findings(r#"{"Statement":[]}"#), "......");
    assert_eq!(findings("{}"), "......");
}

#[test]
fn attributes_are_read_as_json_objects_or_unknown() {
    assert_eq!(read_attribute(None), None);
    assert_eq!(read_attribute(Some(&Value::Null)), None);
    assert_eq!(
        read_attribute(Some(&Value::Unknown)),
        Some(Document::Unknown)
    );
    assert_eq!(
        read_attribute(Some(&Value::from("{not json"))),
        Some(Document::Invalid)
    );
    assert_eq!(
        read_attribute(Some(&Value::Bool(true))),
        Some(Document::Invalid)
    );
    let parsed = read_attribute(Some(&Value::from(
        r#"{"Statement":[{"Effect":"Allow","N":1}]}"#,
    )));
    let expected = object([(
        "Statement",
        Value::List(vec![object([
            ("Effect", Value::from("Allow")),
            ("N", Value::Number(1.0)),
        ])]),
    )]);
    assert_eq!(parsed, Some(Document::Known(expected.clone())));
    assert_eq!(
        read_attribute(Some(&expected)),
        Some(Document::Known(expected))
    );
    // A document with unknown parts is read as it is; the analysis bounds what it grants.
    let partly_unknown = object([("Statement", Value::List(vec![Value::Unknown]))]);
    assert_eq!(
        read_attribute(Some(&partly_unknown)),
        Some(Document::Known(partly_unknown))
    );
    assert_eq!(
        read_attribute(Some(&Value::Unknown)),
        Some(Document::Unknown)
    );
}

#[test]
fn text_with_holes_is_read_around_them() {
    use alloc::format;
    let hole = crate::value::HOLE;
    let text = format!(
        r#"{{"Statement":[{{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::{hole}/*"}},{{"Effect":"Allow","Action":"s3:ListBucket","Resource":"{hole}"}}]}}"#
    );
    let Some(Document::Known(document)) = read_attribute(Some(&Value::String(text))) else {
        panic!("not read")
    };
    let statements = statements(&document).unwrap();
    assert_eq!(
        statements[0].get("Resource"),
        Some(&Value::String(format!("arn:aws:s3:::{hole}/*")))
    );
    assert_eq!(statements[1].get("Resource"), Some(&Value::Unknown));
    // A hole outside a string leaves the shape unknown.
    let broken = format!(r#"{{"Statement":{hole}}}"#);
    assert_eq!(
        read_attribute(Some(&Value::String(broken))),
        Some(Document::Unknown)
    );
}

#[test]
fn a_resource_with_a_known_prefix_is_never_any_resource() {
    use alloc::format;
    let hole = crate::value::HOLE;
    let text = format!(
        r#"{{"Statement":[{{"Effect":"Allow","Action":"s3:PutObject","Resource":"arn:aws:s3:::{hole}/*"}}]}}"#
    );
    let document = read_attribute(Some(&Value::String(text))).unwrap();
    assert_eq!(
        grants_verdict(&document, Finding::WriteAccess),
        crate::check::Verdict::Passed
    );
    let anything = format!(
        r#"{{"Statement":[{{"Effect":"Allow","Action":"s3:PutObject","Resource":"{hole}"}}]}}"#
    );
    let document = read_attribute(Some(&Value::String(anything))).unwrap();
    assert_eq!(
        grants_verdict(&document, Finding::WriteAccess),
        crate::check::Verdict::Unknown
    );
}

fn strings_list(items: &[&str]) -> Value {
    Value::List(items.iter().map(|item| Value::from(*item)).collect())
}

#[test]
fn policy_document_blocks_become_json_statements() {
    let data = object([(
        "statement",
        Value::List(vec![
            object([
                ("actions", strings_list(&["s3:GetObject"])),
                ("resources", strings_list(&["*"])),
                (
                    "principals",
                    Value::List(vec![
                        object([
                            ("type", "AWS".into()),
                            ("identifiers", strings_list(&["arn:a"])),
                        ]),
                        object([
                            ("type", "AWS".into()),
                            ("identifiers", strings_list(&["arn:b"])),
                        ]),
                    ]),
                ),
                (
                    "condition",
                    Value::List(vec![object([
                        ("test", "StringEquals".into()),
                        ("variable", "aws:SourceAccount".into()),
                        ("values", strings_list(&["1"])),
                    ])]),
                ),
            ]),
            object([
                ("effect", "Deny".into()),
                ("not_actions", strings_list(&["iam:*"])),
            ]),
        ]),
    )]);
    let expected = object([(
        "Statement",
        Value::List(vec![
            object([
                ("Effect", "Allow".into()),
                ("Action", strings_list(&["s3:GetObject"])),
                ("Resource", strings_list(&["*"])),
                (
                    "Principal",
                    object([("AWS", strings_list(&["arn:a", "arn:b"]))]),
                ),
                (
                    "Condition",
                    object([(
                        "StringEquals",
                        object([("aws:SourceAccount", strings_list(&["1"]))]),
                    )]),
                ),
            ]),
            object([
                ("Effect", "Deny".into()),
                ("NotAction", strings_list(&["iam:*"])),
            ]),
        ]),
    )]);
    assert_eq!(from_policy_document_data(&data), Document::Known(expected));
}

/// The verdict of `finding` on one statement block built from `pairs`.
fn block_verdict(pairs: Vec<(&str, Value)>, finding: Finding) -> Verdict {
    let data = object([("statement", Value::List(vec![object(pairs)]))]);
    let document = from_policy_document_data(&data);
    assert_same_verdicts_at_once(&document);
    grants_verdict(&document, finding)
}

/// `grants_verdicts` answers for every finding what `grants_verdict` answers for each alone.
fn assert_same_verdicts_at_once(document: &Document) {
    let at_once = grants_verdicts(document);
    for finding in Finding::ALL {
        assert_eq!(
            finding.of(&at_once),
            grants_verdict(document, finding),
            "{finding:?} on {document:?}"
        );
    }
}

#[test]
fn every_finding_at_once_matches_each_alone() {
    let mut documents = vec![Document::Unknown, Document::Invalid];
    for json in [
        statement(r#"{"Effect":"Allow","Action":"*","Resource":"*"}"#),
        statement(r#"{"Effect":"Allow","Action":"ec2:Describe*","Resource":"*"}"#),
        statement(
            r#"{"Effect":"Allow","Action":["iam:PassRole","ec2:RunInstances"],"Resource":"*"}"#,
        ),
        statement(r#"{"Effect":"Allow","NotAction":"iam:*","Resource":"*"}"#),
        statement(r#"{"Action":"s3:*","Resource":"*"}"#),
        statement(r#"{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}"#),
    ] {
        documents.push(read_attribute(Some(&Value::from(json))).expect("present"));
    }
    for resources in [Value::Unknown, strings_list(&["*"])] {
        for actions in [
            Value::Unknown,
            strings_list(&["s3:PutObject", "iam:CreateAccessKey"]),
        ] {
            let data = object([(
                "statement",
                Value::List(vec![
                    object([
                        ("actions", strings_list(&["logs:PutLogEvents"])),
                        ("resources", strings_list(&["*"])),
                    ]),
                    object([
                        ("actions", actions.clone()),
                        ("resources", resources.clone()),
                    ]),
                ]),
            )]);
            documents.push(from_policy_document_data(&data));
        }
    }
    let verdicts: Vec<[Verdict; 6]> = documents.iter().map(grants_verdicts).collect();
    assert!(verdicts.iter().flatten().any(|v| *v == Verdict::Failed));
    assert!(verdicts.iter().flatten().any(|v| *v == Verdict::Passed));
    assert!(verdicts.iter().flatten().any(|v| *v == Verdict::Unknown));
    for document in &documents {
        assert_same_verdicts_at_once(document);
    }
}

#[test]
fn unknown_actions_and_effects_leave_the_verdict_open() {
    let unknown_action = vec![
        ("actions", Value::List(vec![Value::Unknown])),
        ("resources", strings_list(&["*"])),
    ];
    assert_eq!(
        block_verdict(unknown_action, Finding::WriteAccess),
        Verdict::Unknown
    );
    let unknown_effect = vec![
        ("effect", Value::Unknown),
        ("actions", strings_list(&["s3:GetObject"])),
        ("resources", strings_list(&["*"])),
    ];
    assert_eq!(
        block_verdict(unknown_effect, Finding::DataExfiltration),
        Verdict::Unknown
    );
    let all_unknown = object([("statement", Value::Unknown)]);
    assert_eq!(from_policy_document_data(&all_unknown), Document::Unknown);
}

#[test]
fn unknown_resources_decide_only_when_they_could_matter() {
    // Read-only actions that no ARN limits: `*` or not, nothing is written.
    let describe = vec![
        ("actions", strings_list(&["ec2:DescribeInstances"])),
        ("resources", Value::List(vec![Value::Unknown])),
    ];
    assert_eq!(
        block_verdict(describe, Finding::WriteAccess),
        Verdict::Passed
    );
    // A write action on a resource that might be `*`.
    let put = vec![
        ("actions", strings_list(&["logs:PutLogEvents"])),
        ("resources", Value::Unknown),
    ];
    assert_eq!(block_verdict(put, Finding::WriteAccess), Verdict::Unknown);
    // ...but with `*` among the known resources it fails whatever the rest is.
    let put_anywhere = vec![
        ("actions", strings_list(&["logs:PutLogEvents"])),
        ("resources", Value::List(vec![Value::Unknown, "*".into()])),
    ];
    assert_eq!(
        block_verdict(put_anywhere, Finding::WriteAccess),
        Verdict::Failed
    );
    // A condition known only after apply: the write might or might not be constrained.
    let conditioned = vec![
        ("actions", strings_list(&["logs:PutLogEvents"])),
        ("resources", strings_list(&["*"])),
        ("condition", Value::Unknown),
    ];
    assert_eq!(
        block_verdict(conditioned, Finding::WriteAccess),
        Verdict::Unknown
    );
}

#[test]
fn a_statement_known_only_after_apply_cannot_hide_a_broad_write() {
    let data = object([(
        "statement",
        Value::List(vec![
            object([
                ("actions", strings_list(&["logs:PutLogEvents"])),
                ("resources", strings_list(&["*"])),
            ]),
            object([("actions", Value::Unknown), ("resources", Value::Unknown)]),
        ]),
    )]);
    let document = from_policy_document_data(&data);
    assert_eq!(
        grants_verdict(&document, Finding::WriteAccess),
        Verdict::Failed
    );
    // A denying statement known only after apply might remove what the first one allows.
    assert_eq!(
        grants_verdict(&document, Finding::RestrictableActionsOnAnyResource),
        Verdict::Unknown
    );
}

#[test]
fn unknowns_the_analysis_does_not_read_drop_out() {
    let pairs = vec![
        ("sid", Value::Unknown),
        ("actions", strings_list(&["s3:GetObject"])),
        ("resources", strings_list(&["arn:aws:s3:::bucket/*"])),
        (
            "principals",
            Value::List(vec![object([
                ("type", Value::Unknown),
                ("identifiers", Value::Unknown),
            ])]),
        ),
        (
            "condition",
            Value::List(vec![object([
                ("test", "StringEquals".into()),
                ("variable", Value::Unknown),
                ("values", Value::Unknown),
            ])]),
        ),
    ];
    assert_eq!(
        block_verdict(pairs, Finding::DataExfiltration),
        Verdict::Passed
    );
}

#[test]
fn policy_document_blocks_that_are_incomplete() {
    let condition_without_test = object([(
        "statement",
        Value::List(vec![object([
            ("actions", strings_list(&["s3:*"])),
            (
                "condition",
                Value::List(vec![object([("variable", "x".into())])]),
            ),
        ])]),
    )]);
    assert_eq!(
        from_policy_document_data(&condition_without_test),
        Document::Invalid
    );
    let no_statement = object([("version", "2012-10-17".into())]);
    let Document::Known(empty) = from_policy_document_data(&no_statement) else {
        panic!("a document without statements is known");
    };
    assert_eq!(statements(&empty), None);
}

#[test]
fn verdicts_follow_the_document() {
    let admin = read_attribute(Some(&Value::from(statement(
        r#"{"Effect":"Allow","Action":"*","Resource":"*"}"#,
    ))))
    .expect("present");
    assert_eq!(
        grants_verdict(&admin, Finding::WriteAccess),
        Verdict::Failed
    );
    let read_only = read_attribute(Some(&Value::from(statement(
        r#"{"Effect":"Allow","Action":"ec2:Describe*","Resource":"*"}"#,
    ))))
    .expect("present");
    assert_eq!(
        grants_verdict(&read_only, Finding::WriteAccess),
        Verdict::Passed
    );
    assert_eq!(
        grants_verdict(&Document::Unknown, Finding::CredentialsExposure),
        Verdict::Unknown
    );
    assert_eq!(
        grants_verdict(&Document::Invalid, Finding::CredentialsExposure),
        Verdict::NotApplicable
    );
    let no_effect = Document::Known(object([(
        "Statement",
        Value::List(vec![object([("Action", "s3:*".into())])]),
    )]));
    assert_eq!(
        grants_verdict(&no_effect, Finding::CredentialsExposure),
        Verdict::NotApplicable
    );
}

#[test]
fn python_truthiness() {
    assert!(!truthy(&Value::Null));
    assert!(!truthy(&Value::from("")));
    assert!(!truthy(&Value::Number(0.0)));
    assert!(!truthy(&Value::List(vec![])));
    assert!(!truthy(&object::<_, String>([])));
    assert!(truthy(&Value::from("x")));
    assert!(truthy(&Value::Bool(true)));
    assert!(truthy(&Value::List(vec![Value::Null])));
}
