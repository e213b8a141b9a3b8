//! The public corpus (../shared/corpus): every file must parse, and every block Checkov reported
//! (../shared/corpus-expected) must be found in its file at exactly Checkov's line range.
//!
//! The shared folder is `../shared` next to the repository root; a worktree elsewhere can
//! point at it with the environment variable `TFSCAN_SHARED`.

use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};

use serde_json::Value;
use tfscan_core::syntax::{Block, Expr, SourceFile};

fn shared() -> PathBuf {
    std::env::var_os("TFSCAN_SHARED").map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared"),
        PathBuf::from,
    )
}

/// Every file under `folder` whose name ends with one of `suffixes`, sorted.
fn files_under(folder: &Path, suffixes: &[&str]) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut folders = vec![folder.to_path_buf()];
    while let Some(folder) = folders.pop() {
        let Ok(entries) = std::fs::read_dir(&folder) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                folders.push(path);
            } else if suffixes
                .iter()
                .any(|suffix| path.to_string_lossy().ends_with(suffix))
            {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

/// `a/b/../c` as `a/c`, without touching the disk.
fn normalise(path: &Path) -> PathBuf {
    let mut parts: Vec<Component<'_>> = Vec::new();
    for component in path.components() {
        match component {
            Component::ParentDir if matches!(parts.last(), Some(Component::Normal(_))) => {
                parts.pop();
            }
            Component::CurDir => {}
            other => parts.push(other),
        }
    }
    parts.iter().collect()
}

/// Splits a Checkov resource id at the dots that are not inside `[...]`, dropping the
/// `[index]` suffixes and the `module.<call>.` prefixes: `module.a.aws_s3_bucket.x[0]` gives
/// `["aws_s3_bucket", "x"]`, a module check's `vpc` gives `["vpc"]`.
fn block_identity(resource: &str) -> Vec<String> {
    let mut segments = Vec::new();
    let mut current = String::new();
    let mut brackets = 0usize;
    let mut in_quotes = false;
    for c in resource.chars() {
        match c {
            '"' if brackets > 0 => in_quotes = !in_quotes,
            '[' if !in_quotes => brackets += 1,
            ']' if !in_quotes => brackets = brackets.saturating_sub(1),
            '.' if brackets == 0 => {
                segments.push(std::mem::take(&mut current));
                continue;
            }
            _ => {}
        }
        if brackets == 0 && c != ']' {
            current.push(c);
        }
    }
    segments.push(current);
    while segments.len() >= 3 && segments[0] == "module" {
        segments.drain(..2);
    }
    segments
}

/// Whether `block` is the block Checkov named with `identity`.
fn is_block(block: &Block, identity: &[String]) -> bool {
    match identity {
        [name] => block.kind == "module" && block.labels == [name.as_str()],
        [first, second] => {
            let labels_match = block.labels == [first.as_str(), second.as_str()];
            match block.kind.as_str() {
                "resource" | "data" => labels_match,
                "provider" if block.labels == [first.as_str()] => {
                    match block.body.attribute("alias").map(|alias| &alias.expr) {
                        None => second == "default",
                        Some(Expr::String(alias)) => alias == second,
                        Some(_) => false,
                    }
                }
                _ => false,
            }
        }
        _ => false,
    }
}

#[test]
fn every_corpus_file_parses_and_every_reported_block_has_checkovs_lines() {
    let shared = shared();
    let corpus = shared.join("corpus");
    let expected_root = shared.join("corpus-expected");
    if !corpus.is_dir() || !expected_root.is_dir() {
        println!(
            "SKIPPED: {} or {} is absent (set TFSCAN_SHARED to the shared folder)",
            corpus.display(),
            expected_root.display()
        );
        return;
    }

    let mut parsed: BTreeMap<PathBuf, SourceFile> = BTreeMap::new();
    let mut failures = Vec::new();
    let tf_files = files_under(&corpus, &[".tf", ".tfvars", ".tf.json", ".tfvars.json"]);
    for path in &tf_files {
        let bytes = std::fs::read(path).expect("a corpus file can be read");
        let name = path
            .strip_prefix(&corpus)
            .unwrap_or(path)
            .to_string_lossy()
            .into_owned();
        match tfscan_hcl::parse_file(&name, &bytes) {
            Ok(file) => {
                parsed.insert(normalise(path), file);
            }
            Err(error) => failures.push(error.to_string()),
        }
    }
    let tf_count = tf_files
        .iter()
        .filter(|path| path.to_string_lossy().ends_with(".tf"))
        .count();
    println!(
        "parsed {} of {} files ({tf_count} .tf files)",
        parsed.len(),
        tf_files.len()
    );
    assert!(
        failures.is_empty(),
        "files that do not parse:\n{}",
        failures.join("\n")
    );
    assert!(
        tf_count >= 889,
        "the corpus has 889 .tf files; found {tf_count}"
    );

    let mut rows = 0usize;
    let mut agree = 0usize;
    let mut problems = Vec::new();
    for report_path in files_under(&expected_root, &[".json"]) {
        let report: Value =
            serde_json::from_slice(&std::fs::read(&report_path).expect("a report can be read"))
                .expect("a report is JSON");
        let repository = report_path
            .parent()
            .and_then(Path::file_name)
            .expect("a repo folder");
        let stem = report_path
            .file_stem()
            .expect("a report name")
            .to_string_lossy();
        let mut root = corpus.join(repository);
        if stem != "_root_" {
            root = root.join(stem.replace("__", "/"));
        }

        let Some(results) = report.get("results") else {
            continue;
        };
        for list in ["passed_checks", "failed_checks", "skipped_checks"] {
            for row in results
                .get(list)
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                rows += 1;
                let file_path = row["file_path"].as_str().unwrap_or_default();
                let resource = row["resource"].as_str().unwrap_or_default();
                let range = (
                    row["file_line_range"][0].as_u64().unwrap_or(0) as u32,
                    row["file_line_range"][1].as_u64().unwrap_or(0) as u32,
                );
                let file = normalise(&root.join(file_path.trim_start_matches('/')));
                let identity = block_identity(resource);

                let Some(source) = parsed.get(&file) else {
                    problems.push(format!(
                        "{resource}: file {} was not parsed",
                        file.display()
                    ));
                    continue;
                };
                let candidates: Vec<_> = source
                    .body
                    .blocks
                    .iter()
                    .filter(|block| is_block(block, &identity))
                    .collect();
                if candidates
                    .iter()
                    .any(|block| (block.lines.first, block.lines.last) == range)
                {
                    agree += 1;
                } else {
                    let found: Vec<_> = candidates
                        .iter()
                        .map(|block| format!("{}-{}", block.lines.first, block.lines.last))
                        .collect();
                    problems.push(format!(
                        "{resource} in {}: Checkov {}-{}, tfscan {found:?}",
                        file.display(),
                        range.0,
                        range.1
                    ));
                }
            }
        }
    }

    let percent = 100.0 * agree as f64 / rows.max(1) as f64;
    println!("line ranges agree with Checkov on {agree} of {rows} rows ({percent:.2}%)");
    problems.sort();
    problems.dedup();
    for problem in problems.iter().take(40) {
        println!("  {problem}");
    }
    assert!(
        rows > 10_000,
        "Checkov's reports hold 10,782 rows; read {rows}"
    );
    assert!(
        percent >= 99.5,
        "line ranges agree on {percent:.2}% of rows; at least 99.5% needed"
    );
}

#[test]
fn resource_ids_name_their_block() {
    assert_eq!(block_identity("aws_s3_bucket.x"), ["aws_s3_bucket", "x"]);
    assert_eq!(
        block_identity("module.a.module.b.aws_s3_bucket.x[0]"),
        ["aws_s3_bucket", "x"]
    );
    assert_eq!(
        block_identity("module.a[\"k.v\"].aws_s3_bucket.x[\"a.b\"]"),
        ["aws_s3_bucket", "x"]
    );
    assert_eq!(block_identity("vpc"), ["vpc"]);
    assert_eq!(block_identity("aws.default"), ["aws", "default"]);
}

/// Corpus files with one mistake put in — a string's closing quote taken out, or a line that
/// holds only a `}` taken out — must be reported where the mistake is: the string where it
/// opens, the block or object whose `}` is missing at its first line. Up to three of each per
/// file; the shares found in the right place are printed.
#[test]
fn a_quote_or_a_brace_taken_out_of_a_corpus_file_is_reported_where_it_is_missing() {
    let corpus = shared().join("corpus");
    if !corpus.is_dir() {
        println!(
            "SKIPPED: {} is absent (set TFSCAN_SHARED to the shared folder)",
            corpus.display()
        );
        return;
    }
    let (mut strings, mut strings_found, mut braces, mut braces_found) = (0, 0, 0, 0);
    let mut misplaced = Vec::new();
    for path in files_under(&corpus, &[".tf"]) {
        let text = std::fs::read_to_string(&path).expect("a corpus file is UTF-8");
        let lines: Vec<&str> = text.split_inclusive('\n').collect();
        let starts: Vec<usize> = lines
            .iter()
            .scan(0, |offset, line| {
                let start = *offset;
                *offset += line.len();
                Some(start)
            })
            .collect();
        let name = path.display();

        // `name = "text"` on a line of its own: the closing quote taken out.
        for (index, line) in lines
            .iter()
            .enumerate()
            .filter(|(_, line)| is_plain_string(line))
            .take(3)
        {
            let close = line.rfind('"').expect("a string line has quotes");
            let open = line[..close]
                .rfind('"')
                .expect("a string line has two quotes");
            let mut damaged = text.clone();
            damaged.remove(starts[index] + close);
            let Err(error) = tfscan_hcl::parse_file("x.tf", damaged.as_bytes()) else {
                continue; // the line was in a heredoc: still a file
            };
            strings += 1;
            let at = (index as u32 + 1, open as u32 + 1);
            if (error.line, error.column) == at && error.message.starts_with("unterminated string")
            {
                strings_found += 1;
            } else {
                misplaced.push(format!(
                    "{name}: quote of {}:{} taken out: {error}",
                    at.0, at.1
                ));
            }
        }

        // A line holding only `}`: taken out. In these formatted files, it closes the nearest
        // line above at the same indentation that ends with `{` (heredoc text aside).
        let in_heredoc = heredoc_lines(&lines);
        let closers = lines
            .iter()
            .enumerate()
            .filter(|&(index, line)| line.trim() == "}" && !in_heredoc[index])
            .take(3);
        for (index, line) in closers {
            let indent = line.len() - line.trim_start().len();
            let Some(opener) = (0..index).rev().find(|&above| {
                let text = lines[above];
                !in_heredoc[above]
                    && text.len() - text.trim_start().len() == indent
                    && text.trim_end().ends_with('{')
            }) else {
                continue;
            };
            let mut damaged = text.clone();
            damaged.replace_range(starts[index]..starts[index] + line.len(), "");
            let Err(error) = tfscan_hcl::parse_file("x.tf", damaged.as_bytes()) else {
                continue;
            };
            braces += 1;
            if error.line == opener as u32 + 1 && error.message.contains("not closed") {
                braces_found += 1;
            } else {
                misplaced.push(format!(
                    "{name}: the '}}' of line {} taken out (opened on line {}): {error}",
                    index + 1,
                    opener + 1
                ));
            }
        }
    }
    println!(
        "unterminated strings reported where they open: {strings_found} of {strings}; \
         missing '}}' reported at their block's first line: {braces_found} of {braces}"
    );
    for line in misplaced.iter().take(20) {
        println!("  {line}");
    }
    assert!(
        strings > 1000 && braces > 1000,
        "{strings} strings, {braces} braces"
    );
    assert_eq!(
        strings_found, strings,
        "every unterminated string is found where it opens"
    );
    assert!(
        braces_found * 100 >= braces * 99,
        "a missing '}}' is reported at its block's first line in 99% of the cases at least"
    );
}

/// `name = "text"` alone on its line, the text holding no quote, backslash or template.
fn is_plain_string(line: &str) -> bool {
    let Some((name, value)) = line.split_once('=') else {
        return false;
    };
    let name = name.trim();
    let value = value.trim();
    !name.is_empty()
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        && value.len() >= 2
        && value.starts_with('"')
        && value.ends_with('"')
        && !value[1..value.len() - 1].contains(['"', '\\', '$', '%'])
}

/// For each line, whether it is heredoc text (between `<<NAME` and the line holding `NAME`).
fn heredoc_lines(lines: &[&str]) -> Vec<bool> {
    let mut inside = Vec::with_capacity(lines.len());
    let mut delimiter: Option<String> = None;
    for line in lines {
        match &delimiter {
            Some(name) => {
                inside.push(true);
                if line.trim() == name {
                    delimiter = None;
                }
            }
            None => {
                inside.push(false);
                let opening = line.trim_end().rsplit_once("<<").map(|(_, name)| name);
                delimiter = opening
                    .map(|name| name.trim_start_matches('-'))
                    .filter(|name| {
                        !name.is_empty()
                            && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
                    })
                    .map(String::from);
            }
        }
    }
    inside
}
