//! `regex`, `regexall` and the regular-expression form of `replace`.
//!
//! Terraform's patterns are RE2 syntax. They run here on a Pike VM, whose time is linear in
//! the input like RE2's. RE2's `\d`, `\w`, `\s` and `\b` are ASCII-only, so they are spelled
//! out as ASCII classes before the pattern is compiled; the rest of the syntax is shared.
//! Unicode classes (`\pL`, `\p{Greek}`) are not built in: patterns with them give unknown
//! results.

use alloc::collections::BTreeMap;
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt::Write;
use regex_automata::nfa::thompson::{self, pikevm::PikeVM};
use regex_automata::util::captures::Captures;
use regex_automata::util::syntax;
use regex_automata::PatternID;

use super::{fixed, invalid, known, string_arg};
use crate::value::{is_hole, is_tag, Value, HOLE, ID_HOLE};

/// The most memory a compiled pattern may take (`a{1000}{1000}` would take far more).
const NFA_SIZE_LIMIT: usize = 10 << 20;

/// The Pike VM's time is linear in the text and in the pattern's size, so their product is
/// bounded: past it a result is unknown rather than a scan that seems to hang.
const MAX_MATCH_WORK: usize = 200_000_000;

/// The most matches `regexall` and `replace` collect; past it their result is unknown.
const MAX_MATCHES: usize = 100_000;

/// A compiled pattern and what its capture groups look like.
struct Pattern {
    machine: PikeVM,
    /// Names of the capture groups after the whole match (`None` for unnamed ones).
    group_names: Vec<Option<String>>,
}

impl Pattern {
    /// True when matching `text` stays within [`MAX_MATCH_WORK`].
    fn affordable(&self, text: &str) -> bool {
        let states = self.machine.get_nfa().states().len();
        text.len().saturating_add(1).saturating_mul(states) <= MAX_MATCH_WORK
    }

    /// Compiles a pattern; `Ok(None)` when it uses Unicode property classes (`\pL`,
    /// `\p{Greek}`), whose tables are left out of the build to keep it small: such patterns
    /// give unknown results rather than wrong ones.
    fn compile(name: &str, pattern: &str) -> Result<Option<Self>, String> {
        let built = PikeVM::builder()
            .syntax(syntax::Config::new().utf8(true))
            .thompson(thompson::Config::new().nfa_size_limit(Some(NFA_SIZE_LIMIT)))
            .build(&ascii_perl_classes(pattern));
        let machine = match built {
            Ok(machine) => machine,
            Err(_) if pattern.contains("\\p") || pattern.contains("\\P") => return Ok(None),
            Err(error) => {
                return Err(invalid(
                    name,
                    format_args!("invalid regular expression: {error}"),
                ));
            }
        };
        let group_names = machine
            .get_nfa()
            .group_info()
            .pattern_names(PatternID::ZERO)
            .skip(1)
            .map(|group| group.map(String::from))
            .collect();
        Ok(Some(Self {
            machine,
            group_names,
        }))
    }

    /// Matches in Go's order: an empty match right after the previous match is skipped.
    /// At most [`MAX_MATCHES`] (what follows is left out; callers see the count).
    fn matches(&self, haystack: &str) -> Vec<Captures> {
        let mut cache = self.machine.create_cache();
        let mut found = Vec::new();
        let mut previous_end = None;
        for captures in self.machine.captures_iter(&mut cache, haystack) {
            let Some(span) = captures.get_match().map(|found| found.span()) else {
                continue;
            };
            let abuts_previous = span.is_empty() && previous_end == Some(span.start);
            previous_end = Some(span.end);
            if !abuts_previous {
                found.push(captures);
                if found.len() > MAX_MATCHES {
                    break;
                }
            }
        }
        found
    }

    /// What `regex` returns for one match: the matched text when the pattern has no capture
    /// groups, a list for unnamed groups, an object for named ones. Groups that did not take
    /// part in the match are null.
    fn result(&self, name: &str, haystack: &str, captures: &Captures) -> Result<Value, String> {
        let group = |index: usize| {
            captures
                .get_group(index)
                .and_then(|span| haystack.get(span.range()))
                .map_or(Value::Null, Value::from)
        };
        let named = self
            .group_names
            .iter()
            .filter(|group| group.is_some())
            .count();
        if self.group_names.is_empty() {
            Ok(group(0))
        } else if named == 0 {
            Ok(Value::List(
                (1..=self.group_names.len()).map(group).collect(),
            ))
        } else if named == self.group_names.len() {
            let mut object = BTreeMap::new();
            for (index, group_name) in self.group_names.iter().enumerate() {
                if let Some(group_name) = group_name {
                    object.insert(group_name.clone(), group(index + 1));
                }
            }
            Ok(Value::Object(object))
        } else {
            Err(invalid(
                name,
                "a pattern cannot mix named and unnamed capture groups",
            ))
        }
    }
}

pub(super) fn regex(name: &str, args: &[Value]) -> Result<Value, String> {
    let [pattern, text] = fixed::<2>(name, args)?;
    let pattern = string_arg(name, pattern)?;
    let text = string_arg(name, text)?;
    let (Some(pattern), Some(text)) = (pattern, text) else {
        return Ok(Value::Unknown);
    };
    let compiled = known!(Pattern::compile(name, &pattern));
    if !compiled.affordable(&text) {
        return Ok(Value::Unknown);
    }
    let mut cache = compiled.machine.create_cache();
    let mut captures = compiled.machine.create_captures();
    compiled
        .machine
        .captures(&mut cache, text.as_str(), &mut captures);
    if !captures.is_match() {
        return Err(invalid(
            name,
            "the pattern did not match any part of the given string",
        ));
    }
    compiled.result(name, &text, &captures)
}

pub(super) fn regexall(name: &str, args: &[Value]) -> Result<Value, String> {
    let [pattern, text] = fixed::<2>(name, args)?;
    let pattern = string_arg(name, pattern)?;
    let text = string_arg(name, text)?;
    let (Some(pattern), Some(text)) = (pattern, text) else {
        return Ok(Value::Unknown);
    };
    let compiled = known!(Pattern::compile(name, &pattern));
    if !compiled.affordable(&text) {
        return Ok(Value::Unknown);
    }
    let matches = compiled.matches(&text);
    if matches.len() > MAX_MATCHES {
        return Ok(Value::Unknown);
    }
    let results = matches
        .iter()
        .map(|captures| compiled.result(name, &text, captures))
        .collect::<Result<Vec<Value>, String>>()?;
    Ok(Value::List(results))
}

/// `replace(text, search, replacement)`: a search wrapped in slashes is a pattern, and the
/// replacement may then name groups (`$1`, `${name}`); otherwise every occurrence of the
/// literal search text is replaced.
/// `replace` on text with unknown pieces (see [`Value`]), or with a replacement that has
/// some, for a plain search string: the known pieces are searched and each hole stays a hole.
/// None when that could be wrong: the search is a pattern (`/.../`), is empty or is not
/// known, or a match could begin in a known piece and end in a hole (or the other way round).
pub(super) fn replace_partial(args: &[Value]) -> Option<Value> {
    let [Value::String(text), Value::String(search), replacement] = args else {
        return None;
    };
    let is_pattern = search.len() >= 2 && search.starts_with('/') && search.ends_with('/');
    if search.is_empty() || is_pattern || search.contains(is_hole) {
        return None;
    }
    let pieces: Vec<&str> = text.split(is_hole).collect();
    let straddles = pieces.iter().enumerate().any(|(index, piece)| {
        (1..search.len())
            .filter(|&at| search.is_char_boundary(at))
            .any(|at| {
                (index + 1 < pieces.len() && piece.ends_with(&search[..at]))
                    || (index > 0 && piece.starts_with(&search[at..]))
            })
    });
    if straddles {
        return None;
    }
    if !pieces.iter().any(|piece| piece.contains(search.as_str())) {
        return Some(Value::String(text.clone()));
    }
    let Value::String(replacement) = replacement else {
        return None;
    };
    // What an identifier becomes may hold the replacement: still an identifier only when the
    // replacement is one too (not empty, no wildcard).
    let keeps_identifiers = !replacement.is_empty() && !replacement.contains(['*', '?']);
    let holes = text.chars().filter(|&c| is_hole(c)).map(|hole| match hole {
        ID_HOLE if keeps_identifiers => ID_HOLE,
        tag if keeps_identifiers && is_tag(tag) => tag,
        _ => HOLE,
    });
    let mut out = String::with_capacity(text.len());
    let mut holes = holes;
    for (index, piece) in pieces.iter().enumerate() {
        if index > 0 {
            out.push(holes.next().unwrap_or(HOLE));
        }
        out.push_str(&piece.replace(search.as_str(), replacement));
        if out.len() > super::MAX_BUILT_LENGTH {
            return Some(Value::Unknown);
        }
    }
    Some(Value::text(out))
}

pub(super) fn replace(name: &str, args: &[Value]) -> Result<Value, String> {
    let [text, search, replacement] = fixed::<3>(name, args)?;
    let text = known!(string_arg(name, text));
    let search = known!(string_arg(name, search));
    let replacement = known!(string_arg(name, replacement));

    let pattern = search
        .strip_prefix('/')
        .and_then(|rest| rest.strip_suffix('/'));
    let Some(pattern) = pattern else {
        // An empty search matches between every two characters: the result can be far longer
        // than the text, so its length is known before it is built.
        let occurrences = if search.is_empty() {
            text.chars().count() + 1
        } else {
            text.matches(search.as_str()).count()
        };
        let length = occurrences
            .saturating_mul(replacement.len())
            .saturating_add(text.len());
        if length > super::MAX_BUILT_LENGTH {
            return Ok(Value::Unknown);
        }
        return Ok(Value::String(text.replace(&search, &replacement)));
    };
    let compiled = known!(Pattern::compile(name, pattern));
    if !compiled.affordable(&text) {
        return Ok(Value::Unknown);
    }
    let mut out = String::with_capacity(text.len());
    let mut copied_to = 0;
    let matches = compiled.matches(&text);
    if matches.len() > MAX_MATCHES {
        return Ok(Value::Unknown);
    }
    for captures in matches {
        if out.len() > super::MAX_BUILT_LENGTH {
            return Ok(Value::Unknown);
        }
        let Some(span) = captures.get_match().map(|found| found.span()) else {
            continue;
        };
        out.push_str(text.get(copied_to..span.start).unwrap_or_default());
        captures.interpolate_string_into(&text, &replacement, &mut out);
        copied_to = span.end;
    }
    out.push_str(text.get(copied_to..).unwrap_or_default());
    Ok(Value::String(out))
}

/// Rewrites RE2's ASCII-only Perl classes (`\d \w \s` and their negations) and word
/// boundaries (`\b \B`) into explicit ASCII forms, inside and outside bracket classes.
pub(crate) fn ascii_perl_classes(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len() + 16);
    let mut chars = pattern.chars().peekable();
    let mut in_class = false;
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                let Some(escaped) = chars.next() else {
                    out.push('\\');
                    break;
                };
                let class = match escaped {
                    'd' => Some(("0-9", false)),
                    'D' => Some(("0-9", true)),
                    'w' => Some(("0-9A-Za-z_", false)),
                    'W' => Some(("0-9A-Za-z_", true)),
                    's' => Some(("\\t\\n\\f\\r ", false)),
                    'S' => Some(("\\t\\n\\f\\r ", true)),
                    _ => None,
                };
                match (class, escaped) {
                    (Some((members, false)), _) if in_class => out.push_str(members),
                    (Some((members, negated)), _) => {
                        let _ = write!(out, "[{}{members}]", if negated { "^" } else { "" });
                    }
                    (None, 'b' | 'B') if !in_class => {
                        let _ = write!(out, "(?-u:\\{escaped})");
                    }
                    _ => {
                        out.push('\\');
                        out.push(escaped);
                    }
                }
            }
            '[' if !in_class => {
                in_class = true;
                out.push('[');
                if chars.next_if_eq(&'^').is_some() {
                    out.push('^');
                }
                // A `]` right after the opening bracket is a member, not the end.
                if chars.next_if_eq(&']').is_some() {
                    out.push_str("\\]");
                }
            }
            '[' if in_class && chars.peek() == Some(&':') => {
                // `[:alpha:]` inside a class.
                out.push('[');
                for next in chars.by_ref() {
                    out.push(next);
                    if next == ']' {
                        break;
                    }
                }
            }
            ']' if in_class => {
                in_class = false;
                out.push(']');
            }
            '[' => out.push_str("\\["),
            _ => out.push(c),
        }
    }
    out
}
