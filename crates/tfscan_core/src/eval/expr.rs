//! Expression evaluation against a [`Scope`] that knows what names mean.

use alloc::collections::BTreeMap;
use alloc::string::{String, ToString};
use alloc::vec::Vec;

use super::functions;
use crate::limits::Budget;
use crate::syntax::{
    BinaryOperator, Expr, ForExpr, ObjectKey, Operator, TemplatePart, UnaryOperator,
};
use crate::value::{Identity, Value, HOLE};

/// Why an expression has no value: Terraform would refuse it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EvalError(pub String);

impl EvalError {
    pub fn new(message: impl Into<String>) -> Self {
        Self(message.into())
    }
}

/// What a name at the start of a traversal refers to.
#[derive(Debug, Clone)]
pub struct Reference {
    pub value: Value,
    /// How many of the attribute names after the root the scope used up (`var.name` uses 1,
    /// `data.aws_x.name` uses 2).
    pub consumed: usize,
    /// How the rest of the traversal treats an attribute that is not there.
    pub lenient: Lenient,
}

impl Reference {
    /// A plain value that uses `consumed` attribute names.
    pub fn value(value: Value, consumed: usize) -> Self {
        Self {
            value,
            consumed,
            lenient: Lenient::No,
        }
    }
}

/// How a traversal treats an attribute that is not there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lenient {
    /// A plain value: a missing attribute is an error.
    No,
    /// A module output, `self`, `each`, `count`: a missing attribute is known only after apply.
    Computed,
    /// A resource or data source: as [`Lenient::Computed`], and the identifiers it computes
    /// (see [`crate::value::computed_attribute`]) tell which instance they belong to.
    Identified(Identity),
}

impl Lenient {
    fn allows_missing(self) -> bool {
        self != Lenient::No
    }

    /// The same, one step further down: an index or an attribute name (made only when needed)
    /// mixed into the identity.
    fn step(self, key: impl FnOnce() -> String) -> Lenient {
        match self {
            Lenient::Identified(identity) => Lenient::Identified(identity.within(&key())),
            other => other,
        }
    }
}

/// What names mean where an expression is evaluated.
pub trait Scope {
    /// Resolves `root` followed by up to the first two attribute names of the traversal
    /// (`attributes` holds the ones that are plain `.name` steps).
    fn resolve(&self, root: &str, attributes: &[&str]) -> Result<Reference, EvalError>;

    /// The scan's evaluation budget (depth, steps, sizes), shared by every scope that takes
    /// part in one evaluation; None for a scope of its own, which then gets the default limits.
    fn budget(&self) -> Option<&Budget> {
        None
    }
}

/// A scope that adds one name (a `for` variable, `each`, `count`, a dynamic block iterator) in
/// front of another scope.
pub struct WithName<'a> {
    pub parent: &'a dyn Scope,
    pub name: &'a str,
    pub value: Value,
}

impl Scope for WithName<'_> {
    fn resolve(&self, root: &str, attributes: &[&str]) -> Result<Reference, EvalError> {
        if root == self.name {
            Ok(Reference::value(self.value.clone(), 0))
        } else {
            self.parent.resolve(root, attributes)
        }
    }

    fn budget(&self) -> Option<&Budget> {
        self.parent.budget()
    }
}

/// Evaluates `expr` in `scope`, within the scope's budget.
pub fn evaluate(expr: &Expr, scope: &dyn Scope) -> Result<Value, EvalError> {
    match scope.budget() {
        Some(budget) => Evaluator { scope, budget }.eval(expr),
        None => {
            let budget = Budget::default();
            Evaluator {
                scope,
                budget: &budget,
            }
            .eval(expr)
        }
    }
}

struct Evaluator<'a> {
    scope: &'a dyn Scope,
    budget: &'a Budget,
}

impl Evaluator<'_> {
    fn eval(&mut self, expr: &Expr) -> Result<Value, EvalError> {
        if !self.budget.spend(1) {
            return Err(EvalError::new("the scan ran out of evaluation steps"));
        }
        if !self.budget.enter() {
            return Err(EvalError::new("expression nested too deeply to evaluate"));
        }
        let result = self.eval_inner(expr);
        self.budget.leave();
        let value = result?;
        // What a reference or a function hands back may be large (a copy of a whole local, a
        // list doubled by `concat`): its size is spent too, so that no value grows unbounded.
        if matches!(
            expr,
            Expr::Variable(_) | Expr::Traversal(..) | Expr::FunctionCall(_)
        ) {
            self.check_size(&value)?;
        }
        Ok(value)
    }

    /// Spends the size of `value` and refuses a string or collection past the limits.
    fn check_size(&self, value: &Value) -> Result<(), EvalError> {
        match value {
            Value::String(text) if !self.budget.allows_string(text.len()) => {
                return Err(EvalError::new("string too long"));
            }
            Value::List(items) if !self.budget.allows_items(items.len()) => {
                return Err(EvalError::new("list too long"));
            }
            Value::Object(map) if !self.budget.allows_items(map.len()) => {
                return Err(EvalError::new("object too large"));
            }
            _ => {}
        }
        let budget = self.budget;
        let remaining = budget.remaining();
        if !budget.spend(value.weight(remaining)) {
            return Err(EvalError::new("the scan ran out of evaluation steps"));
        }
        Ok(())
    }

    fn eval_inner(&mut self, expr: &Expr) -> Result<Value, EvalError> {
        match expr {
            Expr::Null => Ok(Value::Null),
            Expr::Bool(flag) => Ok(Value::Bool(*flag)),
            Expr::Number(number) => Ok(Value::Number(*number)),
            Expr::String(text) => Ok(Value::String(text.clone())),
            Expr::Template(parts) => self.template(parts),
            Expr::Tuple(items) => items
                .iter()
                .map(|item| self.eval(item))
                .collect::<Result<_, _>>()
                .map(Value::List),
            Expr::Object(entries) => self.object(entries),
            Expr::Variable(name) => Ok(self.scope.resolve(name, &[])?.value),
            Expr::Traversal(root, operators) => self.traversal(root, operators),
            Expr::FunctionCall(call) => self.call(&call.name, &call.args, call.expand_final),
            Expr::Unary(operator, operand) => {
                let value = self.eval(operand)?;
                unary(*operator, &value)
            }
            Expr::Binary(operator, left, right) => {
                let left = self.eval(left)?;
                let right = self.eval(right)?;
                binary(*operator, &left, &right)
            }
            Expr::Conditional(conditional) => {
                let condition = self.eval(&conditional.condition)?;
                match condition {
                    condition if condition.is_unknown() => {
                        // Either branch could be taken: the result is known only if both agree.
                        let when_true = self.eval(&conditional.true_expr);
                        let when_false = self.eval(&conditional.false_expr);
                        match (when_true, when_false) {
                            (Ok(a), Ok(b)) if a == b => Ok(a),
                            _ => Ok(Value::Unknown),
                        }
                    }
                    other => match other.as_bool() {
                        Some(true) => self.eval(&conditional.true_expr),
                        Some(false) => self.eval(&conditional.false_expr),
                        None => Err(EvalError::new(alloc::format!(
                            "a condition must be a bool, not {}",
                            other.type_name()
                        ))),
                    },
                }
            }
            Expr::For(for_expr) => self.for_expr(for_expr),
            Expr::Parenthesis(inner) => self.eval(inner),
        }
    }

    fn object(&mut self, entries: &[(ObjectKey, Expr)]) -> Result<Value, EvalError> {
        let mut map = BTreeMap::new();
        for (key, value) in entries {
            let key = match key {
                ObjectKey::Name(name) => name.clone(),
                ObjectKey::Expr(expr) => match self.eval(expr)? {
                    key if key.is_unknown() => return Ok(Value::Unknown),
                    key => key.to_terraform_string().ok_or_else(|| {
                        EvalError::new(alloc::format!(
                            "an object key must be a string, not {}",
                            key.type_name()
                        ))
                    })?,
                },
            };
            // A repeated key keeps its last value, as Terraform does.
            map.insert(key, self.eval(value)?);
        }
        Ok(Value::Object(map))
    }

    fn template(&mut self, parts: &[TemplatePart]) -> Result<Value, EvalError> {
        // `"${x}"` alone is x itself, with its type: HCL does not turn it into a string.
        if let [TemplatePart::Interpolation(expr)] = parts {
            return self.eval(expr);
        }
        let mut out = String::new();
        if !self.template_into(parts, &mut out)? {
            return Ok(Value::Unknown);
        }
        // Unknown pieces are kept as holes, so that the known text around them still counts
        // (see `Value`); a string of holes alone is simply unknown.
        Ok(Value::text(out))
    }

    /// Appends the rendered parts to `out`, with a [`HOLE`] for each part known only after
    /// apply; false when the shape of the text itself is unknown (a `%{ for }` over an
    /// unknown collection).
    fn template_into(
        &mut self,
        parts: &[TemplatePart],
        out: &mut String,
    ) -> Result<bool, EvalError> {
        for part in parts {
            match part {
                TemplatePart::Literal(text) => out.push_str(text),
                TemplatePart::Interpolation(expr) => match self.eval(expr)? {
                    Value::Unknown => out.push(HOLE),
                    Value::Null => {
                        return Err(EvalError::new(
                            "a null value cannot be used in a string template",
                        ))
                    }
                    value => match value.to_terraform_string() {
                        Some(text) => {
                            if !self.budget.allows_string(out.len() + text.len()) {
                                return Err(EvalError::new("string too long"));
                            }
                            out.push_str(&text);
                        }
                        None if value.contains_unknown() => out.push(HOLE),
                        None => {
                            return Err(EvalError::new(alloc::format!(
                                "cannot include a {} in a string template",
                                value.type_name()
                            )))
                        }
                    },
                },
                TemplatePart::If {
                    condition,
                    then_parts,
                    else_parts,
                } => match self.eval(condition)?.as_bool() {
                    Some(true) => {
                        if !self.template_into(then_parts, out)? {
                            return Ok(false);
                        }
                    }
                    Some(false) => {
                        if !self.template_into(else_parts, out)? {
                            return Ok(false);
                        }
                    }
                    None => out.push(HOLE),
                },
                TemplatePart::For {
                    key_var,
                    value_var,
                    collection,
                    body,
                } => {
                    let collection = self.eval(collection)?;
                    let Some(pairs) = iteration_pairs(&collection)? else {
                        return Ok(false);
                    };
                    for (key, value) in pairs {
                        let scope =
                            bind_pair(self.scope, key_var.as_deref(), value_var, key, value);
                        let mut inner = Evaluator {
                            scope: &scope,
                            budget: self.budget,
                        };
                        if !inner.template_into(body, out)? {
                            return Ok(false);
                        }
                        if !self.budget.allows_string(out.len()) {
                            return Err(EvalError::new("string too long"));
                        }
                    }
                }
            }
        }
        Ok(true)
    }

    fn traversal(&mut self, root: &Expr, operators: &[Operator]) -> Result<Value, EvalError> {
        let (mut value, rest, mut lenient) = match root {
            Expr::Variable(name) => {
                let names: Vec<&str> = operators
                    .iter()
                    .take(2)
                    .map_while(|operator| match operator {
                        Operator::GetAttr(attribute) => Some(attribute.as_str()),
                        _ => None,
                    })
                    .collect();
                let reference = self.scope.resolve(name, &names)?;
                let consumed = reference.consumed.min(operators.len());
                (reference.value, &operators[consumed..], reference.lenient)
            }
            other => (self.eval(other)?, operators, Lenient::No),
        };

        let mut index = 0;
        while index < rest.len() {
            match &rest[index] {
                Operator::FullSplat | Operator::AttrSplat => {
                    let full = matches!(rest[index], Operator::FullSplat);
                    // `[*]` applies every following step to each element; `.*` only the
                    // attribute steps that follow it directly.
                    let end = if full {
                        rest.len()
                    } else {
                        index
                            + 1
                            + rest[index + 1..]
                                .iter()
                                .take_while(|op| {
                                    matches!(op, Operator::GetAttr(_) | Operator::LegacyIndex(_))
                                })
                                .count()
                    };
                    let steps = &rest[index + 1..end];
                    value = match value {
                        Value::Unknown => Value::Unknown,
                        Value::Null => Value::List(Vec::new()),
                        Value::List(items) => {
                            let mut out = Vec::with_capacity(items.len());
                            for (position, item) in items.into_iter().enumerate() {
                                let lenient = lenient.step(|| alloc::format!("{position}"));
                                out.push(self.apply_steps(item, steps, lenient)?);
                            }
                            Value::List(out)
                        }
                        single => {
                            Value::List(alloc::vec![self.apply_steps(single, steps, lenient)?])
                        }
                    };
                    index = end;
                }
                operator => {
                    (value, lenient) = self.step(value, operator, lenient)?;
                    index += 1;
                }
            }
        }
        Ok(value)
    }

    fn apply_steps(
        &mut self,
        mut value: Value,
        steps: &[Operator],
        mut lenient: Lenient,
    ) -> Result<Value, EvalError> {
        for step in steps {
            if matches!(step, Operator::FullSplat | Operator::AttrSplat) {
                // A splat inside a splat is rare enough not to follow: its value stays unknown.
                return Ok(Value::Unknown);
            }
            (value, lenient) = self.step(value, step, lenient)?;
        }
        Ok(value)
    }

    /// One step of a traversal, and how the steps after it treat what is missing.
    fn step(
        &mut self,
        value: Value,
        operator: &Operator,
        lenient: Lenient,
    ) -> Result<(Value, Lenient), EvalError> {
        match operator {
            Operator::GetAttr(name) => Ok((
                get_attribute(value, name, lenient)?,
                lenient.step(|| name.clone()),
            )),
            Operator::LegacyIndex(position) => Ok((
                index_value(value, &Value::Number(*position as f64), lenient)?,
                lenient.step(|| alloc::format!("{position}")),
            )),
            Operator::Index(expr) => {
                let key = self.eval(expr)?;
                let next = lenient.step(|| key.to_terraform_string().unwrap_or_default());
                Ok((index_value(value, &key, lenient)?, next))
            }
            Operator::FullSplat | Operator::AttrSplat => Ok((Value::Unknown, lenient)),
        }
    }

    fn call(&mut self, name: &str, args: &[Expr], expand_final: bool) -> Result<Value, EvalError> {
        match name {
            "try" => {
                for arg in args {
                    if let Ok(value) = self.eval(arg) {
                        return Ok(value);
                    }
                }
                Err(EvalError::new(
                    "no expression given to \"try\" could be evaluated",
                ))
            }
            "can" => match args {
                [arg] => Ok(match self.eval(arg) {
                    Ok(Value::Unknown) => Value::Unknown,
                    Ok(_) => Value::Bool(true),
                    Err(_) => Value::Bool(false),
                }),
                _ => Err(EvalError::new("\"can\" takes exactly one argument")),
            },
            _ => {
                let mut values = Vec::with_capacity(args.len());
                for arg in args {
                    values.push(self.eval(arg)?);
                }
                if expand_final {
                    match values.pop() {
                        Some(Value::List(items)) => values.extend(items),
                        Some(Value::Unknown) => return Ok(Value::Unknown),
                        Some(other) => {
                            return Err(EvalError::new(alloc::format!(
                                "\"...\" needs a list, not {}",
                                other.type_name()
                            )))
                        }
                        None => {}
                    }
                }
                functions::call(name, &values).map_err(EvalError)
            }
        }
    }

    fn for_expr(&mut self, for_expr: &ForExpr) -> Result<Value, EvalError> {
        let collection = self.eval(&for_expr.collection)?;
        let Some(pairs) = iteration_pairs(&collection)? else {
            return Ok(Value::Unknown);
        };
        if !self.budget.allows_items(pairs.len()) {
            return Err(EvalError::new("a for expression over too many items"));
        }
        let mut list = Vec::new();
        let mut map: BTreeMap<String, Value> = BTreeMap::new();
        let mut unknown = false;
        for (key, value) in pairs {
            let scope = bind_pair(
                self.scope,
                for_expr.key_var.as_deref(),
                &for_expr.value_var,
                key,
                value,
            );
            let mut inner = Evaluator {
                scope: &scope,
                budget: self.budget,
            };
            if let Some(condition) = &for_expr.condition {
                match inner.eval(condition)? {
                    condition if condition.is_unknown() => {
                        unknown = true;
                        continue;
                    }
                    condition => match condition.as_bool() {
                        Some(true) => {}
                        Some(false) => continue,
                        None => return Err(EvalError::new("a \"for\" condition must be a bool")),
                    },
                }
            }
            let item = inner.eval(&for_expr.value)?;
            match &for_expr.key {
                None => list.push(item),
                Some(key_expr) => {
                    let key = match inner.eval(key_expr)? {
                        key if key.is_unknown() => {
                            unknown = true;
                            continue;
                        }
                        key => key.to_terraform_string().ok_or_else(|| {
                            EvalError::new("a \"for\" expression's key must be a string")
                        })?,
                    };
                    if for_expr.grouping {
                        match map.entry(key).or_insert_with(|| Value::List(Vec::new())) {
                            Value::List(group) => group.push(item),
                            _ => unknown = true,
                        }
                    } else if map.insert(key.clone(), item).is_some() {
                        return Err(EvalError::new(alloc::format!(
                            "duplicate key \"{key}\" in a \"for\" expression (use \"...\" to group)"
                        )));
                    }
                }
            }
        }
        if unknown {
            return Ok(Value::Unknown);
        }
        Ok(if for_expr.key.is_some() {
            Value::Object(map)
        } else {
            Value::List(list)
        })
    }
}

/// The (key, value) pairs a `for` walks: list index and element, or object key and value.
/// `None` when the collection is unknown.
fn iteration_pairs(collection: &Value) -> Result<Option<Vec<(Value, Value)>>, EvalError> {
    Ok(Some(match collection {
        collection if collection.is_unknown() => return Ok(None),
        Value::List(items) => items
            .iter()
            .enumerate()
            .map(|(index, item)| (Value::Number(index as f64), item.clone()))
            .collect(),
        Value::Object(map) => map
            .iter()
            .map(|(key, item)| (Value::String(key.clone()), item.clone()))
            .collect(),
        Value::Null => return Err(EvalError::new("cannot iterate over a null value")),
        other => {
            return Err(EvalError::new(alloc::format!(
                "cannot iterate over a {}",
                other.type_name()
            )))
        }
    }))
}

/// A scope with a `for` expression's variables bound: the value, and the key when named.
struct Bound<'a> {
    parent: &'a dyn Scope,
    key_name: Option<&'a str>,
    key: Value,
    value_name: &'a str,
    value: Value,
}

fn bind_pair<'a>(
    parent: &'a dyn Scope,
    key_name: Option<&'a str>,
    value_name: &'a str,
    key: Value,
    value: Value,
) -> Bound<'a> {
    Bound {
        parent,
        key_name,
        key,
        value_name,
        value,
    }
}

impl Scope for Bound<'_> {
    fn resolve(&self, root: &str, attributes: &[&str]) -> Result<Reference, EvalError> {
        if root == self.value_name {
            Ok(Reference::value(self.value.clone(), 0))
        } else if Some(root) == self.key_name {
            Ok(Reference::value(self.key.clone(), 0))
        } else {
            self.parent.resolve(root, attributes)
        }
    }
}

fn get_attribute(value: Value, name: &str, lenient: Lenient) -> Result<Value, EvalError> {
    match value {
        value if value.is_unknown() => Ok(Value::Unknown),
        Value::Object(mut map) => match map.remove(name) {
            Some(found) => Ok(found),
            None if lenient.allows_missing() => Ok(crate::value::computed_attribute(
                name,
                match lenient {
                    Lenient::Identified(identity) => Some(identity),
                    _ => None,
                },
            )),
            None => Err(EvalError::new(alloc::format!(
                "this object has no attribute \"{name}\""
            ))),
        },
        Value::Null if lenient.allows_missing() => Ok(Value::Unknown),
        Value::Null => Err(EvalError::new(alloc::format!(
            "cannot read \"{name}\" of a null value"
        ))),
        Value::List(_) if lenient.allows_missing() => Ok(Value::Unknown),
        other => Err(EvalError::new(alloc::format!(
            "cannot read attribute \"{name}\" of a {}",
            other.type_name()
        ))),
    }
}

fn index_value(value: Value, key: &Value, lenient: Lenient) -> Result<Value, EvalError> {
    match (value, key) {
        (value, key) if value.is_unknown() || key.is_unknown() => Ok(Value::Unknown),
        (Value::List(mut items), key) => {
            let position = key
                .as_number()
                .ok_or_else(|| EvalError::new("a list index must be a number"))?;
            if position < 0.0
                || position != (position as usize) as f64
                || position as usize >= items.len()
            {
                return if lenient.allows_missing() {
                    Ok(Value::Unknown)
                } else {
                    Err(EvalError::new(alloc::format!(
                        "index {} is out of range for a list of {}",
                        crate::value::format_number(position),
                        items.len()
                    )))
                };
            }
            Ok(items.swap_remove(position as usize))
        }
        (Value::Object(mut map), key) => {
            let name = key
                .to_terraform_string()
                .ok_or_else(|| EvalError::new("an object key must be a string"))?;
            match map.remove(&name) {
                Some(found) => Ok(found),
                None if lenient.allows_missing() => Ok(Value::Unknown),
                None => Err(EvalError::new(alloc::format!(
                    "this map has no element \"{name}\""
                ))),
            }
        }
        (Value::Null, _) if lenient.allows_missing() => Ok(Value::Unknown),
        (other, _) => Err(EvalError::new(alloc::format!(
            "cannot index a {}",
            other.type_name()
        ))),
    }
}

fn unary(operator: UnaryOperator, value: &Value) -> Result<Value, EvalError> {
    if value.is_unknown() {
        return Ok(Value::Unknown);
    }
    match operator {
        UnaryOperator::Neg => value
            .as_number()
            .map(|number| Value::Number(-number))
            .ok_or_else(|| EvalError::new("\"-\" needs a number")),
        UnaryOperator::Not => value
            .as_bool()
            .map(|flag| Value::Bool(!flag))
            .ok_or_else(|| EvalError::new("\"!\" needs a bool")),
    }
}

fn binary(operator: BinaryOperator, left: &Value, right: &Value) -> Result<Value, EvalError> {
    use BinaryOperator as Op;
    match operator {
        Op::And | Op::Or => {
            let (a, b) = (left.as_bool(), right.as_bool());
            let dominant = matches!(operator, Op::Or);
            if a == Some(dominant) || b == Some(dominant) {
                return Ok(Value::Bool(dominant));
            }
            if left.is_unknown() || right.is_unknown() {
                return Ok(Value::Unknown);
            }
            match (a, b) {
                (Some(_), Some(_)) => Ok(Value::Bool(!dominant)),
                _ => Err(EvalError::new("\"&&\" and \"||\" need bools")),
            }
        }
        Op::Eq | Op::NotEq => {
            // Terraform compares with null before it looks inside a value: a value that is not
            // null itself differs from null even when parts of it are unknown, so
            // `var.statements != null` is known for a list of objects with unknown fields.
            // A string with unknown pieces is still a string, never null.
            let wholly_unknown = |value: &Value| matches!(value, Value::Unknown);
            let null_decides = (left.is_null() && !wholly_unknown(right))
                || (right.is_null() && !wholly_unknown(left));
            let equal = if null_decides {
                values_equal(left, right)
            } else if left.contains_unknown() || right.contains_unknown() {
                // The known pieces of a partial string may rule a known string out.
                let ruled_out = match (left, right) {
                    (partial, Value::String(text)) | (Value::String(text), partial)
                        if partial.is_partial() && !text.contains(crate::value::is_hole) =>
                    {
                        partial.may_equal(text) == Some(false)
                    }
                    _ => false,
                };
                if !ruled_out {
                    return Ok(Value::Unknown);
                }
                false
            } else {
                values_equal(left, right)
            };
            Ok(Value::Bool(if matches!(operator, Op::Eq) {
                equal
            } else {
                !equal
            }))
        }
        _ => {
            if left.is_unknown() || right.is_unknown() {
                return Ok(Value::Unknown);
            }
            let (Some(a), Some(b)) = (left.as_number(), right.as_number()) else {
                return Err(EvalError::new(alloc::format!(
                    "arithmetic needs numbers, not {} and {}",
                    left.type_name(),
                    right.type_name()
                )));
            };
            Ok(match operator {
                Op::Add => Value::Number(a + b),
                Op::Sub => Value::Number(a - b),
                Op::Mul => Value::Number(a * b),
                Op::Div => {
                    if b == 0.0 {
                        return Err(EvalError::new("division by zero"));
                    }
                    Value::Number(a / b)
                }
                Op::Mod => {
                    if b == 0.0 {
                        return Err(EvalError::new("modulo by zero"));
                    }
                    Value::Number(a % b)
                }
                Op::Less => Value::Bool(a < b),
                Op::LessEq => Value::Bool(a <= b),
                Op::Greater => Value::Bool(a > b),
                Op::GreaterEq => Value::Bool(a >= b),
                Op::And | Op::Or | Op::Eq | Op::NotEq => Value::Unknown,
            })
        }
    }
}

/// Terraform's `==`: same type and same content (a number and a string are never equal).
fn values_equal(left: &Value, right: &Value) -> bool {
    left == right
}

impl core::fmt::Display for EvalError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<&str> for EvalError {
    fn from(message: &str) -> Self {
        Self(message.to_string())
    }
}
