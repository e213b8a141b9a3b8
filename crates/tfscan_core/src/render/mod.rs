//! Renderers: the same report as text for people, or as Checkov-shaped JSON for machines.
//! Every renderer is deterministic: the same report gives the same bytes.

pub mod cli;
pub mod json;
mod writer;

/// The output formats tfscan renders, by their command-line names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Cli,
    Json,
}

impl Format {
    /// The format called `name` on the command line (`-o NAME`), if there is one.
    pub fn from_name(name: &str) -> Option<Self> {
        match name {
            "cli" => Some(Format::Cli),
            "json" => Some(Format::Json),
            _ => None,
        }
    }
}

/// Renders `report` in `format`.
pub fn render(
    report: &crate::report::Report,
    format: Format,
    options: &Options,
) -> alloc::string::String {
    match format {
        Format::Cli => cli::render(report, options),
        Format::Json => json::render(report, options),
    }
}

/// What the renderers leave out or add, as Checkov's flags say.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// `--compact`: no code blocks in the output.
    pub compact: bool,
    /// `--quiet`: failed checks only.
    pub quiet: bool,
}
