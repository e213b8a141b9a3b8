//! Reading what to scan from disk: a folder's Terraform files, and the folders its local module
//! calls (`source = "../modules/x"`) point at, even when they lie outside the folder.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use tfscan_core::reading::{self, Problem, Reading};
use tfscan_core::skip_path::SkipPaths;

use crate::args::Target;

/// The files of one scan, with paths relative to the scanned folder (`main.tf`,
/// `../../modules/x/main.tf`), and the paths of `--var-file`s among them.
pub struct Loaded {
    pub files: Vec<(String, Vec<u8>)>,
    pub var_file_paths: Vec<String>,
    /// The folder the paths are relative to, as given (the folder of `-f FILE`).
    pub root: PathBuf,
}

/// The `--skip-path`s of a folder's walk, and where the folder is as they see it (see
/// [`tfscan_core::skip_path::prefix`]).
pub struct Skip<'a> {
    pub paths: &'a SkipPaths,
    pub prefix: &'a str,
}

/// Reads a target and the local modules it calls. A folder's walk leaves out what `skip`
/// matches (`-f FILE` ignores it, as Checkov does); a module folder that a file read calls is
/// read whole all the same.
pub fn load(target: &Target, var_files: &[String], skip: &Skip<'_>) -> Result<Loaded, String> {
    let mut loaded = Loaded {
        files: Vec::new(),
        var_file_paths: Vec::new(),
        root: PathBuf::new(),
    };
    let root = match target {
        Target::Directory(directory) => {
            let directory = PathBuf::from(directory);
            if !directory.is_dir() {
                let problem = if directory.is_file() {
                    Problem::NotAFolder
                } else {
                    Problem::NotFound
                };
                return Err(reading::message(
                    &directory.to_string_lossy(),
                    Reading::ScanFolder,
                    &problem,
                ));
            }
            walk(&directory, "", skip, &mut loaded.files)?;
            directory
        }
        Target::File(file) => {
            let file = Path::new(file);
            let bytes = fs::read(file)
                .map_err(|error| failed(&file.to_string_lossy(), Reading::ScanFile, &error))?;
            let name = file
                .file_name()
                .map(|name| name.to_string_lossy().into_owned())
                .unwrap_or_default();
            loaded.files.push((name, bytes));
            file.parent()
                .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
        }
    };

    follow_local_modules(&root, &mut loaded.files);

    for var_file in var_files {
        let bytes = fs::read(var_file).map_err(|error| failed(var_file, Reading::File, &error))?;
        // A var file inside the scanned folder was read already: it is named as the folder's
        // walk named it, and read once.
        let inside = std::path::absolute(var_file)
            .ok()
            .zip(std::path::absolute(&root).ok())
            .and_then(|(file, folder)| {
                file.strip_prefix(&folder)
                    .ok()
                    .map(|path| path.to_string_lossy().replace('\\', "/"))
            })
            .filter(|path| loaded.files.iter().any(|(name, _)| name == path));
        match inside {
            Some(path) => loaded.var_file_paths.push(path),
            None => {
                loaded.var_file_paths.push(var_file.clone());
                loaded.files.push((var_file.clone(), bytes));
            }
        }
    }
    loaded.root = root;
    Ok(loaded)
}

/// The message for `path` that could not be read, in the words every host uses.
pub fn failed(path: &str, what: Reading, error: &std::io::Error) -> String {
    reading::message(path, what, &problem_of(error, what))
}

/// The problem an I/O error reading `what` is.
pub fn problem_of(error: &std::io::Error, what: Reading) -> Problem {
    use std::io::ErrorKind;
    match error.kind() {
        ErrorKind::NotADirectory if what.is_folder() => Problem::NotAFolder,
        ErrorKind::NotFound | ErrorKind::NotADirectory => Problem::NotFound,
        ErrorKind::IsADirectory => Problem::IsAFolder,
        ErrorKind::PermissionDenied => Problem::PermissionDenied,
        _ => Problem::Other(error.to_string()),
    }
}

/// Collects the Terraform files under `directory`, in name order, skipping hidden folders
/// (`.terraform`, `.git`) as Checkov does, and the folders and files `skip` matches.
fn walk(
    directory: &Path,
    relative: &str,
    skip: &Skip<'_>,
    files: &mut Vec<(String, Vec<u8>)>,
) -> Result<(), String> {
    let mut entries: Vec<_> = fs::read_dir(directory)
        .map_err(|error| failed(&directory.to_string_lossy(), Reading::Folder, &error))?
        .filter_map(Result::ok)
        .collect();
    entries.sort_by_key(fs::DirEntry::file_name);
    for entry in entries {
        let name = entry.file_name().to_string_lossy().into_owned();
        let path = join(relative, &name);
        if !skip.paths.is_empty()
            && skip
                .paths
                .skipping_entry(&format!("{}/{path}", skip.prefix))
                .is_some()
        {
            continue;
        }
        let file_type = entry
            .file_type()
            .map_err(|error| format!("{path}: {error}"))?;
        if file_type.is_dir() {
            if !name.starts_with('.') {
                walk(&entry.path(), &path, skip, files)?;
            }
        } else if tfscan_hcl::is_terraform_file(&name) {
            let bytes =
                fs::read(entry.path()).map_err(|error| failed(&path, Reading::File, &error))?;
            files.push((path, bytes));
        }
    }
    Ok(())
}

/// Adds the files of every folder that a loaded file names as a local module source, that are
/// not loaded yet (a folder outside the scanned one, or files a skip path left out of the
/// walk), until nothing new is found.
fn follow_local_modules(root: &Path, files: &mut Vec<(String, Vec<u8>)>) {
    let mut loaded: BTreeSet<String> = files.iter().map(|(path, _)| path.clone()).collect();
    let mut followed: BTreeSet<String> = BTreeSet::new();
    let mut next = 0;
    while next < files.len() {
        let (path, bytes) = &files[next];
        next += 1;
        // Module calls live in `.tf` files (the JSON syntax's are not followed yet).
        #[allow(clippy::case_sensitive_file_extension_comparisons)] // Terraform's own rule
        if !path.ends_with(".tf") {
            continue;
        }
        let folder = folder_of(path);
        let sources = local_sources(&String::from_utf8_lossy(bytes));
        for source in sources {
            let target = tfscan_core::engine::normalize_path(&folder, &source);
            if !followed.insert(target.clone()) {
                continue;
            }
            let on_disk = root.join(&target);
            let Ok(entries) = fs::read_dir(&on_disk) else {
                continue;
            };
            let mut names: Vec<String> = entries
                .filter_map(Result::ok)
                .filter(|entry| entry.file_type().is_ok_and(|kind| kind.is_file()))
                .map(|entry| entry.file_name().to_string_lossy().into_owned())
                .filter(|name| tfscan_hcl::is_terraform_file(name) && !name.contains(".tfvars"))
                .collect();
            names.sort();
            for name in names {
                let path = join(&target, &name);
                if loaded.contains(&path) {
                    continue;
                }
                if let Ok(bytes) = fs::read(on_disk.join(&name)) {
                    loaded.insert(path.clone());
                    files.push((path, bytes));
                }
            }
        }
    }
}

/// The `source = "./x"` / `"../x"` values in a file's text.
fn local_sources(text: &str) -> Vec<String> {
    text.lines()
        .filter_map(|line| {
            let rest = line
                .trim_start()
                .strip_prefix("source")?
                .trim_start()
                .strip_prefix('=')?
                .trim();
            let value = rest.strip_prefix('"')?.split('"').next()?;
            (value.starts_with("./") || value.starts_with("../") || value == "." || value == "..")
                .then(|| value.to_string())
        })
        .collect()
}

fn folder_of(path: &str) -> String {
    path.rfind('/')
        .map_or_else(|| ".".to_string(), |slash| path[..slash].to_string())
}

fn join(folder: &str, name: &str) -> String {
    if folder.is_empty() || folder == "." {
        name.to_string()
    } else {
        format!("{folder}/{name}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalizes_relative_module_paths() {
        let normalize = |path: &str| tfscan_core::engine::normalize_path(".", path);
        assert_eq!(normalize("examples/x/../../modules/y"), "modules/y");
        assert_eq!(normalize("./../.."), "../..");
        assert_eq!(normalize("../../modules/a/./"), "../../modules/a");
        assert_eq!(normalize("a/.."), ".");
    }

    #[test]
    fn finds_local_module_sources_only() {
        let text = "module \"a\" {\n  source = \"../../\"\n}\nmodule \"b\" {\n  source  = \"terraform-aws-modules/vpc/aws\"\n}\n";
        assert_eq!(local_sources(text), ["../../"]);
    }
}
