//! `tfscan`: scan Terraform folders and files from the command line, with Checkov's flags and
//! exit codes (0 nothing failed, 1 a check failed, 2 a usage or input error).

mod args;
mod files;
mod output;

use std::process::ExitCode;

use tfscan_core::command_line;
use tfscan_core::render::{self, Format};
use tfscan_core::Report;

use crate::args::{Arguments, Command};

fn main() -> ExitCode {
    let arguments = match args::parse(std::env::args().skip(1)) {
        Ok(arguments) => arguments,
        Err(error) => {
            eprintln!("tfscan: {error}");
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
            let json = arguments.formats.first() == Some(&Format::Json);
            print!("{}", command_line::check_list(json));
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
        report.merge(tfscan_hcl::scan(&inputs, &options));
    }

    let render_options = render::Options {
        compact: arguments.compact,
        quiet: arguments.quiet,
        date: Some(&date),
    };
    output::write_reports(&report, arguments, &render_options)?;
    for notice in command_line::notices(&report, &arguments.scan_options) {
        eprintln!("tfscan: {notice}");
    }

    let failed = report.has_failures();
    Ok(if failed && !arguments.soft_fail {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
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
