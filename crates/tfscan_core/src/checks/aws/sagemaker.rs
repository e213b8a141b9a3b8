//! SageMaker checks: notebook instances, domains, endpoint configurations, models, flow
//! definitions and data quality job definitions.

use crate::check::{Check, EntityKind, Explanation, Severity, Verdict};
use crate::checks::rules::{bool_equals, is_set, string_in};

/// This service's checks.
pub static CHECKS: &[&Check] = &[
    &NOTEBOOK_KMS_KEY,
    &ENDPOINT_CONFIGURATION_KMS_KEY,
    &NOTEBOOK_NO_DIRECT_INTERNET,
    &DOMAIN_AND_NOTEBOOK_CMK,
    &NOTEBOOK_IN_VPC,
    &NOTEBOOK_NO_ROOT,
    &DATA_QUALITY_OUTPUT_KMS_KEY,
    &DATA_QUALITY_VOLUME_KMS_KEY,
    &DATA_QUALITY_TRAFFIC_ENCRYPTION,
    &MODEL_NETWORK_ISOLATION,
    &NOTEBOOK_IMDSV2,
    &FLOW_DEFINITION_KMS_KEY,
];

static NOTEBOOK_KMS_KEY: Check = Check {
    id: "CKV_AWS_22",
    name: "Ensure SageMaker Notebook is encrypted at rest using KMS CMK",
    kind: EntityKind::Resource,
    resource_types: &["aws_sagemaker_notebook_instance"],
    severity: Severity::Medium,
    explanation: Explanation {
        what: "A notebook instance names a KMS key in `kms_key_id` for its storage volume.",
        why: "With a key of your own you decide who may decrypt the notebooks and data on the volume, and every use of the key is logged.",
        fix: "Set `kms_key_id` to a customer managed KMS key.",
        fixed: r#"resource "aws_sagemaker_notebook_instance" "lab" {
  name          = "lab"
  role_arn      = aws_iam_role.notebook.arn
  instance_type = "ml.t3.medium"
  kms_key_id    = aws_kms_key.notebooks.arn
}"#,
    },
    passing: &[r#"
resource "aws_sagemaker_notebook_instance" "lab" {
  name          = "lab"
  role_arn      = "arn:aws:iam::111122223333:role/notebook"
  instance_type = "ml.t3.medium"
  kms_key_id    = "arn:aws:kms:eu-west-1:111122223333:key/abc"
}"#],
    failing: &[r#"
resource "aws_sagemaker_notebook_instance" "lab" {
  name          = "lab"
  role_arn      = "arn:aws:iam::111122223333:role/notebook"
  instance_type = "ml.t3.medium"
}"#],
    evaluate: |notebook| is_set(notebook, "kms_key_id"),
};

static ENDPOINT_CONFIGURATION_KMS_KEY: Check = Check {
    id: "CKV_AWS_98",
    name: "Ensure all data stored in the Sagemaker Endpoint is securely encrypted at rest",
    kind: EntityKind::Resource,
    resource_types: &["aws_sagemaker_endpoint_configuration"],
    severity: Severity::Medium,
    explanation: Explanation {
        what: "An endpoint configuration names a KMS key in `kms_key_arn` for the storage of its instances.",
        why: "With a key of your own you decide who may decrypt the models and data on the endpoint's volumes, and every use of the key is logged.",
        fix: "Set `kms_key_arn` to a customer managed KMS key.",
        fixed: r#"resource "aws_sagemaker_endpoint_configuration" "model" {
  name        = "model"
  kms_key_arn = aws_kms_key.models.arn

  production_variants {
    variant_name  = "primary"
    model_name    = aws_sagemaker_model.model.name
    instance_type = "ml.m5.large"
  }
}"#,
    },
    passing: &[r#"
resource "aws_sagemaker_endpoint_configuration" "model" {
  name        = "model"
  kms_key_arn = "arn:aws:kms:eu-west-1:111122223333:key/abc"
}"#],
    failing: &[r#"
resource "aws_sagemaker_endpoint_configuration" "model" {
  name = "model"
}"#],
    evaluate: |configuration| is_set(configuration, "kms_key_arn"),
};

static NOTEBOOK_NO_DIRECT_INTERNET: Check = Check {
    id: "CKV_AWS_122",
    name: "Ensure that direct internet access is disabled for an Amazon SageMaker Notebook Instance",
    kind: EntityKind::Resource,
    resource_types: &["aws_sagemaker_notebook_instance"],
    severity: Severity::High,
    explanation: Explanation {
        what: "A notebook instance sets `direct_internet_access = \"Disabled\"`.",
        why: "With direct internet access, code in the notebook can send data anywhere and fetch anything, outside the VPC's controls.",
        fix: "Set `direct_internet_access = \"Disabled\"` and give the notebook a `subnet_id` whose VPC reaches only what it needs.",
        fixed: r#"resource "aws_sagemaker_notebook_instance" "lab" {
  name                   = "lab"
  role_arn               = aws_iam_role.notebook.arn
  instance_type          = "ml.t3.medium"
  subnet_id              = aws_subnet.private.id
  security_groups        = [aws_security_group.notebook.id]
  direct_internet_access = "Disabled"
}"#,
    },
    passing: &[
        r#"
resource "aws_sagemaker_notebook_instance" "lab" {
  name                   = "lab"
  role_arn               = "arn:aws:iam::111122223333:role/notebook"
  instance_type          = "ml.t3.medium"
  direct_internet_access = "Disabled"
}"#,
        // Checkov passes a notebook that leaves the setting out, although AWS's default is
        // `Enabled`.
        r#"
resource "aws_sagemaker_notebook_instance" "lab" {
  name          = "lab"
  role_arn      = "arn:aws:iam::111122223333:role/notebook"
  instance_type = "ml.t3.medium"
}"#,
    ],
    failing: &[r#"
resource "aws_sagemaker_notebook_instance" "lab" {
  name                   = "lab"
  role_arn               = "arn:aws:iam::111122223333:role/notebook"
  instance_type          = "ml.t3.medium"
  direct_internet_access = "Enabled"
}"#],
    evaluate: |notebook| {
        string_in(
            notebook,
            "direct_internet_access",
            &["Disabled"],
            Verdict::Passed,
        )
    },
};

static DOMAIN_AND_NOTEBOOK_CMK: Check = Check {
    id: "CKV_AWS_187",
    name: "Ensure Sagemaker domain and notebook instance are encrypted by KMS using a customer managed Key (CMK)",
    kind: EntityKind::Resource,
    resource_types: &["aws_sagemaker_domain", "aws_sagemaker_notebook_instance"],
    severity: Severity::Medium,
    explanation: Explanation {
        what: "A SageMaker domain or notebook instance names a customer managed KMS key in `kms_key_id`.",
        why: "With a key of your own you decide who may decrypt the users' files and notebooks, and every use of the key is logged.",
        fix: "Set `kms_key_id` to a customer managed KMS key.",
        fixed: r#"resource "aws_sagemaker_domain" "studio" {
  domain_name = "studio"
  auth_mode   = "IAM"
  vpc_id      = aws_vpc.main.id
  subnet_ids  = [aws_subnet.private.id]
  kms_key_id  = aws_kms_key.studio.arn

  default_user_settings {
    execution_role = aws_iam_role.studio.arn
  }
}"#,
    },
    passing: &[r#"
resource "aws_sagemaker_domain" "studio" {
  domain_name = "studio"
  auth_mode   = "IAM"
  vpc_id      = "vpc-0a1b2c3d4e5f60718"
  subnet_ids  = ["subnet-0a1b2c3d4e5f60718"]
  kms_key_id  = "arn:aws:kms:eu-west-1:111122223333:key/abc"
}

resource "aws_sagemaker_notebook_instance" "lab" {
  name          = "lab"
  role_arn      = "arn:aws:iam::111122223333:role/notebook"
  instance_type = "ml.t3.medium"
  kms_key_id    = "arn:aws:kms:eu-west-1:111122223333:key/abc"
}"#],
    failing: &[
        r#"
resource "aws_sagemaker_domain" "studio" {
  domain_name = "studio"
  auth_mode   = "IAM"
  vpc_id      = "vpc-0a1b2c3d4e5f60718"
  subnet_ids  = ["subnet-0a1b2c3d4e5f60718"]
}"#,
        r#"
resource "aws_sagemaker_notebook_instance" "lab" {
  name          = "lab"
  role_arn      = "arn:aws:iam::111122223333:role/notebook"
  instance_type = "ml.t3.medium"
}"#,
    ],
    evaluate: |resource| is_set(resource, "kms_key_id"),
};

static NOTEBOOK_IN_VPC: Check = Check {
    id: "CKV_AWS_306",
    name: "Ensure SageMaker notebook instances should be launched into a custom VPC",
    kind: EntityKind::Resource,
    resource_types: &["aws_sagemaker_notebook_instance"],
    severity: Severity::Medium,
    explanation: Explanation {
        what: "A notebook instance is placed in a subnet of your VPC (`subnet_id`).",
        why: "Outside your VPC the notebook's traffic escapes your security groups, network ACLs, endpoints and flow logs.",
        fix: "Set `subnet_id` and `security_groups` to a private subnet and a restrictive security group.",
        fixed: r#"resource "aws_sagemaker_notebook_instance" "lab" {
  name            = "lab"
  role_arn        = aws_iam_role.notebook.arn
  instance_type   = "ml.t3.medium"
  subnet_id       = aws_subnet.private.id
  security_groups = [aws_security_group.notebook.id]
}"#,
    },
    passing: &[r#"
resource "aws_sagemaker_notebook_instance" "lab" {
  name            = "lab"
  role_arn        = "arn:aws:iam::111122223333:role/notebook"
  instance_type   = "ml.t3.medium"
  subnet_id       = "subnet-0a1b2c3d4e5f60718"
  security_groups = ["sg-0a1b2c3d4e5f60718"]
}"#],
    failing: &[r#"
resource "aws_sagemaker_notebook_instance" "lab" {
  name          = "lab"
  role_arn      = "arn:aws:iam::111122223333:role/notebook"
  instance_type = "ml.t3.medium"
}"#],
    evaluate: |notebook| is_set(notebook, "subnet_id"),
};

static NOTEBOOK_NO_ROOT: Check = Check {
    id: "CKV_AWS_307",
    name: "Ensure SageMaker Users should not have root access to SageMaker notebook instances",
    kind: EntityKind::Resource,
    resource_types: &["aws_sagemaker_notebook_instance"],
    severity: Severity::Medium,
    explanation: Explanation {
        what: "A notebook instance sets `root_access = \"Disabled\"`.",
        why: "With root access, a notebook user can change the instance's software and security settings and reach whatever its role can.",
        fix: "Set `root_access = \"Disabled\"` (AWS's default is enabled).",
        fixed: r#"resource "aws_sagemaker_notebook_instance" "lab" {
  name          = "lab"
  role_arn      = aws_iam_role.notebook.arn
  instance_type = "ml.t3.medium"
  root_access   = "Disabled"
}"#,
    },
    passing: &[r#"
resource "aws_sagemaker_notebook_instance" "lab" {
  name          = "lab"
  role_arn      = "arn:aws:iam::111122223333:role/notebook"
  instance_type = "ml.t3.medium"
  root_access   = "Disabled"
}"#],
    failing: &[
        r#"
resource "aws_sagemaker_notebook_instance" "lab" {
  name          = "lab"
  role_arn      = "arn:aws:iam::111122223333:role/notebook"
  instance_type = "ml.t3.medium"
}"#,
        r#"
resource "aws_sagemaker_notebook_instance" "lab" {
  name          = "lab"
  role_arn      = "arn:aws:iam::111122223333:role/notebook"
  instance_type = "ml.t3.medium"
  root_access   = "Enabled"
}"#,
    ],
    evaluate: |notebook| string_in(notebook, "root_access", &["Disabled"], Verdict::Failed),
};

static DATA_QUALITY_OUTPUT_KMS_KEY: Check = Check {
    id: "CKV_AWS_367",
    name: "Ensure Amazon Sagemaker Data Quality Job uses KMS to encrypt model artifacts",
    kind: EntityKind::Resource,
    resource_types: &["aws_sagemaker_data_quality_job_definition"],
    severity: Severity::Medium,
    explanation: Explanation {
        what: "A data quality job definition names a KMS key in `data_quality_job_output_config`'s `kms_key_id`.",
        why: "With a key of your own you decide who may read the monitoring results written to S3, and every use of the key is logged.",
        fix: "Set `kms_key_id` in the job's `data_quality_job_output_config`.",
        fixed: r#"  data_quality_job_output_config {
    kms_key_id = aws_kms_key.monitoring.arn
    monitoring_outputs {
      s3_output {
        s3_uri = "s3://monitoring/output"
      }
    }
  }"#,
    },
    passing: &[r#"
resource "aws_sagemaker_data_quality_job_definition" "quality" {
  role_arn = "arn:aws:iam::111122223333:role/monitoring"

  data_quality_job_output_config {
    kms_key_id = "arn:aws:kms:eu-west-1:111122223333:key/abc"
  }
}"#],
    failing: &[r#"
resource "aws_sagemaker_data_quality_job_definition" "quality" {
  role_arn = "arn:aws:iam::111122223333:role/monitoring"

  data_quality_job_output_config {
    monitoring_outputs {
      s3_output {
        s3_uri = "s3://monitoring/output"
      }
    }
  }
}"#],
    evaluate: |job| is_set(job, "data_quality_job_output_config.kms_key_id"),
};

static DATA_QUALITY_VOLUME_KMS_KEY: Check = Check {
    id: "CKV_AWS_368",
    name: "Ensure Amazon Sagemaker Data Quality Job uses KMS to encrypt data on attached storage volume",
    kind: EntityKind::Resource,
    resource_types: &["aws_sagemaker_data_quality_job_definition"],
    severity: Severity::Medium,
    explanation: Explanation {
        what: "A data quality job definition names a KMS key for its instances' volumes (`job_resources`, `cluster_config`, `volume_kms_key_id`).",
        why: "With a key of your own you decide who may read the data the job keeps on its volumes, and every use of the key is logged.",
        fix: "Set `volume_kms_key_id` in the job's `cluster_config`.",
        fixed: r#"  job_resources {
    cluster_config {
      instance_count    = 1
      instance_type     = "ml.m5.large"
      volume_size_in_gb = 20
      volume_kms_key_id = aws_kms_key.monitoring.arn
    }
  }"#,
    },
    passing: &[r#"
resource "aws_sagemaker_data_quality_job_definition" "quality" {
  role_arn = "arn:aws:iam::111122223333:role/monitoring"

  job_resources {
    cluster_config {
      instance_count    = 1
      instance_type     = "ml.m5.large"
      volume_size_in_gb = 20
      volume_kms_key_id = "arn:aws:kms:eu-west-1:111122223333:key/abc"
    }
  }
}"#],
    failing: &[r#"
resource "aws_sagemaker_data_quality_job_definition" "quality" {
  role_arn = "arn:aws:iam::111122223333:role/monitoring"

  job_resources {
    cluster_config {
      instance_count    = 1
      instance_type     = "ml.m5.large"
      volume_size_in_gb = 20
    }
  }
}"#],
    evaluate: |job| is_set(job, "job_resources.cluster_config.volume_kms_key_id"),
};

static DATA_QUALITY_TRAFFIC_ENCRYPTION: Check = Check {
    id: "CKV_AWS_369",
    name: "Ensure Amazon Sagemaker Data Quality Job encrypts all communications between instances used for monitoring jobs",
    kind: EntityKind::Resource,
    resource_types: &["aws_sagemaker_data_quality_job_definition"],
    severity: Severity::Low,
    explanation: Explanation {
        what: "A data quality job definition sets `network_config { enable_inter_container_traffic_encryption = true }`.",
        why: "Otherwise the data the job's instances exchange crosses the network in clear text.",
        fix: "Set `enable_inter_container_traffic_encryption = true` in the job's `network_config`.",
        fixed: r"  network_config {
    enable_inter_container_traffic_encryption = true
  }",
    },
    passing: &[r#"
resource "aws_sagemaker_data_quality_job_definition" "quality" {
  role_arn = "arn:aws:iam::111122223333:role/monitoring"

  network_config {
    enable_inter_container_traffic_encryption = true
  }
}"#],
    failing: &[
        r#"
resource "aws_sagemaker_data_quality_job_definition" "quality" {
  role_arn = "arn:aws:iam::111122223333:role/monitoring"
}"#,
        r#"
resource "aws_sagemaker_data_quality_job_definition" "quality" {
  role_arn = "arn:aws:iam::111122223333:role/monitoring"

  network_config {
    enable_inter_container_traffic_encryption = false
  }
}"#,
    ],
    evaluate: |job| {
        bool_equals(
            job,
            "network_config.enable_inter_container_traffic_encryption",
            true,
            Verdict::Failed,
        )
    },
};

static MODEL_NETWORK_ISOLATION: Check = Check {
    id: "CKV_AWS_370",
    name: "Ensure Amazon SageMaker model uses network isolation",
    kind: EntityKind::Resource,
    resource_types: &["aws_sagemaker_model"],
    severity: Severity::Medium,
    explanation: Explanation {
        what: "A model has `enable_network_isolation = true`.",
        why: "Without isolation the model's container can make outbound calls, so a compromised or malicious model can send data out.",
        fix: "Set `enable_network_isolation = true` on the model.",
        fixed: r#"resource "aws_sagemaker_model" "model" {
  name                     = "model"
  execution_role_arn       = aws_iam_role.model.arn
  enable_network_isolation = true

  primary_container {
    image = "111122223333.dkr.ecr.eu-west-1.amazonaws.com/model:1"
  }
}"#,
    },
    passing: &[r#"
resource "aws_sagemaker_model" "model" {
  name                     = "model"
  execution_role_arn       = "arn:aws:iam::111122223333:role/model"
  enable_network_isolation = true
}"#],
    failing: &[
        r#"
resource "aws_sagemaker_model" "model" {
  name               = "model"
  execution_role_arn = "arn:aws:iam::111122223333:role/model"
}"#,
        r#"
resource "aws_sagemaker_model" "model" {
  name                     = "model"
  execution_role_arn       = "arn:aws:iam::111122223333:role/model"
  enable_network_isolation = false
}"#,
    ],
    evaluate: |model| bool_equals(model, "enable_network_isolation", true, Verdict::Failed),
};

static NOTEBOOK_IMDSV2: Check = Check {
    id: "CKV_AWS_371",
    name: "Ensure Amazon SageMaker Notebook Instance only allows for IMDSv2",
    kind: EntityKind::Resource,
    resource_types: &["aws_sagemaker_notebook_instance"],
    severity: Severity::Medium,
    explanation: Explanation {
        what: "A notebook instance sets `minimum_instance_metadata_service_version = \"2\"` in `instance_metadata_service_configuration`.",
        why: "IMDSv1 answers any request from the instance, so a server-side request forgery in notebook code can steal the role's credentials; IMDSv2 needs a session token.",
        fix: "Add `instance_metadata_service_configuration { minimum_instance_metadata_service_version = \"2\" }`.",
        fixed: r#"resource "aws_sagemaker_notebook_instance" "lab" {
  name          = "lab"
  role_arn      = aws_iam_role.notebook.arn
  instance_type = "ml.t3.medium"

  instance_metadata_service_configuration {
    minimum_instance_metadata_service_version = "2"
  }
}"#,
    },
    passing: &[r#"
resource "aws_sagemaker_notebook_instance" "lab" {
  name          = "lab"
  role_arn      = "arn:aws:iam::111122223333:role/notebook"
  instance_type = "ml.t3.medium"

  instance_metadata_service_configuration {
    minimum_instance_metadata_service_version = "2"
  }
}"#],
    failing: &[
        r#"
resource "aws_sagemaker_notebook_instance" "lab" {
  name          = "lab"
  role_arn      = "arn:aws:iam::111122223333:role/notebook"
  instance_type = "ml.t3.medium"
}"#,
        r#"
resource "aws_sagemaker_notebook_instance" "lab" {
  name          = "lab"
  role_arn      = "arn:aws:iam::111122223333:role/notebook"
  instance_type = "ml.t3.medium"

  instance_metadata_service_configuration {
    minimum_instance_metadata_service_version = "1"
  }
}"#,
    ],
    evaluate: |notebook| {
        string_in(
            notebook,
            "instance_metadata_service_configuration.minimum_instance_metadata_service_version",
            &["2"],
            Verdict::Failed,
        )
    },
};

static FLOW_DEFINITION_KMS_KEY: Check = Check {
    id: "CKV_AWS_372",
    name: "Ensure Amazon SageMaker Flow Definition uses KMS for output configurations",
    kind: EntityKind::Resource,
    resource_types: &["aws_sagemaker_flow_definition"],
    severity: Severity::Medium,
    explanation: Explanation {
        what: "A flow definition (human review workflow) names a KMS key in `output_config`'s `kms_key_id`.",
        why: "With a key of your own you decide who may read the reviewers' results written to S3, and every use of the key is logged.",
        fix: "Set `kms_key_id` in the flow definition's `output_config`.",
        fixed: r#"  output_config {
    s3_output_path = "s3://reviews/output"
    kms_key_id     = aws_kms_key.reviews.arn
  }"#,
    },
    passing: &[r#"
resource "aws_sagemaker_flow_definition" "review" {
  flow_definition_name = "review"
  role_arn             = "arn:aws:iam::111122223333:role/review"

  output_config {
    s3_output_path = "s3://reviews/output"
    kms_key_id     = "arn:aws:kms:eu-west-1:111122223333:key/abc"
  }
}"#],
    failing: &[r#"
resource "aws_sagemaker_flow_definition" "review" {
  flow_definition_name = "review"
  role_arn             = "arn:aws:iam::111122223333:role/review"

  output_config {
    s3_output_path = "s3://reviews/output"
  }
}"#],
    evaluate: |flow| is_set(flow, "output_config.kms_key_id"),
};
