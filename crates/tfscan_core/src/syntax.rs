//! The parsed form of Terraform files, shared by every frontend (native HCL syntax and
//! Terraform's JSON syntax). It mirrors HCL's structure: a body holds attributes and blocks,
//! and every attribute value is an expression evaluated later by [`crate::eval`].

use alloc::boxed::Box;
use alloc::string::String;
use alloc::vec::Vec;

/// The 1-based first and last line of a block or attribute, as Checkov reports them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct LineRange {
    pub first: u32,
    pub last: u32,
}

impl LineRange {
    pub const fn new(first: u32, last: u32) -> Self {
        Self { first, last }
    }
}

/// What a file holds, which decides how its top-level body is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// A `.tf` or `.tf.json` configuration file.
    Configuration,
    /// A `.tfvars` (or `.tfvars.json`) file: top-level attributes are variable values.
    VariableValues,
}

/// One parsed file: its path as the host named it, its kind, its body, and its text (kept
/// for inline suppression comments and for showing the offending lines).
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub path: String,
    pub kind: FileKind,
    pub body: Body,
    pub text: String,
}

/// The contents of a file or of a block: attributes and nested blocks, in source order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Body {
    pub attributes: Vec<Attribute>,
    pub blocks: Vec<Block>,
}

impl Body {
    /// The attribute called `name`, if the body sets it.
    pub fn attribute(&self, name: &str) -> Option<&Attribute> {
        self.attributes
            .iter()
            .find(|attribute| attribute.name == name)
    }

    /// The nested blocks of one type, in source order.
    pub fn blocks_of<'a>(&'a self, kind: &'a str) -> impl Iterator<Item = &'a Block> + 'a {
        self.blocks.iter().filter(move |block| block.kind == kind)
    }
}

/// `name = expression`.
#[derive(Debug, Clone, PartialEq)]
pub struct Attribute {
    pub name: String,
    pub expr: Expr,
    pub lines: LineRange,
}

/// `kind "label" "label" { body }`, e.g. `resource "aws_s3_bucket" "logs" { ... }`.
#[derive(Debug, Clone, PartialEq)]
pub struct Block {
    pub kind: String,
    pub labels: Vec<String>,
    pub body: Body,
    pub lines: LineRange,
}

/// An HCL expression, as written.
#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    Null,
    Bool(bool),
    Number(f64),
    /// A string with no interpolation in it.
    String(String),
    /// A quoted string or heredoc with `${...}` or `%{...}` in it.
    Template(Vec<TemplatePart>),
    Tuple(Vec<Expr>),
    Object(Vec<(ObjectKey, Expr)>),
    /// A bare name at the start of a traversal: `var`, `local`, `aws_s3_bucket`, `each`, ...
    Variable(String),
    /// `expr.attr`, `expr[index]`, `expr[*].attr`, ... applied left to right.
    Traversal(Box<Expr>, Vec<Operator>),
    FunctionCall(Box<FunctionCall>),
    Unary(UnaryOperator, Box<Expr>),
    Binary(BinaryOperator, Box<Expr>, Box<Expr>),
    Conditional(Box<Conditional>),
    For(Box<ForExpr>),
    Parenthesis(Box<Expr>),
}

/// The key of an object constructor entry. A bare name is the string itself (`{ a = 1 }`
/// has the key `"a"`); anything else is evaluated.
#[derive(Debug, Clone, PartialEq)]
pub enum ObjectKey {
    Name(String),
    Expr(Expr),
}

/// One step of a traversal.
#[derive(Debug, Clone, PartialEq)]
pub enum Operator {
    /// `.name`
    GetAttr(String),
    /// `[expr]`
    Index(Expr),
    /// `.0`, the legacy index syntax.
    LegacyIndex(u64),
    /// `.*`: the following attribute accesses apply to each element.
    AttrSplat,
    /// `[*]`: every following operator applies to each element.
    FullSplat,
}

#[derive(Debug, Clone, PartialEq)]
pub struct FunctionCall {
    pub name: String,
    pub args: Vec<Expr>,
    /// `f(list...)`: the last argument's elements are passed as separate arguments.
    pub expand_final: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnaryOperator {
    Neg,
    Not,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BinaryOperator {
    Eq,
    NotEq,
    LessEq,
    GreaterEq,
    Less,
    Greater,
    Mul,
    Div,
    Mod,
    Add,
    Sub,
    And,
    Or,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Conditional {
    pub condition: Expr,
    pub true_expr: Expr,
    pub false_expr: Expr,
}

/// `[for k, v in coll : value if cond]` or `{for k, v in coll : key => value... if cond}`.
#[derive(Debug, Clone, PartialEq)]
pub struct ForExpr {
    pub key_var: Option<String>,
    pub value_var: String,
    pub collection: Expr,
    /// Present for object `for` expressions.
    pub key: Option<Expr>,
    pub value: Expr,
    pub condition: Option<Expr>,
    /// `...` after the value: values for the same key are grouped into a list.
    pub grouping: bool,
}

/// A piece of a template.
#[derive(Debug, Clone, PartialEq)]
pub enum TemplatePart {
    Literal(String),
    Interpolation(Expr),
    If {
        condition: Expr,
        then_parts: Vec<TemplatePart>,
        else_parts: Vec<TemplatePart>,
    },
    For {
        key_var: Option<String>,
        value_var: String,
        collection: Expr,
        body: Vec<TemplatePart>,
    },
}

/// A file that could not be read as Terraform: where, and what was expected. The other files
/// are still scanned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    /// The file's path as the host named it.
    pub path: String,
    /// 1-based line of the problem.
    pub line: u32,
    /// 1-based column (in characters) of the problem.
    pub column: u32,
    pub message: String,
}

/// `path:line:column: message`, the path as the host named it; a report's
/// [`crate::report::ParsingError`] prints it from where the scan ran.
impl core::fmt::Display for ParseError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.path, self.line, self.column, self.message
        )
    }
}

impl Expr {
    /// Calls `visit` with the root name and the first two attribute names (if any) of every
    /// reference in the expression: `module.vpc.id` gives `("module", Some("vpc"), Some("id"))`.
    pub fn visit_references<'a>(
        &'a self,
        visit: &mut dyn FnMut(&'a str, Option<&'a str>, Option<&'a str>),
    ) {
        match self {
            Expr::Null | Expr::Bool(_) | Expr::Number(_) | Expr::String(_) => {}
            Expr::Variable(name) => visit(name, None, None),
            Expr::Traversal(root, operators) => {
                if let Expr::Variable(name) = root.as_ref() {
                    let attribute = |index: usize| match operators.get(index) {
                        Some(Operator::GetAttr(attribute)) => Some(attribute.as_str()),
                        _ => None,
                    };
                    let first = attribute(0);
                    visit(name, first, first.and(attribute(1)));
                } else {
                    root.visit_references(visit);
                }
                for operator in operators {
                    if let Operator::Index(index) = operator {
                        index.visit_references(visit);
                    }
                }
            }
            Expr::Template(parts) => visit_template(parts, visit),
            Expr::Tuple(items) => items.iter().for_each(|item| item.visit_references(visit)),
            Expr::Object(entries) => {
                for (key, value) in entries {
                    if let ObjectKey::Expr(key) = key {
                        key.visit_references(visit);
                    }
                    value.visit_references(visit);
                }
            }
            Expr::FunctionCall(call) => {
                call.args.iter().for_each(|arg| arg.visit_references(visit));
            }
            Expr::Unary(_, operand) | Expr::Parenthesis(operand) => operand.visit_references(visit),
            Expr::Binary(_, left, right) => {
                left.visit_references(visit);
                right.visit_references(visit);
            }
            Expr::Conditional(conditional) => {
                conditional.condition.visit_references(visit);
                conditional.true_expr.visit_references(visit);
                conditional.false_expr.visit_references(visit);
            }
            Expr::For(for_expr) => {
                for_expr.collection.visit_references(visit);
                for_expr.value.visit_references(visit);
                if let Some(key) = &for_expr.key {
                    key.visit_references(visit);
                }
                if let Some(condition) = &for_expr.condition {
                    condition.visit_references(visit);
                }
            }
        }
    }
}

fn visit_template<'a>(
    parts: &'a [TemplatePart],
    visit: &mut dyn FnMut(&'a str, Option<&'a str>, Option<&'a str>),
) {
    for part in parts {
        match part {
            TemplatePart::Literal(_) => {}
            TemplatePart::Interpolation(expr) => expr.visit_references(visit),
            TemplatePart::If {
                condition,
                then_parts,
                else_parts,
            } => {
                condition.visit_references(visit);
                visit_template(then_parts, visit);
                visit_template(else_parts, visit);
            }
            TemplatePart::For {
                collection, body, ..
            } => {
                collection.visit_references(visit);
                visit_template(body, visit);
            }
        }
    }
}

impl Body {
    /// Every reference in the body's attributes and nested blocks (see
    /// [`Expr::visit_references`]).
    pub fn visit_references<'a>(
        &'a self,
        visit: &mut dyn FnMut(&'a str, Option<&'a str>, Option<&'a str>),
    ) {
        for attribute in &self.attributes {
            attribute.expr.visit_references(visit);
        }
        for block in &self.blocks {
            block.body.visit_references(visit);
        }
    }
}
