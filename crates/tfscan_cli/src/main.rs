//! `tfscan`: scan Terraform folders and files from the command line, with Checkov's flags and
//! exit codes (0 nothing failed, 1 a check failed, 2 a usage or input error).

mod args;
mod files;
mod output;

use std::fmt::Write as _;
use std::io::Write;
use std::process::ExitCode;

use tfscan_core::render::{self, Format};
use tfscan_core::Report;

use crate::args::{Arguments, Command};

fn main() -> ExitCode {
    let arguments = match args::parse(std::env::args().skip(1)) {
        Ok(arguments) => arguments,
        Err(message) => {
            eprintln!("tfscan: {message}\nRun `tfscan --help` for the flags.");
            return ExitCode::from(2);
        }
    };
    match run(&arguments) {
        Ok(code) => code,
        Err(message) => {
            eprintln!("tfscan: {message}");
            ExitCode::from(2)
        }
    }
}

fn run(arguments: &Arguments) -> Result<ExitCode, String> {
    match arguments.command {
        Command::Help => {
            print!("{}", args::HELP);
            Ok(ExitCode::SUCCESS)
        }
        Command::Version => {
            println!("{}", env!("CARGO_PKG_VERSION"));
            Ok(ExitCode::SUCCESS)
        }
        Command::List => {
            print!(
                "{}",
                list_checks(arguments.formats.first() == Some(&Format::Json))
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Scan => scan(arguments),
    }
}

fn scan(arguments: &Arguments) -> Result<ExitCode, String> {
    let date = today();
    let mut report = Report::default();
    for target in &arguments.targets {
        let loaded = files::load(target, &arguments.var_files)?;
        let inputs: Vec<tfscan_hcl::InputFile<'_>> = loaded
            .files
            .iter()
            .map(|(path, bytes)| tfscan_hcl::InputFile { path, bytes })
            .collect();
        let mut options = arguments.scan_options.clone();
        options.var_files.clone_from(&loaded.var_file_paths);
        options.today = Some(date.clone());
        merge(&mut report, tfscan_hcl::scan(&inputs, &options));
    }

    let render_options = render::Options {
        compact: arguments.compact,
        quiet: arguments.quiet,
        date: Some(&date),
    };
    write_reports(&report, arguments, &render_options)?;

    let failed = report.has_failures();
    Ok(if failed && !arguments.soft_fail {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Writes each `-o` format to the console, or to the files `--output-file-path` names.
fn write_reports(
    report: &Report,
    arguments: &Arguments,
    options: &render::Options<'_>,
) -> Result<(), String> {
    let destinations =
        output::destinations(&arguments.formats, arguments.output_file_path.as_deref())?;
    let mut stdout = std::io::stdout().lock();
    for (format, destination) in arguments.formats.iter().zip(destinations) {
        let text = render::render(report, *format, options);
        match destination {
            None => stdout
                .write_all(text.as_bytes())
                .map_err(|error| format!("cannot write the report: {error}"))?,
            Some(path) => {
                if let Some(folder) = path
                    .parent()
                    .filter(|folder| !folder.as_os_str().is_empty())
                {
                    std::fs::create_dir_all(folder)
                        .map_err(|error| format!("{}: {error}", folder.display()))?;
                }
                std::fs::write(&path, text)
                    .map_err(|error| format!("{}: {error}", path.display()))?;
            }
        }
    }
    Ok(())
}

/// Today's date (UTC) as `YYYY-MM-DD`, for the Markdown report; `SOURCE_DATE_EPOCH` (seconds)
/// replaces the clock, for reproducible reports.
fn today() -> String {
    let seconds = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|value| value.trim().parse::<u64>().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |elapsed| elapsed.as_secs())
        });
    output::civil_date(seconds / 86_400)
}

/// Adds one target's report to the combined one (several `-d`/`-f`).
fn merge(into: &mut Report, from: Report) {
    into.findings.extend(from.findings);
    into.parsing_errors.extend(from.parsing_errors);
    into.unscanned_modules.extend(from.unscanned_modules);
    into.not_created.extend(from.not_created);
    into.suppression_notes.extend(from.suppression_notes);
    into.resource_count += from.resource_count;
    into.files_read += from.files_read;
    into.files_scanned += from.files_scanned;
}

fn list_checks(json: bool) -> String {
    let checks = tfscan_core::checks::all();
    let mut out = String::new();
    if json {
        out.push('[');
        for (index, check) in checks.iter().enumerate() {
            if index > 0 {
                out.push(',');
            }
            let types: Vec<String> = check
                .resource_types
                .iter()
                .map(|t| format!("{t:?}"))
                .collect();
            let _ = write!(
                out,
                "\n  {{\"id\": {:?}, \"kind\": {:?}, \"resource_types\": [{}], \"severity\": {:?}, \"name\": {:?}}}",
                check.id,
                kind_name(check.kind),
                types.join(", "),
                check.severity.as_str(),
                check.name
            );
        }
        out.push_str("\n]\n");
    } else {
        for check in checks {
            let _ = writeln!(
                out,
                "{:<13} {:<8} {:<8} {:<60} {}",
                check.id,
                kind_name(check.kind),
                check.severity.as_str(),
                check.resource_types.join(","),
                check.name
            );
        }
        let _ = writeln!(out, "{} checks", tfscan_core::checks::all().len());
    }
    out
}

fn kind_name(kind: tfscan_core::EntityKind) -> &'static str {
    match kind {
        tfscan_core::EntityKind::Resource => "resource",
        tfscan_core::EntityKind::Data => "data",
    }
}
