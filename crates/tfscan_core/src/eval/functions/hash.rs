//! Hash functions: `md5`, `sha1`, `sha256`, `sha512`, `base64sha256`, `base64sha512` and
//! `uuidv5`, over the UTF-8 bytes of a string. (`uuid` and `bcrypt` are random: their results
//! are unknown.)

use alloc::string::String;
use alloc::vec::Vec;
use base64::Engine;
use core::fmt::Write;
use md5::Md5;
use sha1::{Digest, Sha1};
use sha2::{Sha256, Sha512};

use super::{fixed, invalid, string_arg};
use crate::value::Value;

#[cfg_attr(target_family = "wasm", inline(never))]
pub(super) fn call(name: &str, args: &[Value]) -> Option<Result<Value, String>> {
    let result = match name {
        "md5" => digest(name, args, |bytes| hex(&Md5::digest(bytes))),
        "sha1" => digest(name, args, |bytes| hex(&Sha1::digest(bytes))),
        "sha256" => digest(name, args, |bytes| hex(&Sha256::digest(bytes))),
        "sha512" => digest(name, args, |bytes| hex(&Sha512::digest(bytes))),
        "base64sha256" => digest(name, args, |bytes| base64(&Sha256::digest(bytes))),
        "base64sha512" => digest(name, args, |bytes| base64(&Sha512::digest(bytes))),
        "uuidv5" => uuidv5(name, args),
        _ => return None,
    };
    Some(result)
}

fn digest(name: &str, args: &[Value], f: impl Fn(&[u8]) -> String) -> Result<Value, String> {
    let [text] = fixed::<1>(name, args)?;
    Ok(string_arg(name, text)?.map_or(Value::Unknown, |text| Value::String(f(text.as_bytes()))))
}

fn hex(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 2);
    for byte in bytes {
        let _ = write!(out, "{byte:02x}");
    }
    out
}

fn base64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

/// `uuidv5(namespace, name)`: RFC 4122 name-based UUID with SHA-1. The namespace is `dns`,
/// `url`, `oid`, `x500` or a UUID.
fn uuidv5(name: &str, args: &[Value]) -> Result<Value, String> {
    let [namespace, text] = fixed::<2>(name, args)?;
    let namespace = string_arg(name, namespace)?;
    let text = string_arg(name, text)?;
    let (Some(namespace), Some(text)) = (namespace, text) else {
        return Ok(Value::Unknown);
    };
    let namespace = match namespace.as_str() {
        "dns" => "6ba7b810-9dad-11d1-80b4-00c04fd430c8",
        "url" => "6ba7b811-9dad-11d1-80b4-00c04fd430c8",
        "oid" => "6ba7b812-9dad-11d1-80b4-00c04fd430c8",
        "x500" => "6ba7b814-9dad-11d1-80b4-00c04fd430c8",
        other => other,
    };
    let namespace = parse_uuid(namespace)
        .ok_or_else(|| invalid(name, "the namespace must be dns, url, oid, x500 or a UUID"))?;

    let mut hasher = Sha1::new();
    hasher.update(namespace);
    hasher.update(text.as_bytes());
    let hash = hasher.finalize();
    let mut uuid = [0u8; 16];
    uuid.copy_from_slice(hash.get(..16).unwrap_or(&[0; 16]));
    uuid[6] = (uuid[6] & 0x0f) | 0x50;
    uuid[8] = (uuid[8] & 0x3f) | 0x80;

    let digits = hex(&uuid);
    let mut out = String::with_capacity(36);
    for (index, c) in digits.chars().enumerate() {
        if matches!(index, 8 | 12 | 16 | 20) {
            out.push('-');
        }
        out.push(c);
    }
    Ok(Value::String(out))
}

/// A UUID as Go's parser accepts it: hyphenated, optionally in braces or after `urn:uuid:`,
/// or 32 bare hexadecimal digits.
fn parse_uuid(text: &str) -> Option<[u8; 16]> {
    let text = text.strip_prefix("urn:uuid:").unwrap_or(text);
    let text = text
        .strip_prefix('{')
        .and_then(|inner| inner.strip_suffix('}'))
        .unwrap_or(text);
    let digits: Vec<u8> = match text.len() {
        36 => {
            let dashes = [8, 13, 18, 23];
            if !dashes
                .iter()
                .all(|&at| text.as_bytes().get(at) == Some(&b'-'))
            {
                return None;
            }
            text.bytes().filter(|byte| *byte != b'-').collect()
        }
        32 => text.bytes().collect(),
        _ => return None,
    };
    let mut uuid = [0u8; 16];
    for (byte, pair) in uuid.iter_mut().zip(digits.chunks(2)) {
        let pair = core::str::from_utf8(pair).ok()?;
        *byte = u8::from_str_radix(pair, 16).ok()?;
    }
    (digits.len() == 32).then_some(uuid)
}
