//! Values as evaluation produces them and checks read them.

use alloc::collections::BTreeMap;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::fmt;

/// A Terraform value. Lists, tuples and sets are all [`Value::List`]; objects and maps are
/// both [`Value::Object`] (keys sorted, as Terraform prints them).
///
/// A string can also be known only in part: `"arn:aws:s3:::${var.bucket}/*"` with no value for
/// `var.bucket` is the string `arn:aws:s3:::` [`HOLE`] `/*`. Such a *partial* string counts as
/// unknown for everything that asks ([`Value::is_unknown`], [`Value::contains_unknown`]), so a
/// rule that needs the whole text answers Unknown; the few readers that can use the known
/// pieces (the IAM policy analysis: `"arn:aws:s3:::…/*"` is certainly not `"*"`) look for
/// [`HOLE`] themselves.
///
/// An attribute that a resource or data source computes at apply time and that names the thing
/// itself (`aws_s3_bucket.b.arn`, `aws_vpc.v.id`, `data.aws_caller_identity.c.account_id`) is
/// an [`ID_HOLE`] instead: unknown text too, but never empty and never a wildcard, which is
/// what lets a policy whose `Resource` is `"${aws_s3_bucket.b.arn}/*"` be known not to grant
/// `*`.
///
/// [`Value::Unknown`] is a value that cannot be known before `terraform apply` or without
/// inputs the scan does not have (a resource's computed attribute, a variable with no value).
/// Operations on it give `Unknown` again, and a check that meets it answers
/// [`crate::Verdict::Unknown`], never a pass or a fail.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Value {
    #[default]
    Null,
    Bool(bool),
    Number(f64),
    String(String),
    List(Vec<Value>),
    Object(BTreeMap<String, Value>),
    Unknown,
}

/// Stands, inside a string, for a piece of text known only after apply (a character of
/// Unicode's private use area, which Terraform configurations have no reason to contain).
pub const HOLE: char = '\u{E000}';

/// Stands, inside a string, for an identifier known only after apply (an ID, an ARN, a VPC's
/// address range): one or more characters, none of them `*` or `?`, and, alone, never the
/// whole internet (`0.0.0.0/0`, `::/0`). See [`Value`].
pub const ID_HOLE: char = '\u{E001}';

/// After an [`ID_HOLE`], a character of this range tells what kind of identifier it is (the
/// resource type and attribute), and one of the next range which instance it belongs to: see
/// [`Identity`]. They stand for no text.
const KIND_TAGS: u32 = 0xF0000;
const INSTANCE_TAGS: u32 = 0x10_0000;
const TAG_COUNT: u32 = 0xFFFE;

/// True for the tags after an [`ID_HOLE`] (see [`Identity`]), which stand for no text.
pub fn is_tag(c: char) -> bool {
    (KIND_TAGS..KIND_TAGS + TAG_COUNT).contains(&(c as u32))
        || (INSTANCE_TAGS..INSTANCE_TAGS + TAG_COUNT).contains(&(c as u32))
}

/// True for the kind tag of an ARN of a resource that Terraform creates (see [`Identity`]).
fn is_created_arn(tag: char) -> bool {
    (KIND_TAGS + TAG_COUNT / 2..KIND_TAGS + TAG_COUNT).contains(&(tag as u32))
}

/// Text made of known text, one identifier (an [`ID_HOLE`] and its tags) and known text.
fn around_identifier(text: &str) -> Option<(&str, &str, &str)> {
    let start = text.find(ID_HOLE)?;
    let rest = &text[start + ID_HOLE.len_utf8()..];
    let tags = rest.find(|c: char| !is_tag(c)).unwrap_or(rest.len());
    let end = start + ID_HOLE.len_utf8() + tags;
    let suffix = &text[end..];
    (!text[..start].contains(is_hole) && !suffix.contains(is_hole))
        .then(|| (&text[..start], &text[start..end], suffix))
}

/// True for [`HOLE`], [`ID_HOLE`] and the tags that follow an [`ID_HOLE`].
pub fn is_hole(c: char) -> bool {
    c == HOLE || c == ID_HOLE || is_tag(c)
}

/// Which resource instance an identifier known only after apply belongs to: a hash of the
/// resource type (with the attribute's name, the *kind* of identifier) and one of its address
/// in the configuration (module path, type, name, instance key). Two identifiers of the same
/// kind from different instances differ (two roles never share an ARN), two of the same kind
/// and instance are the same (a 32-bit hash of the instance: a collision is that unlikely);
/// anything else about two identifiers stays unknown.
///
/// The ARNs of two resources that Terraform creates differ whatever their types, as each names
/// the object its own resource made; data sources (which read objects that exist) and the
/// `aws_default_*` resources (which adopt them) are left out of that, see [`Identity::created`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Identity {
    kind: u32,
    instance: u32,
    created: bool,
}

impl Identity {
    /// The identity of a block of type `kind` at the address made of `parts`.
    pub fn of(kind: &str, parts: &[&str]) -> Self {
        let mut instance = FNV_OFFSET;
        for part in parts {
            instance = fnv(fnv(instance, part), "/");
        }
        Identity {
            kind: fnv(FNV_OFFSET, kind),
            instance,
            created: false,
        }
    }

    /// The identity of a block that creates what it names: a resource, not a data source, and
    /// not one of the `aws_default_*` resources that adopt an object AWS made.
    #[must_use]
    pub fn created(self) -> Self {
        Identity {
            created: true,
            ..self
        }
    }

    /// The identity one step down: an instance key or a nested attribute.
    #[must_use]
    pub fn within(self, key: &str) -> Self {
        Identity {
            instance: fnv(fnv(self.instance, "/"), key),
            ..self
        }
    }

    /// The two tags after an identifier's kind tag that say which instance it belongs to
    /// (see [`identifier_instances`]).
    pub fn instance_tags(self) -> [char; 2] {
        let [_, low, high] = self.tags("");
        [low, high]
    }

    /// The tags written after an [`ID_HOLE`] for the attribute `name` of this instance: its
    /// kind, then its instance in two halves.
    /// The kind tags of created ARNs (see [`Identity::created`]) take the upper half of their
    /// range, every other kind the lower half.
    fn tags(self, name: &str) -> [char; 3] {
        let tag = |base: u32, hash: u32| char::from_u32(base + hash % TAG_COUNT).unwrap_or(HOLE);
        let half = TAG_COUNT / 2;
        let kind = fnv(self.kind, name) % half
            + if self.created && name == "arn" {
                half
            } else {
                0
            };
        [
            tag(KIND_TAGS, kind),
            tag(INSTANCE_TAGS, self.instance & 0xFFFF),
            tag(INSTANCE_TAGS, self.instance >> 16),
        ]
    }
}

const FNV_OFFSET: u32 = 0x811c_9dc5;

/// 32-bit FNV-1a over `text`, continuing from `hash`.
fn fnv(hash: u32, text: &str) -> u32 {
    text.bytes().fold(hash, |hash, byte| {
        (hash ^ u32::from(byte)).wrapping_mul(0x0100_0193)
    })
}

/// The instance tags (see [`Identity::instance_tags`]) of every identifier known only after
/// apply inside `value`: which instances of other blocks it names.
pub fn identifier_instances(value: &Value, found: &mut Vec<[char; 2]>) {
    match value {
        Value::String(text) if text.contains(ID_HOLE) => {
            let characters: Vec<char> = text.chars().collect();
            for (index, character) in characters.iter().enumerate() {
                if *character != ID_HOLE {
                    continue;
                }
                if let [kind, low, high] = characters.get(index + 1..index + 4).unwrap_or(&[]) {
                    if is_tag(*kind) && is_tag(*low) && is_tag(*high) {
                        found.push([*low, *high]);
                    }
                }
            }
        }
        Value::List(items) => items
            .iter()
            .for_each(|item| identifier_instances(item, found)),
        Value::Object(map) => map
            .values()
            .for_each(|item| identifier_instances(item, found)),
        _ => {}
    }
}

/// The value of an attribute that a resource or data source computes at apply time, read by
/// its name: an [`ID_HOLE`] when the name says it is an identifier (`id`, `arn`, `*_id`,
/// `*_arn`) or the address range AWS gives a VPC or a subnet (`cidr_block`, `ipv6_cidr_block`:
/// at widest a /16 or a /56), else [`Value::Unknown`].
pub fn computed_attribute(name: &str, identity: Option<Identity>) -> Value {
    let identifier = name == "id"
        || name == "arn"
        || name.ends_with("_id")
        || name.ends_with("_arn")
        || name == "cidr_block"
        || name == "ipv6_cidr_block";
    if identifier {
        let mut text = String::from(ID_HOLE);
        if let Some(identity) = identity {
            text.extend(identity.tags(name));
        }
        Value::String(text)
    } else {
        Value::Unknown
    }
}

impl Value {
    pub fn is_null(&self) -> bool {
        matches!(self, Value::Null)
    }

    /// True for an unknown value and for a partial string (see [`HOLE`]).
    pub fn is_unknown(&self) -> bool {
        match self {
            Value::Unknown => true,
            Value::String(text) => text.contains(is_hole),
            _ => false,
        }
    }

    /// The value's size in evaluation steps: one per value inside it (itself included) and one
    /// per 8 bytes of text, counted up to `cap` (the count stops there, so it costs at most
    /// `cap` steps however large the value is). Walks without recursion.
    pub fn weight(&self, cap: u64) -> u64 {
        let mut total = 0u64;
        let mut pending: Vec<&Value> = alloc::vec![self];
        while let Some(value) = pending.pop() {
            total = total.saturating_add(1);
            match value {
                Value::String(text) => total = total.saturating_add(text.len() as u64 / 8),
                Value::List(items) => pending.extend(items),
                Value::Object(map) => {
                    for (key, item) in map {
                        total = total.saturating_add(key.len() as u64 / 8);
                        pending.push(item);
                    }
                }
                _ => {}
            }
            if total > cap {
                return total;
            }
        }
        total
    }

    /// True when this value nests lists and objects more than `limit` deep. Walks without
    /// recursion and stops at the limit.
    pub fn nests_deeper_than(&self, limit: usize) -> bool {
        let mut pending: Vec<(&Value, usize)> = alloc::vec![(self, 0)];
        while let Some((value, depth)) = pending.pop() {
            if depth > limit {
                return true;
            }
            match value {
                Value::List(items) => pending.extend(items.iter().map(|item| (item, depth + 1))),
                Value::Object(map) => pending.extend(map.values().map(|item| (item, depth + 1))),
                _ => {}
            }
        }
        false
    }

    /// Text that may hold holes (see [`HOLE`]): a string, or [`Value::Unknown`] when it is
    /// nothing but holes.
    pub fn text(text: String) -> Value {
        if !text.is_empty() && text.chars().all(|c| c == HOLE) {
            Value::Unknown
        } else {
            Value::String(text)
        }
    }

    /// True for a string with known and unknown pieces (see [`HOLE`] and [`ID_HOLE`]).
    pub fn is_partial(&self) -> bool {
        matches!(self, Value::String(text) if text.contains(is_hole))
    }

    /// The value with every partial string replaced by [`Value::Unknown`], for the operations
    /// that need whole values.
    #[must_use]
    pub fn without_partials(self) -> Value {
        match self {
            Value::String(text) if text.contains(is_hole) => Value::Unknown,
            Value::List(items) if items.iter().any(Value::contains_partial) => {
                Value::List(items.into_iter().map(Value::without_partials).collect())
            }
            Value::Object(map) if map.values().any(Value::contains_partial) => Value::Object(
                map.into_iter()
                    .map(|(key, item)| (key, item.without_partials()))
                    .collect(),
            ),
            other => other,
        }
    }

    /// Whether the value is the string `text`: `Some(true)` when it is, `Some(false)` when it is
    /// not and cannot be (another known value, or a partial string whose known pieces rule
    /// `text` out), `None` when it might be.
    pub fn may_equal(&self, text: &str) -> Option<bool> {
        match self {
            Value::String(own) if self.is_identifier() => {
                let world = matches!(text, "0.0.0.0/0" | "::/0");
                (!world && fits_around_holes(own, text))
                    .then_some(())
                    .map_or(Some(false), |()| None)
            }
            Value::String(own) if own.contains(is_hole) => fits_around_holes(own, text)
                .then_some(())
                .map_or(Some(false), |()| None),
            Value::Unknown => None,
            Value::List(_) | Value::Object(_) => Some(false),
            other => Some(other.to_terraform_string().is_some_and(|own| own == text)),
        }
    }

    /// True for a whole identifier known only after apply (an [`ID_HOLE`] and its tags).
    pub fn is_identifier(&self) -> bool {
        self.as_str()
            .and_then(|text| text.strip_prefix(ID_HOLE))
            .is_some_and(|tags| tags.chars().all(is_tag))
    }

    /// Whether two values are the same identifier: for two known strings, whether they are
    /// equal; for two identifiers of the same kind known only after apply (see [`Identity`]),
    /// whether they belong to the same instance; `None` otherwise.
    pub fn same_identifier(&self, other: &Value) -> Option<bool> {
        let tags = |value: &Value| -> Option<Vec<char>> {
            let text = value.as_str()?.strip_prefix(ID_HOLE)?;
            let tags: Vec<char> = text.chars().collect();
            (tags.len() == 3 && tags.iter().all(|&c| is_tag(c))).then_some(tags)
        };
        match (tags(self), tags(other)) {
            (Some(own), Some(others)) if own[0] == others[0] => Some(own == others),
            (Some(own), Some(others)) if is_created_arn(own[0]) && is_created_arn(others[0]) => {
                Some(false)
            }
            (Some(_), _) | (_, Some(_)) => None,
            _ if self.contains_unknown() || other.contains_unknown() => None,
            _ => Some(self == other),
        }
    }

    /// Whether two values are equal, where strings may hold identifiers known only after
    /// apply: two texts with the same known prefix and suffix around one identifier each are
    /// equal exactly when the identifiers are (see [`Value::same_identifier`]); `None` when
    /// that cannot be told.
    pub fn same_text(&self, other: &Value) -> Option<bool> {
        if !self.is_partial() && !other.is_partial() {
            return Some(self == other);
        }
        let (Value::String(first), Value::String(second)) = (self, other) else {
            return None;
        };
        let (first_prefix, first_id, first_suffix) = around_identifier(first)?;
        let (second_prefix, second_id, second_suffix) = around_identifier(second)?;
        if first_prefix != second_prefix || first_suffix != second_suffix {
            return None;
        }
        Value::from(first_id).same_identifier(&Value::from(second_id))
    }

    /// True when this value or anything inside it is a partial string.
    pub fn contains_partial(&self) -> bool {
        match self {
            Value::String(text) => text.contains(is_hole),
            Value::List(items) => items.iter().any(Value::contains_partial),
            Value::Object(map) => map.values().any(Value::contains_partial),
            _ => false,
        }
    }

    /// True when this value or anything inside it is unknown (partial strings included).
    pub fn contains_unknown(&self) -> bool {
        match self {
            Value::Unknown => true,
            Value::String(text) => text.contains(is_hole),
            Value::List(items) => items.iter().any(Value::contains_unknown),
            Value::Object(map) => map.values().any(Value::contains_unknown),
            _ => false,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(text) => Some(text),
            _ => None,
        }
    }

    pub fn as_list(&self) -> Option<&[Value]> {
        match self {
            Value::List(items) => Some(items),
            _ => None,
        }
    }

    pub fn as_object(&self) -> Option<&BTreeMap<String, Value>> {
        match self {
            Value::Object(map) => Some(map),
            _ => None,
        }
    }

    pub fn as_number(&self) -> Option<f64> {
        match self {
            Value::Number(number) => Some(*number),
            Value::String(text) => text.trim().parse().ok(),
            _ => None,
        }
    }

    /// The value as a boolean the way Terraform converts it: `true`/`false` and the strings
    /// `"true"`/`"false"` (any case, as Checkov also accepts).
    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Value::Bool(flag) => Some(*flag),
            Value::String(text) if text.eq_ignore_ascii_case("true") => Some(true),
            Value::String(text) if text.eq_ignore_ascii_case("false") => Some(false),
            _ => None,
        }
    }

    /// An object's attribute or a list's element by a decimal index.
    pub fn get(&self, key: &str) -> Option<&Value> {
        match self {
            Value::Object(map) => map.get(key),
            Value::List(items) => key.parse::<usize>().ok().and_then(|index| items.get(index)),
            _ => None,
        }
    }

    /// Follows a dotted path such as `versioning.0.enabled` or `server_side_encryption.
    /// rule.apply_server_side_encryption_by_default`. A step that meets a list of one
    /// element without an index goes into that element, since nested blocks are lists.
    /// A step that meets an unknown value gives that unknown value: what lies below it is
    /// unknown too, not absent.
    pub fn lookup(&self, path: &str) -> Option<&Value> {
        let mut current = self;
        for step in path.split('.') {
            current = match (current, current.get(step)) {
                (Value::Unknown, _) => return Some(current),
                (_, Some(next)) => next,
                (Value::List(items), None) if items.len() == 1 => items[0].get(step)?,
                _ => return None,
            };
        }
        Some(current)
    }

    /// The name of the value's type, for messages.
    pub fn type_name(&self) -> &'static str {
        match self {
            Value::Null => "null",
            Value::Bool(_) => "bool",
            Value::Number(_) => "number",
            Value::String(_) => "string",
            Value::List(_) => "list",
            Value::Object(_) => "object",
            Value::Unknown => "unknown",
        }
    }

    /// Terraform's conversion of a primitive to a string: numbers without a trailing `.0`.
    pub fn to_terraform_string(&self) -> Option<String> {
        match self {
            Value::String(text) => Some(text.clone()),
            Value::Bool(flag) => Some(flag.to_string()),
            Value::Number(number) => Some(format_number(*number)),
            _ => None,
        }
    }
}

/// Whether `text` can be what the partial string `pattern` becomes: each [`HOLE`] stands for
/// any run of characters, each [`ID_HOLE`] for one or more characters other than `*` and `?`.
/// Patterns and texts too long to compare cheaply are taken to fit.
fn fits_around_holes(pattern: &str, text: &str) -> bool {
    let pattern: Vec<char> = pattern.chars().collect();
    let text: Vec<char> = text.chars().collect();
    if pattern.len().saturating_mul(text.len() + 1) > 4_000_000 {
        return true;
    }
    // fits[j]: the pattern read so far can become text[..j].
    let mut fits = alloc::vec![false; text.len() + 1];
    fits[0] = true;
    for &piece in &pattern {
        let mut next = alloc::vec![false; text.len() + 1];
        match piece {
            HOLE => {
                let mut reachable = false;
                for j in 0..=text.len() {
                    reachable |= fits[j];
                    next[j] = reachable;
                }
            }
            tag if is_tag(tag) => next.clone_from(&fits),
            ID_HOLE => {
                // One or more characters, none a wildcard: extend runs of ordinary characters.
                for j in 1..=text.len() {
                    let ordinary = text[j - 1] != '*' && text[j - 1] != '?';
                    next[j] = ordinary && (fits[j - 1] || next[j - 1]);
                }
            }
            literal => {
                for j in 1..=text.len() {
                    next[j] = fits[j - 1] && text[j - 1] == literal;
                }
            }
        }
        fits = next;
    }
    fits[text.len()]
}

/// Formats a number as Terraform prints it: integers without a fraction.
pub fn format_number(number: f64) -> String {
    if number == 0.0 && number.is_sign_negative() {
        // Terraform keeps the sign of zero: `-0` and `jsondecode("-0")` print as -0.
        return "-0".into();
    }
    if number.abs() < 1e15 && number == (number as i64) as f64 {
        alloc::format!("{}", number as i64)
    } else {
        alloc::format!("{number}")
    }
}

impl From<&str> for Value {
    fn from(text: &str) -> Self {
        Value::String(text.into())
    }
}

impl From<String> for Value {
    fn from(text: String) -> Self {
        Value::String(text)
    }
}

impl From<bool> for Value {
    fn from(flag: bool) -> Self {
        Value::Bool(flag)
    }
}

impl From<f64> for Value {
    fn from(number: f64) -> Self {
        Value::Number(number)
    }
}

impl fmt::Display for Value {
    /// JSON-like rendering, used in messages and by `jsonencode` for primitive values.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Null => f.write_str("null"),
            Value::Bool(flag) => write!(f, "{flag}"),
            Value::Number(number) => f.write_str(&format_number(*number)),
            Value::String(text) if text.contains(is_hole) => write!(
                f,
                "{:?}",
                text.replace(is_tag, "")
                    .replace(is_hole, "${(known after apply)}")
            ),
            Value::String(text) => write!(f, "{text:?}"),
            Value::Unknown => f.write_str("(known after apply)"),
            Value::List(items) => {
                f.write_str("[")?;
                for (index, item) in items.iter().enumerate() {
                    if index > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{item}")?;
                }
                f.write_str("]")
            }
            Value::Object(map) => {
                f.write_str("{")?;
                for (index, (key, item)) in map.iter().enumerate() {
                    if index > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{key:?}: {item}")?;
                }
                f.write_str("}")
            }
        }
    }
}

/// Builds a `Value::Object` from pairs; handy in tests and checks.
pub fn object<I, K>(pairs: I) -> Value
where
    I: IntoIterator<Item = (K, Value)>,
    K: Into<String>,
{
    Value::Object(
        pairs
            .into_iter()
            .map(|(key, value)| (key.into(), value))
            .collect::<BTreeMap<_, _>>(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::vec;

    #[test]
    fn lookup_steps_into_single_block_lists() {
        let bucket = object([(
            "versioning",
            Value::List(vec![object([("enabled", Value::Bool(true))])]),
        )]);
        assert_eq!(
            bucket.lookup("versioning.enabled"),
            Some(&Value::Bool(true))
        );
        assert_eq!(
            bucket.lookup("versioning.0.enabled"),
            Some(&Value::Bool(true))
        );
        assert_eq!(bucket.lookup("versioning.1.enabled"), None);
    }

    #[test]
    fn lookup_below_an_unknown_value_is_unknown() {
        let table = object([("point_in_time_recovery", Value::Unknown)]);
        assert_eq!(
            table.lookup("point_in_time_recovery.0.enabled"),
            Some(&Value::Unknown)
        );
        assert_eq!(table.lookup("ttl.enabled"), None);
    }

    #[test]
    fn partial_strings_may_equal_only_what_fits_around_their_holes() {
        let arn = Value::String(alloc::format!("arn:{HOLE}:iam::aws:policy/{HOLE}Role"));
        assert_eq!(
            arn.may_equal("arn:aws:iam::aws:policy/AdministratorAccess"),
            Some(false)
        );
        assert_eq!(arn.may_equal("arn:aws:iam::aws:policy/MyRole"), None);
        assert_eq!(arn.may_equal("arn:aws:iam::aws:policy/Role"), None);
        assert_eq!(
            Value::String(alloc::format!("a{HOLE}a")).may_equal("a"),
            Some(false)
        );
        assert_eq!(Value::Unknown.may_equal("x"), None);
        assert_eq!(Value::String(alloc::format!("{HOLE}")).may_equal(""), None);
        assert_eq!(Value::from("x").may_equal("x"), Some(true));
        assert_eq!(Value::Number(443.0).may_equal("443"), Some(true));
    }

    #[test]
    fn identifier_holes_are_never_empty_and_never_wildcards() {
        let id = Value::String(ID_HOLE.into());
        assert_eq!(id.may_equal("*"), Some(false));
        assert_eq!(id.may_equal(""), Some(false));
        assert_eq!(id.may_equal("arn:aws:s3:::logs"), None);
        assert!(id.is_unknown() && id.is_partial());
        let objects = Value::String(alloc::format!("{ID_HOLE}/*"));
        assert_eq!(objects.may_equal("*"), Some(false));
        assert_eq!(objects.may_equal("arn:aws:s3:::logs/*"), None);
        assert_eq!(objects.may_equal("a*/*"), Some(false));
        assert_eq!(id.may_equal("0.0.0.0/0"), Some(false));
        assert_eq!(id.may_equal("10.0.0.0/16"), None);
        assert_eq!(computed_attribute("cidr_block", None), id);
        assert_eq!(computed_attribute("arn", None), id);
        assert_eq!(computed_attribute("vpc_id", None), id);
        assert_eq!(computed_attribute("policy", None), Value::Unknown);
    }

    #[test]
    fn identifiers_of_one_kind_from_two_instances_differ() {
        let role = |name: &str| {
            Identity::of(
                "aws_iam_role",
                &["module.ecs.", "resource", "aws_iam_role", name],
            )
        };
        let exec = computed_attribute("arn", Some(role("exec").within("0")));
        let task = computed_attribute("arn", Some(role("task").within("0")));
        assert_eq!(exec.same_identifier(&task), Some(false));
        assert_eq!(exec.same_identifier(&exec), Some(true));
        let name = computed_attribute("id", Some(role("task").within("0")));
        assert_eq!(exec.same_identifier(&name), None);
        // Tags stand for no text: the identifier still is never `*`, and prints as unknown.
        assert_eq!(exec.may_equal("*"), Some(false));
        assert_eq!(exec.may_equal("0.0.0.0/0"), Some(false));
        assert_eq!(exec.may_equal("arn:aws:iam::123456789012:role/x"), None);
        assert_eq!(alloc::format!("{exec}"), "\"${(known after apply)}\"");
        assert_eq!(
            Value::from("a").same_identifier(&Value::from("b")),
            Some(false)
        );
    }

    #[test]
    fn arns_of_created_resources_differ_across_types() {
        let block = |mode: &str, kind: &str| Identity::of(kind, &["", mode, kind, "this"]);
        let topic = computed_attribute("arn", Some(block("resource", "aws_sns_topic").created()));
        let queue = computed_attribute("arn", Some(block("resource", "aws_sqs_queue").created()));
        assert_eq!(topic.same_identifier(&queue), Some(false));
        assert_eq!(topic.same_identifier(&topic), Some(true));
        // A data source may read the very topic a resource creates; an ID is not an ARN.
        let read = computed_attribute("arn", Some(block("data", "aws_sns_topic")));
        assert_eq!(topic.same_identifier(&read), None);
        let queue_id = computed_attribute("id", Some(block("resource", "aws_sqs_queue").created()));
        let topic_id = computed_attribute("id", Some(block("resource", "aws_sns_topic").created()));
        assert_eq!(queue_id.same_identifier(&topic_id), None);
        assert!(topic.is_identifier() && !topic.may_equal("*").unwrap_or(true));
    }

    #[test]
    fn numbers_print_like_terraform() {
        assert_eq!(format_number(3.0), "3");
        assert_eq!(format_number(1.5), "1.5");
        assert_eq!(format_number(-0.0), "-0");
    }
}
