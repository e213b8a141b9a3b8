//! Object constructors that repeat a key. Terraform accepts `{ port = 80, port = 443 }` (the
//! last value wins) but hcl-edit rejects it with "redefined object key". So, on that error,
//! the repeated key is renamed in a copy of the text, to a name of the same byte length so that
//! every span stays right, and the copy is parsed again. The conversion reads renamed keys back
//! from the original text (see [`crate::expr::Converter`]), so the model holds both entries
//! with their real names, in source order.

use std::collections::BTreeMap;
use std::ops::Range;

use hcl_edit::parser::Error;

/// How many times one text may be parsed again before its repeated keys are reported as an
/// error instead: each reparse reads the whole text, so a hostile file must not ask for many.
/// (Each file of the corpus that repeats a key needs one.)
pub(crate) const MAX_REPARSES: usize = 64;

/// Parses `text` with `parse`, renaming repeated object keys as needed. Returns the parsed
/// value and the byte offsets, ascending, of the keys that were renamed.
pub(crate) fn parse<T>(
    text: &str,
    parse: impl Fn(&str) -> Result<T, Error>,
) -> Result<(T, Vec<usize>), Error> {
    let first_error = match parse(text) {
        Ok(parsed) => return Ok((parsed, Vec::new())),
        Err(error) if is_repeated_key(&error) => error,
        Err(error) => return Err(error),
    };

    let mut copy = text.as_bytes().to_vec();
    // For each renamed key, how many names it has been given so far.
    let mut attempts: BTreeMap<usize, usize> = BTreeMap::new();
    let mut offset = first_error.location().offset();

    for _ in 0..MAX_REPARSES {
        // A key met for the first time starts after the names already given to others, so
        // that keys renamed in one object do not collide with each other.
        let first_attempt = attempts.len();
        let attempt = attempts.entry(offset).or_insert(first_attempt);
        let Some(range) = key_name_range(text, offset) else {
            return Err(first_error);
        };
        let Some(name) = candidate_name(*attempt, range.len()) else {
            return Err(first_error);
        };
        *attempt += 1;
        let Some(target) = copy.get_mut(range) else {
            return Err(first_error);
        };
        target.copy_from_slice(name.as_bytes());

        // Whole characters were replaced by ASCII, so the copy is still UTF-8.
        let Ok(copy_text) = std::str::from_utf8(&copy) else {
            return Err(first_error);
        };
        match parse(copy_text) {
            Ok(parsed) => return Ok((parsed, attempts.into_keys().collect())),
            Err(error) if is_repeated_key(&error) => offset = error.location().offset(),
            Err(error) => return Err(error),
        }
    }
    Err(first_error)
}

fn is_repeated_key(error: &Error) -> bool {
    error.message().contains("redefined object key")
}

/// The bytes to overwrite for the key starting at `offset`: a bare name, or the inside of a
/// quoted string without escapes of `"` trouble or interpolation. Other keys (templates,
/// parenthesised expressions) are left alone and their repetition stays an error.
fn key_name_range(text: &str, offset: usize) -> Option<Range<usize>> {
    let rest = text.get(offset..)?;
    let first = rest.chars().next()?;

    if first == '"' {
        let bytes = rest.as_bytes();
        let mut at = 1;
        while let Some(&byte) = bytes.get(at) {
            match byte {
                b'\\' => at += 2,
                b'"' => {
                    return (at > 1).then(|| offset + 1..offset + at);
                }
                b'\n' => return None,
                b'$' | b'%' if bytes.get(at + 1) == Some(&b'{') => return None,
                _ => at += 1,
            }
        }
        return None;
    }

    if first.is_alphabetic() || first == '_' {
        let len: usize = rest
            .chars()
            .take_while(|&c| c.is_alphanumeric() || c == '_' || c == '-')
            .map(char::len_utf8)
            .sum();
        return Some(offset..offset + len);
    }
    None
}

/// The `attempt`-th replacement name of `len` bytes: an identifier that is unlikely to be a
/// real key (it starts with underscores), or `None` when every name of that length is used.
fn candidate_name(attempt: usize, len: usize) -> Option<String> {
    const FIRST: &[u8] = b"_abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    const REST: &[u8] = b"_abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-";

    let mut name = vec![b'_'; len];
    let mut remaining = attempt;
    for (position, slot) in name.iter_mut().enumerate().rev() {
        let alphabet = if position == 0 { FIRST } else { REST };
        *slot = *alphabet.get(remaining % alphabet.len())?;
        remaining /= alphabet.len();
    }
    if remaining > 0 || len == 0 {
        return None;
    }
    String::from_utf8(name).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_distinct_and_exhaust() {
        assert_eq!(candidate_name(0, 4).as_deref(), Some("____"));
        assert_eq!(candidate_name(1, 4).as_deref(), Some("___a"));
        assert_eq!(candidate_name(52, 1).as_deref(), Some("Z"));
        assert_eq!(candidate_name(53, 1), None);
        assert_eq!(candidate_name(0, 0), None);
    }

    #[test]
    fn key_ranges_cover_the_name_only() {
        let text = "{ port = 1, \"po\\\"rt\" = 2, \"${x}\" = 3, (k) = 4, ünï = 5 }";
        assert_eq!(key_name_range(text, 2), Some(2..6));
        assert_eq!(key_name_range(text, 12), Some(13..19));
        assert_eq!(key_name_range(text, 26), None);
        assert_eq!(key_name_range(text, 38), None);
        let unicode = text.find('ü').unwrap();
        assert_eq!(key_name_range(text, unicode), Some(unicode..unicode + 5));
    }

    #[test]
    fn repeated_keys_parse_with_spans_unchanged() {
        let text = "a = {\n  port = 80\n  x = 1\n  port = 443\n}\n";
        assert!(hcl_edit::parser::parse_body(text).is_err());
        let (body, renamed) = parse(text, hcl_edit::parser::parse_body).unwrap();
        assert_eq!(renamed, vec![text.rfind("port").unwrap()]);
        let attribute = body.get_attribute("a").unwrap();
        assert_eq!(hcl_edit::Span::span(attribute), Some(0..text.len() - 1));
    }

    #[test]
    fn a_renamed_key_that_collides_is_renamed_again() {
        let text = "a = { a = 1, a = 2, _ = 3 }";
        let (_, renamed) = parse(text, hcl_edit::parser::parse_body).unwrap();
        assert_eq!(
            renamed.len(),
            2,
            "the second `a`, then the `_` its new name met: {renamed:?}"
        );
        let many = format!("a = {{ {} }}", "k = 1, ".repeat(60));
        assert!(
            parse(&many, hcl_edit::parser::parse_body).is_err(),
            "only 53 one-letter names"
        );
    }

    #[test]
    fn the_number_of_reparses_is_bounded() {
        let within = format!("a = {{ {} }}", "port = 1, ".repeat(MAX_REPARSES + 1));
        let (_, renamed) = parse(&within, hcl_edit::parser::parse_body).unwrap();
        assert_eq!(renamed.len(), MAX_REPARSES);
        let beyond = format!("a = {{ {} }}", "port = 1, ".repeat(MAX_REPARSES + 2));
        let error = parse(&beyond, hcl_edit::parser::parse_body).unwrap_err();
        assert!(is_repeated_key(&error));
    }
}
