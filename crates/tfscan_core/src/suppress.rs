//! Inline suppressions: comments that turn a check to SKIPPED for a block.
//!
//! - Checkov's `checkov:skip=ID[,ID...][:reason]` (and `bridgecrew:skip=`), in a `#`, `//` or
//!   `/* */` comment, applies to the block whose lines hold the comment, as in Checkov: a
//!   comment above the block does not count.
//! - tfsec's `tfsec:ignore:ID` and Trivy's `trivy:ignore:ID`, optionally followed by
//!   `:exp:YYYY-MM-DD`, apply to the block whose lines hold the comment or to the block that
//!   starts right below it (comment lines between are allowed), as in those tools. Their IDs
//!   are translated through [`FOREIGN_IDS`]; an ID missing there is reported as unknown. After
//!   its expiry date (compared with [`crate::ScanOptions::today`]) the comment no longer
//!   applies.
//! - A suppression inside a `module` block applies to every resource the module creates,
//!   through every instance of the call and through nested calls (the engine passes the chain
//!   of calling blocks).

use alloc::string::{String, ToString};
use alloc::vec::Vec;

use crate::syntax::LineRange;

/// tfsec / Trivy IDs (long names and AVD IDs) for checks whose meaning is the same as a
/// Checkov check that tfscan has, and that Checkov ID.
pub const FOREIGN_IDS: &[(&str, &str)] = &[
    ("aws-s3-block-public-acls", "CKV_AWS_53"),
    ("AVD-AWS-0086", "CKV_AWS_53"),
    ("aws-s3-block-public-policy", "CKV_AWS_54"),
    ("AVD-AWS-0087", "CKV_AWS_54"),
    ("aws-s3-ignore-public-acls", "CKV_AWS_55"),
    ("AVD-AWS-0091", "CKV_AWS_55"),
    ("aws-s3-no-public-buckets", "CKV_AWS_56"),
    ("AVD-AWS-0093", "CKV_AWS_56"),
    ("aws-ec2-add-description-to-security-group", "CKV_AWS_23"),
    ("AVD-AWS-0099", "CKV_AWS_23"),
    (
        "aws-ec2-add-description-to-security-group-rule",
        "CKV_AWS_23",
    ),
    ("AVD-AWS-0124", "CKV_AWS_23"),
    ("aws-kms-auto-rotate-keys", "CKV_AWS_7"),
    ("AVD-AWS-0065", "CKV_AWS_7"),
    ("aws-lambda-enable-tracing", "CKV_AWS_50"),
    ("AVD-AWS-0066", "CKV_AWS_50"),
    ("aws-ec2-no-public-ip-subnet", "CKV_AWS_130"),
    ("AVD-AWS-0164", "CKV_AWS_130"),
    ("aws-elb-drop-invalid-headers", "CKV_AWS_131"),
    ("AVD-AWS-0052", "CKV_AWS_131"),
    ("aws-elb-http-not-used", "CKV_AWS_2"),
    ("AVD-AWS-0054", "CKV_AWS_2"),
    ("aws-cloudwatch-log-group-customer-key", "CKV_AWS_158"),
    ("AVD-AWS-0017", "CKV_AWS_158"),
];

/// Which tool's comment a suppression is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Syntax {
    /// `checkov:skip=` or `bridgecrew:skip=`: inside the block only.
    Checkov,
    /// `tfsec:ignore:` or `trivy:ignore:`: inside the block or right above it.
    Ignore,
}

/// One check named in a suppression comment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Named {
    /// As written in the comment.
    pub written: String,
    /// The Checkov ID it stands for, or None when tfscan does not know it.
    pub check_id: Option<String>,
}

/// One suppression comment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suppression {
    pub line: u32,
    pub syntax: Syntax,
    pub checks: Vec<Named>,
    pub reason: String,
    /// `exp:YYYY-MM-DD`: the last day the comment applies.
    pub expires: Option<String>,
    /// For an `ignore` comment on a line of its own: the line of the block it stands above.
    pub covers_line: Option<u32>,
}

impl Suppression {
    /// True when `today` is past the comment's `exp:` date (never without either).
    pub fn has_expired(&self, today: Option<&str>) -> bool {
        match (&self.expires, today) {
            (Some(expires), Some(today)) => today > expires.as_str(),
            _ => false,
        }
    }

    /// True when this comment silences `check_id` on a block spanning `lines`, on `today`.
    pub fn applies(&self, lines: LineRange, check_id: &str, today: Option<&str>) -> bool {
        let inside = (lines.first..=lines.last).contains(&self.line);
        let placed =
            inside || (self.syntax == Syntax::Ignore && self.covers_line == Some(lines.first));
        placed
            && !self.has_expired(today)
            && self
                .checks
                .iter()
                .any(|named| named.check_id.as_deref() == Some(check_id))
    }
}

const CHECKOV_MARKERS: &[&str] = &["checkov:skip=", "bridgecrew:skip="];
const IGNORE_MARKERS: &[&str] = &["tfsec:ignore:", "trivy:ignore:"];

/// Every suppression comment in a file's text, in line order.
pub fn find(text: &str) -> Vec<Suppression> {
    // Most files hold no suppression comment: one search of the whole text per marker costs far
    // less than a search per line (each sets up its searcher again), above all in WebAssembly.
    let mut markers = CHECKOV_MARKERS.iter().chain(IGNORE_MARKERS);
    if !markers.any(|marker| text.contains(marker)) {
        return Vec::new();
    }
    let lines: Vec<&str> = text.lines().collect();
    let mut found = Vec::new();
    for (index, line) in lines.iter().enumerate() {
        let number = index as u32 + 1;
        for marker in CHECKOV_MARKERS {
            if let Some(rest) = after_marker(line, marker) {
                if let Some(suppression) = checkov_comment(rest, number) {
                    found.push(suppression);
                }
            }
        }
        for marker in IGNORE_MARKERS {
            // A line may hold several: `#trivy:ignore:a #trivy:ignore:b`.
            let mut rest: &str = line;
            while let Some(after) = after_marker(rest, marker) {
                let mut suppression = ignore_comment(marker, after, number);
                if is_comment_line(line) {
                    suppression.covers_line = block_below(&lines, index);
                }
                found.push(suppression);
                rest = after;
            }
        }
    }
    found
}

/// The text after `marker` when the marker sits in a comment on `line`.
fn after_marker<'a>(line: &'a str, marker: &str) -> Option<&'a str> {
    let start = line.find(marker)?;
    let before = &line[..start];
    let in_comment = before.contains('#') || before.contains("//") || before.contains("/*");
    in_comment.then(|| &line[start + marker.len()..])
}

fn checkov_comment(rest: &str, line: u32) -> Option<Suppression> {
    let rest = rest.trim_start();
    let ids_end = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == ','))
        .unwrap_or(rest.len());
    let checks: Vec<Named> = rest[..ids_end]
        .split(',')
        .filter(|id| !id.is_empty())
        .map(|id| Named {
            written: id.to_string(),
            check_id: Some(id.to_string()),
        })
        .collect();
    let reason = rest[ids_end..]
        .strip_prefix(':')
        .map(|reason| reason.trim().trim_end_matches("*/").trim().to_string())
        .filter(|reason| !reason.is_empty())
        // Checkov's words for a skip without a reason.
        .unwrap_or_else(|| String::from("No comment provided"));
    (!checks.is_empty()).then_some(Suppression {
        line,
        syntax: Syntax::Checkov,
        checks,
        reason,
        expires: None,
        covers_line: None,
    })
}

/// `ID[:exp:YYYY-MM-DD]`, up to the first space; the reason shown is the comment itself.
fn ignore_comment(marker: &str, rest: &str, line: u32) -> Suppression {
    let word_end = rest
        .find(|c: char| c.is_whitespace() || c == '#' || c == '*')
        .unwrap_or(rest.len());
    let word = &rest[..word_end];
    let mut parts = word.split(':');
    let id = parts.next().unwrap_or("");
    let mut expires = None;
    while let Some(part) = parts.next() {
        if part == "exp" {
            expires = parts.next().map(ToString::to_string);
        }
    }
    let check_id = FOREIGN_IDS
        .iter()
        .find(|(foreign, _)| foreign.eq_ignore_ascii_case(id))
        .map(|(_, checkov)| (*checkov).to_string());
    Suppression {
        line,
        syntax: Syntax::Ignore,
        checks: alloc::vec![Named {
            written: id.to_string(),
            check_id,
        }],
        reason: alloc::format!("{marker}{word}"),
        expires,
        covers_line: None,
    }
}

/// True when a line holds only a comment.
fn is_comment_line(line: &str) -> bool {
    let trimmed = line.trim_start();
    trimmed.starts_with('#') || trimmed.starts_with("//") || trimmed.starts_with("/*")
}

/// The line number of the first line after `index` that is not a comment line, when every line
/// between is a comment line (no blank line breaks the run).
fn block_below(lines: &[&str], index: usize) -> Option<u32> {
    let mut next = index + 1;
    while let Some(line) = lines.get(next) {
        if line.trim().is_empty() {
            return None;
        }
        if !is_comment_line(line) {
            return Some(next as u32 + 1);
        }
        next += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reason_for(found: &[Suppression], lines: LineRange, id: &str) -> Option<String> {
        found
            .iter()
            .find(|suppression| suppression.applies(lines, id, Some("2026-06-01")))
            .map(|suppression| suppression.reason.clone())
    }

    #[test]
    fn reads_ids_and_reason_in_every_comment_style() {
        let text = "resource \"a\" \"b\" {\n  #checkov:skip=CKV_AWS_20,CKV_AWS_21:public website\n  // checkov:skip=CKV_AWS_18\n  /* bridgecrew:skip=CKV_AWS_19:why not */\n}\n";
        let found = find(text);
        assert_eq!(found.len(), 3);
        assert_eq!(found[0].checks[1].written, "CKV_AWS_21");
        assert_eq!(found[0].reason, "public website");
        assert_eq!(found[1].line, 3);
        assert_eq!(found[1].reason, "No comment provided");
        assert_eq!(found[2].reason, "why not");
        assert_eq!(
            reason_for(&found, LineRange::new(1, 5), "CKV_AWS_21").as_deref(),
            Some("public website")
        );
        assert_eq!(reason_for(&found, LineRange::new(4, 5), "CKV_AWS_21"), None);
    }

    #[test]
    fn ignores_the_marker_outside_comments() {
        assert!(find("  description = \"checkov:skip=CKV_AWS_1\"\n").is_empty());
        assert!(find("  description = \"trivy:ignore:AVD-AWS-0086\"\n").is_empty());
    }

    #[test]
    fn a_checkov_skip_above_the_block_does_not_apply() {
        let found = find("# checkov:skip=CKV_AWS_53\nresource \"a\" \"b\" {\n}\n");
        assert_eq!(reason_for(&found, LineRange::new(2, 3), "CKV_AWS_53"), None);
    }

    #[test]
    fn an_ignore_applies_above_or_inside_and_maps_its_id() {
        let text = "#tfsec:ignore:aws-s3-block-public-acls\n# another comment\nresource \"a\" \"b\" {\n  x = 1 # trivy:ignore:AVD-AWS-0087\n}\n";
        let found = find(text);
        assert_eq!(found[0].covers_line, Some(3));
        assert!(reason_for(&found, LineRange::new(3, 5), "CKV_AWS_53").is_some());
        assert!(reason_for(&found, LineRange::new(3, 5), "CKV_AWS_54").is_some());
        assert!(reason_for(&found, LineRange::new(3, 5), "CKV_AWS_55").is_none());
        // A blank line between the comment and the block breaks the link.
        let found = find("#trivy:ignore:aws-s3-block-public-acls\n\nresource \"a\" \"b\" {\n}\n");
        assert!(reason_for(&found, LineRange::new(3, 4), "CKV_AWS_53").is_none());
    }

    #[test]
    fn an_expired_ignore_no_longer_applies() {
        let text = "resource \"a\" \"b\" {\n  #trivy:ignore:aws-s3-block-public-acls:exp:2026-05-31\n  #trivy:ignore:aws-s3-block-public-policy:exp:2026-06-01\n}\n";
        let found = find(text);
        assert_eq!(found[0].expires.as_deref(), Some("2026-05-31"));
        assert!(reason_for(&found, LineRange::new(1, 4), "CKV_AWS_53").is_none());
        assert!(reason_for(&found, LineRange::new(1, 4), "CKV_AWS_54").is_some());
    }

    #[test]
    fn unknown_foreign_ids_stay_unmapped() {
        let found = find("resource \"a\" \"b\" { # tfsec:ignore:aws-made-up-rule\n}\n");
        assert_eq!(found[0].checks[0].written, "aws-made-up-rule");
        assert_eq!(found[0].checks[0].check_id, None);
    }

    #[test]
    fn every_mapped_id_is_a_check_tfscan_has() {
        for (foreign, checkov) in FOREIGN_IDS {
            assert!(
                crate::checks::all()
                    .iter()
                    .any(|check| check.id == *checkov),
                "{foreign} maps to {checkov}, which tfscan does not have"
            );
        }
    }
}
