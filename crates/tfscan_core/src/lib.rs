//! tfscan's core: the Terraform model, its evaluation, the checks, the report and its
//! renderers. It is `no_std` + `alloc`: text and values come in, a report goes out. Parsing
//! lives in `tfscan_hcl`; disks, terminals and JavaScript live in the hosts.
#![no_std]

extern crate alloc;
#[cfg(feature = "std")]
extern crate std;

pub mod baseline;
pub mod check;
pub mod checks;
pub mod command_line;
pub mod config;
pub mod custom;
pub mod engine;
pub mod eval;
pub mod gate;
pub mod graph;
pub mod limits;
pub mod reading;
pub mod render;
pub mod report;
pub mod skip_path;
pub mod suppress;
pub mod syntax;
pub mod value;
pub mod yaml;

pub use check::{Check, CheckRef, EntityKind, Resource, Severity, Verdict};
pub use engine::{scan, ScanOptions};
pub use limits::Limits;
pub use report::{Finding, Outcome, Report, Summary};
pub use syntax::{Attribute, Block, Body, Expr, LineRange, ParseError, SourceFile};
pub use value::Value;
