//! Numeric functions: `abs`, `ceil`, `floor`, `log`, `max`, `min`, `parseint`, `pow`,
//! `signum`.

use alloc::string::String;

use super::{at_least, fixed, integer_arg, invalid, known, number_arg, string_arg};
use crate::value::Value;

#[cfg_attr(target_family = "wasm", inline(never))]
pub(super) fn call(name: &str, args: &[Value]) -> Option<Result<Value, String>> {
    let result = match name {
        "abs" => one_number(name, args, libm::fabs),
        "ceil" => one_number(name, args, libm::ceil),
        "floor" => one_number(name, args, libm::floor),
        "signum" => signum(name, args),
        "log" => log(name, args),
        "pow" => pow(name, args),
        "max" => extreme(name, args, |candidate, best| candidate > best),
        "min" => extreme(name, args, |candidate, best| candidate < best),
        "parseint" => parseint(name, args),
        _ => return None,
    };
    Some(result)
}

fn one_number(name: &str, args: &[Value], f: fn(f64) -> f64) -> Result<Value, String> {
    let [number] = fixed::<1>(name, args)?;
    let number = known!(number_arg(name, number));
    Ok(Value::Number(f(number) + 0.0))
}

/// `signum` takes a whole number, as in Terraform.
fn signum(name: &str, args: &[Value]) -> Result<Value, String> {
    let [number] = fixed::<1>(name, args)?;
    let number = known!(integer_arg(name, number));
    Ok(Value::Number(number.signum() as f64))
}

fn log(name: &str, args: &[Value]) -> Result<Value, String> {
    let [number, base] = fixed::<2>(name, args)?;
    let number = number_arg(name, number)?;
    let base = number_arg(name, base)?;
    let (Some(number), Some(base)) = (number, base) else {
        return Ok(Value::Unknown);
    };
    let result = libm::log(number) / libm::log(base);
    finite(name, result)
}

fn pow(name: &str, args: &[Value]) -> Result<Value, String> {
    let [base, exponent] = fixed::<2>(name, args)?;
    let base = number_arg(name, base)?;
    let exponent = number_arg(name, exponent)?;
    let (Some(base), Some(exponent)) = (base, exponent) else {
        return Ok(Value::Unknown);
    };
    finite(name, libm::pow(base, exponent))
}

/// Terraform numbers cannot be infinite or NaN: such a result is an error.
fn finite(name: &str, number: f64) -> Result<Value, String> {
    if number.is_finite() {
        Ok(Value::Number(number))
    } else {
        Err(invalid(name, "the result is not a finite number"))
    }
}

/// `max` and `min`: the first of equal values wins (`min(0, -0)` is 0).
fn extreme(name: &str, args: &[Value], better: fn(f64, f64) -> bool) -> Result<Value, String> {
    at_least(name, args, 1)?;
    let mut best: Option<f64> = None;
    let mut unknown = false;
    for arg in args {
        match number_arg(name, arg)? {
            Some(number) => {
                if best.is_none_or(|best| better(number, best)) {
                    best = Some(number);
                }
            }
            None => unknown = true,
        }
    }
    match best {
        Some(best) if !unknown => Ok(Value::Number(best)),
        _ => Ok(Value::Unknown),
    }
}

/// `parseint(text, base)`: an optional sign and digits of the base (2 to 62; letters are
/// case-insensitive up to base 36, and `a` to `z` come before `A` to `Z` above it).
fn parseint(name: &str, args: &[Value]) -> Result<Value, String> {
    let [text, base] = fixed::<2>(name, args)?;
    // Unlike most functions, parseint does not turn a number into a string.
    if let Value::Number(_) = text {
        return Err(invalid(
            name,
            "the number to parse must be given as a string",
        ));
    }
    let text = string_arg(name, text)?;
    let base = integer_arg(name, base)?;
    let (Some(text), Some(base)) = (text, base) else {
        return Ok(Value::Unknown);
    };
    if !(2..=62).contains(&base) {
        return Err(invalid(
            name,
            "the base must be a whole number between 2 and 62",
        ));
    }
    let (negative, digits) = match (text.strip_prefix('-'), text.strip_prefix('+')) {
        (Some(digits), _) => (true, digits),
        (None, Some(digits)) => (false, digits),
        (None, None) => (false, text.as_str()),
    };
    if digits.is_empty() {
        return Err(invalid(
            name,
            format_args!("cannot parse \"{text}\" as a base {base} integer"),
        ));
    }
    let mut value = 0f64;
    for c in digits.chars() {
        let digit = match c {
            '0'..='9' => u32::from(c) - u32::from('0'),
            'a'..='z' => u32::from(c) - u32::from('a') + 10,
            'A'..='Z' if base <= 36 => u32::from(c) - u32::from('A') + 10,
            'A'..='Z' => u32::from(c) - u32::from('A') + 36,
            _ => u32::MAX,
        };
        if i64::from(digit) >= base {
            return Err(invalid(
                name,
                format_args!("cannot parse \"{text}\" as a base {base} integer"),
            ));
        }
        value = value * base as f64 + f64::from(digit);
    }
    if !value.is_finite() {
        // Terraform's integers have no limit; past the range of a float the value is unknown.
        return Ok(Value::Unknown);
    }
    Ok(Value::Number(if negative && value != 0.0 {
        -value
    } else {
        value
    }))
}
