//! Every check tfscan runs, grouped by provider and service.

use alloc::vec::Vec;

use crate::check::Check;

pub mod aws;
pub mod rules;
pub mod secrets;

/// Every check, in a stable order (by provider, then service, then as each file lists them).
pub fn all() -> Vec<&'static Check> {
    aws::ALL
        .iter()
        .flat_map(|service| service.iter().copied())
        .collect()
}
