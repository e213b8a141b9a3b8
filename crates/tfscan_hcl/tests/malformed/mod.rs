//! Hostile and broken input, each with what the scan must say about it: the parsing error
//! (file, line, column, message) or the result. Shared by the native tests
//! (`tests/hostile.rs`) and the WebAssembly tests in Node (`tfscan_wasm/tests/node.rs`), where
//! the stack is smaller: no input may panic or overflow it, and a file that fails leaves the
//! others scanned.
#![allow(dead_code)] // Each test binary uses the parts it needs.
#![allow(clippy::missing_panics_doc)] // Test helpers: a panic is a failed test.

use std::fmt::Write;

use tfscan_core::{Limits, Report, ScanOptions};
use tfscan_hcl::InputFile;

/// A KMS key without rotation: CKV_AWS_7 fails on it. Every case scans one beside the broken
/// file, to show that the broken file leaves it intact.
pub const KEY: &str = "resource \"aws_kms_key\" \"k\" {\n  description = \"x\"\n}\n";

/// One malformed input and what the scan must report.
pub struct Case {
    pub name: &'static str,
    pub files: Vec<(&'static str, Vec<u8>)>,
    /// `(file, line, column, start of the message)` of each parsing error, in order.
    pub errors: Vec<(&'static str, u32, u32, &'static str)>,
    /// `(resource, file, first line, CKV_AWS_7's outcome)` that must be among the findings.
    pub findings: Vec<(&'static str, &'static str, u32, &'static str)>,
    /// `(file, line, start of the message)` of each limit reached.
    pub limits: Vec<(&'static str, u32, &'static str)>,
    pub options: ScanOptions,
}

fn case(name: &'static str, files: Vec<(&'static str, Vec<u8>)>) -> Case {
    Case {
        name,
        files,
        errors: Vec::new(),
        findings: Vec::new(),
        limits: Vec::new(),
        options: ScanOptions::default(),
    }
}

impl Case {
    fn error(mut self, file: &'static str, line: u32, column: u32, message: &'static str) -> Self {
        self.errors.push((file, line, column, message));
        self
    }

    fn finding(
        mut self,
        resource: &'static str,
        file: &'static str,
        line: u32,
        outcome: &'static str,
    ) -> Self {
        self.findings.push((resource, file, line, outcome));
        self
    }

    fn limit(mut self, file: &'static str, line: u32, message: &'static str) -> Self {
        self.limits.push((file, line, message));
        self
    }

    fn limits(mut self, limits: Limits) -> Self {
        self.options.limits = limits;
        self
    }

    /// The intact KMS key in `key.tf` beside the case's files, and its finding.
    fn with_key(mut self) -> Self {
        self.files.push(("key.tf", KEY.as_bytes().to_vec()));
        self.finding("aws_kms_key.k", "key.tf", 1, "FAILED")
    }
}

fn bytes(text: &str) -> Vec<u8> {
    text.as_bytes().to_vec()
}

/// Every case.
pub fn cases() -> Vec<Case> {
    let five_mb_line = format!("locals {{\n  a = \"{}\"\n}}\n{KEY}", "x".repeat(5 << 20));
    let mut doubling = String::new();
    for n in 1..=24 {
        let previous = n - 1;
        let _ = writeln!(
            doubling,
            "  s{n} = \"${{local.s{previous}}}${{local.s{previous}}}\""
        );
    }
    let mut deep_locals = String::new();
    for n in 0..8 {
        let (open, close, next) = ("[".repeat(60), "]".repeat(60), n + 1);
        let _ = writeln!(deep_locals, "  l{n} = {open}local.l{next}{close}");
    }
    vec![
        case("truncated file", vec![("main.tf", bytes("resource \"aws_kms_key\" \"t\" {\n  description = \"x\"\n"))])
            .error("main.tf", 1, 1, "this block is not closed: expected '}' to match its '{' before the end of the file (line 2)")
            .with_key(),
        case("truncated in a string", vec![("main.tf", bytes("resource \"aws_kms_key\" \"t\" {\n  description = \"x"))])
            .error("main.tf", 2, 17, "unterminated string: this '\"' is not closed by another before the end of the file")
            .with_key(),
        case("unclosed heredoc", vec![("main.tf", bytes("locals {\n  a = <<EOT\nhello\n}\n"))])
            .error("main.tf", 2, 7, "the heredoc is not closed: expected its delimiter EOT on a line of its own")
            .with_key(),
        case("unclosed string", vec![("main.tf", bytes("resource \"aws_s3_bucket\" \"q\" {\n  bucket = \"unterminated\n}\n"))])
            .error("main.tf", 2, 12, "unterminated string: this '\"' is not closed by another before the end of the line")
            .with_key(),
        case("unclosed interpolation", vec![("main.tf", bytes("locals {\n  a = \"${var.x\"\n}\n"))])
            .error("main.tf", 2, 8, "this '${' is not closed: expected '}' before the '\"' that ends the string")
            .with_key(),
        case("unclosed comment", vec![("main.tf", bytes("locals {\n  a = 1 /* no end\n}\n"))])
            .error("main.tf", 2, 9, "unterminated comment: this '/*' is not closed by '*/'")
            .with_key(),
        // The block of line 5 has no '}': counting braces, the '}' of line 10 closes the block
        // of line 8, and the one of line 5 is left open at the end of the file.
        case("a block left open before another", vec![("main.tf", bytes("resource \"aws_kms_key\" \"a\" {\n  description = \"x\"\n}\n\nresource \"aws_kms_key\" \"b\" {\n  description = \"y\"\n\nresource \"aws_kms_key\" \"c\" {\n  description = \"z\"\n}\n"))])
            .error("main.tf", 5, 1, "this block is not closed: expected '}' to match its '{' before the end of the file (line 10)")
            .with_key(),
        // A nested block without its '}': the '}' that closes it is indented as the resource.
        case("a nested block left open", vec![("main.tf", bytes("resource \"aws_s3_bucket\" \"a\" {\n  versioning {\n    enabled = true\n\n}\n\nresource \"aws_s3_bucket\" \"b\" {\n}\n"))])
            .error("main.tf", 2, 3, "this block is probably not closed: the '}' on line 5 pairs with its '{' but is indented as an outer block's, and 1 '{' is still open at the end of the file (line 8)")
            .with_key(),
        case("a parenthesis closed by a brace", vec![("main.tf", bytes("locals {\n  a = max(1, 2\n}\n"))])
            .error("main.tf", 2, 10, "this '(' is not closed: expected ')' before the '}' on line 3")
            .with_key(),
        case("invalid UTF-8", vec![("main.tf", b"locals {\n  a = \"\xff\"\n}\n".to_vec())])
            .error("main.tf", 2, 8, "file is not UTF-8 text (save it as UTF-8)")
            .with_key(),
        case("NUL bytes", vec![("main.tf", b"locals {\n  a = 1\n}\n\0\0".to_vec())])
            .error("main.tf", 4, 1, "binary file, not Terraform (it holds a NUL byte)")
            .with_key(),
        case("byte order mark", vec![("main.tf", b"\xEF\xBB\xBFresource \"aws_kms_key\" \"b\" {\n}\n".to_vec())])
            .finding("aws_kms_key.b", "main.tf", 1, "FAILED"),
        case("CRLF line endings", vec![("main.tf", bytes("locals {\r\n  on = true\r\n}\r\n\r\nresource \"aws_kms_key\" \"c\" {\r\n  enable_key_rotation = local.on\r\n}\r\n"))])
            .finding("aws_kms_key.c", "main.tf", 5, "PASSED"),
        // HCL's newlines are LF and CRLF: a lone CR is not one (Terraform refuses it too).
        case("lone CR line endings", vec![("main.tf", bytes("resource \"aws_kms_key\" \"r\" {\r  description = \"x\"\r}\r"))])
            .error("main.tf", 1, 29, "expected a newline after '{' or '}' to close the block")
            .with_key(),
        case("one 5 MB line", vec![("main.tf", five_mb_line.into_bytes())])
            .finding("aws_kms_key.k", "main.tf", 4, "FAILED"),
        // Terraform refuses a repeated resource address; a scanner reports both blocks.
        case("duplicate blocks", vec![("main.tf", bytes("resource \"aws_kms_key\" \"d\" {\n}\nresource \"aws_kms_key\" \"d\" {\n  enable_key_rotation = true\n}\n"))])
            .finding("aws_kms_key.d", "main.tf", 1, "FAILED")
            .finding("aws_kms_key.d", "main.tf", 3, "PASSED"),
        case("a .tf.json that is an array", vec![("main.tf.json", bytes("[1, 2]\n"))])
            .error("main.tf.json", 1, 1, "expected a JSON object at the top of the file")
            .with_key(),
        case("a .tf.json that is a string", vec![("main.tf.json", bytes("\n  \"resource\""))])
            .error("main.tf.json", 2, 3, "expected a JSON object at the top of the file")
            .with_key(),
        // A value that does not fit the variable's type is left as written (Terraform would
        // refuse it): `[1]` is not `true`, so rotation is not on.
        case("a tfvars with the wrong type", vec![
            ("main.tf", bytes("variable \"rotate\" {\n  type = bool\n}\nresource \"aws_kms_key\" \"v\" {\n  enable_key_rotation = var.rotate\n}\n")),
            ("terraform.tfvars", bytes("rotate = [1]\n")),
        ])
            .finding("aws_kms_key.v", "main.tf", 4, "FAILED"),
        case("a tfvars holding a block", vec![
            ("main.tf", bytes(KEY)),
            ("terraform.tfvars", bytes("rotate = true\nresource \"x\" \"y\" {\n}\n")),
        ])
            .error("terraform.tfvars", 2, 1, "a variable values file holds only `name = value` lines")
            .finding("aws_kms_key.k", "main.tf", 1, "FAILED"),
        case("a module calling itself", vec![("main.tf", bytes("module \"me\" {\n  source = \"./\"\n}\n"))])
            .error("main.tf", 1, 1, "module cycle: . -> .")
            .with_key(),
        case("two modules calling each other", vec![
            ("main.tf", bytes("module \"a\" {\n  source = \"./a\"\n}\n")),
            ("a/main.tf", bytes("module \"b\" {\n  source = \"../b\"\n}\n")),
            ("b/main.tf", bytes(&format!("module \"a\" {{\n  source = \"../a\"\n}}\n{KEY}"))),
        ])
            .error("b/main.tf", 1, 1, "module cycle: a -> b -> a")
            .finding("module.a.module.b.aws_kms_key.k", "b/main.tf", 4, "FAILED"),
        // Terraform refuses locals in a cycle; each value of the cycle is unknown, even the
        // element of `a` that does not depend on `b`.
        case("local values in a cycle", vec![("main.tf", bytes("locals {\n  a = [local.b, true]\n  b = local.a\n}\n\nresource \"aws_kms_key\" \"c\" {\n  enable_key_rotation = local.a[1]\n}\n"))])
            .error("main.tf", 2, 3, "local values in a cycle: local.a -> local.b (line 3) -> local.a; Terraform refuses a cycle, and these values are read as unknown")
            .finding("aws_kms_key.c", "main.tf", 6, "UNKNOWN")
            .with_key(),
        case("a local that reads itself, in a module", vec![
            ("main.tf", bytes("module \"m\" {\n  source = \"./m\"\n}\n")),
            ("m/main.tf", bytes("locals {\n  on = local.on\n}\n")),
            ("m/key.tf", bytes("resource \"aws_kms_key\" \"m\" {\n  enable_key_rotation = local.on\n}\n")),
        ])
            .error("m/main.tf", 2, 3, "local values in a cycle: local.on -> local.on;")
            .finding("module.m.aws_kms_key.m", "m/key.tf", 1, "UNKNOWN")
            .with_key(),
        case("100,000 opening brackets", vec![("main.tf", bytes(&format!("a = {}", "[".repeat(100_000))))])
            .error("main.tf", 1, 133, "brackets are nested more than 128 levels deep here")
            .with_key(),
        case("100,000 nested blocks", vec![("main.tf", bytes(&"a {\n".repeat(100_000)))])
            .error("main.tf", 129, 3, "brackets are nested more than 128 levels deep here")
            .with_key(),
        case("100,000 interpolations", vec![("main.tf", bytes(&format!("a = {}", "\"${".repeat(100_000))))])
            .error("main.tf", 1, 5 + 3 * 128 + 1, "brackets are nested more than 128 levels deep here")
            .with_key(),
        case("100,000 JSON arrays", vec![("main.tf.json", bytes(&"[".repeat(100_000)))])
            .error("main.tf.json", 1, 129, "arrays and objects are nested more than 128 levels deep here")
            .with_key(),
        case("a count of 10^15", vec![("main.tf", bytes("resource \"aws_kms_key\" \"n\" {\n  count = 1e15\n}\n"))])
            .limit("main.tf", 2, "count, for_each or a for expression would make more than 10000 items")
            .finding("aws_kms_key.n", "main.tf", 1, "FAILED")
            .with_key(),
        case("a for_each over range() of ranges", vec![("main.tf", bytes("resource \"aws_kms_key\" \"f\" {\n  description = \"x\"\n  for_each = toset(flatten([for i in range(1000) : [for j in range(1000) : \"${i}-${j}\"]]))\n}\n"))])
            .limit("main.tf", 3, "count, for_each or a for expression would make more than 10000 items")
            .with_key(),
        case("a string doubled 24 times", vec![("main.tf", bytes(&format!("locals {{\n  s0 = \"xxxxxxxxxxxxxxxx\"\n{doubling}}}\nresource \"aws_kms_key\" \"s\" {{\n  description = local.s24\n}}\n")))])
            .limit("main.tf", 28, "a string built here would be longer than 1048576 bytes")
            .finding("aws_kms_key.s", "main.tf", 28, "FAILED")
            .with_key(),
        case("replace() with an empty search", vec![("main.tf", bytes("resource \"aws_kms_key\" \"e\" {\n  description = replace(replace(replace(\"abcdefghijklmnopqrstuvwxyz\", \"\", \"abcdefghijklmnopqrstuvwxyz\"), \"\", \"abcdefghijklmnopqrstuvwxyz\"), \"\", \"abcdefghijklmnopqrstuvwxyz\")\n}\n"))])
            .finding("aws_kms_key.e", "main.tf", 1, "FAILED")
            .with_key(),
        case("a catastrophic regular expression", vec![("main.tf", bytes(&format!("resource \"aws_kms_key\" \"x\" {{\n  enable_key_rotation = can(regex(\"^(a+)+$\", \"{}b\"))\n}}\n", "a".repeat(100_000))))])
            .finding("aws_kms_key.x", "main.tf", 1, "FAILED")
            .with_key(),
        case("locals nested 8 x 60 deep", vec![("main.tf", bytes(&format!("locals {{\n{deep_locals}  l8 = true\n}}\nresource \"aws_kms_key\" \"l\" {{\n  description = local.l0\n}}\n")))])
            .limit("main.tf", 12, "evaluation nested more than 128 levels deep")
            .with_key(),
        case("a file over the size limit", vec![("big.tf", bytes(&format!("{KEY}# {}\n", "x".repeat(2000))))])
            .limits(Limits { max_file_bytes: 1000, ..Limits::default() })
            .error("big.tf", 1, 1, "the file is 2054 bytes, more than the limit of 1000 (--limit max-file-bytes)")
            .with_key(),
        case("evaluation steps run out", vec![("main.tf", bytes("locals {\n  a = [for i in range(1000) : [for j in range(1000) : j]]\n}\nresource \"aws_kms_key\" \"z\" {\n  enable_key_rotation = length(local.a) > 0\n}\n"))])
            .limits(Limits { max_evaluation_steps: 100_000, ..Limits::default() })
            .limit("main.tf", 4, "the scan reached its 100000 evaluation steps")
            .finding("aws_kms_key.z", "main.tf", 4, "UNKNOWN")
            .with_key(),
        // 100 x 100 x 100 x 100 instances asked for: the steps each instance costs stop it.
        // The limit is named at the line of the module call's count, and of the resource's.
        case("a module call's count over the limit", vec![
            ("main.tf", bytes("module \"m\" {\n  source = \"./m\"\n  count  = 20000\n}\n")),
            ("m/main.tf", bytes("resource \"aws_kms_key\" \"m\" {\n  description = \"x\"\n\n  count = 10001\n}\n")),
        ])
            .limit("main.tf", 3, "count, for_each or a for expression would make more than 10000 items")
            .limit("m/main.tf", 4, "count, for_each or a for expression would make more than 10000 items")
            .with_key(),
        case("modules multiplying instances", vec![
            ("main.tf", bytes("module \"a\" {\n  count  = 100\n  source = \"./a\"\n}\n")),
            ("a/main.tf", bytes("module \"b\" {\n  count  = 100\n  source = \"../b\"\n}\n")),
            ("b/main.tf", bytes("module \"c\" {\n  count  = 100\n  source = \"../c\"\n}\n")),
            ("c/main.tf", bytes("resource \"aws_kms_key\" \"many\" {\n  count = 100\n}\n")),
        ])
            .limits(Limits { max_evaluation_steps: 1_000_000, ..Limits::default() })
            .limit("c/main.tf", 1, "the scan reached its 1000000 evaluation steps")
            .with_key(),
    ]
}

/// Scans the case's files.
pub fn scan(case: &Case) -> Report {
    let inputs: Vec<InputFile<'_>> = case
        .files
        .iter()
        .map(|(path, bytes)| InputFile { path, bytes })
        .collect();
    tfscan_hcl::scan(&inputs, &case.options)
}

/// Scans the case and checks what the report says; the error names the case and the problem.
pub fn check(case: &Case) -> Result<(), String> {
    let report = scan(case);
    let name = case.name;
    let errors: Vec<String> = report
        .parsing_errors
        .iter()
        .map(ToString::to_string)
        .collect();
    if report.parsing_errors.len() != case.errors.len() {
        return Err(format!(
            "{name}: expected {} parsing errors, got {errors:?}",
            case.errors.len()
        ));
    }
    for (error, (file, line, column, message)) in report.parsing_errors.iter().zip(&case.errors) {
        let place = (error.path.as_str(), error.line, error.column);
        if place != (*file, *line, *column) || !error.message.starts_with(message) {
            return Err(format!(
                "{name}: expected {file}:{line}:{column}: {message}..., got {error}"
            ));
        }
    }
    for (resource, file, line, outcome) in &case.findings {
        let found = report.findings.iter().find(|finding| {
            finding.check.id() == "CKV_AWS_7"
                && finding.resource == *resource
                && finding.file_path == *file
                && finding.lines.first == *line
        });
        match found {
            Some(finding) if finding.outcome.as_str() == *outcome => {}
            Some(finding) => {
                return Err(format!(
                    "{name}: CKV_AWS_7 on {resource} ({file}:{line}) is {}, expected {outcome}",
                    finding.outcome.as_str()
                ))
            }
            None => {
                return Err(format!(
                    "{name}: no CKV_AWS_7 finding on {resource} at {file}:{line}"
                ))
            }
        }
    }
    let notes: Vec<String> = report
        .limit_notes
        .iter()
        .map(|note| format!("{}:{}: {}", note.file_path, note.line, note.message))
        .collect();
    for (file, line, message) in &case.limits {
        let prefix = format!("{file}:{line}: {message}");
        if !notes.iter().any(|note| note.starts_with(&prefix)) {
            return Err(format!(
                "{name}: expected the limit note {prefix}..., got {notes:?}"
            ));
        }
    }
    if case.limits.is_empty() && !notes.is_empty() {
        return Err(format!("{name}: no limit should be reached, got {notes:?}"));
    }
    // Every file given is scanned or skipped, and each skipped file says why.
    if report.files_read != report.files_scanned + report.skipped_files.len() {
        return Err(format!(
            "{name}: {} read is not {} scanned + {} skipped",
            report.files_read,
            report.files_scanned,
            report.skipped_files.len()
        ));
    }
    Ok(())
}
