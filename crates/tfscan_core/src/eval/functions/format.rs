//! `format` and `formatlist`: printf-style formatting with Terraform's verbs.
//!
//! `%v` (the value's own form; JSON for collections), `%#v` (JSON), `%t` (bool), `%d %b %o %x
//! %X` (integers), `%e %E %f %g %G` (numbers), `%s %q` (strings) and `%%`; flags `+ - 0 #` and
//! space, width, precision and `%[n]` argument indexes. Widths and string precisions count
//! grapheme clusters, as Terraform does.

use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::fmt::Write;
use unicode_segmentation::UnicodeSegmentation;

use super::{at_least, conversion, describe, invalid, json, known, string_arg};
use crate::value::Value;

pub(super) fn format(name: &str, args: &[Value]) -> Result<Value, String> {
    at_least(name, args, 1)?;
    let Some((template, values)) = args.split_first() else {
        return Ok(Value::Unknown);
    };
    let template = known!(string_arg(name, template));
    // Terraform gives an unknown result for a null argument, as for an unknown one.
    if values.iter().any(Value::is_null) {
        return Ok(Value::Unknown);
    }
    let holes: Vec<Value>;
    let values = if values.iter().any(Value::contains_unknown) {
        // With only `%s` and `%v`, an unknown string argument is a hole in the text (see
        // `Value`); anything else (a number verb, an unknown list) makes the result unknown.
        if !only_text_verbs(&template)
            || values
                .iter()
                .any(|value| value.contains_unknown() && !value.is_unknown())
        {
            return Ok(Value::Unknown);
        }
        holes = values
            .iter()
            .map(|value| match value {
                Value::Unknown => Value::String(crate::value::HOLE.into()),
                other => other.clone(),
            })
            .collect();
        &holes[..]
    } else {
        values
    };
    let text = format_values(&template, values).map_err(|detail| invalid(name, detail))?;
    Ok(text.map_or(Value::Unknown, Value::text))
}

/// True when every verb of the template is a plain `%s` or `%v` (or `%%`).
fn only_text_verbs(template: &str) -> bool {
    let mut characters = template.chars();
    while let Some(character) = characters.next() {
        if character == '%' && !matches!(characters.next(), Some('s' | 'v' | '%')) {
            return false;
        }
    }
    true
}

/// `formatlist(template, args...)`: list arguments are walked together (they must have one
/// length) and other arguments are repeated for each element.
pub(super) fn formatlist(name: &str, args: &[Value]) -> Result<Value, String> {
    at_least(name, args, 1)?;
    let Some((template, values)) = args.split_first() else {
        return Ok(Value::Unknown);
    };
    let template = known!(string_arg(name, template));
    if values.iter().any(Value::is_unknown) {
        return Ok(Value::Unknown);
    }

    let mut length: Option<(usize, usize)> = None;
    for (index, value) in values.iter().enumerate() {
        if let Value::List(items) = value {
            match length {
                None => length = Some((items.len(), index)),
                Some((expected, first)) if expected != items.len() => {
                    return Err(invalid(
                        name,
                        format_args!(
                            "argument {} has length {}, which is inconsistent with argument {} \
                             of length {expected}",
                            index + 2,
                            items.len(),
                            first + 2
                        ),
                    ));
                }
                Some(_) => {}
            }
        }
    }

    let rows = length.map_or(1, |(rows, _)| rows);
    let mut results = Vec::with_capacity(rows);
    for row in 0..rows {
        let row_values: Vec<Value> = values
            .iter()
            .map(|value| match value {
                Value::List(items) => items.get(row).cloned().unwrap_or_default(),
                other => other.clone(),
            })
            .collect();
        if row_values.iter().any(Value::contains_unknown) {
            // As `format` does: a hole for each unknown string, or an unknown element.
            let mut args = Vec::with_capacity(row_values.len() + 1);
            args.push(Value::String(template.clone()));
            args.extend(row_values);
            results.push(format(name, &args)?);
            continue;
        }
        let text = format_values(&template, &row_values)
            .map_err(|detail| invalid(name, format_args!("element {row}: {detail}")))?;
        results.push(text.map_or(Value::Unknown, Value::String));
    }
    Ok(Value::List(results))
}

/// One `%` directive.
#[derive(Default)]
#[allow(
    clippy::struct_excessive_bools,
    reason = "printf flags are independent switches"
)]
struct Verb {
    plus: bool,
    minus: bool,
    zero: bool,
    sharp: bool,
    space: bool,
    width: Option<usize>,
    precision: Option<usize>,
    mode: char,
}

/// Formats known values; the error is the detail of the message. `Ok(None)` (an unknown
/// result) for widths and precisions past [`super::MAX_BUILT_LENGTH`].
fn format_values(template: &str, values: &[Value]) -> Result<Option<String>, String> {
    let mut out = String::with_capacity(template.len());
    let mut chars = template.char_indices().peekable();
    let mut next_argument = 0usize;
    let mut used = alloc::vec![false; values.len()];

    while let Some((offset, c)) = chars.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        if chars.next_if(|&(_, next)| next == '%').is_some() {
            out.push('%');
            continue;
        }

        let mut verb = Verb::default();
        while let Some((_, flag)) = chars.next_if(|&(_, next)| "+-0# ".contains(next)) {
            match flag {
                '+' => verb.plus = true,
                '-' => verb.minus = true,
                '0' => verb.zero = true,
                '#' => verb.sharp = true,
                _ => verb.space = true,
            }
        }
        if chars.next_if(|&(_, next)| next == '[').is_some() {
            let index = read_number(&mut chars);
            if chars.next_if(|&(_, next)| next == ']').is_none() || index.unwrap_or(0) == 0 {
                return Err(format!(
                    "invalid argument index in format string at offset {offset}"
                ));
            }
            next_argument = index.unwrap_or(1) - 1;
        }
        verb.width = read_number(&mut chars);
        if chars.next_if(|&(_, next)| next == '.').is_some() {
            verb.precision = Some(read_number(&mut chars).unwrap_or(0));
        }
        let limit = super::MAX_BUILT_LENGTH;
        if verb.width.unwrap_or(0) > limit || verb.precision.unwrap_or(0) > limit {
            return Ok(None);
        }
        verb.mode = match chars.next() {
            Some((_, mode)) if mode.is_ascii_alphabetic() => mode,
            Some((at, other)) => {
                return Err(format!(
                    "unrecognized format character '{other}' at offset {at}"
                ));
            }
            None => return Err(format!("invalid format string starting at offset {offset}")),
        };

        let Some(value) = values.get(next_argument) else {
            return Err(format!(
                "not enough arguments for the verb at offset {offset}: need argument {} but have \
                 {} in total",
                next_argument + 1,
                values.len()
            ));
        };
        if let Some(flag) = used.get_mut(next_argument) {
            *flag = true;
        }
        next_argument += 1;
        out.push_str(&format_one(&verb, value, offset)?);
    }

    if let Some(unused) = used.iter().position(|flag| !flag) {
        return Err(format!(
            "too many arguments: argument {} is not used",
            unused + 1
        ));
    }
    Ok(Some(out))
}

fn read_number(chars: &mut core::iter::Peekable<core::str::CharIndices<'_>>) -> Option<usize> {
    let mut number: Option<usize> = None;
    while let Some((_, digit)) = chars.next_if(|&(_, next)| next.is_ascii_digit()) {
        let digit = digit.to_digit(10).unwrap_or(0) as usize;
        number = Some(number.unwrap_or(0).saturating_mul(10).saturating_add(digit));
    }
    number
}

fn format_one(verb: &Verb, value: &Value, offset: usize) -> Result<String, String> {
    let unsupported =
        |reason: &str| format!("unsupported value for the verb at offset {offset}: {reason}");
    if value.is_null() && verb.mode != 'v' {
        return Err(unsupported("a null value cannot be formatted"));
    }
    match verb.mode {
        'v' => Ok(pad(verb, &default_form(verb, value))),
        't' => match conversion::to_bool(value) {
            Some(flag) => Ok(pad(verb, if flag { "true" } else { "false" })),
            None => Err(unsupported(&format!(
                "a bool is required, got {}",
                describe(value)
            ))),
        },
        'b' | 'd' | 'o' | 'x' | 'X' | 'e' | 'E' | 'f' | 'g' | 'G' => {
            let Some(Value::Number(number)) = conversion::convert(value, &conversion::Type::Number)
            else {
                let got = describe(value);
                return Err(unsupported(&format!("a number is required, got {got}")));
            };
            if matches!(verb.mode, 'b' | 'd' | 'o' | 'x' | 'X') {
                format_integer(verb, number).ok_or_else(|| unsupported("an integer is required"))
            } else {
                Ok(format_float(verb, number))
            }
        }
        's' | 'q' => {
            let Some(text) = conversion::convert(value, &conversion::Type::String)
                .and_then(|converted| converted.as_str().map(String::from))
            else {
                return Err(unsupported(&format!(
                    "a string is required, got {}",
                    describe(value)
                )));
            };
            let text = match verb.precision {
                Some(limit) if limit > 0 => text.graphemes(true).take(limit).collect(),
                _ => text,
            };
            if verb.mode == 'q' {
                Ok(pad(verb, &json::encode_string(&text)))
            } else {
                Ok(pad(verb, &text))
            }
        }
        other => Err(format!(
            "unsupported format verb '{other}' at offset {offset}"
        )),
    }
}

/// `%v`: strings as they are, numbers in their shortest `%g` form, anything else as JSON.
fn default_form(verb: &Verb, value: &Value) -> String {
    match value {
        Value::String(text) if !verb.sharp => text.clone(),
        Value::Number(number) if !verb.sharp => {
            let shortest = Verb {
                mode: 'g',
                ..Verb::default()
            };
            format_float(&shortest, *number)
        }
        _ => json::encode(value).unwrap_or_default(),
    }
}

/// Pads to the verb's width, counted in grapheme clusters.
fn pad(verb: &Verb, text: &str) -> String {
    let length = text.graphemes(true).count();
    let Some(width) = verb.width.filter(|width| *width > length) else {
        return text.to_string();
    };
    let fill: String =
        core::iter::repeat_n(if verb.zero { '0' } else { ' ' }, width - length).collect();
    if verb.minus {
        format!("{text}{fill}")
    } else {
        format!("{fill}{text}")
    }
}

/// Pads a number: sign first, then zeros when the `0` flag asks for them.
fn pad_number(
    verb: &Verb,
    negative: bool,
    prefix: &str,
    digits: &str,
    zero_allowed: bool,
) -> String {
    let sign = if negative {
        "-"
    } else if verb.plus {
        "+"
    } else if verb.space {
        " "
    } else {
        ""
    };
    let length = sign.len() + prefix.len() + digits.chars().count();
    let missing = verb.width.unwrap_or(0).saturating_sub(length);
    if verb.minus {
        let fill: String = core::iter::repeat_n(' ', missing).collect();
        format!("{sign}{prefix}{digits}{fill}")
    } else if verb.zero && zero_allowed {
        let fill: String = core::iter::repeat_n('0', missing).collect();
        format!("{sign}{prefix}{fill}{digits}")
    } else {
        let fill: String = core::iter::repeat_n(' ', missing).collect();
        format!("{fill}{sign}{prefix}{digits}")
    }
}

fn format_integer(verb: &Verb, number: f64) -> Option<String> {
    if !number.is_finite() || libm::trunc(number) != number || libm::fabs(number) >= 3.4e38 {
        return None;
    }
    let negative = number < 0.0;
    let magnitude = libm::fabs(number) as u128;
    let (radix, prefix) = match verb.mode {
        'b' => (2, "0b"),
        'o' => (8, "0"),
        'x' => (16, "0x"),
        'X' => (16, "0X"),
        _ => (10, ""),
    };
    let mut digits = to_radix(magnitude, radix);
    if verb.mode == 'X' {
        digits.make_ascii_uppercase();
    }
    if let Some(precision) = verb.precision {
        if precision == 0 && magnitude == 0 {
            digits.clear();
        }
        while digits.len() < precision {
            digits.insert(0, '0');
        }
    }
    let prefix = if verb.sharp { prefix } else { "" };
    Some(pad_number(
        verb,
        negative,
        prefix,
        &digits,
        verb.precision.is_none(),
    ))
}

pub(crate) fn to_radix(mut magnitude: u128, radix: u32) -> String {
    let mut digits = Vec::new();
    loop {
        let digit = (magnitude % u128::from(radix)) as u32;
        digits.push(char::from_digit(digit, radix).unwrap_or('0'));
        magnitude /= u128::from(radix);
        if magnitude == 0 {
            break;
        }
    }
    digits.iter().rev().collect()
}

/// `%e`, `%f` and `%g` as Go prints them (`1.234500e+03`).
fn format_float(verb: &Verb, number: f64) -> String {
    let negative = number.is_sign_negative() && number != 0.0;
    let magnitude = libm::fabs(number);
    let body = match verb.mode {
        'f' => format!("{magnitude:.*}", verb.precision.unwrap_or(6)),
        'e' | 'E' => {
            let (digits, exponent) =
                decimal_digits(magnitude, Some(verb.precision.unwrap_or(6) + 1));
            exponent_form(
                &digits,
                exponent,
                verb.precision.unwrap_or(6),
                verb.mode == 'E',
            )
        }
        _ => general_form(verb, magnitude),
    };
    pad_number(verb, negative, "", &body, true)
}

/// Go's `%g`: exponent form for small or large exponents, fixed form otherwise, without
/// trailing zeros.
fn general_form(verb: &Verb, magnitude: f64) -> String {
    let shortest = verb.precision.is_none();
    let significant = verb.precision.map(|precision| precision.max(1));
    let (digits, exponent) = decimal_digits(magnitude, significant);
    let digits = digits.trim_end_matches('0');
    let digits = if digits.is_empty() { "0" } else { digits };
    let count = digits.len() as i64;
    let point = exponent + 1; // digits before the decimal point
    let mut precision = significant.map_or(count, |p| p as i64);
    let mut limit = precision;
    if limit > count && count >= point {
        limit = count;
    }
    if shortest {
        limit = 6;
    }
    if exponent < -4 || exponent >= limit {
        precision = precision.min(count);
        exponent_form(
            digits,
            exponent,
            (precision - 1).max(0) as usize,
            verb.mode == 'G',
        )
    } else {
        if precision > point {
            precision = count;
        }
        fixed_form(digits, point, (precision - point).max(0) as usize)
    }
}

/// The significant decimal digits of a non-negative number and the exponent of the first one:
/// `1234.5` is `("12345", 3)`. With `significant`, rounded to that many digits.
fn decimal_digits(magnitude: f64, significant: Option<usize>) -> (String, i64) {
    let text = match significant {
        Some(count) => format!("{magnitude:.*e}", count.saturating_sub(1)),
        None => format!("{magnitude:e}"),
    };
    let (mantissa, exponent) = text.split_once('e').unwrap_or((&text, "0"));
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    (digits, exponent.parse().unwrap_or(0))
}

fn exponent_form(digits: &str, exponent: i64, decimals: usize, upper: bool) -> String {
    let mut out = String::new();
    let mut chars = digits.chars();
    out.push(chars.next().unwrap_or('0'));
    if decimals > 0 {
        out.push('.');
        let rest: String = chars
            .chain(core::iter::repeat('0'))
            .take(decimals)
            .collect();
        out.push_str(&rest);
    }
    out.push(if upper { 'E' } else { 'e' });
    out.push(if exponent < 0 { '-' } else { '+' });
    let _ = write!(out, "{:02}", exponent.unsigned_abs());
    out
}

fn fixed_form(digits: &str, point: i64, decimals: usize) -> String {
    let digit_at = |index: i64| -> char {
        usize::try_from(index)
            .ok()
            .and_then(|index| digits.as_bytes().get(index))
            .map_or('0', |&byte| char::from(byte))
    };
    let mut out = String::new();
    if point <= 0 {
        out.push('0');
    } else {
        for index in 0..point {
            out.push(digit_at(index));
        }
    }
    if decimals > 0 {
        out.push('.');
        for index in 0..decimals as i64 {
            out.push(digit_at(point + index));
        }
    }
    out
}

/// A number with at most ten significant digits in Go's `%g` form, as Terraform writes
/// numbers into set hashes (`1e+11`, `0.001`).
pub(super) fn ten_digits(number: f64) -> String {
    let verb = Verb {
        mode: 'g',
        precision: Some(10),
        ..Verb::default()
    };
    format_float(&verb, number)
}
