//! AWS vpc checks.

use crate::check::Check;

/// This service's checks.
pub static CHECKS: &[&Check] = &[];
