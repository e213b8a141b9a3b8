//! Reading what to scan from disk: a folder's Terraform files, and the folders its local module
//! calls (`source = "../modules/x"`) point at, even when they lie outside the folder.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use crate::args::Target;

/// The files of one scan, with paths relative to the scanned folder (`main.tf`,
/// `../../modules/x/main.tf`), and the paths of `--var-file`s among them.
pub struct Loaded {
    pub files: Vec<(String, Vec<u8>)>,
    pub var_file_paths: Vec<String>,
    /// The folder the paths are relative to, as given (the folder of `-f FILE`).
    pub root: PathBuf,
}

/// Reads a target and the local modules it calls; with `external_modules`, also the remote
/// modules that `terraform init` installed for its root modules.
pub fn load(
    target: &Target,
    var_files: &[String],
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
                if directory.is_file() {
                    return Err(format!(
                        "{0}: is a file, not a folder (scan a file with -f {0})",
                        directory.display()
                    ));
                }
                return Err(format!("{}: no such folder", directory.display()));
            }
            walk(&directory, "", &mut loaded.files)?;
            directory
        }
        Target::File(file) => {
            let file = Path::new(file);
            let bytes = fs::read(file).map_err(|error| format!("{}: {error}", file.display()))?;
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
        let bytes = fs::read(var_file).map_err(|error| format!("{var_file}: {error}"))?;
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
        .map_err(|error| format!("{shown}: {error}"))?
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
            let bytes = fs::read(entry.path()).map_err(|error| format!("{path}: {error}"))?;
            files.push((path, String::from_utf8_lossy(&bytes).into_owned()));
        } else if tfscan_core::custom::is_python_check(&name) {
            files.push((path, String::new()));
        }
    }
    Ok(())
}

/// Collects the Terraform files under `directory`, in name order, skipping hidden folders
/// (`.terraform`, `.git`) as Checkov does.
fn walk(
    directory: &Path,
    relative: &str,
    files: &mut Vec<(String, Vec<u8>)>,
) -> Result<(), String> {
    let mut entries: Vec<_> = fs::read_dir(directory)
        .map_err(|error| format!("{}: {error}", directory.display()))?
        .filter_map(Result::ok)
        .collect();
    entries.sort_by_key(fs::DirEntry::file_name);
    for entry in entries {
        let name = entry.file_name().to_string_lossy().into_owned();
        let path = join(relative, &name);
        let file_type = entry
            .file_type()
            .map_err(|error| format!("{path}: {error}"))?;
        if file_type.is_dir() {
            if !name.starts_with('.') {
                walk(&entry.path(), &path, files)?;
            }
        } else if tfscan_hcl::is_terraform_file(&name) {
            let bytes = fs::read(entry.path()).map_err(|error| format!("{path}: {error}"))?;
            files.push((path, bytes));
        }
    }
    Ok(())
}

/// Adds the files of every folder that a loaded file names as a local module source and that
/// is not loaded yet, until nothing new is found.
fn follow_local_modules(root: &Path, files: &mut Vec<(String, Vec<u8>)>) {
    let mut loaded_folders: BTreeSet<String> =
        files.iter().map(|(path, _)| folder_of(path)).collect();
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
            if !loaded_folders.insert(target.clone()) {
                continue;
            }
            read_module_folder(root, &target, files);
        }
    }
}

/// Adds, for each folder read that holds a `.terraform/modules/modules.json`, the manifest and
/// the files of every module folder it records (the folders are read once each).
fn add_installed_modules(root: &Path, files: &mut Vec<(String, Vec<u8>)>) {
    let mut folders: BTreeSet<String> = files.iter().map(|(path, _)| folder_of(path)).collect();
    folders.insert(".".to_string());
    let mut read: BTreeSet<String> = BTreeSet::new();
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
            if read.insert(module.directory.clone()) {
                read_module_folder(root, &module.directory, files);
            }
        }
    }
}

/// Adds the configuration files (not the variable files) of one module folder, `target` as
/// the scan names it.
fn read_module_folder(root: &Path, target: &str, files: &mut Vec<(String, Vec<u8>)>) {
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
        if let Ok(bytes) = fs::read(on_disk.join(&name)) {
            files.push((join(target, &name), bytes));
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
