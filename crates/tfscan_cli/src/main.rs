//! `tfscan`: scan Terraform folders and files from the command line, with Checkov's flags and
//! exit codes (0 nothing failed, 1 a check failed, 2 a usage or input error).

mod args;
mod files;
mod output;

use std::collections::BTreeMap;
use std::process::ExitCode;

use tfscan_core::baseline::Baseline;
use tfscan_core::command_line;
use tfscan_core::render::{self, Format};
use tfscan_core::Report;

use crate::args::{Arguments, Command};

fn main() -> ExitCode {
    let raw: Vec<String> = std::env::args().skip(1).collect();
    let arguments = match args::parse(&raw) {
        Ok(arguments) => arguments,
        Err(error) => {
            eprintln!("tfscan: {error}");
            return ExitCode::from(2);
        }
    };
    for notice in &arguments.notices {
        eprintln!("tfscan: {notice}");
    }
    match run(&arguments) {
        Ok(code) => code,
        Err(message) => {
            eprintln!("tfscan: {message}");
            ExitCode::from(2)
        }
    }
}

/// Writes to stdout; a reader that went away (`tfscan --list | head`) is not an error.
fn print_text(text: &str) {
    use std::io::Write as _;
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
}

fn run(arguments: &Arguments) -> Result<ExitCode, String> {
    match arguments.command {
        Command::Help => {
            print_text(args::HELP);
            Ok(ExitCode::SUCCESS)
        }
        Command::Version => {
            print_text(concat!(env!("CARGO_PKG_VERSION"), "\n"));
            Ok(ExitCode::SUCCESS)
        }
        Command::List => {
            let json = arguments.formats.first() == Some(&Format::Json);
            print_text(&command_line::check_list(json));
            Ok(ExitCode::SUCCESS)
        }
        Command::Scan => scan(arguments),
    }
}

fn scan(arguments: &Arguments) -> Result<ExitCode, String> {
    let date = today();
    let baseline = match &arguments.baseline {
        Some(path) => {
            let text = std::fs::read_to_string(path).map_err(|error| {
                files::failed(path, tfscan_core::reading::Reading::File, &error)
            })?;
            Some(Baseline::parse(path, &text)?)
        }
        None => None,
    };
    let policies =
        tfscan_core::custom::load(&files::policy_files(&arguments.external_checks_dirs)?);
    let mut scan_options = arguments.scan_options.clone();
    scan_options.policies.clone_from(&policies.policies);
    // Each baseline file to write, with the failures of the targets it covers.
    let mut new_baselines: BTreeMap<String, Report> = BTreeMap::new();
    let mut report = Report::default();
    // A folder's walk leaves out what --skip-path matches (-f ignores it, as in Checkov); the
    // scan itself then skips nothing more.
    let skip_paths = tfscan_core::skip_path::SkipPaths::new(&arguments.scan_options.skip_paths);
    let no_skip_paths = tfscan_core::skip_path::SkipPaths::default();
    for target in &arguments.targets {
        let (paths, prefix) = match target {
            command_line::Target::Directory(directory) => (
                &skip_paths,
                tfscan_core::skip_path::prefix(Some(&root_of(std::path::Path::new(directory)))),
            ),
            command_line::Target::File(_) => (&no_skip_paths, String::new()),
        };
        let skip = files::Skip {
            paths,
            prefix: &prefix,
        };
        let loaded = files::load(
            target,
            &arguments.var_files,
            &skip,
            arguments.external_modules,
        )?;
        let inputs: Vec<tfscan_hcl::InputFile<'_>> = loaded
            .files
            .iter()
            .map(|(path, bytes)| tfscan_hcl::InputFile { path, bytes })
            .collect();
        let mut options = scan_options.clone();
        options.skip_paths.clear();
        options.var_files.clone_from(&loaded.var_file_paths);
        options.today = Some(date.clone());
        let mut scanned = tfscan_hcl::scan(&inputs, &options);
        scanned.set_root(&root_of(&loaded.root));
        if let Some(baseline) = &baseline {
            baseline.apply(&mut scanned, arguments.output_baseline_as_skipped);
        }
        if arguments.create_baseline {
            new_baselines
                .entry(command_line::baseline_path(target))
                .or_default()
                .merge(scanned.clone());
        }
        report.merge(scanned);
    }
    report.policy_problems = policies.problems;
    for (path, failures) in &new_baselines {
        std::fs::write(path, tfscan_core::baseline::create(failures))
            .map_err(|error| format!("{path}: {error}"))?;
    }

    let render_options = render::Options {
        compact: arguments.compact,
        quiet: arguments.quiet,
        date: Some(&date),
    };
    output::write_reports(&report, arguments, &render_options)?;
    for notice in command_line::notices(&report, &scan_options, &arguments.gates) {
        eprintln!("tfscan: {notice}");
    }
    if let Some(path) = &arguments.baseline {
        eprintln!("tfscan: {}", command_line::baseline_used_notice(path));
    }
    for path in new_baselines.keys() {
        eprintln!("tfscan: {}", command_line::baseline_created_notice(path));
    }

    Ok(ExitCode::from(arguments.gates.exit_code(&report)))
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

/// The scanned folder as reports name it: as given, and as an absolute path.
fn root_of(folder: &std::path::Path) -> tfscan_core::report::Root {
    let slashes = |path: &std::path::Path| path.to_string_lossy().replace('\\', "/");
    // `-f main.tf` is in the folder "", which is the current one (`absolute("")` fails).
    let folder = if folder.as_os_str().is_empty() {
        std::path::Path::new(".")
    } else {
        folder
    };
    tfscan_core::report::Root {
        relative: slashes(folder),
        absolute: std::path::absolute(folder).ok().map(|path| slashes(&path)),
    }
}
