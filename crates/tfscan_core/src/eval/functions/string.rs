//! String functions: `upper`, `split`, `substr`, ... (`format` and the regular expression
//! functions have files of their own).
//!
//! Terraform counts, cuts and reverses strings by grapheme clusters (what a reader sees as
//! one character: `"👍🏽"` has length 1). Terraform also normalizes every string to Unicode
//! NFC; the scan does not, so a decomposed `"e\u0301"` stays two code points here (it is
//! still one grapheme).

use alloc::string::String;
use alloc::vec::Vec;
use unicode_segmentation::UnicodeSegmentation;

use super::{
    at_least, fixed, format, integer_arg, invalid, known, regex, string_arg, string_list_arg,
};
use crate::value::{is_hole, Value, HOLE};

#[cfg_attr(target_family = "wasm", inline(never))]
pub(super) fn call(name: &str, args: &[Value]) -> Option<Result<Value, String>> {
    let result = match name {
        "chomp" => map_string(name, args, |text| {
            text.trim_end_matches(['\r', '\n']).into()
        }),
        "lower" => map_string(name, args, lower),
        "upper" => map_string(name, args, upper),
        "title" => map_string(name, args, title),
        "strrev" => map_string(name, args, |text| text.graphemes(true).rev().collect()),
        "trimspace" => map_string(name, args, |text| text.trim().into()),
        "trim" => two_strings(name, args, |text, cutset| {
            text.trim_matches(|c| cutset.contains(c)).into()
        }),
        "trimprefix" => two_strings(name, args, |text, prefix| {
            text.strip_prefix(prefix).unwrap_or(text).into()
        }),
        "trimsuffix" => two_strings(name, args, |text, suffix| {
            text.strip_suffix(suffix).unwrap_or(text).into()
        }),
        "startswith" => two_strings(name, args, |text, prefix| text.starts_with(prefix).into()),
        "endswith" => two_strings(name, args, |text, suffix| text.ends_with(suffix).into()),
        "strcontains" => two_strings(name, args, |text, part| text.contains(part).into()),
        "split" => two_strings(name, args, split),
        "indent" => indent(name, args),
        "join" => join(name, args),
        "substr" => substr(name, args),
        "format" => format::format(name, args),
        "formatlist" => format::formatlist(name, args),
        "regex" => regex::regex(name, args),
        "regexall" => regex::regexall(name, args),
        "replace" => regex::replace(name, args),
        _ => return None,
    };
    Some(result)
}

fn map_string(name: &str, args: &[Value], f: impl Fn(&str) -> String) -> Result<Value, String> {
    let [text] = fixed::<1>(name, args)?;
    let text = known!(string_arg(name, text));
    Ok(Value::String(f(&text)))
}

fn two_strings(
    name: &str,
    args: &[Value],
    f: impl Fn(&str, &str) -> Value,
) -> Result<Value, String> {
    let [first, second] = fixed::<2>(name, args)?;
    let first = string_arg(name, first)?;
    let second = string_arg(name, second)?;
    match (first, second) {
        (Some(first), Some(second)) => Ok(f(&first, &second)),
        _ => Ok(Value::Unknown),
    }
}

/// Go's `strings.Split`, which `split(separator, text)` follows: an empty separator splits
/// between characters.
fn split(separator: &str, text: &str) -> Value {
    let parts: Vec<Value> = if separator.is_empty() {
        text.chars().map(|c| Value::String(c.into())).collect()
    } else {
        text.split(separator).map(Value::from).collect()
    };
    Value::List(parts)
}

/// `split` of text whose only unknown pieces are identifiers known only after apply (see
/// [`ID_HOLE`]): the known pieces are split and each identifier stays whole inside its piece.
/// That holds when the separator has a character no identifier is taken to hold: AWS IDs and
/// ARNs are letters, digits and `:/._-`, with `+=,@` also allowed in IAM names, which a
/// configuration that joins identifiers with `,` and splits them again (`split(",",
/// join(",", ids))`, the idiom from before Terraform had lists) already takes to be absent.
/// None for any other separator (`split(":", arn)` cuts the identifier itself) and for other
/// unknown text, which might hold the separator any number of times.
pub(super) fn split_partial(args: &[Value]) -> Option<Value> {
    let [Value::String(separator), Value::String(text)] = args else {
        return None;
    };
    let outside_identifiers = |c: char| !(c.is_ascii_alphanumeric() || ":/._-".contains(c));
    let known_separator = !separator.contains(is_hole);
    if !known_separator || !separator.contains(outside_identifiers) || text.contains(HOLE) {
        return None;
    }
    Some(split(separator, text))
}

/// Unicode's simple case mapping, as Terraform uses: a character whose upper case is more
/// than one character (`ß`) stays as it is.
fn upper(text: &str) -> String {
    text.chars()
        .map(|c| single(c.to_uppercase()).unwrap_or(c))
        .collect()
}

fn lower(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c == '\u{130}' {
                'i'
            } else {
                single(c.to_lowercase()).unwrap_or(c)
            }
        })
        .collect()
}

fn single(mut chars: impl Iterator<Item = char>) -> Option<char> {
    let first = chars.next()?;
    chars.next().is_none().then_some(first)
}

/// The first letter of each word in upper case. A word starts after a space or an ASCII
/// character other than a letter, a digit or `_`.
fn title(text: &str) -> String {
    let mut previous = ' ';
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if separates_words(previous) {
            out.push(title_case(c));
        } else {
            out.push(c);
        }
        previous = c;
    }
    out
}

/// Unicode's title case: upper case, except for the four digraphs that have a title form of
/// their own (`ǆ` becomes `ǅ`).
fn title_case(c: char) -> char {
    match c {
        '\u{1C4}'..='\u{1C6}' => '\u{1C5}',
        '\u{1C7}'..='\u{1C9}' => '\u{1C8}',
        '\u{1CA}'..='\u{1CC}' => '\u{1CB}',
        '\u{1F1}'..='\u{1F3}' => '\u{1F2}',
        _ => single(c.to_uppercase()).unwrap_or(c),
    }
}

fn separates_words(c: char) -> bool {
    if c.is_ascii() {
        return !(c.is_ascii_alphanumeric() || c == '_');
    }
    !c.is_alphanumeric() && c.is_whitespace()
}

fn indent(name: &str, args: &[Value]) -> Result<Value, String> {
    let [spaces, text] = fixed::<2>(name, args)?;
    let spaces = integer_arg(name, spaces)?;
    let text = string_arg(name, text)?;
    let (Some(spaces), Some(text)) = (spaces, text) else {
        return Ok(Value::Unknown);
    };
    let count =
        usize::try_from(spaces).map_err(|_| invalid(name, "spaces must not be negative"))?;
    let lines = text.matches('\n').count();
    if count.saturating_mul(lines) > super::MAX_BUILT_LENGTH {
        return Ok(Value::Unknown);
    }
    let mut padded_newline = String::from("\n");
    padded_newline.extend(core::iter::repeat_n(' ', count));
    Ok(Value::String(text.replace('\n', &padded_newline)))
}

fn join(name: &str, args: &[Value]) -> Result<Value, String> {
    at_least(name, args, 2)?;
    let Some((separator, lists)) = args.split_first() else {
        return Ok(Value::Unknown);
    };
    let separator = string_arg(name, separator)?;
    let mut parts = Vec::new();
    let mut unknown = separator.is_none();
    for list in lists {
        match list {
            // An element known only after apply leaves a hole in the text (see `Value`).
            Value::List(items) if items.iter().any(Value::is_unknown) => {
                let holes: Vec<Value> = items
                    .iter()
                    .map(|item| match item {
                        Value::Unknown => Value::String(crate::value::HOLE.into()),
                        other => other.clone(),
                    })
                    .collect();
                match string_list_arg(name, &Value::List(holes))? {
                    Some(strings) => parts.extend(strings),
                    None => unknown = true,
                }
            }
            list => match string_list_arg(name, list)? {
                Some(strings) => parts.extend(strings),
                None => unknown = true,
            },
        }
    }
    match separator {
        Some(separator) if !unknown => Ok(Value::String(parts.join(&separator))),
        _ => Ok(Value::Unknown),
    }
}

fn substr(name: &str, args: &[Value]) -> Result<Value, String> {
    let [text, offset, length] = fixed::<3>(name, args)?;
    let text = string_arg(name, text)?;
    let offset = integer_arg(name, offset)?;
    let length = integer_arg(name, length)?;
    let (Some(text), Some(offset), Some(length)) = (text, offset, length) else {
        return Ok(Value::Unknown);
    };

    let graphemes: Vec<&str> = text.graphemes(true).collect();
    let count = graphemes.len() as i64;
    // A negative offset counts from the end; a negative length means "to the end".
    let start = if offset < 0 {
        (count + offset).max(0)
    } else {
        offset
    };
    if start >= count {
        return Ok(Value::String(String::new()));
    }
    let end = if length < 0 {
        count
    } else {
        start.saturating_add(length).min(count)
    };
    let piece = graphemes
        .get(start as usize..end as usize)
        .unwrap_or_default()
        .concat();
    Ok(Value::String(piece))
}
