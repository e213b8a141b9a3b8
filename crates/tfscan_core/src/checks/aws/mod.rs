//! AWS checks, one file per service.

use crate::check::Check;

pub mod cloudwatch;
pub mod dynamodb;
pub mod ecr;
pub mod ecs;
pub mod graph_iam;
pub mod graph_network;
pub mod graph_s3;
pub mod iam;
pub mod iam_actions;
pub mod iam_policy;
pub mod kms;
pub mod lambda;
pub mod lb;
pub mod s3;
pub mod s3_policy;
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
    graph_iam::CHECKS,
    graph_network::CHECKS,
    graph_s3::CHECKS,
    iam::CHECKS,
    kms::CHECKS,
    lambda::CHECKS,
    lb::CHECKS,
    s3::CHECKS,
    s3_policy::CHECKS,
    secretsmanager::CHECKS,
    security_group::CHECKS,
    vpc::CHECKS,
    waf::CHECKS,
];
