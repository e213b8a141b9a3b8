//! A small JSON reader that keeps where every value is: Terraform's JSON syntax needs line
//! ranges for its blocks, which `serde_json` does not give. Objects keep their members in source
//! order, repeated keys included, because a repeated block type means several blocks.

/// A JSON value and the byte range of its text.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Json {
    pub(crate) value: JsonValue,
    /// Offset of the value's first byte.
    pub(crate) start: usize,
    /// Offset just past the value's last byte.
    pub(crate) end: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum JsonValue {
    Null,
    Bool(bool),
    Number(f64),
    String(String),
    Array(Vec<Json>),
    Object(Vec<Member>),
}

/// `"key": value` in an object.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Member {
    pub(crate) key: String,
    /// Offset of the key's opening quote.
    pub(crate) key_start: usize,
    pub(crate) value: Json,
}

/// What is wrong, and the byte offset where reading stopped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct JsonError {
    pub(crate) offset: usize,
    pub(crate) message: String,
}

/// Reads a whole JSON document: one value, with only whitespace around it.
/// Arrays and objects nested deeper than `max_nesting` are an error.
pub(crate) fn read(text: &str, max_nesting: usize) -> Result<Json, JsonError> {
    let mut reader = Reader {
        bytes: text.as_bytes(),
        text,
        at: 0,
        depth: 0,
        max_nesting,
    };
    reader.skip_whitespace();
    let value = reader.value()?;
    reader.skip_whitespace();
    if reader.at < reader.bytes.len() {
        return Err(reader.error("expected the end of the file after the JSON value"));
    }
    Ok(value)
}

struct Reader<'a> {
    text: &'a str,
    bytes: &'a [u8],
    at: usize,
    /// How many arrays and objects enclose the current position.
    depth: usize,
    max_nesting: usize,
}

impl Reader<'_> {
    fn error(&self, message: &str) -> JsonError {
        JsonError {
            offset: self.at,
            message: message.to_owned(),
        }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    fn skip_whitespace(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
    }

    fn value(&mut self) -> Result<Json, JsonError> {
        let start = self.at;
        let value = match self.peek() {
            Some(b'{') => self.nested(Self::object)?,
            Some(b'[') => self.nested(Self::array)?,
            Some(b'"') => JsonValue::String(self.string()?),
            Some(b'-' | b'0'..=b'9') => JsonValue::Number(self.number()?),
            Some(b't') => self.keyword("true", JsonValue::Bool(true))?,
            Some(b'f') => self.keyword("false", JsonValue::Bool(false))?,
            Some(b'n') => self.keyword("null", JsonValue::Null)?,
            Some(_) => return Err(self.error("expected a JSON value")),
            None => return Err(self.error("expected a JSON value; found the end of the file")),
        };
        Ok(Json {
            value,
            start,
            end: self.at,
        })
    }

    /// Reads an array or object one level deeper, refusing to go past the nesting limit.
    fn nested(
        &mut self,
        read: fn(&mut Self) -> Result<JsonValue, JsonError>,
    ) -> Result<JsonValue, JsonError> {
        if self.depth >= self.max_nesting {
            return Err(self.error(&format!(
                "arrays and objects are nested more than {} levels deep here; this is too deep \
                 to read (--limit max-nesting)",
                self.max_nesting
            )));
        }
        self.depth += 1;
        let value = read(self);
        self.depth -= 1;
        value
    }

    fn keyword(&mut self, word: &str, value: JsonValue) -> Result<JsonValue, JsonError> {
        if self.bytes.get(self.at..self.at + word.len()) == Some(word.as_bytes()) {
            self.at += word.len();
            Ok(value)
        } else {
            Err(self.error("expected a JSON value"))
        }
    }

    fn object(&mut self) -> Result<JsonValue, JsonError> {
        self.at += 1; // `{`
        let mut members = Vec::new();
        self.skip_whitespace();
        if self.peek() == Some(b'}') {
            self.at += 1;
            return Ok(JsonValue::Object(members));
        }
        loop {
            self.skip_whitespace();
            if self.peek() != Some(b'"') {
                return Err(self.error("expected a quoted object key"));
            }
            let key_start = self.at;
            let key = self.string()?;
            self.skip_whitespace();
            if self.peek() != Some(b':') {
                return Err(self.error("expected ':' after the object key"));
            }
            self.at += 1;
            self.skip_whitespace();
            let value = self.value()?;
            members.push(Member {
                key,
                key_start,
                value,
            });
            self.skip_whitespace();
            match self.peek() {
                Some(b',') => self.at += 1,
                Some(b'}') => {
                    self.at += 1;
                    return Ok(JsonValue::Object(members));
                }
                _ => return Err(self.error("expected ',' or '}' after the object member")),
            }
        }
    }

    fn array(&mut self) -> Result<JsonValue, JsonError> {
        self.at += 1; // `[`
        let mut items = Vec::new();
        self.skip_whitespace();
        if self.peek() == Some(b']') {
            self.at += 1;
            return Ok(JsonValue::Array(items));
        }
        loop {
            self.skip_whitespace();
            items.push(self.value()?);
            self.skip_whitespace();
            match self.peek() {
                Some(b',') => self.at += 1,
                Some(b']') => {
                    self.at += 1;
                    return Ok(JsonValue::Array(items));
                }
                _ => return Err(self.error("expected ',' or ']' after the array element")),
            }
        }
    }

    /// A quoted string, its escapes decoded.
    fn string(&mut self) -> Result<String, JsonError> {
        self.at += 1; // `"`
        let mut decoded = String::new();
        loop {
            // Copy the run of plain characters up to the next quote, backslash or control.
            let run_start = self.at;
            while matches!(self.peek(), Some(byte) if byte != b'"' && byte != b'\\' && byte >= 0x20)
            {
                self.at += 1;
            }
            decoded.push_str(self.text.get(run_start..self.at).unwrap_or_default());

            match self.peek() {
                Some(b'"') => {
                    self.at += 1;
                    return Ok(decoded);
                }
                Some(b'\\') => {
                    self.at += 1;
                    let escaped = self.escape()?;
                    decoded.push(escaped);
                }
                Some(_) => {
                    return Err(self.error("a line break or control character inside a string"))
                }
                None => return Err(self.error("the string is not closed")),
            }
        }
    }

    /// The character after a backslash.
    fn escape(&mut self) -> Result<char, JsonError> {
        let Some(byte) = self.peek() else {
            return Err(self.error("the string is not closed"));
        };
        self.at += 1;
        Ok(match byte {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => return self.unicode_escape(),
            _ => {
                self.at -= 1;
                return Err(self.error(
                    "unknown escape in a string: use \\\", \\\\, \\/, \\b, \\f, \\n, \\r, \\t or \
                     \\uNNNN",
                ));
            }
        })
    }

    /// `\uNNNN`, with a UTF-16 surrogate pair taking two of them.
    fn unicode_escape(&mut self) -> Result<char, JsonError> {
        let high = self.hex4()?;
        if !(0xD800..0xDC00).contains(&high) {
            return char::from_u32(high).ok_or_else(|| self.error("a lone low surrogate escape"));
        }
        if self.bytes.get(self.at..self.at + 2) != Some(b"\\u") {
            return Err(self.error("a high surrogate escape must be followed by a low one"));
        }
        self.at += 2;
        let low = self.hex4()?;
        if !(0xDC00..0xE000).contains(&low) {
            return Err(self.error("a high surrogate escape must be followed by a low one"));
        }
        let code = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00);
        char::from_u32(code).ok_or_else(|| self.error("an invalid unicode escape"))
    }

    fn hex4(&mut self) -> Result<u32, JsonError> {
        let digits = self
            .text
            .get(self.at..self.at + 4)
            .filter(|digits| digits.bytes().all(|b| b.is_ascii_hexdigit()))
            .ok_or_else(|| self.error("expected four hexadecimal digits after \\u"))?;
        let code = u32::from_str_radix(digits, 16)
            .map_err(|_| self.error("expected four hexadecimal digits after \\u"))?;
        self.at += 4;
        Ok(code)
    }

    /// A number as JSON writes them: `-`? int frac? exp?
    fn number(&mut self) -> Result<f64, JsonError> {
        let start = self.at;
        if self.peek() == Some(b'-') {
            self.at += 1;
        }
        match self.peek() {
            Some(b'0') => self.at += 1,
            Some(b'1'..=b'9') => self.digits(),
            _ => return Err(self.error("expected a digit")),
        }
        if self.peek() == Some(b'.') {
            self.at += 1;
            if !matches!(self.peek(), Some(b'0'..=b'9')) {
                return Err(self.error("expected a digit after the decimal point"));
            }
            self.digits();
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.at += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.at += 1;
            }
            if !matches!(self.peek(), Some(b'0'..=b'9')) {
                return Err(self.error("expected a digit in the exponent"));
            }
            self.digits();
        }
        self.text
            .get(start..self.at)
            .and_then(|number| number.parse().ok())
            .ok_or_else(|| self.error("an invalid number"))
    }

    fn digits(&mut self) {
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.at += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MAX_NESTING: usize = tfscan_core::limits::DEFAULT_MAX_NESTING;

    fn value(text: &str) -> JsonValue {
        read(text, MAX_NESTING).unwrap().value
    }

    #[test]
    fn scalars() {
        assert_eq!(value(" null "), JsonValue::Null);
        assert_eq!(value("true"), JsonValue::Bool(true));
        assert_eq!(value("-12.5e1"), JsonValue::Number(-125.0));
        assert_eq!(value("0"), JsonValue::Number(0.0));
        assert_eq!(
            value(r#""a\"b\\c\/\n\u00e9\ud83d\ude00""#),
            JsonValue::String("a\"b\\c/\né😀".into())
        );
    }

    #[test]
    fn objects_keep_order_repeats_and_positions() {
        let json = read("{\"b\": 1,\n \"a\": [2, {}], \"b\": \"x\"}", MAX_NESTING).unwrap();
        let JsonValue::Object(members) = json.value else {
            panic!("an object")
        };
        let keys: Vec<_> = members.iter().map(|m| m.key.as_str()).collect();
        assert_eq!(keys, ["b", "a", "b"]);
        assert_eq!(members[1].key_start, 10);
        assert_eq!((members[1].value.start, members[1].value.end), (15, 22));
        assert_eq!((json.start, json.end), (0, 33));
    }

    #[test]
    fn errors_say_where() {
        let cases = [
            ("{\"a\" 1}", 5, "expected ':'"),
            ("[1, 2", 5, "expected ',' or ']'"),
            ("{\"a\": 1,}", 8, "expected a quoted object key"),
            ("\"abc", 4, "not closed"),
            ("\"a\nb\"", 2, "line break"),
            ("01", 1, "end of the file"),
            ("1.", 2, "after the decimal point"),
            ("tru", 0, "expected a JSON value"),
            ("\"\\x\"", 2, "unknown escape"),
            ("\"\\ud800\"", 7, "low one"),
            ("", 0, "end of the file"),
            ("{} {}", 3, "end of the file"),
        ];
        for (text, offset, message) in cases {
            let error = read(text, MAX_NESTING).unwrap_err();
            assert_eq!(error.offset, offset, "{text:?}: {error:?}");
            assert!(error.message.contains(message), "{text:?}: {error:?}");
        }
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let error = read(&"[".repeat(100_000), MAX_NESTING).unwrap_err();
        assert_eq!(error.offset, MAX_NESTING);
        assert!(read(
            &("[".repeat(MAX_NESTING) + &"]".repeat(MAX_NESTING)),
            MAX_NESTING
        )
        .is_ok());
    }
}
