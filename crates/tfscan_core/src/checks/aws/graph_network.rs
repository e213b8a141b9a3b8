//! AWS checks that look at connected resources (Checkov's graph checks, and resource checks
//! Checkov satisfies through separate resources): network.

use crate::check::Check;

/// This group's checks.
pub static CHECKS: &[&Check] = &[];
