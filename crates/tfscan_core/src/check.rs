//! What a check is: its metadata, its documentation, its examples and its logic.

use crate::value::Value;

/// The kind of block a check applies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum EntityKind {
    /// A `resource` block.
    Resource,
    /// A `data` block.
    Data,
    /// A `provider` block: its type is the provider's name (`aws`), its name the provider's
    /// `alias`, or `default`.
    Provider,
}

/// How much a failure matters. Checkov's open-source edition gives its own checks no
/// severities; these are tfscan's own judgement. `Info` is only ever a custom policy's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Info,
    Low,
    Medium,
    High,
    Critical,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "INFO",
            Severity::Low => "LOW",
            Severity::Medium => "MEDIUM",
            Severity::High => "HIGH",
            Severity::Critical => "CRITICAL",
        }
    }
}

/// The answer of one check on one resource.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Verdict {
    Passed,
    Failed,
    /// The value the check needs cannot be known statically (an unset variable, a value known
    /// only after apply). Never counted as passed or failed; shown in the report.
    Unknown,
    /// The check has nothing to say about this resource (Checkov reports no row for it), e.g.
    /// a listener check on a protocol it does not cover.
    NotApplicable,
}

/// What a check explains to the person who meets its finding.
#[derive(Debug, Clone, Copy)]
pub struct Explanation {
    /// What is checked, in one sentence.
    pub what: &'static str,
    /// Why it matters, in one sentence.
    pub why: &'static str,
    /// How to fix it, in one sentence.
    pub fix: &'static str,
    /// The fixed Terraform.
    pub fixed: &'static str,
}

/// One check: Checkov's ID and name, tfscan's severity, the block types it reads, its
/// explanation, Terraform examples that must pass and fail (run as tests), and its logic.
#[derive(Debug)]
pub struct Check {
    pub id: &'static str,
    pub name: &'static str,
    pub kind: EntityKind,
    pub resource_types: &'static [&'static str],
    pub severity: Severity,
    pub explanation: Explanation,
    /// Each is a complete snippet of Terraform: every block of the check's types in it must
    /// pass, and there must be at least one.
    pub passing: &'static [&'static str],
    /// Each is a complete snippet of Terraform: at least one block of the check's types in it
    /// must fail.
    pub failing: &'static [&'static str],
    pub evaluate: fn(&Resource<'_>) -> Verdict,
}

impl Check {
    /// Where a person reads more about the check. tfscan's own explanation travels with every
    /// finding; this links to Checkov's index of Terraform checks, where the same ID is listed.
    pub fn guideline(&self) -> &'static str {
        GUIDELINE
    }
}

/// Checkov's public index of its Terraform checks, by ID.
pub const GUIDELINE: &str = "https://www.checkov.io/5.Policy%20Index/terraform.html";

/// The check a finding answers: one of tfscan's built-in checks, or a custom policy read at run
/// time (see [`crate::custom`]). Both have an ID and a name; a built-in check always has a
/// severity, a guideline and an explanation, a custom policy only what its metadata gives.
#[derive(Debug, Clone)]
pub enum CheckRef {
    BuiltIn(&'static Check),
    Custom(alloc::sync::Arc<crate::custom::Policy>),
}

impl CheckRef {
    pub fn id(&self) -> &str {
        match self {
            CheckRef::BuiltIn(check) => check.id,
            CheckRef::Custom(policy) => &policy.id,
        }
    }

    pub fn name(&self) -> &str {
        match self {
            CheckRef::BuiltIn(check) => check.name,
            CheckRef::Custom(policy) => &policy.name,
        }
    }

    pub fn severity(&self) -> Option<Severity> {
        match self {
            CheckRef::BuiltIn(check) => Some(check.severity),
            CheckRef::Custom(policy) => policy.severity,
        }
    }

    /// The severity's name, or `NONE` for a custom policy without one.
    pub fn severity_name(&self) -> &'static str {
        self.severity().map_or("NONE", Severity::as_str)
    }

    pub fn guideline(&self) -> Option<&str> {
        match self {
            CheckRef::BuiltIn(check) => Some(check.guideline()),
            CheckRef::Custom(policy) => policy.guideline(),
        }
    }

    /// What a built-in check explains (custom policies have no explanation).
    pub fn explanation(&self) -> Option<&'static Explanation> {
        match self {
            CheckRef::BuiltIn(check) => Some(&check.explanation),
            CheckRef::Custom(_) => None,
        }
    }

    /// The built-in check, when it is one.
    pub fn built_in(&self) -> Option<&'static Check> {
        match self {
            CheckRef::BuiltIn(check) => Some(check),
            CheckRef::Custom(_) => None,
        }
    }
}

impl From<&'static Check> for CheckRef {
    fn from(check: &'static Check) -> Self {
        CheckRef::BuiltIn(check)
    }
}

/// The block a check looks at: its type, its name and its evaluated attributes.
///
/// `attributes` is an object: each attribute by name (an attribute whose value cannot be
/// known is present as [`Value::Unknown`], so "is it set?" still has an answer), and each
/// nested block type by name as a list of objects, one per block, in source order (also when
/// there is only one block: `versioning { enabled = true }` is `versioning: [{enabled:
/// true}]`). Dynamic blocks are already expanded.
#[derive(Debug, Clone, Copy)]
pub struct Resource<'a> {
    pub kind: EntityKind,
    pub resource_type: &'a str,
    pub name: &'a str,
    pub attributes: &'a Value,
    /// What the resource is connected to (see [`Resource::referrers`]); `Connections::NONE`
    /// when it is looked at on its own.
    pub connections: crate::graph::Connections<'a>,
}

impl<'a> Resource<'a> {
    /// The attribute or nested block at a dotted path (see [`Value::lookup`]).
    pub fn get(&self, path: &str) -> Option<&'a Value> {
        self.attributes.lookup(path)
    }
}
