//! Renderers: the same report as text for people, as Checkov-shaped JSON, SARIF, JUnit XML,
//! CSV or Markdown for machines and repositories. Every renderer is deterministic: the same
//! report and options give the same bytes (nothing reads a clock; the date a Markdown report
//! shows is given by the host in [`Options::date`]).

pub mod cli;
pub mod csv;
pub mod github;
pub mod json;
pub mod junit;
pub mod markdown;
pub mod sarif;
mod writer;

use alloc::string::String;

use crate::report::{Finding, Outcome, Report};

/// The output formats tfscan renders, by their command-line names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Format {
    Cli,
    Json,
    Sarif,
    JunitXml,
    Csv,
    Markdown,
    GithubFailedOnly,
}

impl Format {
    /// Every format, in the order the help lists them.
    pub const ALL: [Format; 7] = [
        Format::Cli,
        Format::Json,
        Format::Sarif,
        Format::JunitXml,
        Format::Csv,
        Format::Markdown,
        Format::GithubFailedOnly,
    ];

    /// The format called `name` on the command line (`-o NAME`), if there is one.
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|format| format.name() == name)
    }

    /// The format's command-line name.
    pub fn name(self) -> &'static str {
        match self {
            Format::Cli => "cli",
            Format::Json => "json",
            Format::Sarif => "sarif",
            Format::JunitXml => "junitxml",
            Format::Csv => "csv",
            Format::Markdown => "markdown",
            Format::GithubFailedOnly => "github_failed_only",
        }
    }

    /// The file a format is written to when `--output-file-path` names a folder:
    /// `results_<name>.<extension>`, as Checkov names its files.
    pub fn file_name(self) -> &'static str {
        match self {
            Format::Cli => "results_cli.txt",
            Format::Json => "results_json.json",
            Format::Sarif => "results_sarif.sarif",
            Format::JunitXml => "results_junitxml.xml",
            Format::Csv => "results_csv.csv",
            Format::Markdown => "results_markdown.md",
            Format::GithubFailedOnly => "results_github_failed_only.md",
        }
    }
}

/// Renders `report` in `format`.
pub fn render(report: &Report, format: Format, options: &Options) -> String {
    match format {
        Format::Cli => cli::render(report, options),
        Format::Json => json::render(report, options),
        Format::Sarif => sarif::render(report, options),
        Format::JunitXml => junit::render(report, options),
        Format::Csv => csv::render(report, options),
        Format::Markdown => markdown::render(report, options),
        Format::GithubFailedOnly => github::render(report, options),
    }
}

/// Renders `report` in `format`, handing the text to `sink` in pieces: the JSON report, the
/// longest, is handed over as it is written instead of being held whole in memory.
pub fn write(report: &Report, format: Format, options: &Options, sink: &mut dyn FnMut(&str)) {
    match format {
        Format::Json => json::write(report, options, sink),
        other => sink(&render(report, other, options)),
    }
}

/// What the renderers leave out or add, as Checkov's flags say.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options<'a> {
    /// `--compact`: no code blocks in the output.
    pub compact: bool,
    /// `--quiet`: failed checks only.
    pub quiet: bool,
    /// The date the Markdown report says it was made on (`2026-05-01`), given by the host so
    /// that rendering never reads a clock; left out when None.
    pub date: Option<&'a str>,
}

/// The findings a renderer lists: every one, or the failed ones under `--quiet`.
pub(crate) fn shown_findings<'r>(
    report: &'r Report,
    options: &Options<'_>,
) -> impl Iterator<Item = &'r Finding> {
    let quiet = options.quiet;
    report
        .findings
        .iter()
        .filter(move |finding| !quiet || finding.outcome == Outcome::Failed)
}

/// `text` with XML's special characters escaped, for element text and attribute values.
/// Characters XML 1.0 cannot hold at all (most control characters) become U+FFFD.
pub(crate) fn escape_xml(out: &mut String, text: &str) {
    for character in text.chars() {
        match character {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' => out.push_str("&#9;"),
            control
                if (control as u32) < 0x20 || control == '\u{fffe}' || control == '\u{ffff}' =>
            {
                out.push('\u{fffd}');
            }
            other => out.push(other),
        }
    }
}

/// `text` made safe for one cell of a Markdown table, or a line of Markdown prose: HTML and
/// Markdown punctuation escaped, line breaks made spaces, so that file contents never
/// become markup.
/// An `_` inside a word (`aws_s3_bucket`) is left as it is: it never starts emphasis.
pub(crate) fn escape_markdown(out: &mut String, text: &str) {
    let mut previous = ' ';
    let mut characters = text.chars().peekable();
    while let Some(character) = characters.next() {
        let next = characters.peek().copied().unwrap_or(' ');
        match character {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\n' | '\r' | '\t' => out.push(' '),
            '_' if previous.is_alphanumeric() && next.is_alphanumeric() => out.push('_'),
            '|' | '\\' | '`' | '*' | '_' | '[' | ']' => {
                out.push('\\');
                out.push(character);
            }
            other => out.push(other),
        }
        previous = character;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_format_is_found_by_its_name() {
        for format in Format::ALL {
            assert_eq!(Format::from_name(format.name()), Some(format));
            assert!(format.file_name().starts_with("results_"));
        }
        assert_eq!(Format::from_name("yaml"), None);
    }

    #[test]
    fn escapes_xml_and_markdown() {
        let mut xml = String::new();
        escape_xml(&mut xml, "a<b & \"c\"\u{1}");
        assert_eq!(xml, "a&lt;b &amp; &quot;c&quot;\u{fffd}");
        let mut markdown = String::new();
        escape_markdown(&mut markdown, "a|b <script>\n*x* aws_s3 _y_");
        assert_eq!(markdown, "a\\|b &lt;script&gt; \\*x\\* aws_s3 \\_y\\_");
    }
}
