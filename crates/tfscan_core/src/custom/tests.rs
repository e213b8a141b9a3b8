//! Reading policy files: what is kept, what is reported, and that nothing panics.

use alloc::string::{String, ToString};
use alloc::vec::Vec;

use super::*;

fn files(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(path, text)| (path.to_string(), text.to_string()))
        .collect()
}

fn problems(loaded: &Policies) -> Vec<String> {
    loaded.problems.iter().map(ToString::to_string).collect()
}

const OWNER: &str = "metadata:\n  id: CKV2_ACME_1\n  name: Buckets have an owner\n  \
                     category: CONVENTION\n  severity: high\n  guideline: https://wiki/owner\n\
                     definition:\n  cond_type: attribute\n  resource_types: [aws_s3_bucket]\n  \
                     attribute: tags.Owner\n  operator: exists\n";

#[test]
fn a_policy_keeps_its_metadata() {
    let loaded = load(&files(&[("policies/owner.yaml", OWNER)]));
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    let policy = &loaded.policies[0];
    assert_eq!(policy.id, "CKV2_ACME_1");
    assert_eq!(policy.name, "Buckets have an owner");
    assert_eq!(policy.category, "CONVENTION");
    assert_eq!(policy.severity, Some(Severity::High));
    assert_eq!(policy.guideline(), Some("https://wiki/owner"));
    assert_eq!(policy.path, "policies/owner.yaml");
}

#[test]
fn json_policies_and_plain_values_are_typed_as_checkov_loads_them() {
    let json = "{\"metadata\": {\"id\": \"CKV2_J\", \"name\": \"n\", \"category\": \"c\"}, \
                \"definition\": {\"cond_type\": \"attribute\", \"resource_types\": \"aws_vpc\", \
                \"attribute\": \"enable\", \"operator\": \"equals\", \"value\": true}}";
    let quoted = OWNER
        .replace("CKV2_ACME_1", "CKV2_Q")
        .replace("operator: exists", "operator: equals\n  value: \"443\"");
    let loaded = load(&files(&[("a.json", json), ("b.yml", &quoted)]));
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    let value = |index: usize| match &loaded.policies[index].definition {
        Condition::Attribute(attribute) => attribute.value.clone(),
        other => panic!("not an attribute condition: {other:?}"),
    };
    assert_eq!(value(0), Py::Bool(true));
    assert_eq!(value(1), Py::Str(String::from("443")));
}

#[test]
fn problems_name_the_file_the_line_and_what_is_wrong() {
    let unknown_operator = OWNER.replace("operator: exists", "operator: exist");
    let unknown_kind = OWNER.replace("cond_type: attribute", "cond_type: attributes");
    let loaded = load(&files(&[
        ("p/a.yaml", &unknown_operator),
        ("p/b.yaml", &unknown_kind),
        ("p/c.yaml", "metadata: [\n"),
        ("p/d.yaml", "metadata:\n  id: X\n"),
        ("p/e.yaml", "- a\n"),
        ("p/f.py", ""),
        ("p/g.txt", ""),
        (
            "p/h.yaml",
            &OWNER.replace("severity: high", "severity: urgent"),
        ),
    ]));
    assert_eq!(
        problems(&loaded),
        [
            "p/a.yaml:11: unknown operator \"exist\" for an attribute condition",
            "p/b.yaml:8: unknown cond_type \"attributes\" (attribute, connection, filter or resource)",
            "p/c.yaml:1:1: a `[` or `{` here is never closed",
            "p/d.yaml: not a policy: metadata.name, metadata.category, definition missing",
            "p/e.yaml:1: expected a policy (a map with `metadata` and `definition`), found a list",
            "p/f.py: Python custom checks are not run by tfscan (only YAML and JSON policies are); skipped",
            "p/g.txt: not a policy file (.yaml, .yml or .json); skipped",
            "p/h.yaml:5: unknown severity \"urgent\" (INFO, LOW, MEDIUM, HIGH or CRITICAL): the policy runs without a severity",
        ]
    );
    // The policy with an unknown severity still runs.
    assert_eq!(loaded.policies.len(), 1);
    assert_eq!(loaded.policies[0].severity, None);
}

#[test]
fn the_first_policy_of_an_id_in_path_order_is_kept() {
    let other = OWNER.replace("Buckets have an owner", "Another");
    let loaded = load(&files(&[("z.yaml", &other), ("a.yaml", OWNER)]));
    assert_eq!(loaded.policies.len(), 1);
    assert_eq!(loaded.policies[0].path, "a.yaml");
    assert_eq!(
        problems(&loaded),
        ["z.yaml: the policy ID CKV2_ACME_1 is also defined in a.yaml; this file is ignored"]
    );
}

#[test]
fn policy_files_are_told_by_extension_as_python_splits_it() {
    assert!(is_policy_file("p/a.yaml") && is_policy_file("a.yml") && is_policy_file("a.json"));
    assert!(!is_policy_file(".yaml") && !is_policy_file("a.YAML") && !is_policy_file("a.yaml.bak"));
    assert!(is_python_check("checks/x.py") && !is_python_check(".py"));
}

#[test]
fn never_panics_on_odd_policies() {
    let texts = [
        "",
        "~",
        "metadata:",
        "metadata: x\ndefinition: y",
        "metadata: {id: 1, name: 2, category: 3}\ndefinition: {}",
        "metadata: {id: 1, name: 2, category: 3}\ndefinition: {and: x}",
        "metadata: {id: 1, name: 2, category: 3}\ndefinition: {not: []}",
        "metadata: {id: 1, name: 2, category: 3}\ndefinition: {or: [1, 2]}",
        "metadata: {id: 1, name: 2, category: 3}\ndefinition: {cond_type: [x]}",
        "metadata: {id: 1, name: 2, category: 3}\ndefinition: {cond_type: attribute, attribute: [a], operator: equals}",
        "metadata: {id: 1, name: 2, category: 3}\ndefinition: {cond_type: attribute, resource_types: {a: b}, attribute: a, operator: exists}",
        "metadata: {id: 1, name: 2, category: 3}\ndefinition: {cond_type: attribute, resource_types: [1], attribute: a, operator: exists}",
        "metadata: {id: 1, name: 2, category: 3}\ndefinition: {cond_type: attribute, attribute: a, operator: regex_match, value: '('}",
        "metadata: {id: 1, name: 2, category: 3}\nscope: [aws]\ndefinition: {cond_type: connection}",
        "metadata: {id: 1, name: 2, category: 3}\nscope: {provider: [aws]}\ndefinition: {cond_type: resource}",
        "metadata: {id: 1, name: 2, category: 3, severity: [x]}\ndefinition: {cond_type: filter, operator: within}",
    ];
    for text in texts {
        let _ = load(&files(&[("p.yaml", text)]));
    }
}
