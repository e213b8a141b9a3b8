//! Encoding functions: base64, JSON, CSV, URL query escaping, and text in other character
//! encodings.
//!
//! YAML is in `yaml.rs` (writing) and `yaml_decode.rs` (reading).

use alloc::collections::BTreeMap;
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
use base64::Engine;
use core::fmt::Write;

use super::{fixed, invalid, json, known, string_arg};
use crate::value::Value;

/// Standard base64 with padding, decoding like Go's: padding required, stray bits after the
/// last character allowed.
const BASE64: GeneralPurpose = GeneralPurpose::new(
    &base64::alphabet::STANDARD,
    GeneralPurposeConfig::new()
        .with_decode_allow_trailing_bits(true)
        .with_decode_padding_mode(DecodePaddingMode::RequireCanonical),
);

#[cfg_attr(target_family = "wasm", inline(never))]
pub(super) fn call(name: &str, args: &[Value]) -> Option<Result<Value, String>> {
    let result = match name {
        "base64encode" => one_string(name, args, |text| Ok(BASE64.encode(text))),
        "base64decode" => one_string(name, args, |text| {
            let bytes = base64_bytes(name, text)?;
            String::from_utf8(bytes)
                .map_err(|_| invalid(name, "the decoded bytes are not valid UTF-8"))
        }),
        "urlencode" => one_string(name, args, |text| Ok(query_escape(text))),
        "jsonencode" => jsonencode(name, args),
        "yamldecode" => fixed::<1>(name, args).and_then(|[text]| {
            let text = known!(string_arg(name, text));
            Ok(super::yaml_decode::decode(&text).unwrap_or(Value::Unknown))
        }),
        "yamlencode" => fixed::<1>(name, args)
            .map(|[value]| super::yaml::encode(value).map_or(Value::Unknown, Value::String)),
        "jsondecode" => fixed::<1>(name, args).and_then(|[text]| match string_arg(name, text)? {
            Some(text) => json::decode(&text).map_err(|detail| invalid(name, detail)),
            None => Ok(Value::Unknown),
        }),
        "csvdecode" => fixed::<1>(name, args).and_then(|[text]| match string_arg(name, text)? {
            Some(text) => csvdecode(&text).map_err(|detail| invalid(name, detail)),
            None => Ok(Value::Unknown),
        }),
        "textencodebase64" => textencodebase64(name, args),
        "textdecodebase64" => textdecodebase64(name, args),
        _ => return None,
    };
    Some(result)
}

fn one_string(
    name: &str,
    args: &[Value],
    f: impl Fn(&str) -> Result<String, String>,
) -> Result<Value, String> {
    let [text] = fixed::<1>(name, args)?;
    let text = known!(string_arg(name, text));
    f(&text).map(Value::String)
}

fn base64_bytes(name: &str, text: &str) -> Result<Vec<u8>, String> {
    // Go's decoder skips line breaks.
    let compact: String = text.chars().filter(|c| *c != '\r' && *c != '\n').collect();
    BASE64
        .decode(compact)
        .map_err(|error| invalid(name, format_args!("invalid base64: {error}")))
}

fn jsonencode(name: &str, args: &[Value]) -> Result<Value, String> {
    let [value] = fixed::<1>(name, args)?;
    if value.is_unknown() {
        return Ok(Value::Unknown);
    }
    Ok(json::encode_with_holes(value).map_or(Value::Unknown, Value::String))
}

/// Go's `url.QueryEscape`: letters, digits and `-_.~` stay, a space becomes `+`, every other
/// byte becomes `%XX`.
fn query_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(char::from(byte));
            }
            b' ' => out.push('+'),
            _ => {
                let _ = write!(out, "%{byte:02X}");
            }
        }
    }
    out
}

/// `csvdecode`: the first record names the columns; each further record becomes an object.
/// Quoting follows RFC 4180 as Go reads it: every record has as many fields as the first.
fn csvdecode(text: &str) -> Result<Value, String> {
    let records = csv_records(text)?;
    let Some((header, rows)) = records.split_first() else {
        return Err(String::from("missing header line"));
    };
    for (index, column) in header.iter().enumerate() {
        if header.iter().take(index).any(|earlier| earlier == column) {
            return Err(format!("duplicate column name \"{column}\""));
        }
    }
    let mut objects = Vec::with_capacity(rows.len());
    for (index, row) in rows.iter().enumerate() {
        if row.len() != header.len() {
            return Err(format!(
                "record {} has {} fields, but the header has {}",
                index + 2,
                row.len(),
                header.len()
            ));
        }
        let object: BTreeMap<String, Value> = header
            .iter()
            .zip(row)
            .map(|(column, field)| (column.clone(), Value::String(field.clone())))
            .collect();
        objects.push(Value::Object(object));
    }
    Ok(Value::List(objects))
}

fn csv_records(text: &str) -> Result<Vec<Vec<String>>, String> {
    let mut records = Vec::new();
    let mut chars = text.chars().peekable();
    let mut line = 1;
    while chars.peek().is_some() {
        // Empty lines are skipped.
        if chars.next_if_eq(&'\n').is_some() {
            line += 1;
            continue;
        }
        if chars.peek() == Some(&'\r') {
            let mut lookahead = chars.clone();
            lookahead.next();
            if matches!(lookahead.peek(), Some('\n') | None) {
                chars.next();
                continue;
            }
        }

        let mut record = Vec::new();
        loop {
            let mut field = String::new();
            if chars.next_if_eq(&'"').is_some() {
                loop {
                    match chars.next() {
                        Some('"') if chars.next_if_eq(&'"').is_some() => field.push('"'),
                        Some('"') => break,
                        Some('\r') if chars.peek() == Some(&'\n') => {}
                        Some(c) => {
                            if c == '\n' {
                                line += 1;
                            }
                            field.push(c);
                        }
                        None => return Err(format!("line {line}: a quoted field is not closed")),
                    }
                }
                if !matches!(chars.peek(), Some(',' | '\n' | '\r') | None) {
                    return Err(format!(
                        "line {line}: unexpected character after a quoted field"
                    ));
                }
            } else {
                while let Some(c) = chars.next_if(|c| !matches!(c, ',' | '\n')) {
                    if c == '"' {
                        return Err(format!(
                            "line {line}: a quote in a field that is not quoted"
                        ));
                    }
                    field.push(c);
                }
                if chars.peek() != Some(&',') && field.ends_with('\r') {
                    field.pop();
                }
            }
            record.push(field);
            if chars.next_if_eq(&',').is_some() {
                continue;
            }
            chars.next_if_eq(&'\r');
            if chars.next_if_eq(&'\n').is_some() {
                line += 1;
            }
            break;
        }
        records.push(record);
    }
    Ok(records)
}

/// Character encodings `textencodebase64` and `textdecodebase64` convert.
#[derive(Clone, Copy)]
enum Encoding {
    Utf8,
    Utf16Le,
    Utf16Be,
    /// UTF-16 with a byte order mark (big-endian when writing).
    Utf16,
    Latin1,
    Ascii,
}

/// Names of encodings Terraform knows but the scan does not convert; their results are
/// unknown rather than an error.
const OTHER_ENCODINGS: &[&str] = &[
    "shift_jis",
    "euc-jp",
    "iso-2022-jp",
    "euc-kr",
    "gbk",
    "gb18030",
    "gb2312",
    "big5",
    "koi8-r",
    "koi8-u",
    "macintosh",
    "ibm437",
    "ibm850",
    "ibm852",
    "ibm866",
    "utf-32",
    "utf-32le",
    "utf-32be",
    "iso-8859-2",
    "iso-8859-3",
    "iso-8859-4",
    "iso-8859-5",
    "iso-8859-6",
    "iso-8859-7",
    "iso-8859-8",
    "iso-8859-9",
    "iso-8859-10",
    "iso-8859-13",
    "iso-8859-14",
    "iso-8859-15",
    "iso-8859-16",
    "windows-874",
    "windows-1250",
    "windows-1251",
    "windows-1252",
    "windows-1253",
    "windows-1254",
    "windows-1255",
    "windows-1256",
    "windows-1257",
    "windows-1258",
    "cp1252",
    "latin2",
];

fn encoding_arg(name: &str, value: &Value) -> Result<Option<Encoding>, String> {
    let Some(label) = string_arg(name, value)? else {
        return Ok(None);
    };
    let encoding = match label.to_ascii_lowercase().as_str() {
        "utf-8" | "utf8" => Encoding::Utf8,
        "utf-16le" => Encoding::Utf16Le,
        "utf-16be" => Encoding::Utf16Be,
        "utf-16" => Encoding::Utf16,
        "iso-8859-1" | "latin1" | "iso_8859-1" | "l1" => Encoding::Latin1,
        "us-ascii" | "ascii" => Encoding::Ascii,
        other if OTHER_ENCODINGS.contains(&other) => return Ok(None),
        _ => {
            return Err(invalid(
                name,
                format_args!("\"{label}\" is not a supported IANA encoding name"),
            ))
        }
    };
    Ok(Some(encoding))
}

fn textencodebase64(name: &str, args: &[Value]) -> Result<Value, String> {
    let [text, encoding] = fixed::<2>(name, args)?;
    let text = string_arg(name, text)?;
    let encoding = encoding_arg(name, encoding)?;
    let (Some(text), Some(encoding)) = (text, encoding) else {
        return Ok(Value::Unknown);
    };
    let bytes: Vec<u8> = match encoding {
        Encoding::Utf8 => text.into_bytes(),
        Encoding::Utf16Le => text.encode_utf16().flat_map(u16::to_le_bytes).collect(),
        Encoding::Utf16Be => text.encode_utf16().flat_map(u16::to_be_bytes).collect(),
        Encoding::Utf16 => [0xfe, 0xff]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_be_bytes))
            .collect(),
        Encoding::Latin1 | Encoding::Ascii => {
            let limit = if matches!(encoding, Encoding::Ascii) {
                0x7f
            } else {
                0xff
            };
            let mut bytes = Vec::with_capacity(text.len());
            for c in text.chars() {
                let code = u32::from(c);
                if code > limit {
                    return Err(invalid(
                        name,
                        format_args!("the character '{c}' cannot be represented in this encoding"),
                    ));
                }
                bytes.push(code as u8);
            }
            bytes
        }
    };
    Ok(Value::String(BASE64.encode(bytes)))
}

fn textdecodebase64(name: &str, args: &[Value]) -> Result<Value, String> {
    let [text, encoding] = fixed::<2>(name, args)?;
    let text = string_arg(name, text)?;
    let encoding = encoding_arg(name, encoding)?;
    let (Some(text), Some(encoding)) = (text, encoding) else {
        return Ok(Value::Unknown);
    };
    let bytes = base64_bytes(name, &text)?;
    let utf16 = |big_endian: bool, bytes: &[u8]| -> Result<String, String> {
        let units: Vec<u16> = bytes
            .chunks(2)
            .map(|pair| match pair {
                [first, second] if big_endian => u16::from_be_bytes([*first, *second]),
                [first, second] => u16::from_le_bytes([*first, *second]),
                _ => 0xfffd,
            })
            .collect();
        Ok(char::decode_utf16(units)
            .map(|unit| unit.unwrap_or('\u{fffd}'))
            .collect())
    };
    let decoded = match encoding {
        Encoding::Utf8 => String::from_utf8_lossy(&bytes).into_owned(),
        Encoding::Utf16Le => utf16(false, &bytes)?,
        Encoding::Utf16Be => utf16(true, &bytes)?,
        Encoding::Utf16 => match bytes.as_slice() {
            [0xff, 0xfe, rest @ ..] => utf16(false, rest)?,
            [0xfe, 0xff, rest @ ..] => utf16(true, rest)?,
            rest => utf16(true, rest)?,
        },
        Encoding::Latin1 => bytes.iter().map(|&byte| char::from(byte)).collect(),
        Encoding::Ascii => bytes
            .iter()
            .map(|&byte| {
                if byte < 0x80 {
                    char::from(byte)
                } else {
                    '\u{fffd}'
                }
            })
            .collect(),
    };
    Ok(Value::String(decoded))
}
