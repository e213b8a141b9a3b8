//! Who may reach a bucket: its access control lists (canned or granted), its public access
//! block and its object ownership setting.

use crate::check::{Check, EntityKind, Explanation, Resource, Severity, Verdict};
use crate::value::Value;

use super::{any_connected, any_in, any_true, connected, equals, exists, values_at, Answer};

/// The grantee that stands for everyone on the internet.
const ALL_USERS: &str = "http://acs.amazonaws.com/groups/global/AllUsers";

/// The grantee that stands for every AWS account, of any owner.
const AUTHENTICATED_USERS: &str = "http://acs.amazonaws.com/groups/global/AuthenticatedUsers";

const GRANTEE_URIS: &str = "access_control_policy.grant.grantee.uri";

/// Whether `acl` is set on `resource` to none of the `public` canned ACLs; no when it is not set.
fn canned_acl_other_than(resource: &Resource<'_>, public: &[&str]) -> Answer {
    match resource.get("acl") {
        None | Some(Value::Null) => Answer::No,
        Some(acl) => Answer::any(public.iter().map(|name| equals(acl, name))).not(),
    }
}

/// Whether none of the grants of an `aws_s3_bucket_acl` names the grantee `uri` (yes when there
/// are no grants).
fn no_grant_to(acl: &Resource<'_>, uri: &str) -> Answer {
    Answer::any(
        values_at(acl.attributes, GRANTEE_URIS)
            .into_iter()
            .map(|grantee| equals(grantee, uri)),
    )
    .not()
}

pub(super) static PUBLIC_READ_ACL: Check = Check {
    id: "CKV_AWS_20",
    name: "S3 Bucket has an ACL defined which allows public READ access.",
    kind: EntityKind::Resource,
    resource_types: &["aws_s3_bucket"],
    severity: Severity::High,
    explanation: Explanation {
        what: "Neither the bucket's `acl` nor its `aws_s3_bucket_acl` lets everyone read it: no `public-read`, `public-read-write`, `authenticated-read` or `website` canned ACL, and no grant to the AllUsers group.",
        why: "A bucket readable by everyone publishes every object in it to the internet.",
        fix: "Use the `private` canned ACL, or better, disable ACLs with object ownership `BucketOwnerEnforced`.",
        fixed: r#"resource "aws_s3_bucket" "data" {
  bucket = "example-data"
}

resource "aws_s3_bucket_acl" "data" {
  bucket = aws_s3_bucket.data.id
  acl    = "private"
}"#,
    },
    passing: &[
        r#"
resource "aws_s3_bucket" "data" {
  bucket = "example-data"
}

resource "aws_s3_bucket_acl" "data" {
  bucket = aws_s3_bucket.data.id
  acl    = "private"
}"#,
        r#"
resource "aws_s3_bucket" "data" {
  bucket = "example-data"
  acl    = "private"
}"#,
        // No ACL at all: a new bucket is private.
        r#"
resource "aws_s3_bucket" "data" {
  bucket = "example-data"
}"#,
        r#"
resource "aws_s3_bucket" "data" {
  bucket = "example-data"
}

resource "aws_s3_bucket_acl" "data" {
  bucket = aws_s3_bucket.data.id

  access_control_policy {
    grant {
      grantee {
        id   = "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be"
        type = "CanonicalUser"
      }
      permission = "FULL_CONTROL"
    }

    owner {
      id = "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be"
    }
  }
}"#,
    ],
    failing: &[
        r#"
resource "aws_s3_bucket" "data" {
  bucket = "example-data"
  acl    = "public-read"
}"#,
        r#"
resource "aws_s3_bucket" "data" {
  bucket = "example-data"
}

resource "aws_s3_bucket_acl" "data" {
  bucket = aws_s3_bucket.data.id
  acl    = "authenticated-read"
}"#,
        r#"
resource "aws_s3_bucket" "data" {
  bucket = "example-data"
}

resource "aws_s3_bucket_acl" "data" {
  bucket = aws_s3_bucket.data.id

  access_control_policy {
    grant {
      grantee {
        type = "Group"
        uri  = "http://acs.amazonaws.com/groups/global/AllUsers"
      }
      permission = "READ"
    }

    owner {
      id = "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be"
    }
  }
}"#,
    ],
    evaluate: public_read_acl,
};

/// Checkov's rule passes a bucket when any one source of ACL is safe: its own `acl`, or a
/// connected `aws_s3_bucket_acl`'s canned ACL or grants, or when there is no ACL at all.
fn public_read_acl(bucket: &Resource<'_>) -> Verdict {
    const PUBLIC: &[&str] = &[
        "public-read",
        "public-read-write",
        "website",
        "authenticated-read",
    ];
    let acls = connected(bucket, "aws_s3_bucket_acl");

    let inline = canned_acl_other_than(bucket, PUBLIC);
    let separate = Answer::any(acls.iter().map(|acl| {
        let granted = Answer::from_bool(exists(acl, "access_control_policy"))
            .and(no_grant_to(acl, ALL_USERS));
        canned_acl_other_than(acl, PUBLIC).or(granted)
    }));
    let none = Answer::from_bool(!exists(bucket, "acl") && acls.is_empty());
    inline.or(separate).or(none).verdict()
}

pub(super) static PUBLIC_WRITE_ACL: Check = Check {
    id: "CKV_AWS_57",
    name: "S3 Bucket has an ACL defined which allows public WRITE access.",
    kind: EntityKind::Resource,
    resource_types: &["aws_s3_bucket"],
    severity: Severity::Critical,
    explanation: Explanation {
        what: "Neither the bucket's `acl` nor its `aws_s3_bucket_acl` lets everyone write to it: no `public-read-write` canned ACL, and no write or full-control grant alongside a grant to the AllUsers group.",
        why: "A bucket anyone can write to can be filled with malware or illegal content at the owner's cost, and its objects replaced.",
        fix: "Use the `private` canned ACL, or better, disable ACLs with object ownership `BucketOwnerEnforced`.",
        fixed: r#"resource "aws_s3_bucket" "data" {
  bucket = "example-data"
}

resource "aws_s3_bucket_acl" "data" {
  bucket = aws_s3_bucket.data.id
  acl    = "private"
}"#,
    },
    passing: &[
        r#"
resource "aws_s3_bucket" "data" {
  bucket = "example-data"
}

resource "aws_s3_bucket_acl" "data" {
  bucket = aws_s3_bucket.data.id
  acl    = "private"
}"#,
        r#"
resource "aws_s3_bucket" "data" {
  bucket = "example-data"
  acl    = "private"
}"#,
        r#"
resource "aws_s3_bucket" "data" {
  bucket = "example-data"
}"#,
    ],
    failing: &[
        r#"
resource "aws_s3_bucket" "data" {
  bucket = "example-data"
  acl    = "public-read-write"
}"#,
        r#"
resource "aws_s3_bucket" "data" {
  bucket = "example-data"
}

resource "aws_s3_bucket_acl" "data" {
  bucket = aws_s3_bucket.data.id
  acl    = "public-read-write"
}"#,
        r#"
resource "aws_s3_bucket" "data" {
  bucket = "example-data"
}

resource "aws_s3_bucket_acl" "data" {
  bucket = aws_s3_bucket.data.id

  access_control_policy {
    grant {
      grantee {
        type = "Group"
        uri  = "http://acs.amazonaws.com/groups/global/AllUsers"
      }
      permission = "WRITE"
    }

    owner {
      id = "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be"
    }
  }
}"#,
    ],
    evaluate: public_write_acl,
};

/// As [`public_read_acl`], with one quirk of Checkov's rule kept: it asks whether some grant
/// goes to AllUsers and whether some grant (not necessarily the same one) gives `WRITE`,
/// `WRITE_ACP` or `FULL_CONTROL`. So the owner's full control next to a public read grant
/// fails it.
fn public_write_acl(bucket: &Resource<'_>) -> Verdict {
    const PUBLIC: &[&str] = &["public-read-write"];
    const WRITING: &[&str] = &["WRITE", "FULL_CONTROL", "WRITE_ACP"];
    let acls = connected(bucket, "aws_s3_bucket_acl");

    let inline = canned_acl_other_than(bucket, PUBLIC);
    let separate = Answer::any(acls.iter().map(|acl| {
        let no_writing = any_in(acl, "access_control_policy.grant.permission", WRITING).not();
        let granted = Answer::from_bool(exists(acl, "access_control_policy"))
            .and(no_grant_to(acl, ALL_USERS).or(no_writing));
        canned_acl_other_than(acl, PUBLIC).or(granted)
    }));
    let none = Answer::from_bool(!exists(bucket, "acl") && acls.is_empty());
    inline.or(separate).or(none).verdict()
}

pub(super) static AUTHENTICATED_USERS_GRANT: Check = Check {
    id: "CKV2_AWS_43",
    name: "Ensure S3 Bucket does not allow access to all Authenticated users",
    kind: EntityKind::Resource,
    resource_types: &["aws_s3_bucket_acl"],
    severity: Severity::High,
    explanation: Explanation {
        what: "No grant of the bucket ACL goes to the AuthenticatedUsers group.",
        why: "That group is every AWS account in the world, not only the owner's users, so such a grant is as good as public.",
        fix: "Grant access to named accounts or canonical users instead, or disable ACLs and use a bucket policy.",
        fixed: r#"resource "aws_s3_bucket_acl" "data" {
  bucket = "example-data"

  access_control_policy {
    grant {
      grantee {
        id   = "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be"
        type = "CanonicalUser"
      }
      permission = "READ"
    }

    owner {
      id = "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be"
    }
  }
}"#,
    },
    passing: &[
        r#"
resource "aws_s3_bucket_acl" "data" {
  bucket = "example-data"

  access_control_policy {
    grant {
      grantee {
        id   = "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be"
        type = "CanonicalUser"
      }
      permission = "READ"
    }

    owner {
      id = "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be"
    }
  }
}"#,
        r#"
resource "aws_s3_bucket_acl" "data" {
  bucket = "example-data"
  acl    = "private"
}"#,
    ],
    failing: &[r#"
resource "aws_s3_bucket_acl" "data" {
  bucket = "example-data"

  access_control_policy {
    grant {
      grantee {
        id   = "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be"
        type = "CanonicalUser"
      }
      permission = "FULL_CONTROL"
    }

    grant {
      grantee {
        type = "Group"
        uri  = "http://acs.amazonaws.com/groups/global/AuthenticatedUsers"
      }
      permission = "READ"
    }

    owner {
      id = "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be"
    }
  }
}"#],
    evaluate: authenticated_users_grant,
};

fn authenticated_users_grant(acl: &Resource<'_>) -> Verdict {
    no_grant_to(acl, AUTHENTICATED_USERS).verdict()
}

pub(super) static PUBLIC_ACCESS_BLOCK: Check = Check {
    id: "CKV2_AWS_6",
    name: "Ensure that S3 bucket has a Public Access block",
    kind: EntityKind::Resource,
    resource_types: &["aws_s3_bucket"],
    severity: Severity::High,
    explanation: Explanation {
        what: "The bucket has an `aws_s3_bucket_public_access_block` that sets `block_public_acls` and `block_public_policy` to `true`.",
        why: "The public access block stops a later ACL or bucket policy from making the bucket public by mistake.",
        fix: "Add an `aws_s3_bucket_public_access_block` for the bucket with all four settings on.",
        fixed: r#"resource "aws_s3_bucket" "data" {
  bucket = "example-data"
}

resource "aws_s3_bucket_public_access_block" "data" {
  bucket                  = aws_s3_bucket.data.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}"#,
    },
    passing: &[r#"
resource "aws_s3_bucket" "data" {
  bucket = "example-data"
}

resource "aws_s3_bucket_public_access_block" "data" {
  bucket                  = aws_s3_bucket.data.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}"#],
    failing: &[
        r#"
resource "aws_s3_bucket" "data" {
  bucket = "example-data"
}"#,
        r#"
resource "aws_s3_bucket" "data" {
  bucket = "example-data"
}

resource "aws_s3_bucket_public_access_block" "data" {
  bucket              = aws_s3_bucket.data.id
  block_public_acls   = true
  block_public_policy = false
}"#,
        r#"
resource "aws_s3_bucket" "data" {
  bucket = "example-data"
}

resource "aws_s3_bucket_public_access_block" "data" {
  bucket = aws_s3_bucket.data.id
}"#,
    ],
    evaluate: public_access_block,
};

/// Checkov's rule looks at two of the four settings only; each left out counts as off.
fn public_access_block(bucket: &Resource<'_>) -> Verdict {
    any_connected(bucket, "aws_s3_bucket_public_access_block", |block| {
        any_true(block, "block_public_acls").and(any_true(block, "block_public_policy"))
    })
    .verdict()
}

pub(super) static ACLS_DISABLED: Check = Check {
    id: "CKV2_AWS_65",
    name: "Ensure access control lists for S3 buckets are disabled",
    kind: EntityKind::Resource,
    resource_types: &["aws_s3_bucket_ownership_controls"],
    severity: Severity::Medium,
    explanation: Explanation {
        what: "The bucket's ownership controls set `object_ownership = \"BucketOwnerEnforced\"`, which turns ACLs off.",
        why: "With ACLs on, any object or the bucket itself can be shared by an ACL that the bucket policy does not show.",
        fix: "Set the ownership rule's `object_ownership` to `BucketOwnerEnforced` and grant access with bucket policies.",
        fixed: r#"resource "aws_s3_bucket_ownership_controls" "data" {
  bucket = "example-data"

  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}"#,
    },
    passing: &[r#"
resource "aws_s3_bucket_ownership_controls" "data" {
  bucket = "example-data"

  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}"#],
    failing: &[
        r#"
resource "aws_s3_bucket_ownership_controls" "data" {
  bucket = "example-data"

  rule {
    object_ownership = "BucketOwnerPreferred"
  }
}"#,
        r#"
resource "aws_s3_bucket_ownership_controls" "data" {
  bucket = "example-data"

  rule {
    object_ownership = "ObjectWriter"
  }
}"#,
    ],
    evaluate: acls_disabled,
};

fn acls_disabled(controls: &Resource<'_>) -> Verdict {
    any_in(controls, "rule.object_ownership", &["BucketOwnerEnforced"]).verdict()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::value::object;
    use alloc::vec;
    use alloc::vec::Vec;

    fn acl(attributes: &Value) -> Resource<'_> {
        Resource {
            kind: EntityKind::Resource,
            resource_type: "aws_s3_bucket_acl",
            name: "test",
            attributes,
            connections: crate::graph::Connections::NONE,
        }
    }

    fn grants(grantees: Vec<(Value, &str)>) -> Value {
        let grants = grantees
            .into_iter()
            .map(|(uri, permission)| {
                object([
                    ("grantee", Value::List(vec![object([("uri", uri)])])),
                    ("permission", permission.into()),
                ])
            })
            .collect();
        object([(
            "access_control_policy",
            Value::List(vec![object([("grant", Value::List(grants))])]),
        )])
    }

    #[test]
    fn a_grant_to_a_group_is_found_among_others() {
        let mixed = grants(vec![
            (Value::Null, "FULL_CONTROL"),
            (AUTHENTICATED_USERS.into(), "READ"),
        ]);
        assert_eq!(no_grant_to(&acl(&mixed), AUTHENTICATED_USERS), Answer::No);
        assert_eq!(no_grant_to(&acl(&mixed), ALL_USERS), Answer::Yes);

        let unknown = grants(vec![(Value::Unknown, "READ")]);
        assert_eq!(
            no_grant_to(&acl(&unknown), AUTHENTICATED_USERS),
            Answer::Unknown
        );

        let canned = object([("acl", "private".into())]);
        assert_eq!(no_grant_to(&acl(&canned), ALL_USERS), Answer::Yes);
    }

    #[test]
    fn canned_acl_must_be_set_and_not_public() {
        let public = &["public-read"];
        let private = object([("acl", "private".into())]);
        assert_eq!(canned_acl_other_than(&acl(&private), public), Answer::Yes);
        let open = object([("acl", "public-read".into())]);
        assert_eq!(canned_acl_other_than(&acl(&open), public), Answer::No);
        let unset = object::<_, &str>([]);
        assert_eq!(canned_acl_other_than(&acl(&unset), public), Answer::No);
        let unknown = object([("acl", Value::Unknown)]);
        assert_eq!(
            canned_acl_other_than(&acl(&unknown), public),
            Answer::Unknown
        );
    }

    #[test]
    fn authenticated_users_grant_fails_the_acl() {
        let mixed = grants(vec![
            (Value::Null, "FULL_CONTROL"),
            (AUTHENTICATED_USERS.into(), "READ"),
        ]);
        assert_eq!(authenticated_users_grant(&acl(&mixed)), Verdict::Failed);
        let owner_only = grants(vec![(Value::Null, "FULL_CONTROL")]);
        assert_eq!(
            authenticated_users_grant(&acl(&owner_only)),
            Verdict::Passed
        );
    }
}
