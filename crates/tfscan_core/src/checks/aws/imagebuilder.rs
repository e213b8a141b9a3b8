//! EC2 Image Builder checks: components, distribution configurations and image recipes.

use crate::check::{Check, EntityKind, Explanation, Resource, Severity, Verdict};
use crate::checks::rules::is_set;
use crate::value::Value;

/// This service's checks.
pub static CHECKS: &[&Check] = &[
    &COMPONENT_KMS_KEY,
    &DISTRIBUTION_KMS_KEY,
    &RECIPE_VOLUMES_ENCRYPTED,
];

static COMPONENT_KMS_KEY: Check = Check {
    id: "CKV_AWS_180",
    name: "Ensure Image Builder component is encrypted by KMS using a customer managed Key (CMK)",
    kind: EntityKind::Resource,
    resource_types: &["aws_imagebuilder_component"],
    severity: Severity::Low,
    explanation: Explanation {
        what: "An Image Builder component names a KMS key in `kms_key_id`.",
        why: "Components hold the build steps of your images, often with internal addresses and scripts; with a key of your own you decide who may read them.",
        fix: "Set `kms_key_id` to a customer managed KMS key.",
        fixed: r#"resource "aws_imagebuilder_component" "hardening" {
  name       = "hardening"
  platform   = "Linux"
  version    = "1.0.0"
  uri        = "s3://components/hardening.yaml"
  kms_key_id = aws_kms_key.images.arn
}"#,
    },
    passing: &[r#"
resource "aws_imagebuilder_component" "hardening" {
  name       = "hardening"
  platform   = "Linux"
  version    = "1.0.0"
  uri        = "s3://components/hardening.yaml"
  kms_key_id = "arn:aws:kms:eu-west-1:111122223333:key/abc"
}"#],
    failing: &[r#"
resource "aws_imagebuilder_component" "hardening" {
  name     = "hardening"
  platform = "Linux"
  version  = "1.0.0"
  uri      = "s3://components/hardening.yaml"
}"#],
    evaluate: |component| is_set(component, "kms_key_id"),
};

static DISTRIBUTION_KMS_KEY: Check = Check {
    id: "CKV_AWS_199",
    name: "Ensure Image Builder Distribution Configuration encrypts AMI's using KMS - a customer managed Key (CMK)",
    kind: EntityKind::Resource,
    resource_types: &["aws_imagebuilder_distribution_configuration"],
    severity: Severity::Medium,
    explanation: Explanation {
        what: "The first distribution of a distribution configuration names a KMS key for its AMIs (`ami_distribution_configuration`, `kms_key_id`).",
        why: "With a key of your own you decide which accounts may launch or copy the images, and every use of the key is logged.",
        fix: "Set `kms_key_id` in the distribution's `ami_distribution_configuration`.",
        fixed: r#"  distribution {
    region = "eu-west-1"

    ami_distribution_configuration {
      name       = "app-{{ imagebuilder:buildDate }}"
      kms_key_id = aws_kms_key.images.arn
    }
  }"#,
    },
    passing: &[r#"
resource "aws_imagebuilder_distribution_configuration" "app" {
  name = "app"

  distribution {
    region = "eu-west-1"

    ami_distribution_configuration {
      kms_key_id = "arn:aws:kms:eu-west-1:111122223333:key/abc"
    }
  }
}"#],
    failing: &[r#"
resource "aws_imagebuilder_distribution_configuration" "app" {
  name = "app"

  distribution {
    region = "eu-west-1"

    ami_distribution_configuration {
      name = "app-{{ imagebuilder:buildDate }}"
    }
  }
}"#],
    evaluate: |configuration| {
        is_set(
            configuration,
            "distribution.0.ami_distribution_configuration.0.kms_key_id",
        )
    },
};

static RECIPE_VOLUMES_ENCRYPTED: Check = Check {
    id: "CKV_AWS_200",
    name: "Ensure that Image Recipe EBS Disk are encrypted with CMK",
    kind: EntityKind::Resource,
    resource_types: &["aws_imagebuilder_image_recipe"],
    severity: Severity::Medium,
    explanation: Explanation {
        what: "Every EBS volume of an image recipe's block device mappings sets `encrypted` and a `kms_key_id`.",
        why: "The volumes of the build instance and of the images it produces hold everything installed on them; unencrypted they can be read from any snapshot.",
        fix: "Set `encrypted = true` and `kms_key_id` in each mapping's `ebs` block.",
        fixed: r#"  block_device_mapping {
    device_name = "/dev/xvdb"

    ebs {
      encrypted   = true
      kms_key_id  = aws_kms_key.images.arn
      volume_size = 100
    }
  }"#,
    },
    passing: &[r#"
resource "aws_imagebuilder_image_recipe" "app" {
  name         = "app"
  parent_image = "arn:aws:imagebuilder:eu-west-1:aws:image/amazon-linux-2-x86/x.x.x"
  version      = "1.0.0"

  block_device_mapping {
    device_name = "/dev/xvdb"

    ebs {
      encrypted   = true
      kms_key_id  = "arn:aws:kms:eu-west-1:111122223333:key/abc"
      volume_size = 100
    }
  }
}"#],
    failing: &[
        r#"
resource "aws_imagebuilder_image_recipe" "app" {
  name         = "app"
  parent_image = "arn:aws:imagebuilder:eu-west-1:aws:image/amazon-linux-2-x86/x.x.x"
  version      = "1.0.0"

  block_device_mapping {
    device_name = "/dev/xvdb"

    ebs {
      volume_size = 100
    }
  }
}"#,
        r#"
resource "aws_imagebuilder_image_recipe" "app" {
  name         = "app"
  parent_image = "arn:aws:imagebuilder:eu-west-1:aws:image/amazon-linux-2-x86/x.x.x"
  version      = "1.0.0"

  block_device_mapping {
    device_name = "/dev/xvdb"

    ebs {
      encrypted   = true
      volume_size = 100
    }
  }
}"#,
    ],
    evaluate: recipe_volumes_encrypted,
};

/// Checkov asks only that `encrypted` and `kms_key_id` are written in each `ebs` block (it
/// tests their presence, so `encrypted = false` with a key passes); a recipe without EBS
/// mappings passes.
fn recipe_volumes_encrypted(recipe: &Resource<'_>) -> Verdict {
    let mappings = match recipe.get("block_device_mapping") {
        Some(Value::List(mappings)) => mappings.as_slice(),
        Some(Value::Unknown) => return Verdict::Unknown,
        _ => &[],
    };
    let written = |ebs: &Value, name: &str| ebs.get(name).is_some_and(|value| !value.is_null());
    for mapping in mappings {
        let ebs = match mapping.get("ebs") {
            Some(Value::List(blocks)) => blocks.first(),
            Some(Value::Unknown) => return Verdict::Unknown,
            _ => None,
        };
        if let Some(ebs) = ebs {
            if !written(ebs, "encrypted") || !written(ebs, "kms_key_id") {
                return Verdict::Failed;
            }
        }
    }
    Verdict::Passed
}
