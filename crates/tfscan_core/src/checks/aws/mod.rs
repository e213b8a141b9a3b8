//! AWS checks, one file per service.

use crate::check::Check;

pub mod cloudwatch;
pub mod dynamodb;
pub mod ecr;
pub mod ecs;
pub mod iam;
pub mod iam_actions;
pub mod iam_policy;
pub mod kms;
pub mod lambda;
pub mod lb;
pub mod s3;
pub mod secretsmanager;
pub mod security_group;
pub mod vpc;
pub mod waf;

/// Each service's checks.
pub static ALL: &[&[&Check]] = &[
    cloudwatch::CHECKS,
    dynamodb::CHECKS,
    ecr::CHECKS,
    ecs::CHECKS,
    iam::CHECKS,
    kms::CHECKS,
    lambda::CHECKS,
    lb::CHECKS,
    s3::CHECKS,
    secretsmanager::CHECKS,
    security_group::CHECKS,
    vpc::CHECKS,
    waf::CHECKS,
];
