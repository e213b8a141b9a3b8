//! Recognises credentials written into Terraform as plain text: AWS access key IDs, AWS
//! secret access keys (alone, or assigned to a `key`), AWS account IDs assigned to an
//! `account` name, and the first line of a PEM private key.
//!
//! These are the shapes Checkov's secret-bearing resource checks look for (the AWS patterns of
//! the `git-secrets` tool plus a private-key header), so checks built on this module give
//! Checkov's verdicts. They are deliberately simple: any lone run of exactly 40 base64
//! characters counts as a secret key, while a 32- or 40-character hexadecimal string is taken
//! for a checksum and never counts.

/// True when `text` holds something that looks like an AWS credential or a private key.
pub fn has_aws_secret_or_private_key(text: &str) -> bool {
    if is_hex_digest(text) {
        return false;
    }
    has_lone_secret_access_key(text)
        || has_access_key_id(text)
        || has_assigned_secret_access_key(text)
        || has_assigned_account_id(text)
        || is_private_key_header(text)
}

/// The length of an AWS secret access key.
const SECRET_KEY_LENGTH: usize = 40;

/// The prefixes of AWS access key IDs (users, groups, roles, temporary credentials, ...).
const ACCESS_KEY_PREFIXES: [&str; 8] = [
    "AKIA", "AGPA", "AIDA", "AROA", "AIPA", "ANPA", "ANVA", "ASIA",
];

/// A 32- or 40-character hexadecimal string (an MD5 or SHA-1 digest), which looks like a key
/// but is taken for a checksum. A single trailing newline is allowed.
fn is_hex_digest(text: &str) -> bool {
    let text = text.strip_suffix('\n').unwrap_or(text);
    matches!(text.len(), 32 | 40) && text.bytes().all(|byte| byte.is_ascii_hexdigit())
}

/// A character of the base64 alphabet as secret access keys use it.
fn is_base64(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || matches!(byte, b'/' | b'+' | b'=')
}

/// A run of base64 characters exactly as long as a secret access key, with no base64
/// character right before or after it.
fn has_lone_secret_access_key(text: &str) -> bool {
    text.as_bytes()
        .split(|byte| !is_base64(*byte))
        .any(|run| run.len() == SECRET_KEY_LENGTH)
}

/// A known access key ID prefix followed by 16 upper-case letters or digits, anywhere.
fn has_access_key_id(text: &str) -> bool {
    let bytes = text.as_bytes();
    let is_key_char = |byte: &u8| byte.is_ascii_uppercase() || byte.is_ascii_digit();
    (0..bytes.len()).any(|start| {
        let rest = &bytes[start..];
        // Every prefix is four characters; `A3T` takes any key character as its fourth.
        let has_prefix = (rest.starts_with(b"A3T") && rest.get(3).is_some_and(is_key_char))
            || ACCESS_KEY_PREFIXES
                .iter()
                .any(|prefix| rest.starts_with(prefix.as_bytes()));
        has_prefix
            && rest
                .get(4..20)
                .is_some_and(|body| body.iter().all(is_key_char))
    })
}

/// `key = <40 base64 characters>` (also `"key": ...`, `Key => ...`): a secret access key
/// assigned to a name ending in `key`, `Key` or `KEY`.
fn has_assigned_secret_access_key(text: &str) -> bool {
    ["key", "Key", "KEY"].iter().any(|name| {
        text.match_indices(name).any(|(start, _)| {
            assigned_value(&text[start + name.len()..]).is_some_and(|value| {
                value.bytes().take_while(|byte| is_base64(*byte)).count() >= SECRET_KEY_LENGTH
            })
        })
    })
}

/// `account_id = 1234-5678-9012` (also `account`, `accountId`, `ACCOUNT_ID`, with or without
/// dashes): a twelve-digit AWS account ID assigned to an account name.
fn has_assigned_account_id(text: &str) -> bool {
    ["account", "Account", "ACCOUNT"].iter().any(|name| {
        text.match_indices(name).any(|(start, _)| {
            let rest = &text[start + name.len()..];
            let rest = rest.strip_prefix('_').unwrap_or(rest);
            let rest = ["id", "Id", "ID"]
                .iter()
                .find_map(|suffix| rest.strip_prefix(suffix))
                .unwrap_or(rest);
            assigned_value(rest).is_some_and(starts_with_account_id)
        })
    })
}

/// Twelve digits in three groups of four, each group optionally followed by a dash.
fn starts_with_account_id(text: &str) -> bool {
    let mut rest = text;
    for group in 0..3 {
        let digits = rest
            .get(..4)
            .filter(|digits| digits.bytes().all(|byte| byte.is_ascii_digit()));
        let Some(digits) = digits else {
            return false;
        };
        rest = &rest[digits.len()..];
        if group < 2 {
            rest = rest.strip_prefix('-').unwrap_or(rest);
        }
    }
    true
}

/// What follows a name in an assignment: an optional closing quote, spaces, `:`, `=>` or `=`,
/// spaces and an optional opening quote. None when `text` does not start like that.
fn assigned_value(text: &str) -> Option<&str> {
    let rest = skip_quote(text).trim_start_matches(is_space);
    let rest = rest
        .strip_prefix("=>")
        .or_else(|| rest.strip_prefix('='))
        .or_else(|| rest.strip_prefix(':'))?;
    Some(skip_quote(rest.trim_start_matches(is_space)))
}

fn skip_quote(text: &str) -> &str {
    text.strip_prefix(['"', '\'']).unwrap_or(text)
}

/// White space as Python's regular expressions see it (Unicode spaces and the four
/// information separators), so that assignments split over odd spacing still match.
fn is_space(character: char) -> bool {
    character.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&character)
}

/// The whole text is the first line of a PEM private key (RSA, EC, DSA or GPP), optionally
/// followed by one newline.
fn is_private_key_header(text: &str) -> bool {
    let text = text.strip_suffix('\n').unwrap_or(text);
    ["RSA", "EC", "DSA", "GPP"].iter().any(|kind| {
        text.strip_prefix("-----BEGIN ")
            .and_then(|rest| rest.strip_prefix(kind))
            == Some(" PRIVATE KEY-----")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// AWS's documented example credentials, not real ones.
    const EXAMPLE_ACCESS_KEY_ID: &str = "AKIAIOSFODNN7EXAMPLE";
    const EXAMPLE_SECRET_KEY: &str = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

    #[test]
    fn finds_access_key_ids_anywhere() {
        assert!(has_aws_secret_or_private_key(EXAMPLE_ACCESS_KEY_ID));
        assert!(has_aws_secret_or_private_key("id=ASIAY34FZKBOKMUTVV7A;"));
        assert!(has_aws_secret_or_private_key("A3TXIOSFODNN7EXAMPLEX"));
        // Too short, or lower-case after the prefix.
        assert!(!has_aws_secret_or_private_key("AKIAIOSFODNN7EXAMPL"));
        assert!(!has_aws_secret_or_private_key("AKIAiosfodnn7example"));
    }

    #[test]
    fn finds_lone_secret_keys_of_exactly_forty_characters() {
        assert!(has_aws_secret_or_private_key(EXAMPLE_SECRET_KEY));
        assert!(has_aws_secret_or_private_key(&alloc::format!(
            "secret: {EXAMPLE_SECRET_KEY}."
        )));
        // 39 and 41 characters are not secret keys.
        assert!(!has_aws_secret_or_private_key(&EXAMPLE_SECRET_KEY[1..]));
        assert!(!has_aws_secret_or_private_key(&alloc::format!(
            "{EXAMPLE_SECRET_KEY}A"
        )));
    }

    #[test]
    fn finds_secret_keys_assigned_to_a_key_name() {
        // Longer than 40 on its own, but assigned to a key.
        let long = alloc::format!("{EXAMPLE_SECRET_KEY}AB");
        assert!(has_aws_secret_or_private_key(&alloc::format!(
            "aws_secret_key = \"{long}\""
        )));
        assert!(has_aws_secret_or_private_key(&alloc::format!(
            "'Key' => '{long}'"
        )));
        assert!(has_aws_secret_or_private_key(&alloc::format!("KEY:{long}")));
        assert!(!has_aws_secret_or_private_key(&alloc::format!(
            "kEy = {long}"
        )));
        assert!(!has_aws_secret_or_private_key(&alloc::format!(
            "key ~ {long}"
        )));
    }

    #[test]
    fn finds_account_ids_assigned_to_an_account_name() {
        assert!(has_aws_secret_or_private_key("account_id = 123456789012"));
        assert!(has_aws_secret_or_private_key(
            "\"AccountId\": \"1234-5678-9012\""
        ));
        assert!(has_aws_secret_or_private_key("ACCOUNT=>1234-56789012"));
        assert!(!has_aws_secret_or_private_key("account_id = 12345678901"));
        assert!(!has_aws_secret_or_private_key("123456789012"));
    }

    #[test]
    fn finds_private_key_headers_only_as_the_whole_text() {
        assert!(has_aws_secret_or_private_key(
            "-----BEGIN RSA PRIVATE KEY-----"
        ));
        assert!(has_aws_secret_or_private_key(
            "-----BEGIN EC PRIVATE KEY-----\n"
        ));
        assert!(!has_aws_secret_or_private_key(
            "-----BEGIN OPENSSH PRIVATE KEY-----"
        ));
        assert!(!has_aws_secret_or_private_key(
            "-----BEGIN RSA PRIVATE KEY-----\nMIIE"
        ));
    }

    #[test]
    fn checksums_and_ordinary_values_are_not_secrets() {
        assert!(!has_aws_secret_or_private_key(
            "da39a3ee5e6b4b0d3255bfef95601890afd80709"
        ));
        assert!(!has_aws_secret_or_private_key(
            "D41D8CD98F00B204E9800998ECF8427E"
        ));
        for value in [
            "python3.12",
            "us-east-1",
            "arn:aws:s3:::logs",
            "",
            "é",
            "key =",
            "account",
        ] {
            assert!(!has_aws_secret_or_private_key(value), "{value}");
        }
    }
}
