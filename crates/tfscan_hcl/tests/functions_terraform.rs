//! Terraform's built-in functions checked against Terraform itself.
//!
//! `tests/functions/expressions.tsv` holds `expression<TAB>expected` lines, where `expected` is
//! what Terraform 1.11's `terraform console` gave for `jsonencode(expression)`, or `ERROR` when
//! Terraform refused the expression. `scripts/record-function-oracle` writes it from
//! `expressions.txt`. Each expression is parsed and evaluated here; our `jsonencode` of the
//! value must be the same text, and a refused expression must give an error.
//!
//! `known-differences.txt` lists the expressions where the scan knowingly answers otherwise
//! (numbers are 64-bit floats here, for one); they must still differ, so the list stays true.
//!
//! When `/usr/local/bin/terraform` exists, the whole list is also run through it again and the
//! fixture must still be what it says.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use tfscan_core::eval::evaluate_standalone;
use tfscan_core::eval::functions::json_encode;

const TERRAFORM: &str = "/usr/local/bin/terraform";
const ERROR: &str = "ERROR";
const ERROR_MARKER: &str = "@@TFSCAN-ERROR@@";

fn folder() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("functions")
}

/// The fixture's `(expression, expected)` pairs.
fn fixture() -> Vec<(String, String)> {
    let text = std::fs::read_to_string(folder().join("expressions.tsv")).expect("read fixture");
    text.lines()
        .map(|line| {
            let (expression, expected) = line
                .split_once('\t')
                .unwrap_or_else(|| panic!("no tab in fixture line {line:?}"));
            (expression.to_owned(), expected.to_owned())
        })
        .collect()
}

/// Expressions from `expressions.txt`, in order, without comments and blank lines.
fn expression_list() -> Vec<String> {
    let text = std::fs::read_to_string(folder().join("expressions.txt")).expect("read list");
    text.lines()
        .filter(|line| !line.trim().is_empty() && !line.starts_with('#'))
        .map(str::to_owned)
        .collect()
}

fn known_differences() -> BTreeSet<String> {
    let text = std::fs::read_to_string(folder().join("known-differences.txt"))
        .expect("read known differences");
    text.lines()
        .filter(|line| !line.trim().is_empty() && !line.starts_with('#'))
        .map(str::to_owned)
        .collect()
}

/// What the scan gives for an expression, in the fixture's terms: JSON text or `ERROR`.
fn ours(expression: &str) -> String {
    let Ok(expr) = tfscan_hcl::parse_expression(expression) else {
        return ERROR.to_owned();
    };
    match evaluate_standalone(&expr) {
        Ok(value) => json_encode(&value).unwrap_or_else(|| "(unknown)".to_owned()),
        Err(_) => ERROR.to_owned(),
    }
}

#[test]
fn functions_give_terraforms_answers() {
    let fixture = fixture();
    assert!(
        fixture.len() >= 300,
        "the oracle should hold at least 300 expressions"
    );
    let known = known_differences();

    let mut agree = 0;
    let mut unexpected = Vec::new();
    let mut still_listed = Vec::new();
    for (expression, expected) in &fixture {
        let got = ours(expression);
        let same = got == *expected;
        if same {
            agree += 1;
        }
        match (same, known.contains(expression)) {
            (false, false) => unexpected.push(format!(
                "{expression}\n    terraform: {expected}\n    tfscan:    {got}"
            )),
            (true, true) => still_listed.push(expression.clone()),
            _ => {}
        }
    }
    println!(
        "{agree} of {} expressions agree with terraform",
        fixture.len()
    );

    let listed_but_absent: Vec<&String> = known
        .iter()
        .filter(|expression| !fixture.iter().any(|(e, _)| e == *expression))
        .collect();
    assert!(
        listed_but_absent.is_empty(),
        "known differences not in the fixture: {listed_but_absent:?}"
    );
    assert!(
        still_listed.is_empty(),
        "these now agree with terraform; remove them from known-differences.txt: {still_listed:#?}"
    );
    assert!(
        unexpected.is_empty(),
        "{} disagreements:\n{}",
        unexpected.len(),
        unexpected.join("\n")
    );
}

#[test]
fn fixture_matches_the_expression_list() {
    let listed = expression_list();
    let recorded: Vec<String> = fixture()
        .into_iter()
        .map(|(expression, _)| expression)
        .collect();
    assert_eq!(
        listed, recorded,
        "expressions.txt changed: run scripts/record-function-oracle"
    );
}

#[test]
fn fixture_is_what_terraform_says() {
    if !Path::new(TERRAFORM).exists() {
        println!("skipped: {TERRAFORM} is not installed, so the fixture is not re-checked");
        return;
    }
    let fixture = fixture();
    let expressions: Vec<&str> = fixture
        .iter()
        .map(|(expression, _)| expression.as_str())
        .collect();
    let answers = match run_console(&expressions) {
        Some(answers) => answers,
        // A batch that terraform refuses as a whole (an expression it cannot parse): one by one.
        None => expressions
            .iter()
            .map(|expression| {
                run_console(&[expression])
                    .and_then(|mut one| one.pop())
                    .unwrap_or_else(|| ERROR.to_owned())
            })
            .collect(),
    };
    let mut differences = Vec::new();
    for ((expression, recorded), answer) in fixture.iter().zip(&answers) {
        if recorded != answer {
            differences.push(format!(
                "{expression}\n    fixture:   {recorded}\n    terraform: {answer}"
            ));
        }
    }
    assert_eq!(answers.len(), fixture.len());
    assert!(
        differences.is_empty(),
        "terraform no longer agrees with the fixture (re-record it?):\n{}",
        differences.join("\n")
    );
}

/// Evaluates all expressions in one `terraform console` run (it prints only the last value of
/// piped input and stops at the first error, so they go in as one list of
/// `try(jsonencode(e), marker)`). `None` when terraform refused the whole batch.
fn run_console(expressions: &[&str]) -> Option<Vec<String>> {
    let items: Vec<String> = expressions
        .iter()
        .map(|expression| format!("try(jsonencode({expression}), \"{ERROR_MARKER}\")"))
        .collect();
    let input = format!("jsonencode([{}])\n", items.join(", "));
    let empty = std::env::temp_dir().join(format!("tfscan-function-oracle-{}", std::process::id()));
    std::fs::create_dir_all(&empty).expect("create an empty folder");

    let mut child = Command::new(TERRAFORM)
        .args(["console", "-no-color"])
        .current_dir(&empty)
        .env("TF_CLI_CONFIG_FILE", "/dev/null")
        .env("CHECKPOINT_DISABLE", "1")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("start terraform console");
    {
        use std::io::Write;
        let mut stdin = child.stdin.take().expect("console stdin");
        stdin
            .write_all(input.as_bytes())
            .expect("write to terraform console");
    }
    let output = child.wait_with_output().expect("run terraform console");
    let _ = std::fs::remove_dir_all(&empty);
    if !output.status.success() {
        return None;
    }

    let printed = String::from_utf8(output.stdout).expect("console prints UTF-8");
    let list = unquote_console_string(printed.trim()).expect("console printed a quoted string");
    let values: Vec<String> = serde_json::from_str(&list).expect("a JSON list of strings");
    Some(
        values
            .into_iter()
            .map(|value| {
                if value == ERROR_MARKER {
                    ERROR.to_owned()
                } else {
                    value
                }
            })
            .collect(),
    )
}

/// Decodes the HCL quoted string that `terraform console` prints for a string value.
fn unquote_console_string(text: &str) -> Option<String> {
    let body = text.strip_prefix('"')?.strip_suffix('"')?;
    let mut out = String::with_capacity(body.len());
    let mut chars = body.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next()? {
                'n' => out.push('\n'),
                'r' => out.push('\r'),
                't' => out.push('\t'),
                '"' => out.push('"'),
                '\\' => out.push('\\'),
                'u' => out.push(hex_char(&mut chars, 4)?),
                'U' => out.push(hex_char(&mut chars, 8)?),
                _ => return None,
            },
            '$' | '%' if chars.peek() == Some(&c) => {
                // `$${` and `%%{` are escapes for `${` and `%{`.
                let mut lookahead = chars.clone();
                lookahead.next();
                if lookahead.peek() == Some(&'{') {
                    chars.next();
                }
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    Some(out)
}

fn hex_char(chars: &mut impl Iterator<Item = char>, digits: usize) -> Option<char> {
    let hex: String = chars.take(digits).collect();
    char::from_u32(u32::from_str_radix(&hex, 16).ok()?)
}
