//! Inline suppressions: comments that turn a check to SKIPPED for a block.
//!
//! - Checkov's `checkov:skip=ID[,ID...][:reason]` (and `bridgecrew:skip=`, `cortex:skip=`)
//!   applies to the block whose lines hold it, as in Checkov: a comment above the block does
//!   not count. As in Checkov it counts wherever it is written on such a line, in a comment or
//!   not (in a string value, in a heredoc), one per line: the reason runs to the end of the
//!   line (or of the string holding it). An ID is letters, digits, `_` and `-`; the list ends
//!   at anything else, so a wildcard (`CKV_AWS_*`) ends it, and it is noted (Checkov reads
//!   `CKV_AWS_` and skips nothing). Unlike Checkov, tfscan also counts a skip on the block's
//!   first line (`resource "x" "y" { # checkov:skip=...`) and last line, which Checkov ignores.
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
    /// `checkov:skip=`, `bridgecrew:skip=` or `cortex:skip=`: inside the block only.
    Checkov,
    /// `tfsec:ignore:` or `trivy:ignore:`: inside the block or right above it.
    Ignore,
}

/// One check named in a suppression comment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Named {
    /// As written in the comment.
    pub written: String,
    /// The Checkov ID it stands for, or None when tfscan does not know it (or it has a
    /// wildcard).
    pub check_id: Option<String>,
    /// The ID has a wildcard (`CKV_AWS_*`): a skip takes exact IDs only, so it silences
    /// nothing, and neither do the IDs after it.
    pub wildcard: bool,
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

const CHECKOV_MARKERS: &[&str] = &["checkov:skip=", "bridgecrew:skip=", "cortex:skip="];
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
        // As Checkov reads them: anywhere on the line, the first one only.
        let first = CHECKOV_MARKERS
            .iter()
            .filter_map(|marker| line.find(marker).map(|start| (start, marker.len())))
            .min();
        if let Some((start, length)) = first {
            let inside_string = line[..start].matches('"').count() % 2 == 1;
            let rest = &line[start + length..];
            if let Some(suppression) = checkov_comment(rest, inside_string, number) {
                found.push(suppression);
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

/// True for the characters of a check ID in a `checkov:skip=` list, as Checkov reads them.
fn is_id_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || c == '-'
}

/// True for the characters of a wildcard pattern (`CKV_AWS_*`, `CKV_AWS_1?`, `CKV_AWS_[12]`).
fn is_wildcard_char(c: char) -> bool {
    matches!(c, '*' | '?' | '[' | ']')
}

/// `ID[,ID...][:reason]` after a `checkov:skip=` marker. The list ends at the first character
/// that is not part of an ID (a comma must be followed by one); the reason is what follows a
/// `:` right after it, to the end of the line, or of the string when the marker is in one.
fn checkov_comment(rest: &str, inside_string: bool, line: u32) -> Option<Suppression> {
    let rest = rest.trim_start();
    let mut checks = Vec::new();
    let mut position = 0;
    let mut ended_on_wildcard = false;
    loop {
        let id_end = rest[position..]
            .find(|c: char| !is_id_char(c))
            .map_or(rest.len(), |end| position + end);
        let after = rest[id_end..].chars().next();
        if after.is_some_and(is_wildcard_char) {
            // Checkov reads the ID up to the wildcard and stops there; tfscan notes the whole.
            let written_end = rest[position..]
                .find(|c: char| !(is_id_char(c) || is_wildcard_char(c)))
                .map_or(rest.len(), |end| position + end);
            checks.push(Named {
                written: rest[position..written_end].to_string(),
                check_id: None,
                wildcard: true,
            });
            position = written_end;
            ended_on_wildcard = true;
            break;
        }
        if id_end == position {
            break;
        }
        let id = &rest[position..id_end];
        checks.push(Named {
            written: id.to_string(),
            check_id: Some(id.to_string()),
            wildcard: false,
        });
        position = id_end;
        let next_is_id = rest[position..]
            .strip_prefix(',')
            .and_then(|after| after.chars().next())
            .is_some_and(|c| is_id_char(c) || is_wildcard_char(c));
        if !next_is_id {
            break;
        }
        position += 1;
    }
    // Checkov's list ends where the wildcard starts, so a `:` after it starts no reason.
    let after_list = if ended_on_wildcard {
        ""
    } else {
        &rest[position..]
    };
    let reason = after_list
        .strip_prefix(':')
        .map(|reason| {
            let reason = if inside_string {
                reason.split('"').next().unwrap_or(reason)
            } else {
                reason
            };
            reason.trim().trim_end_matches("*/").trim().to_string()
        })
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
            wildcard: false,
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
    fn a_checkov_skip_counts_anywhere_on_a_line_as_in_checkov_an_ignore_only_in_a_comment() {
        let found = find("  note = \"checkov:skip=CKV_AWS_18:in a string\" # other\n");
        assert_eq!(found[0].checks[0].check_id.as_deref(), Some("CKV_AWS_18"));
        // The reason ends with the string that holds it.
        assert_eq!(found[0].reason, "in a string");
        let found = find("  policy = <<EOF\ncheckov:skip=CKV_AWS_18: in a heredoc  \nEOF\n");
        assert_eq!(found[0].line, 2);
        assert_eq!(found[0].reason, "in a heredoc");
        assert!(find("  description = \"trivy:ignore:AVD-AWS-0086\"\n").is_empty());
    }

    #[test]
    fn cortex_skip_is_read_as_checkov_reads_it() {
        let found = find("  # cortex:skip=CKV_AWS_18,CKV_AWS_144:cortex\n");
        let ids: Vec<_> = found[0]
            .checks
            .iter()
            .map(|named| named.written.as_str())
            .collect();
        assert_eq!(ids, ["CKV_AWS_18", "CKV_AWS_144"]);
        assert_eq!(found[0].reason, "cortex");
    }

    #[test]
    fn the_id_list_ends_as_checkovs_does() {
        let ids = |text: &str| -> Vec<String> {
            find(text)
                .iter()
                .flat_map(|found| found.checks.iter().map(|named| named.written.clone()))
                .collect()
        };
        // Dashes belong to IDs; a comma must be followed by an ID.
        assert_eq!(
            ids("# checkov:skip=CKV-AWS-18,CKV_AWS_18:x\n"),
            ["CKV-AWS-18", "CKV_AWS_18"]
        );
        assert_eq!(ids("# checkov:skip=CKV_AWS_1, CKV_AWS_2\n"), ["CKV_AWS_1"]);
        assert_eq!(ids("# checkov:skip=CKV_AWS_1,,CKV_AWS_2\n"), ["CKV_AWS_1"]);
        // One skip a line: the first marker's; the rest of the line is its reason.
        let found = find("# checkov:skip=CKV_AWS_18:a bridgecrew:skip=CKV_AWS_144:b\n");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].checks.len(), 1);
        assert_eq!(found[0].reason, "a bridgecrew:skip=CKV_AWS_144:b");
        // Without `:` right after the list, there is no reason.
        assert_eq!(
            find("# checkov:skip=CKV_AWS_18 : spaced\n")[0].reason,
            "No comment provided"
        );
    }

    #[test]
    fn a_wildcard_is_named_whole_and_ends_the_list() {
        let found = find("# checkov:skip=CKV_AWS_18,CKV_AWS_1*,CKV_AWS_144:why\n");
        let checks = &found[0].checks;
        assert_eq!(checks.len(), 2);
        assert_eq!(checks[0].check_id.as_deref(), Some("CKV_AWS_18"));
        assert!(!checks[0].wildcard);
        assert_eq!(checks[1].written, "CKV_AWS_1*");
        assert_eq!(checks[1].check_id, None);
        assert!(checks[1].wildcard);
        assert_eq!(found[0].reason, "No comment provided");
        let ending = find("# checkov:skip=CKV_AWS_18,CKV_AWS_1*:why\n");
        assert_eq!(ending[0].reason, "No comment provided");
        let star = find("# checkov:skip=*:everything\n");
        assert_eq!(star[0].checks[0].written, "*");
        assert!(star[0].checks[0].wildcard);
        let class = find("# checkov:skip=CKV_AWS_[12]:x\n");
        assert_eq!(class[0].checks[0].written, "CKV_AWS_[12]");
        assert!(reason_for(&class, LineRange::new(1, 1), "CKV_AWS_1").is_none());
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
