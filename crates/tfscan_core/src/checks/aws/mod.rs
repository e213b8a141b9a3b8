//! AWS checks, one file per service.

use crate::check::Check;

pub mod acm;
pub mod ai_services;
pub mod ami;
pub mod apigateway;
pub mod appflow;
pub mod appsync;
pub mod athena;
pub mod autoscaling;
pub mod backup;
pub mod batch;
pub mod cloudformation;
pub mod cloudfront;
pub mod cloudsearch;
pub mod cloudtrail;
pub mod cloudwatch;
pub mod codebuild;
pub mod cognito;
pub mod config;
pub mod connect;
pub mod datasync;
pub mod dax;
pub mod developer_tools;
pub mod dlm;
pub mod dms;
pub mod docdb;
pub mod dynamodb;
pub mod ebs;
pub mod ec2;
pub mod ecr;
pub mod ecs;
pub mod efs;
pub mod eks;
pub mod elastic_beanstalk;
pub mod elasticache;
pub mod elasticsearch;
pub mod elb;
pub mod emr;
pub mod fsx;
pub mod glacier;
pub mod global_accelerator;
pub mod glue;
pub mod graph_acm;
pub mod graph_apis;
pub mod graph_audit;
pub mod graph_backup;
pub mod graph_cloudfront;
pub mod graph_conditions;
pub mod graph_database;
pub mod graph_ec2;
pub mod graph_emr;
pub mod graph_iam;
pub mod graph_network;
pub mod graph_opensearch;
pub mod graph_route53;
pub mod graph_s3;
pub mod graph_sqs;
pub mod graph_ssm;
pub mod guardduty;
pub mod iam;
pub mod iam_actions;
pub mod iam_policy;
pub mod imagebuilder;
pub mod keyspaces;
pub mod kinesis;
pub mod kms;
pub mod lambda;
pub mod lb;
pub mod memorydb;
pub mod mq;
pub mod msk;
pub mod mwaa;
pub mod neptune;
pub mod network_acl;
pub mod network_firewall;
pub mod provider;
pub mod qldb;
pub mod rds;
pub mod rds_cluster;
pub mod redshift;
pub mod route53;
pub mod s3;
pub mod s3_policy;
pub mod sagemaker;
pub mod scheduler;
pub mod secretsmanager;
pub mod security_group;
pub mod ses;
pub mod sfn;
pub mod sns;
pub mod sqs;
pub mod ssm;
pub mod timestream;
pub mod transfer;
pub mod vpc;
pub mod waf;
pub mod workspaces;

/// Each service's checks.
pub static ALL: &[&[&Check]] = &[
    acm::CHECKS,
    ai_services::CHECKS,
    ami::CHECKS,
    apigateway::CHECKS,
    appflow::CHECKS,
    appsync::CHECKS,
    athena::CHECKS,
    autoscaling::CHECKS,
    backup::CHECKS,
    batch::CHECKS,
    cloudformation::CHECKS,
    cloudfront::CHECKS,
    cloudsearch::CHECKS,
    cloudtrail::CHECKS,
    cloudwatch::CHECKS,
    codebuild::CHECKS,
    cognito::CHECKS,
    config::CHECKS,
    connect::CHECKS,
    datasync::CHECKS,
    dax::CHECKS,
    developer_tools::CHECKS,
    dlm::CHECKS,
    dms::CHECKS,
    docdb::CHECKS,
    dynamodb::CHECKS,
    ebs::CHECKS,
    ec2::CHECKS,
    ecr::CHECKS,
    ecs::CHECKS,
    efs::CHECKS,
    eks::CHECKS,
    elastic_beanstalk::CHECKS,
    elasticache::CHECKS,
    elasticsearch::CHECKS,
    elb::CHECKS,
    emr::CHECKS,
    fsx::CHECKS,
    glacier::CHECKS,
    global_accelerator::CHECKS,
    glue::CHECKS,
    graph_acm::CHECKS,
    graph_apis::CHECKS,
    graph_audit::CHECKS,
    graph_backup::CHECKS,
    graph_cloudfront::CHECKS,
    graph_database::CHECKS,
    graph_ec2::CHECKS,
    graph_emr::CHECKS,
    graph_iam::CHECKS,
    graph_network::CHECKS,
    graph_opensearch::CHECKS,
    graph_route53::CHECKS,
    graph_s3::CHECKS,
    graph_sqs::CHECKS,
    graph_ssm::CHECKS,
    guardduty::CHECKS,
    iam::CHECKS,
    imagebuilder::CHECKS,
    keyspaces::CHECKS,
    kinesis::CHECKS,
    kms::CHECKS,
    lambda::CHECKS,
    lb::CHECKS,
    memorydb::CHECKS,
    mq::CHECKS,
    msk::CHECKS,
    mwaa::CHECKS,
    neptune::CHECKS,
    network_acl::CHECKS,
    network_firewall::CHECKS,
    provider::CHECKS,
    qldb::CHECKS,
    rds::CHECKS,
    rds_cluster::CHECKS,
    redshift::CHECKS,
    route53::CHECKS,
    s3::CHECKS,
    s3_policy::CHECKS,
    sagemaker::CHECKS,
    scheduler::CHECKS,
    secretsmanager::CHECKS,
    security_group::CHECKS,
    ses::CHECKS,
    sfn::CHECKS,
    sns::CHECKS,
    sqs::CHECKS,
    ssm::CHECKS,
    timestream::CHECKS,
    transfer::CHECKS,
    vpc::CHECKS,
    waf::CHECKS,
    workspaces::CHECKS,
];
