//! The two filesystem functions that only look at the text of a path: `basename` and
//! `dirname`, with Go's rules for `/`-separated paths. (The others read files or the host's
//! directories: their results are unknown.)

use alloc::string::String;
use alloc::vec::Vec;

use super::{fixed, known, string_arg};
use crate::value::Value;

#[cfg_attr(target_family = "wasm", inline(never))]
pub(super) fn call(name: &str, args: &[Value]) -> Option<Result<Value, String>> {
    let f: fn(&str) -> String = match name {
        "basename" => basename,
        "dirname" => dirname,
        _ => return None,
    };
    Some(fixed::<1>(name, args).and_then(|[path]| {
        let path = known!(string_arg(name, path));
        Ok(Value::String(f(&path)))
    }))
}

/// The last element of a path, without trailing slashes: `"a/b/"` gives `"b"`, `""` gives
/// `"."` and `"///"` gives `"/"`.
fn basename(path: &str) -> String {
    if path.is_empty() {
        return String::from(".");
    }
    let trimmed = path.trim_end_matches('/');
    if trimmed.is_empty() {
        return String::from("/");
    }
    String::from(trimmed.rsplit('/').next().unwrap_or(trimmed))
}

/// Everything but the last element, cleaned: `"a/b/../c"` gives `"a"`.
fn dirname(path: &str) -> String {
    let directory = match path.rfind('/') {
        Some(slash) => path.get(..=slash).unwrap_or_default(),
        None => "",
    };
    clean(directory)
}

/// Go's `path.Clean`: one slash between elements, no `.` elements, `..` resolved where it
/// can be, `.` for an empty result.
fn clean(path: &str) -> String {
    let rooted = path.starts_with('/');
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                if parts.last().is_some_and(|last| *last != "..") {
                    parts.pop();
                } else if !rooted {
                    parts.push("..");
                }
            }
            _ => parts.push(part),
        }
    }
    let joined = parts.join("/");
    match (rooted, joined.is_empty()) {
        (true, _) => alloc::format!("/{joined}"),
        (false, true) => String::from("."),
        (false, false) => joined,
    }
}
