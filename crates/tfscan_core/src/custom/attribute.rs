//! Attribute conditions on one block, as Checkov 3.3.30 decides them: the attribute is looked
//! up in the block's [`View`] (with `*` standing for any list index), then the operator
//! compares it with the policy's value in Python's terms (see [`super::python`]).
//!
//! Where the value is known only after apply, Checkov sees an unrendered reference and answers
//! nothing; tfscan answers [`Answer::Unknown`]. Where Python would raise (`contains` with a
//! number in a string), Checkov drops the block from the check's results: [`Answer::Error`].

use alloc::string::String;
use alloc::vec::Vec;

use super::definition::{AttributeCondition, Operator};
use super::net;
use super::python::{self, Py};
use super::view::View;

/// A condition's answer on one block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    Yes,
    No,
    /// It depends on a value known only after apply.
    Unknown,
    /// Python raises here: Checkov reports nothing for the block (and, inside `and` / `or`,
    /// nothing for the whole policy).
    Error,
}

impl Answer {
    pub fn of(condition: bool) -> Answer {
        if condition {
            Answer::Yes
        } else {
            Answer::No
        }
    }

    pub fn not(self) -> Answer {
        match self {
            Answer::Yes => Answer::No,
            Answer::No => Answer::Yes,
            other => other,
        }
    }
}

/// Checkov's `any()` over answers: Yes when one is, else Error when Python raised on the way,
/// else Unknown when one is, else No.
fn any_of(answers: impl IntoIterator<Item = Answer>) -> Answer {
    let mut result = Answer::No;
    for answer in answers {
        match answer {
            Answer::Yes => return Answer::Yes,
            Answer::Error => result = Answer::Error,
            Answer::Unknown if result == Answer::No => result = Answer::Unknown,
            _ => {}
        }
    }
    result
}

/// Decides an attribute condition on a block of Checkov type `resource_type`.
pub fn decide(condition: &AttributeCondition, view: &View, resource_type: &str) -> Answer {
    // Checkov keeps the block's type under `resource_type`, and reads a policy's
    // `resource_type` attribute as the block's own attribute of that name.
    let attribute = match condition.attribute.as_str() {
        "resource_type" => "_resource_type",
        other => other,
    };
    let reads_value = condition.operator.reads_value();
    // Checkov compares with the empty string even where the value is unrendered.
    let empty_value = condition.value == Py::Str(String::new());

    // A value known only after apply on the way to the attribute (`tags` when the policy
    // reads `tags.Owner`) leaves the condition undecided, and so does the attribute's own
    // value for an operator that reads it.
    let mut path = String::new();
    for part in attribute.split('.') {
        if !path.is_empty() {
            path.push('.');
        }
        path.push_str(part);
        let whole = path.len() == attribute.len();
        if (!whole || reads_value) && !empty_value && view.get(&path) == Some(&Py::Unknown) {
            return Answer::Unknown;
        }
    }

    if has_wildcard(attribute) {
        let matches = matching_paths(view, attribute);
        if !matches.is_empty() {
            let skip_unknown = reads_value && !empty_value;
            if !condition.types.matches(resource_type) {
                // Checkov still tells apart a block whose matched values are all known.
                let some_unknown = skip_unknown
                    && condition.operator != Operator::NotContains
                    && matches
                        .iter()
                        .any(|path| view.get(path) == Some(&Py::Unknown));
                return if some_unknown {
                    Answer::Unknown
                } else {
                    Answer::No
                };
            }
            return decide_matches(condition, view, &matches, skip_unknown);
        }
    }
    if !condition.types.matches(resource_type) {
        return Answer::No;
    }
    operate(condition, view.get(attribute))
}

/// Every path of the view that `attribute` names, `*` standing for a list index; Checkov also
/// takes the path with the `*` steps left out (`rule.*.id` names `rule.id`).
fn matching_paths<'v>(view: &'v View, attribute: &str) -> Vec<&'v str> {
    let pattern: Vec<&str> = attribute.split('.').collect();
    let without_stars: Vec<&str> = pattern
        .iter()
        .copied()
        .filter(|part| *part != "*")
        .collect();
    let fits = |key: &str, pattern: &[&str]| {
        let parts: Vec<&str> = key.split('.').collect();
        parts.len() == pattern.len()
            && parts.iter().zip(pattern).all(|(part, wanted)| {
                if *wanted == "*" {
                    !part.is_empty() && part.chars().all(|c| c.is_ascii_digit())
                } else {
                    part == wanted
                }
            })
    };
    view.entries
        .keys()
        .map(String::as_str)
        .filter(|key| fits(key, &pattern) || fits(key, &without_stars))
        .collect()
}

/// Checkov's test for a wildcard attribute: a `.*` after at least one character, with no
/// blank before it.
fn has_wildcard(attribute: &str) -> bool {
    attribute
        .match_indices(".*")
        .any(|(at, _)| at > 0 && !attribute[..at].contains(char::is_whitespace))
}

/// A condition over the paths a wildcard attribute matched: it holds when it holds for one of
/// them (for `not_contains`: for all of them). Paths whose value is known only after apply
/// leave it undecided when the others do not settle it.
fn decide_matches(
    condition: &AttributeCondition,
    view: &View,
    matches: &[&str],
    skip_unknown: bool,
) -> Answer {
    let answers: Vec<Answer> = matches
        .iter()
        .map(|path| {
            let value = view.get(path);
            if skip_unknown && value == Some(&Py::Unknown) {
                Answer::Unknown
            } else {
                operate(condition, value)
            }
        })
        .collect();
    if condition.operator == Operator::NotContains {
        if answers.contains(&Answer::No) {
            return Answer::No;
        }
        if answers.contains(&Answer::Error) {
            return Answer::Error;
        }
        if answers.contains(&Answer::Unknown) {
            return Answer::Unknown;
        }
        return Answer::Yes;
    }
    any_of(answers)
}

/// The operator on the attribute's value (`None` when the block does not set it).
fn operate(condition: &AttributeCondition, attribute: Option<&Py>) -> Answer {
    let none = Py::None;
    let attr = attribute.unwrap_or(&none);
    let value = &condition.value;
    if *attr == Py::Unknown && condition.operator.reads_value() {
        return Answer::Unknown;
    }
    match condition.operator {
        Operator::Equals => equals(attr, value),
        Operator::NotEquals => equals(attr, value).not(),
        Operator::RegexMatch => regex_match(condition, attr),
        Operator::NotRegexMatch => regex_match(condition, attr).not(),
        Operator::Exists => Answer::of(!matches!(attr, Py::None)),
        Operator::NotExists => Answer::of(matches!(attr, Py::None)),
        Operator::Any => Answer::Yes,
        Operator::Contains => contains(attribute, value),
        Operator::NotContains => contains(attribute, value).not(),
        Operator::Within => membership(value, attr),
        Operator::NotWithin => membership(value, attr).not(),
        Operator::StartingWith => affix(attr, value, |text, affix| text.starts_with(affix)),
        Operator::NotStartingWith => {
            affix(attr, value, |text, affix| text.starts_with(affix)).not()
        }
        Operator::EndingWith => affix(attr, value, |text, affix| text.ends_with(affix)),
        Operator::NotEndingWith => affix(attr, value, |text, affix| text.ends_with(affix)).not(),
        Operator::GreaterThan => compare(attr, value, Ordering::Greater),
        Operator::GreaterThanOrEqual => compare(attr, value, Ordering::GreaterOrEqual),
        Operator::LessThan if matches!(attr, Py::None) => Answer::No,
        Operator::LessThan => compare(attr, value, Ordering::GreaterOrEqual).not(),
        Operator::LessThanOrEqual if matches!(attr, Py::None) => Answer::No,
        Operator::LessThanOrEqual => compare(attr, value, Ordering::Greater).not(),
        Operator::Subset => subset(attr, value),
        Operator::NotSubset => subset(attr, value).not(),
        Operator::IsEmpty => Answer::of(attr.len() == Some(0)),
        Operator::IsNotEmpty => Answer::of(attr.len() != Some(0)),
        Operator::LengthEquals => length(attr, value, |length, wanted| length == wanted),
        Operator::LengthNotEquals => length(attr, value, |length, wanted| length == wanted).not(),
        Operator::LengthGreaterThan => length(attr, value, |length, wanted| length > wanted),
        Operator::LengthGreaterThanOrEqual => {
            length(attr, value, |length, wanted| length >= wanted)
        }
        Operator::LengthLessThan => length(attr, value, |length, wanted| length < wanted),
        Operator::LengthLessThanOrEqual => length(attr, value, |length, wanted| length <= wanted),
        Operator::IsTrue => Answer::of(*attr == Py::Bool(true)),
        Operator::IsFalse => Answer::of(*attr != Py::Bool(true)),
        Operator::Intersects => intersects(attr, value),
        Operator::NotIntersects => intersects(attr, value).not(),
        Operator::EqualsIgnoreCase => ignore_case(attr, value),
        Operator::NotEqualsIgnoreCase => ignore_case(attr, value).not(),
        Operator::RangeIncludes => range_includes(attr, value),
        Operator::RangeNotIncludes => range_includes(attr, value).not(),
        Operator::NumberOfWordsEquals => words(attr, value, |count, wanted| count == wanted),
        Operator::NumberOfWordsNotEquals => {
            words(attr, value, |count, wanted| count == wanted).not()
        }
        Operator::NumberOfWordsGreaterThan => words(attr, value, |count, wanted| count > wanted),
        Operator::NumberOfWordsGreaterThanOrEqual => {
            words(attr, value, |count, wanted| count >= wanted)
        }
        Operator::NumberOfWordsLessThan => words(attr, value, |count, wanted| count < wanted),
        Operator::NumberOfWordsLessThanOrEqual => {
            words(attr, value, |count, wanted| count <= wanted)
        }
        Operator::CidrRangeSubset => cidr_subset(attr, value),
        Operator::CidrRangeNotSubset => cidr_subset(attr, value).not(),
    }
}

/// Unknown when the attribute holds a value known only after apply, else `decide()`.
fn known(attr: &Py, decide: impl FnOnce() -> Answer) -> Answer {
    if attr.contains_unknown() {
        Answer::Unknown
    } else {
        decide()
    }
}

/// `equals`: booleans compared by their lowercase text, lists with lists and dictionaries
/// with dictionaries as values, anything else by `str()`.
fn equals(attr: &Py, value: &Py) -> Answer {
    known(attr, || {
        Answer::of(match (attr, value) {
            (Py::Bool(_), _) | (_, Py::Bool(_)) => {
                attr.to_str().to_lowercase() == value.to_str().to_lowercase()
            }
            (Py::List(_), Py::List(_)) | (Py::Dict(_), Py::Dict(_)) => python::equal(attr, value),
            _ => attr.to_str() == value.to_str(),
        })
    })
}

fn ignore_case(attr: &Py, value: &Py) -> Answer {
    known(attr, || {
        Answer::of(attr.to_str().to_lowercase() == value.to_str().to_lowercase())
    })
}

fn regex_match(condition: &AttributeCondition, attr: &Py) -> Answer {
    let Some(pattern) = &condition.pattern else {
        return Answer::No;
    };
    known(attr, || match pattern.matches_start(&attr.to_str()) {
        Some(matched) => Answer::of(matched),
        None => Answer::Unknown,
    })
}

/// `needle in haystack`, undecided where an unknown item might be the one.
fn membership(haystack: &Py, needle: &Py) -> Answer {
    match haystack {
        Py::Unknown => Answer::Unknown,
        Py::List(items) => {
            if needle.contains_unknown() {
                return Answer::Unknown;
            }
            if items.iter().any(|item| python::equal(item, needle)) {
                Answer::Yes
            } else if items.iter().any(Py::contains_unknown) {
                Answer::Unknown
            } else {
                Answer::No
            }
        }
        _ if needle.contains_unknown() => Answer::Unknown,
        _ => python::contains(haystack, needle).map_or(Answer::Error, Answer::of),
    }
}

/// `contains`: the attribute (a string holding JSON or a Python literal is read as its value)
/// has the value in it: a substring, an item, a key, or, for a dictionary, a substring or an
/// item of one of its values. An attribute that is not set is an empty dictionary.
fn contains(attribute: Option<&Py>, value: &Py) -> Answer {
    let empty = Py::Str(String::from("{}"));
    let mut attr = match attribute {
        None | Some(Py::None) => empty,
        Some(other) => other.clone(),
    };
    if let Py::Str(text) = &attr {
        if let Ok(json) = serde_json::from_str::<serde_json::Value>(&text.replace('\'', "\"")) {
            attr = super::document::json_to_py(&json);
        }
    }
    if let Py::Dict(entries) = &attr {
        if !value.hashable() {
            return Answer::Error;
        }
        let key = membership(&attr, value);
        if key == Answer::Yes {
            return key;
        }
        let inside = entries
            .iter()
            .filter(|(_, item)| {
                matches!(item, Py::Str(_) | Py::List(_) | Py::Dict(_) | Py::Unknown)
            })
            .map(|(_, item)| membership(item, value));
        return any_of(core::iter::once(key).chain(inside));
    }
    membership(&attr, value)
}

/// `starting_with` / `ending_with`: only a string can; the value must be a string.
fn affix(attr: &Py, value: &Py, test: impl Fn(&str, &str) -> bool) -> Answer {
    match (attr, value) {
        (Py::Str(text), Py::Str(affix)) => Answer::of(test(text, affix)),
        (Py::Str(_), _) => Answer::Error,
        _ => Answer::No,
    }
}

#[derive(Clone, Copy)]
enum Ordering {
    Greater,
    GreaterOrEqual,
}

/// `greater_than` and its kin: as numbers when both read as non-zero numbers, else as the
/// texts `str()` gives (Checkov's rule, zero included).
fn compare(attr: &Py, value: &Py, ordering: Ordering) -> Answer {
    if matches!(attr, Py::None) {
        return Answer::No;
    }
    known(attr, || {
        let numbers = attr
            .to_float()
            .zip(value.to_float())
            .filter(|(a, b)| *a != 0.0 && *b != 0.0);
        Answer::of(match (numbers, ordering) {
            (Some((a, b)), Ordering::Greater) => a > b,
            (Some((a, b)), Ordering::GreaterOrEqual) => a >= b,
            (None, Ordering::Greater) => python::string_greater(&attr.to_str(), &value.to_str()),
            (None, Ordering::GreaterOrEqual) => {
                let (a, b) = (attr.to_str(), value.to_str());
                a == b || python::string_greater(&a, &b)
            }
        })
    })
}

/// `subset`: the attribute's items (or the attribute itself) are all among the value's.
fn subset(attr: &Py, value: &Py) -> Answer {
    let Some(allowed) = python::iterate(value) else {
        return Answer::Error;
    };
    if !allowed.iter().all(Py::hashable) {
        return Answer::Error;
    }
    let items: Vec<Py> = match attr {
        Py::List(items) => items.clone(),
        Py::Dict(entries) => entries
            .iter()
            .map(|(key, _)| Py::Str(key.clone()))
            .collect(),
        other => alloc::vec![other.clone()],
    };
    if !items
        .iter()
        .all(|item| item.hashable() || *item == Py::Unknown)
    {
        return Answer::Error;
    }
    let haystack = Py::List(allowed);
    let answers: Vec<Answer> = items
        .iter()
        .map(|item| membership(&haystack, item))
        .collect();
    if answers.contains(&Answer::No) {
        Answer::No
    } else if answers.contains(&Answer::Unknown) {
        Answer::Unknown
    } else {
        Answer::Yes
    }
}

/// `length_*`: the length of a string or a list (a dictionary counts as 1), compared with the
/// value read as an integer (a value that is none compares as false).
fn length(attr: &Py, value: &Py, test: impl Fn(i64, i64) -> bool) -> Answer {
    if matches!(attr, Py::None) {
        return Answer::No;
    }
    let Some(wanted) = value.to_int() else {
        return Answer::No;
    };
    let length = match attr {
        Py::Dict(_) => 1,
        Py::Str(_) | Py::List(_) => attr.len().unwrap_or(0) as i64,
        _ => return Answer::No,
    };
    Answer::of(test(length, wanted))
}

/// `intersects`: a string value is in the attribute; a list value shares an item with it.
fn intersects(attr: &Py, value: &Py) -> Answer {
    let iterable = matches!(attr, Py::Str(_) | Py::List(_) | Py::Dict(_));
    if let Py::Str(_) = value {
        if iterable {
            return membership(attr, value);
        }
        return Answer::No;
    }
    let collection = matches!(value, Py::List(_) | Py::Dict(_));
    if !(collection && iterable) {
        return Answer::No;
    }
    let Some(items) = python::iterate(attr) else {
        return Answer::No;
    };
    any_of(items.iter().map(|item| membership(value, item)))
}

/// `range_includes`: a port (or a list of them) is in one of the value's numbers or ranges
/// (`"1000-2000"`); an attribute `*` holds every port, and one written `"80-90"` is a range.
fn range_includes(attr: &Py, value: &Py) -> Answer {
    /// One of the value's items: a range `"1000-2000"` (Checkov lists its numbers; tfscan keeps
    /// its ends), or one value (a number, or what `int()` made of a string).
    enum Wanted {
        Range(i64, i64),
        One(Py),
    }
    if matches!(attr, Py::None) {
        return Answer::No;
    }
    let values = match value {
        Py::List(items) => items.clone(),
        other => alloc::vec![other.clone()],
    };
    let mut wanted: Vec<Wanted> = Vec::new();
    for item in values {
        match &item {
            Py::Str(text) if text.contains('-') => {
                let parts: Vec<&str> = text.split('-').collect();
                let [start, end] = parts.as_slice() else {
                    return Answer::Error;
                };
                let start = Py::Str(String::from(*start)).to_int();
                let end = Py::Str(String::from(*end)).to_int();
                if let (Some(start), Some(end)) = (start, end) {
                    if start <= end {
                        wanted.push(Wanted::Range(start, end));
                    }
                }
            }
            Py::Str(_) | Py::Int(_) | Py::Bool(_) => {
                wanted.push(Wanted::One(item.to_int().map_or(Py::None, Py::Int)));
            }
            other => wanted.push(Wanted::One(other.clone())),
        }
    }
    let check = |port: &Py| -> Answer {
        match port {
            Py::Unknown => Answer::Unknown,
            Py::Str(text) if text == "*" => Answer::of(!wanted.is_empty()),
            Py::Str(text) if text.matches('-').count() == 1 => {
                let (start, end) = text.split_once('-').unwrap_or(("", ""));
                let start = Py::Str(String::from(start)).to_int();
                let end = Py::Str(String::from(end)).to_int();
                let (Some(start), Some(end)) = (start, end) else {
                    return Answer::No;
                };
                Answer::of(wanted.iter().any(|item| {
                    match item {
                        Wanted::Range(low, high) => start.max(*low) <= end.min(*high),
                        Wanted::One(value) => value
                            .to_float()
                            .filter(|_| !matches!(value, Py::Str(_)))
                            .is_some_and(|number| start as f64 <= number && number <= end as f64),
                    }
                }))
            }
            other => {
                let port = other.to_int();
                Answer::of(wanted.iter().any(|item| match item {
                    Wanted::Range(low, high) => {
                        port.is_some_and(|port| *low <= port && port <= *high)
                    }
                    Wanted::One(value) => python::equal(&port.map_or(Py::None, Py::Int), value),
                }))
            }
        }
    };
    match attr {
        Py::List(items) => any_of(items.iter().map(check)),
        other => check(other),
    }
}

/// `number_of_words_*`: a string's words, compared with the value read as an integer.
fn words(attr: &Py, value: &Py, test: impl Fn(i64, i64) -> bool) -> Answer {
    let Py::Str(text) = attr else {
        return Answer::No;
    };
    let Some(wanted) = value.to_int() else {
        return Answer::No;
    };
    Answer::of(test(text.split_whitespace().count() as i64, wanted))
}

/// `cidr_range_subset`: every address range of the attribute lies within one of the value's.
fn cidr_subset(attr: &Py, value: &Py) -> Answer {
    if !attr.truthy() {
        return Answer::No;
    }
    let Some(allowed) = net::networks(value) else {
        return Answer::Error;
    };
    known(attr, || {
        let Some(ranges) = net::networks(attr) else {
            return Answer::Error;
        };
        Answer::of(
            ranges
                .iter()
                .all(|range| allowed.iter().any(|outer| range.within(outer))),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::custom::definition::Types;

    fn condition(attribute: &str, operator: Operator, value: Py) -> AttributeCondition {
        let pattern = matches!(operator, Operator::RegexMatch | Operator::NotRegexMatch)
            .then(|| super::super::regex::Pattern::compile(&value.to_str()).unwrap());
        AttributeCondition {
            types: Types::default(),
            attribute: String::from(attribute),
            operator,
            value,
            pattern,
        }
    }

    fn view(entries: &[(&str, Py)]) -> View {
        View {
            entries: entries
                .iter()
                .map(|(key, value)| (String::from(*key), value.clone()))
                .collect(),
        }
    }

    fn text(value: &str) -> Py {
        Py::Str(String::from(value))
    }

    #[test]
    fn python_comparisons_decide_as_checkov_does() {
        let block = view(&[
            ("enabled", Py::Bool(true)),
            ("port", Py::Int(0)),
            ("name", text("team-a")),
            ("cidrs", Py::List(alloc::vec![text("10.0.0.0/8")])),
        ]);
        let decide_on = |attribute, operator, value| {
            decide(&condition(attribute, operator, value), &block, "t")
        };
        assert_eq!(
            decide_on("enabled", Operator::Equals, text("true")),
            Answer::Yes
        );
        assert_eq!(
            decide_on("enabled", Operator::Equals, text("TRUE")),
            Answer::Yes
        );
        assert_eq!(
            decide_on("missing", Operator::Equals, text("None")),
            Answer::Yes
        );
        // Zero is no number to Checkov's comparison: "0" > "-1" as text.
        assert_eq!(
            decide_on("port", Operator::GreaterThan, Py::Int(-1)),
            Answer::Yes
        );
        assert_eq!(
            decide_on("name", Operator::Contains, Py::Int(1)),
            Answer::Error
        );
        assert_eq!(
            decide_on("name", Operator::StartingWith, text("team")),
            Answer::Yes
        );
        assert_eq!(
            decide_on("cidrs", Operator::Contains, text("10.0.0.0/8")),
            Answer::Yes
        );
        assert_eq!(
            decide_on("missing", Operator::IsFalse, Py::None),
            Answer::Yes
        );
        assert_eq!(
            decide_on("missing", Operator::IsNotEmpty, Py::None),
            Answer::Yes
        );
        assert_eq!(
            decide_on("missing", Operator::Contains, text("x")),
            Answer::No
        );
        assert_eq!(
            decide_on("name", Operator::RegexMatch, text("^team-[a-z]$")),
            Answer::Yes
        );
    }

    #[test]
    fn wildcards_match_list_indexes_and_the_path_without_them() {
        let block = view(&[
            ("rule.0.id", text("a")),
            ("rule.1.id", text("b")),
            ("single.id", text("c")),
        ]);
        let decide_on = |attribute, operator, value| {
            decide(&condition(attribute, operator, value), &block, "t")
        };
        assert_eq!(
            decide_on("rule.*.id", Operator::Equals, text("b")),
            Answer::Yes
        );
        assert_eq!(
            decide_on("single.*.id", Operator::Equals, text("c")),
            Answer::Yes
        );
        assert_eq!(
            decide_on("rule.*.id", Operator::NotContains, text("a")),
            Answer::No
        );
    }

    #[test]
    fn unknown_values_leave_value_conditions_undecided() {
        let block = view(&[
            ("kms", Py::Unknown),
            (
                "tags",
                Py::Dict(alloc::vec![(String::from("a"), Py::Unknown)]),
            ),
            ("tags.a", Py::Unknown),
            ("list", Py::List(alloc::vec![text("x"), Py::Unknown])),
        ]);
        let decide_on = |attribute, operator, value| {
            decide(&condition(attribute, operator, value), &block, "t")
        };
        assert_eq!(
            decide_on("kms", Operator::Equals, text("x")),
            Answer::Unknown
        );
        assert_eq!(decide_on("kms", Operator::Exists, Py::None), Answer::Yes);
        assert_eq!(decide_on("tags.a", Operator::Exists, Py::None), Answer::Yes);
        assert_eq!(
            decide_on("list", Operator::Contains, text("x")),
            Answer::Yes
        );
        assert_eq!(
            decide_on("list", Operator::Contains, text("y")),
            Answer::Unknown
        );
        assert_eq!(
            decide_on("list", Operator::LengthEquals, Py::Int(2)),
            Answer::Yes
        );
    }
}
