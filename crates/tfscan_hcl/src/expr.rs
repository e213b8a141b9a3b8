//! hcl-edit expressions into the model's [`Expr`].

use hcl_edit::expr::{self as hcl, Expression};
use hcl_edit::Span;
use tfscan_core::syntax::{
    BinaryOperator, Conditional, Expr, ForExpr, FunctionCall, ObjectKey, Operator, UnaryOperator,
};

/// Converts what hcl-edit parsed. Object keys that were renamed in the parsed copy of the text
/// (see [`crate::repeated_keys`]) get their names back from the original text.
#[derive(Clone, Copy)]
pub(crate) struct Converter<'a> {
    /// The text as the user wrote it.
    original: &'a str,
    /// Byte offsets, in ascending order, of object keys that the parsed copy renamed.
    renamed_keys: &'a [usize],
}

impl<'a> Converter<'a> {
    pub(crate) fn new(original: &'a str, renamed_keys: &'a [usize]) -> Self {
        Self {
            original,
            renamed_keys,
        }
    }

    pub(crate) fn expr(self, expression: &Expression) -> Expr {
        match expression {
            Expression::Null(_) => Expr::Null,
            Expression::Bool(value) => Expr::Bool(*value.value()),
            Expression::Number(number) => Expr::Number(number.value().as_f64().unwrap_or(f64::NAN)),
            Expression::String(string) => Expr::String(string.value().clone()),
            Expression::Array(array) => {
                Expr::Tuple(array.iter().map(|item| self.expr(item)).collect())
            }
            Expression::Object(object) => Expr::Object(
                object
                    .iter()
                    .map(|(key, value)| (self.object_key(key), self.expr(value.expr())))
                    .collect(),
            ),
            Expression::StringTemplate(template) => self.template_expr(template.iter()),
            Expression::HeredocTemplate(heredoc) => self.template_expr(heredoc.template.iter()),
            Expression::Parenthesis(inner) => Expr::Parenthesis(Box::new(self.expr(inner.inner()))),
            Expression::Variable(name) => Expr::Variable(name.value().as_str().to_owned()),
            Expression::Conditional(conditional) => Expr::Conditional(Box::new(Conditional {
                condition: self.expr(&conditional.cond_expr),
                true_expr: self.expr(&conditional.true_expr),
                false_expr: self.expr(&conditional.false_expr),
            })),
            Expression::FuncCall(call) => Expr::FunctionCall(Box::new(self.function_call(call))),
            Expression::Traversal(traversal) => Expr::Traversal(
                Box::new(self.expr(&traversal.expr)),
                traversal
                    .operators
                    .iter()
                    .map(|operator| self.operator(operator))
                    .collect(),
            ),
            Expression::UnaryOp(operation) => Expr::Unary(
                match operation.operator.value() {
                    hcl::UnaryOperator::Neg => UnaryOperator::Neg,
                    hcl::UnaryOperator::Not => UnaryOperator::Not,
                },
                Box::new(self.expr(&operation.expr)),
            ),
            Expression::BinaryOp(operation) => Expr::Binary(
                binary_operator(*operation.operator.value()),
                Box::new(self.expr(&operation.lhs_expr)),
                Box::new(self.expr(&operation.rhs_expr)),
            ),
            Expression::ForExpr(for_expr) => Expr::For(Box::new(self.for_expr(for_expr))),
        }
    }

    /// A bare name, or a quoted string without interpolation, is the key's own name; anything
    /// else is an expression evaluated later.
    fn object_key(self, key: &hcl::ObjectKey) -> ObjectKey {
        if let Some(original) = self.original_key_text(key) {
            return original_key(original);
        }
        match key {
            hcl::ObjectKey::Ident(name) => ObjectKey::Name(name.value().as_str().to_owned()),
            hcl::ObjectKey::Expression(Expression::String(name)) => {
                ObjectKey::Name(name.value().clone())
            }
            hcl::ObjectKey::Expression(expression) => ObjectKey::Expr(self.expr(expression)),
        }
    }

    /// The key as the user wrote it, when the parsed copy renamed it.
    fn original_key_text(self, key: &hcl::ObjectKey) -> Option<&'a str> {
        let span = key.span()?;
        self.renamed_keys.binary_search(&span.start).ok()?;
        self.original.get(span)
    }

    fn function_call(self, call: &hcl::FuncCall) -> FunctionCall {
        // `provider::aws::arn_parse` keeps its whole name: the namespace is part of it.
        let mut name = String::new();
        for part in &call.name.namespace {
            name.push_str(part.value().as_str());
            name.push_str("::");
        }
        name.push_str(call.name.name.value().as_str());
        FunctionCall {
            name,
            args: call.args.iter().map(|arg| self.expr(arg)).collect(),
            expand_final: call.args.expand_final(),
        }
    }

    fn operator(self, operator: &hcl::TraversalOperator) -> Operator {
        match operator {
            hcl::TraversalOperator::AttrSplat(_) => Operator::AttrSplat,
            hcl::TraversalOperator::FullSplat(_) => Operator::FullSplat,
            hcl::TraversalOperator::GetAttr(name) => {
                Operator::GetAttr(name.value().as_str().to_owned())
            }
            hcl::TraversalOperator::Index(index) => Operator::Index(self.expr(index)),
            hcl::TraversalOperator::LegacyIndex(index) => Operator::LegacyIndex(*index.value()),
        }
    }

    fn for_expr(self, for_expr: &hcl::ForExpr) -> ForExpr {
        let intro = &for_expr.intro;
        ForExpr {
            key_var: intro
                .key_var
                .as_ref()
                .map(|name| name.value().as_str().to_owned()),
            value_var: intro.value_var.value().as_str().to_owned(),
            collection: self.expr(&intro.collection_expr),
            key: for_expr.key_expr.as_ref().map(|key| self.expr(key)),
            value: self.expr(&for_expr.value_expr),
            condition: for_expr
                .cond
                .as_ref()
                .map(|condition| self.expr(&condition.expr)),
            grouping: for_expr.grouping,
        }
    }
}

/// The key of a renamed entry, read back from the original text: only bare names and plain
/// quoted strings are ever renamed (see [`crate::repeated_keys`]).
fn original_key(text: &str) -> ObjectKey {
    if text.starts_with('"') {
        if let Ok(Expression::String(name)) = hcl_edit::parser::parse_expr(text) {
            return ObjectKey::Name(name.value().clone());
        }
    }
    ObjectKey::Name(text.to_owned())
}

fn binary_operator(operator: hcl::BinaryOperator) -> BinaryOperator {
    match operator {
        hcl::BinaryOperator::Eq => BinaryOperator::Eq,
        hcl::BinaryOperator::NotEq => BinaryOperator::NotEq,
        hcl::BinaryOperator::LessEq => BinaryOperator::LessEq,
        hcl::BinaryOperator::GreaterEq => BinaryOperator::GreaterEq,
        hcl::BinaryOperator::Less => BinaryOperator::Less,
        hcl::BinaryOperator::Greater => BinaryOperator::Greater,
        hcl::BinaryOperator::Plus => BinaryOperator::Add,
        hcl::BinaryOperator::Minus => BinaryOperator::Sub,
        hcl::BinaryOperator::Mul => BinaryOperator::Mul,
        hcl::BinaryOperator::Div => BinaryOperator::Div,
        hcl::BinaryOperator::Mod => BinaryOperator::Mod,
        hcl::BinaryOperator::And => BinaryOperator::And,
        hcl::BinaryOperator::Or => BinaryOperator::Or,
    }
}
