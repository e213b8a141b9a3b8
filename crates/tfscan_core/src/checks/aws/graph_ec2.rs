//! EC2 checks that look at connected resources (Checkov's graph checks): EBS volumes and
//! their attachments, Elastic IPs and what holds them, instances and their IAM role.

use crate::check::{Check, EntityKind, Explanation, Resource, Severity, Verdict};
use crate::value::Value;

use super::graph_conditions::{any_connected, any_of, equals, exists, has_connected};

/// This group's checks.
pub static CHECKS: &[&Check] = &[
    &ATTACHED_VOLUMES_ENCRYPTED,
    &ELASTIC_IP_ATTACHED,
    &INSTANCE_HAS_ROLE,
];

// Checkov lists `aws_volume_attachment` among the types, but gives its verdicts on the
// volumes only; the attachment is what connects them.
static ATTACHED_VOLUMES_ENCRYPTED: Check = Check {
    id: "CKV2_AWS_2",
    name: "Ensure that only encrypted EBS volumes are attached to EC2 instances",
    kind: EntityKind::Resource,
    resource_types: &["aws_ebs_volume"],
    severity: Severity::High,
    explanation: Explanation {
        what: "An EBS volume that an `aws_volume_attachment` attaches to an instance has `encrypted = true`.",
        why: "An unencrypted volume keeps the instance's data, and every snapshot of it, readable to whoever gets hold of the storage or a copy.",
        fix: "Set `encrypted = true` on the volume (a new volume: encryption cannot be switched on in place), ideally with a customer managed `kms_key_id`.",
        fixed: r#"resource "aws_ebs_volume" "data" {
  availability_zone = "eu-west-1a"
  size              = 20
  encrypted         = true
}"#,
    },
    passing: &[
        r#"
resource "aws_ebs_volume" "data" {
  availability_zone = "eu-west-1a"
  size              = 20
  encrypted         = true
}

resource "aws_volume_attachment" "data" {
  device_name = "/dev/sdh"
  volume_id   = aws_ebs_volume.data.id
  instance_id = "i-0123456789abcdef0"
}"#,
        // A volume that nothing attaches is not judged on its encryption here.
        r#"
resource "aws_ebs_volume" "spare" {
  availability_zone = "eu-west-1a"
  size              = 20
}"#,
    ],
    failing: &[
        r#"
resource "aws_ebs_volume" "data" {
  availability_zone = "eu-west-1a"
  size              = 20
}

resource "aws_volume_attachment" "data" {
  device_name = "/dev/sdh"
  volume_id   = aws_ebs_volume.data.id
  instance_id = "i-0123456789abcdef0"
}"#,
        r#"
resource "aws_ebs_volume" "data" {
  availability_zone = "eu-west-1a"
  size              = 20
  encrypted         = false
}

resource "aws_volume_attachment" "data" {
  device_name = "/dev/sdh"
  volume_id   = aws_ebs_volume.data.id
  instance_id = "i-0123456789abcdef0"
}"#,
    ],
    evaluate: attached_volume_encrypted,
};

fn attached_volume_encrypted(volume: &Resource<'_>) -> Verdict {
    if !has_connected(volume, &["aws_volume_attachment"]) {
        return Verdict::Passed;
    }
    equals(volume.attributes, "encrypted", "true")
}

// Checkov lists `aws_eip_association` among the types, but gives its verdicts on the
// addresses only.
static ELASTIC_IP_ATTACHED: Check = Check {
    id: "CKV2_AWS_19",
    name: "Ensure that all EIP addresses allocated to a VPC are attached to EC2 instances",
    kind: EntityKind::Resource,
    resource_types: &["aws_eip"],
    severity: Severity::Low,
    explanation: Explanation {
        what: "A VPC Elastic IP is held by an instance (through `instance` or an `aws_eip_association` with an `instance_id`) or by a NAT gateway of the configuration.",
        why: "An unattached address is an unused public entry point that costs money and is easily pointed at the wrong resource later.",
        fix: "Attach the address to the instance or NAT gateway it was allocated for, or release it.",
        fixed: r#"resource "aws_eip" "web" {
  domain   = "vpc"
  instance = aws_instance.web.id
}"#,
    },
    passing: &[
        r#"
resource "aws_instance" "web" {
  ami           = "ami-0c55b159cbfafe1f0"
  instance_type = "t3.micro"
}

resource "aws_eip" "web" {
  domain   = "vpc"
  instance = aws_instance.web.id
}"#,
        r#"
resource "aws_eip" "nat" {
  domain = "vpc"
}

resource "aws_nat_gateway" "main" {
  allocation_id = aws_eip.nat.id
  subnet_id     = "subnet-0a1b2c3d4e5f60718"
}"#,
        r#"
resource "aws_instance" "web" {
  ami           = "ami-0c55b159cbfafe1f0"
  instance_type = "t3.micro"
}

resource "aws_eip" "web" {
  vpc = true
}

resource "aws_eip_association" "web" {
  allocation_id = aws_eip.web.id
  instance_id   = aws_instance.web.id
}"#,
    ],
    failing: &[
        r#"
resource "aws_eip" "unused" {
  domain = "vpc"
}"#,
        // Attached to an instance, but not allocated for a VPC.
        r#"
resource "aws_instance" "web" {
  ami           = "ami-0c55b159cbfafe1f0"
  instance_type = "t3.micro"
}

resource "aws_eip" "classic" {
  instance = aws_instance.web.id
}"#,
    ],
    evaluate: elastic_ip_attached,
};

/// Checkov passes an address held by an instance, by an association naming an instance, or by
/// a NAT gateway, when it is a VPC address (`vpc = true`, or `domain = "vpc"`, the newer
/// spelling). It also passes an address whose `instance` comes from a module or a data
/// source, which it cannot follow: here such a value is Unknown, and so is the verdict.
fn elastic_ip_attached(address: &Resource<'_>) -> Verdict {
    let attributes = address.attributes;
    if matches!(attributes.get("instance"), Some(Value::Unknown))
        && !has_connected(address, &["aws_instance"])
    {
        return Verdict::Unknown;
    }
    let held = any_of([
        crate::checks::rules::verdict(has_connected(address, &["aws_instance", "aws_nat_gateway"])),
        any_connected(address, &["aws_eip_association"], |association| {
            exists(association.attributes, "instance_id")
        }),
    ]);
    if held != Verdict::Passed {
        return held;
    }
    any_of([
        equals(attributes, "vpc", "true"),
        equals(attributes, "domain", "vpc"),
    ])
}

static INSTANCE_HAS_ROLE: Check = Check {
    id: "CKV2_AWS_41",
    name: "Ensure an IAM role is attached to EC2 instance",
    kind: EntityKind::Resource,
    resource_types: &["aws_instance"],
    severity: Severity::Medium,
    explanation: Explanation {
        what: "An EC2 instance names an instance profile in `iam_instance_profile`.",
        why: "Without a role, software on the instance that calls AWS needs long-lived access keys copied onto it, which leak and are rarely rotated.",
        fix: "Create an `aws_iam_instance_profile` for a role with the permissions the instance needs and name it in `iam_instance_profile`.",
        fixed: r#"resource "aws_instance" "web" {
  ami                  = "ami-0c55b159cbfafe1f0"
  instance_type        = "t3.micro"
  iam_instance_profile = aws_iam_instance_profile.web.name
}"#,
    },
    passing: &[r#"
resource "aws_instance" "web" {
  ami                  = "ami-0c55b159cbfafe1f0"
  instance_type        = "t3.micro"
  iam_instance_profile = "web-profile"
}"#],
    failing: &[r#"
resource "aws_instance" "web" {
  ami           = "ami-0c55b159cbfafe1f0"
  instance_type = "t3.micro"
}"#],
    evaluate: |instance| exists(instance.attributes, "iam_instance_profile"),
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_address_without_a_graph_is_not_held() {
        let attributes = crate::value::object([("domain", "vpc".into())]);
        let address = Resource {
            kind: EntityKind::Resource,
            resource_type: "aws_eip",
            name: "a",
            attributes: &attributes,
            connections: crate::graph::Connections::NONE,
        };
        assert_eq!(elastic_ip_attached(&address), Verdict::Failed);
    }
}
