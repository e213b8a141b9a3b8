//! Inline suppressions: a `checkov:skip=ID[,ID...][:reason]` comment (or `bridgecrew:skip=`)
//! on a line inside a block turns those checks to SKIPPED for that block, as Checkov does.

use alloc::string::{String, ToString};
use alloc::vec::Vec;

use crate::syntax::LineRange;

/// One suppression comment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suppression {
    pub line: u32,
    pub check_ids: Vec<String>,
    pub reason: String,
}

const MARKERS: &[&str] = &["checkov:skip=", "bridgecrew:skip="];

/// Every suppression comment in a file's text, in line order.
pub fn find(text: &str) -> Vec<Suppression> {
    let mut found = Vec::new();
    for (index, line) in text.lines().enumerate() {
        for marker in MARKERS {
            let Some(start) = line.find(marker) else {
                continue;
            };
            if !is_comment_before(line, start) {
                continue;
            }
            let rest = &line[start + marker.len()..];
            let rest = rest.trim_start();
            let ids_end = rest
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == ',' || c == '*'))
                .unwrap_or(rest.len());
            let check_ids: Vec<String> = rest[..ids_end]
                .split(',')
                .filter(|id| !id.is_empty())
                .map(ToString::to_string)
                .collect();
            let reason = rest[ids_end..]
                .strip_prefix(':')
                .map(|reason| reason.trim().trim_end_matches("*/").trim().to_string())
                .unwrap_or_default();
            if !check_ids.is_empty() {
                found.push(Suppression {
                    line: index as u32 + 1,
                    check_ids,
                    reason,
                });
            }
        }
    }
    found
}

/// True when the marker at `position` sits in a `#`, `//` or `/*` comment on its line.
fn is_comment_before(line: &str, position: usize) -> bool {
    let before = &line[..position];
    before.contains('#') || before.contains("//") || before.contains("/*")
}

/// The reason given for skipping `check_id` within `lines`, if a suppression there names it.
pub fn reason_for<'a>(
    suppressions: &'a [Suppression],
    lines: LineRange,
    check_id: &str,
) -> Option<&'a str> {
    suppressions
        .iter()
        .filter(|suppression| (lines.first..=lines.last).contains(&suppression.line))
        .find(|suppression| suppression.check_ids.iter().any(|id| id == check_id))
        .map(|suppression| suppression.reason.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_ids_and_reason_in_every_comment_style() {
        let text = "resource \"a\" \"b\" {\n  #checkov:skip=CKV_AWS_20,CKV_AWS_21:public website\n  // checkov:skip=CKV_AWS_18\n  /* bridgecrew:skip=CKV_AWS_19:why not */\n}\n";
        let found = find(text);
        assert_eq!(found.len(), 3);
        assert_eq!(found[0].check_ids, ["CKV_AWS_20", "CKV_AWS_21"]);
        assert_eq!(found[0].reason, "public website");
        assert_eq!(found[1].line, 3);
        assert_eq!(found[1].reason, "");
        assert_eq!(found[2].reason, "why not");
        assert_eq!(
            reason_for(&found, LineRange::new(1, 5), "CKV_AWS_21"),
            Some("public website")
        );
        assert_eq!(reason_for(&found, LineRange::new(4, 5), "CKV_AWS_21"), None);
    }

    #[test]
    fn ignores_the_marker_outside_comments() {
        assert!(find("  description = \"checkov:skip=CKV_AWS_1\"\n").is_empty());
    }
}
