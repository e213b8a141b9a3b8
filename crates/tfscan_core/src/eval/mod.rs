//! Evaluation: from expressions to values, with variables, locals, references and functions.
//!
//! What cannot be known statically — a resource attribute computed at apply time, a variable
//! with no value — evaluates to [`Value::Unknown`], which spreads through every operation
//! that depends on it and never becomes a pass or a fail.

mod expr;
pub mod functions;
pub mod locals;
pub mod module;
mod policy_document;
mod types;

pub use expr::{evaluate, EvalError, Reference, Scope};

use alloc::string::String;

use crate::syntax::Expr;
use crate::value::Value;

/// Evaluates an expression that refers to nothing but literals and functions, as
/// `terraform console` would in an empty folder.
pub fn evaluate_standalone(expr: &Expr) -> Result<Value, String> {
    evaluate(expr, &EmptyScope).map_err(|error| error.0)
}

struct EmptyScope;

impl Scope for EmptyScope {
    fn resolve(&self, root: &str, _attributes: &[&str]) -> Result<Reference, EvalError> {
        Err(EvalError::new(alloc::format!("unknown name \"{root}\"")))
    }
}
