//! Evaluation: from expressions to values, with variables, locals, references and functions.

pub mod functions;
