//! Every AWS check of Checkov's catalogue (../shared/checkov-catalogue.tsv) has a tfscan check
//! with its ID and resource types among the catalogue's, unless it is in [`NOT_STATIC`] with the reason it
//! cannot be judged from Terraform alone.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use tfscan_core::EntityKind;

/// Catalogue AWS IDs tfscan does not implement, each with its reason.
const NOT_STATIC: &[(&str, &str)] = &[
    (
        "CKV2_AWS_9",
        "Checkov 3.3.30 never gives a verdict: its rule reports on aws_backup_selection blocks \
         but keeps only EBS volumes, so every selection drops out. A tfscan rule that agreed \
         could only ever say nothing; one that judged volumes would invent rows Checkov never \
         gives.",
    ),
    (
        "CKV2_AWS_18",
        "As CKV2_AWS_9, for EFS file systems: Checkov 3.3.30 never gives a verdict.",
    ),
];

/// Checks that Checkov reports on other types than its catalogue row names, with the reason.
const REPORTED_ON_OTHER_TYPES: &[(&str, &str)] = &[(
    "CKV2_AWS_15",
    "Checkov reports it on the aws_autoscaling_attachment that joins the group to the load \
     balancer; the row names the group and balancer the rule reads",
)];

/// ../shared beside the repository, or the folder named by TFSCAN_SHARED.
fn shared() -> PathBuf {
    std::env::var_os("TFSCAN_SHARED").map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared"),
        PathBuf::from,
    )
}

#[test]
fn every_aws_check_of_the_catalogue_exists() {
    let path = shared().join("checkov-catalogue.tsv");
    let Ok(catalogue) = std::fs::read_to_string(&path) else {
        println!("SKIPPED: {} is absent", path.display());
        return;
    };
    let ours: BTreeMap<&str, Vec<&tfscan_core::Check>> =
        tfscan_core::checks::all()
            .iter()
            .fold(BTreeMap::new(), |mut map, check| {
                map.entry(check.id).or_insert_with(Vec::new).push(*check);
                map
            });
    let explained: BTreeSet<&str> = NOT_STATIC.iter().map(|(id, _)| *id).collect();
    let mut missing = Vec::new();
    let mut wrong_types = Vec::new();
    let mut aws = 0;
    for line in catalogue.lines().skip(1) {
        let fields: Vec<&str> = line.split('\t').collect();
        let [id, entities, provider, kind, ..] = fields[..] else {
            continue;
        };
        if provider != "aws" {
            continue;
        }
        aws += 1;
        let Some(checks) = ours.get(id) else {
            if !explained.contains(id) {
                missing.push(id.to_string());
            }
            continue;
        };
        assert!(
            !explained.contains(id),
            "{id} is implemented: remove it from NOT_STATIC"
        );
        // The catalogue names data sources `data.aws_x`; graph checks may span both kinds.
        let expected: BTreeSet<String> = entities.split(',').map(str::to_string).collect();
        let found: BTreeSet<String> = checks
            .iter()
            .flat_map(|check| {
                check.resource_types.iter().map(move |resource_type| {
                    if check.kind == EntityKind::Data && kind != "data" {
                        format!("data.{resource_type}")
                    } else {
                        (*resource_type).to_string()
                    }
                })
            })
            .collect();
        // Checkov reads some companions (an S3 bucket's versioning resource) to judge the main
        // resource and lists both: tfscan reports on the main one. It never reports on a type
        // the catalogue does not name.
        if !found.is_subset(&expected)
            && !REPORTED_ON_OTHER_TYPES
                .iter()
                .any(|(other, _)| *other == id)
        {
            wrong_types.push(format!("{id}: catalogue {expected:?}, tfscan {found:?}"));
        }
    }
    println!(
        "{aws} AWS checks in the catalogue: {} implemented, {} explained as not static",
        aws - missing.len() - explained.len(),
        explained.len()
    );
    assert!(
        wrong_types.is_empty(),
        "resource types the catalogue does not name:\n{}",
        wrong_types.join("\n")
    );
    assert!(
        missing.is_empty(),
        "AWS checks without a tfscan check: {missing:?}"
    );
}
