//! `regex_match` as Checkov runs it: Python's `re.match`, a match anchored at the start of the
//! text (not at its end). Patterns run on the same linear-time engine as Terraform's `regex()`
//! (RE2 syntax, which Python's shares for everything policies usually write). Python features
//! RE2 lacks (look-arounds, back-references, atomic groups) are refused when the policy is
//! read, so that no answer is ever guessed; `\d`, `\w` and `\s` are their ASCII forms.

use alloc::format;
use alloc::string::String;
use alloc::sync::Arc;
use regex_automata::nfa::thompson::{self, pikevm::PikeVM};
use regex_automata::util::syntax;
use regex_automata::{Anchored, Input};

/// The most memory a compiled pattern may take.
const NFA_SIZE_LIMIT: usize = 10 << 20;

/// The most work one match may take (text length times pattern states): past it the
/// attribute's verdict is unknown rather than a scan that seems to hang.
const MAX_MATCH_WORK: usize = 200_000_000;

/// A compiled `regex_match` value.
#[derive(Debug, Clone)]
pub struct Pattern {
    /// None for a pattern Python would also refuse (`re.error`): Checkov then answers "no
    /// match".
    machine: Option<Arc<PikeVM>>,
}

impl Pattern {
    /// Compiles a Python pattern. The error says which Python feature tfscan cannot run.
    pub fn compile(pattern: &str) -> Result<Pattern, String> {
        if let Some(feature) = unsupported_feature(pattern) {
            return Err(format!(
                "uses {feature}, which tfscan's regular expressions do not support"
            ));
        }
        let translated = crate::eval::functions::regex::ascii_perl_classes(&python_to_re2(pattern));
        let built = PikeVM::builder()
            .syntax(syntax::Config::new().utf8(true))
            .thompson(thompson::Config::new().nfa_size_limit(Some(NFA_SIZE_LIMIT)))
            .build(&translated);
        Ok(Pattern {
            machine: built.ok().map(Arc::new),
        })
    }

    /// `re.match(pattern, text) is not None`; None when the match would take too long.
    pub fn matches_start(&self, text: &str) -> Option<bool> {
        let Some(machine) = &self.machine else {
            return Some(false);
        };
        let states = machine.get_nfa().states().len();
        if text.len().saturating_add(1).saturating_mul(states) > MAX_MATCH_WORK {
            return None;
        }
        let mut cache = machine.create_cache();
        let input = Input::new(text).anchored(Anchored::Yes);
        Some(machine.is_match(&mut cache, input))
    }
}

/// The first Python feature in `pattern` that RE2 syntax cannot express, by name.
fn unsupported_feature(pattern: &str) -> Option<&'static str> {
    let features = [
        ("(?=", "a look-ahead `(?=...)`"),
        ("(?!", "a negative look-ahead `(?!...)`"),
        ("(?<=", "a look-behind `(?<=...)`"),
        ("(?<!", "a negative look-behind `(?<!...)`"),
        ("(?P=", "a back-reference `(?P=name)`"),
        ("(?>", "an atomic group `(?>...)`"),
        ("(?(", "a conditional group `(?(...)`"),
    ];
    for (text, name) in features {
        if pattern.contains(text) {
            return Some(name);
        }
    }
    let bytes = pattern.as_bytes();
    let mut index = 0;
    while index + 1 < bytes.len() {
        if bytes[index] == b'\\' {
            if bytes[index + 1].is_ascii_digit() && bytes[index + 1] != b'0' {
                return Some("a back-reference `\\1`");
            }
            index += 2;
            continue;
        }
        index += 1;
    }
    None
}

/// Python spellings RE2 writes differently: `\Z` (the end) is `\z`, and `{,n}` is `{0,n}`.
fn python_to_re2(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len());
    let mut chars = pattern.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some('Z') => out.push_str("\\z"),
                Some(escaped) => {
                    out.push('\\');
                    out.push(escaped);
                }
                None => out.push('\\'),
            },
            '{' if chars.peek() == Some(&',') => out.push_str("{0"),
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matches(pattern: &str, text: &str) -> bool {
        Pattern::compile(pattern)
            .unwrap()
            .matches_start(text)
            .unwrap()
    }

    #[test]
    fn matches_at_the_start_only_as_re_match() {
        assert!(matches("abc", "abcdef"));
        assert!(!matches("bcd", "abcdef"));
        assert!(matches(".*bcd", "abcdef"));
        assert!(matches("^[a-z]+-\\d{2,}$", "team-42"));
        assert!(!matches("^[a-z]+-\\d{2,}$", "team-4"));
        assert!(matches("(?i)PROD", "production"));
        assert!(matches("a{,2}b\\Z", "aab"));
    }

    #[test]
    fn python_only_features_are_refused_and_invalid_patterns_never_match() {
        assert!(Pattern::compile("^(?!prod)").is_err());
        assert!(Pattern::compile("(a)\\1").is_err());
        assert!(!matches("(unclosed", "(unclosed"));
    }
}
