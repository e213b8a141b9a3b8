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
/// read whole all the same. With `external_modules`, also the remote modules that
/// `terraform init` installed for its root modules.
pub fn load(
    target: &Target,
    var_files: &[String],
    skip: &Skip<'_>,
    external_modules: bool,
) -> Result<Loaded, String> {
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

    if external_modules {
        add_installed_modules(&root, &mut loaded.files);
    }
    follow_local_modules(&root, &mut loaded.files);

    for var_file in var_files {
        let bytes = fs::read(var_file).map_err(|error| failed(var_file, Reading::File, &error))?;
        // Named from the scanned folder as every file of the scan is, or absolutely when it is
        // not inside (see named_from); one inside the folder was read already under that
        // name, and is read once.
        let name = named_from(&root, var_file);
        if !loaded.files.iter().any(|(path, _)| *path == name) {
            loaded.files.push((name.clone(), bytes));
        }
        loaded.var_file_paths.push(name);
    }
    loaded.root = root;
    Ok(loaded)
}

/// `file` (a path as given on the command line) named from `folder`, with `/` between names,
/// when it is inside: `prod.tfvars`, `env/prod.tfvars`; by its absolute path when it is not,
/// so that every scanned folder names it alike (one `--var-file` list serves them all in the
/// npm package's command, which names it the same way). Read from the paths' text.
fn named_from(folder: &Path, file: &str) -> String {
    let given = file.replace('\\', "/");
    let (Ok(folder), Ok(target)) = (std::path::absolute(folder), std::path::absolute(file)) else {
        return given;
    };
    let (folder, target) = (without_dots(&folder), without_dots(&target));
    let common = folder
        .components()
        .zip(target.components())
        .take_while(|(a, b)| a == b)
        .count();
    if common < folder.components().count() {
        return target.to_string_lossy().replace('\\', "/");
    }
    let inside: Vec<String> = target
        .components()
        .skip(common)
        .map(|part| part.as_os_str().to_string_lossy().into_owned())
        .collect();
    inside.join("/")
}

/// `path` with its `.` and `name/..` steps taken out, without reading the disk.
fn without_dots(path: &Path) -> PathBuf {
    let mut clean = PathBuf::new();
    for part in path.components() {
        match part {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                clean.pop();
            }
            other => clean.push(other),
        }
    }
    clean
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

/// The custom policy files of `--external-checks-dir` folders, path (the folder as given,
/// then the path inside it) and text: every `.yaml`, `.yml` and `.json` file of each folder and
/// its subfolders, as Checkov reads them, and each `.py` file with no text (Python checks are
/// not run; the policies' reader says so).
pub fn policy_files(folders: &[String]) -> Result<Vec<(String, String)>, String> {
    let mut files = Vec::new();
    for folder in folders {
        let path = Path::new(folder);
        if !path.is_dir() {
            return Err(format!("--external-checks-dir {folder}: no such folder"));
        }
        walk_policies(path, folder.trim_end_matches('/'), &mut files)?;
    }
    Ok(files)
}

fn walk_policies(
    directory: &Path,
    shown: &str,
    files: &mut Vec<(String, String)>,
) -> Result<(), String> {
    let mut entries: Vec<_> = fs::read_dir(directory)
        .map_err(|error| failed(shown, Reading::Folder, &error))?
        .filter_map(Result::ok)
        .collect();
    entries.sort_by_key(fs::DirEntry::file_name);
    for entry in entries {
        let name = entry.file_name().to_string_lossy().into_owned();
        let path = join(shown, &name);
        let file_type = entry
            .file_type()
            .map_err(|error| format!("{path}: {error}"))?;
        if file_type.is_dir() {
            walk_policies(&entry.path(), &path, files)?;
        } else if tfscan_core::custom::is_policy_file(&name) {
            let bytes =
                fs::read(entry.path()).map_err(|error| failed(&path, Reading::File, &error))?;
            files.push((path, String::from_utf8_lossy(&bytes).into_owned()));
        } else if tfscan_core::custom::is_python_check(&name) {
            files.push((path, String::new()));
        }
    }
    Ok(())
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
            read_module_folder(root, &target, &mut loaded, files);
        }
    }
}

/// Adds, for each folder read that holds a `.terraform/modules/modules.json`, the manifest and
/// the files of every module folder it records.
fn add_installed_modules(root: &Path, files: &mut Vec<(String, Vec<u8>)>) {
    let mut folders: BTreeSet<String> = files.iter().map(|(path, _)| folder_of(path)).collect();
    folders.insert(".".to_string());
    let mut loaded: BTreeSet<String> = files.iter().map(|(path, _)| path.clone()).collect();
    for folder in folders {
        let manifest = join(&folder, tfscan_core::engine::MODULE_MANIFEST);
        let Ok(bytes) = fs::read(root.join(&manifest)) else {
            continue;
        };
        let text = String::from_utf8_lossy(&bytes).into_owned();
        files.push((manifest.clone(), bytes));
        // A manifest that does not read is reported by the scan, which gets it too.
        let Ok(installed) = tfscan_core::engine::read_module_manifest(&manifest, &text) else {
            continue;
        };
        for module in installed {
            read_module_folder(root, &module.directory, &mut loaded, files);
        }
    }
}

/// Adds the configuration files (not the variable files) of one module folder, `target` as
/// the scan names it, that are not `loaded` yet.
fn read_module_folder(
    root: &Path,
    target: &str,
    loaded: &mut BTreeSet<String>,
    files: &mut Vec<(String, Vec<u8>)>,
) {
    let on_disk = root.join(target);
    let Ok(entries) = fs::read_dir(&on_disk) else {
        return;
    };
    let mut names: Vec<String> = entries
        .filter_map(Result::ok)
        .filter(|entry| entry.file_type().is_ok_and(|kind| kind.is_file()))
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .filter(|name| tfscan_hcl::is_terraform_file(name) && !name.contains(".tfvars"))
        .collect();
    names.sort();
    for name in names {
        let path = join(target, &name);
        if loaded.contains(&path) {
            continue;
        }
        if let Ok(bytes) = fs::read(on_disk.join(&name)) {
            loaded.insert(path.clone());
            files.push((path, bytes));
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
