//! Checks on AWS's machine learning services other than SageMaker: Comprehend entity
//! recognizers, Kendra indexes and Bedrock agents.

use crate::check::{Check, EntityKind, Explanation, Severity};
use crate::checks::rules::is_set;

/// This group's checks.
pub static CHECKS: &[&Check] = &[
    &KENDRA_INDEX_KMS_KEY,
    &RECOGNIZER_MODEL_KMS_KEY,
    &RECOGNIZER_VOLUME_KMS_KEY,
    &BEDROCK_AGENT_KMS_KEY,
    &BEDROCK_AGENT_GUARDRAIL,
];

static KENDRA_INDEX_KMS_KEY: Check = Check {
    id: "CKV_AWS_262",
    name: "Ensure Kendra index Server side encryption uses CMK",
    kind: EntityKind::Resource,
    resource_types: &["aws_kendra_index"],
    severity: Severity::Medium,
    explanation: Explanation {
        what: "A Kendra index names a KMS key in `server_side_encryption_configuration`'s `kms_key_id`.",
        why: "An index holds searchable copies of your documents; with a key of your own you decide who may read them, and every use of the key is logged.",
        fix: "Add `server_side_encryption_configuration { kms_key_id = ... }` with a customer managed key.",
        fixed: r"  server_side_encryption_configuration {
    kms_key_id = aws_kms_key.search.arn
  }",
    },
    passing: &[r#"
resource "aws_kendra_index" "docs" {
  name     = "docs"
  role_arn = "arn:aws:iam::111122223333:role/kendra"

  server_side_encryption_configuration {
    kms_key_id = "arn:aws:kms:eu-west-1:111122223333:key/abc"
  }
}"#],
    failing: &[r#"
resource "aws_kendra_index" "docs" {
  name     = "docs"
  role_arn = "arn:aws:iam::111122223333:role/kendra"
}"#],
    evaluate: |index| is_set(index, "server_side_encryption_configuration.kms_key_id"),
};

static RECOGNIZER_MODEL_KMS_KEY: Check = Check {
    id: "CKV_AWS_267",
    name: "Ensure that Comprehend Entity Recognizer's model is encrypted by KMS using a customer managed Key (CMK)",
    kind: EntityKind::Resource,
    resource_types: &["aws_comprehend_entity_recognizer"],
    severity: Severity::Low,
    explanation: Explanation {
        what: "An entity recognizer names a KMS key for its trained model in `model_kms_key_id`.",
        why: "The model is built from your training documents and can reveal them; with a key of your own you decide who may use it.",
        fix: "Set `model_kms_key_id` to a customer managed KMS key.",
        fixed: r#"resource "aws_comprehend_entity_recognizer" "names" {
  name                 = "names"
  data_access_role_arn = aws_iam_role.comprehend.arn
  language_code        = "en"
  model_kms_key_id     = aws_kms_key.comprehend.arn
  volume_kms_key_id    = aws_kms_key.comprehend.arn
}"#,
    },
    passing: &[r#"
resource "aws_comprehend_entity_recognizer" "names" {
  name                 = "names"
  data_access_role_arn = "arn:aws:iam::111122223333:role/comprehend"
  language_code        = "en"
  model_kms_key_id     = "arn:aws:kms:eu-west-1:111122223333:key/abc"
}"#],
    failing: &[r#"
resource "aws_comprehend_entity_recognizer" "names" {
  name                 = "names"
  data_access_role_arn = "arn:aws:iam::111122223333:role/comprehend"
  language_code        = "en"
}"#],
    evaluate: |recognizer| is_set(recognizer, "model_kms_key_id"),
};

static RECOGNIZER_VOLUME_KMS_KEY: Check = Check {
    id: "CKV_AWS_268",
    name: "Ensure that Comprehend Entity Recognizer's volume is encrypted by KMS using a customer managed Key (CMK)",
    kind: EntityKind::Resource,
    resource_types: &["aws_comprehend_entity_recognizer"],
    severity: Severity::Low,
    explanation: Explanation {
        what: "An entity recognizer names a KMS key for its training volumes in `volume_kms_key_id`.",
        why: "The training instances hold your documents on their volumes; with a key of your own you decide who may read them.",
        fix: "Set `volume_kms_key_id` to a customer managed KMS key.",
        fixed: r#"resource "aws_comprehend_entity_recognizer" "names" {
  name                 = "names"
  data_access_role_arn = aws_iam_role.comprehend.arn
  language_code        = "en"
  volume_kms_key_id    = aws_kms_key.comprehend.arn
}"#,
    },
    passing: &[r#"
resource "aws_comprehend_entity_recognizer" "names" {
  name                 = "names"
  data_access_role_arn = "arn:aws:iam::111122223333:role/comprehend"
  language_code        = "en"
  volume_kms_key_id    = "arn:aws:kms:eu-west-1:111122223333:key/abc"
}"#],
    failing: &[r#"
resource "aws_comprehend_entity_recognizer" "names" {
  name                 = "names"
  data_access_role_arn = "arn:aws:iam::111122223333:role/comprehend"
  language_code        = "en"
}"#],
    evaluate: |recognizer| is_set(recognizer, "volume_kms_key_id"),
};

static BEDROCK_AGENT_KMS_KEY: Check = Check {
    id: "CKV_AWS_373",
    name: "Ensure Bedrock Agent is encrypted with a CMK",
    kind: EntityKind::Resource,
    resource_types: &["aws_bedrockagent_agent"],
    severity: Severity::Medium,
    explanation: Explanation {
        what: "A Bedrock agent names a KMS key in `customer_encryption_key_arn`.",
        why: "The agent keeps its instructions and session data; with a key of your own you decide who may read them, and every use of the key is logged.",
        fix: "Set `customer_encryption_key_arn` to a customer managed KMS key.",
        fixed: r#"resource "aws_bedrockagent_agent" "support" {
  agent_name                  = "support"
  agent_resource_role_arn     = aws_iam_role.agent.arn
  foundation_model            = "anthropic.claude-3-haiku-20240307-v1:0"
  customer_encryption_key_arn = aws_kms_key.agent.arn
}"#,
    },
    passing: &[r#"
resource "aws_bedrockagent_agent" "support" {
  agent_name                  = "support"
  agent_resource_role_arn     = "arn:aws:iam::111122223333:role/agent"
  foundation_model            = "anthropic.claude-3-haiku-20240307-v1:0"
  customer_encryption_key_arn = "arn:aws:kms:eu-west-1:111122223333:key/abc"
}"#],
    failing: &[r#"
resource "aws_bedrockagent_agent" "support" {
  agent_name              = "support"
  agent_resource_role_arn = "arn:aws:iam::111122223333:role/agent"
  foundation_model        = "anthropic.claude-3-haiku-20240307-v1:0"
}"#],
    evaluate: |agent| is_set(agent, "customer_encryption_key_arn"),
};

static BEDROCK_AGENT_GUARDRAIL: Check = Check {
    id: "CKV_AWS_383",
    name: "Ensure AWS Bedrock agent is associated with Bedrock guardrails",
    kind: EntityKind::Resource,
    resource_types: &["aws_bedrockagent_agent"],
    severity: Severity::Medium,
    explanation: Explanation {
        what: "A Bedrock agent names a guardrail in `guardrail_configuration`'s `guardrail_identifier`.",
        why: "A guardrail filters harmful content, denied topics and leaked personal data in both the prompts and the agent's answers.",
        fix: "Create an `aws_bedrock_guardrail` and name it, with its version, in the agent's `guardrail_configuration`.",
        fixed: r"  guardrail_configuration {
    guardrail_identifier = aws_bedrock_guardrail.support.guardrail_id
    guardrail_version    = aws_bedrock_guardrail_version.support.version
  }",
    },
    passing: &[r#"
resource "aws_bedrockagent_agent" "support" {
  agent_name              = "support"
  agent_resource_role_arn = "arn:aws:iam::111122223333:role/agent"
  foundation_model        = "anthropic.claude-3-haiku-20240307-v1:0"

  guardrail_configuration {
    guardrail_identifier = "gr-0123456789"
    guardrail_version    = "1"
  }
}"#],
    failing: &[r#"
resource "aws_bedrockagent_agent" "support" {
  agent_name              = "support"
  agent_resource_role_arn = "arn:aws:iam::111122223333:role/agent"
  foundation_model        = "anthropic.claude-3-haiku-20240307-v1:0"
}"#],
    evaluate: |agent| is_set(agent, "guardrail_configuration.guardrail_identifier"),
};
