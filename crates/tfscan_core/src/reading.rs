//! How hosts say that a file or folder they were told to read could not be read: the same words
//! in every host (the native `tfscan` and the npm package's `tfscan`, whose operating-system
//! errors read differently: `No such file or directory (os error 2)` in Rust, `ENOENT: no such
//! file or directory, open 'x'` in Node). Each host sorts its error into a [`Problem`]; the
//! core words it.

use alloc::format;
use alloc::string::String;

/// What went wrong reading a path, as far as a person needs to know.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// Nothing there (or a folder on the way is a file).
    NotFound,
    /// A folder was wanted and a file is there.
    NotAFolder,
    /// A file was wanted and a folder is there.
    IsAFolder,
    PermissionDenied,
    /// Anything else, in the host's words.
    Other(String),
}

impl Problem {
    /// The problem of a Node.js file-system error, from its `code` (`ENOENT`, ...) and message,
    /// reading `what`: `ENOTDIR` is a file where a folder was wanted, or one on the way to a
    /// file (nothing there), as Rust's `NotADirectory`.
    pub fn from_node_code(code: &str, message: &str, what: Reading) -> Self {
        match code {
            "ENOTDIR" if what.is_folder() => Problem::NotAFolder,
            "ENOENT" | "ENOTDIR" => Problem::NotFound,
            "EISDIR" => Problem::IsAFolder,
            "EACCES" | "EPERM" => Problem::PermissionDenied,
            _ => Problem::Other(String::from(message)),
        }
    }

    /// The problem in a few words, without the path: `no such file`.
    pub fn describe(&self, what: Reading) -> String {
        match self {
            Problem::NotFound if what.is_folder() => String::from("no such folder"),
            Problem::NotFound => String::from("no such file"),
            Problem::NotAFolder => String::from("is a file, not a folder"),
            Problem::IsAFolder => String::from("is a folder, not a file"),
            Problem::PermissionDenied => String::from("permission denied"),
            Problem::Other(message) => message.clone(),
        }
    }
}

/// What was being read, which decides the words (and, for what the command line scans, a hint
/// at the flag to use instead).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reading {
    /// A folder to read (the npm package's `readFolder`).
    Folder,
    /// A file to read (`--var-file`, `--baseline`, a configuration file).
    File,
    /// `-d DIR`.
    ScanFolder,
    /// `-f FILE`.
    ScanFile,
}

impl Reading {
    /// True when a folder is being read.
    pub fn is_folder(self) -> bool {
        matches!(self, Reading::Folder | Reading::ScanFolder)
    }

    /// The reading called `name` (`folder`, `file`, `scanFolder`, `scanFile`), as JavaScript
    /// hosts name it.
    pub fn named(name: &str) -> Option<Self> {
        match name {
            "folder" => Some(Reading::Folder),
            "file" => Some(Reading::File),
            "scanFolder" => Some(Reading::ScanFolder),
            "scanFile" => Some(Reading::ScanFile),
            _ => None,
        }
    }
}

/// The message for `path` that could not be read: `infra/main.tf: no such file`,
/// `main.tf: is a file, not a folder (scan a file with -f main.tf)`.
pub fn message(path: &str, what: Reading, problem: &Problem) -> String {
    let described = problem.describe(what);
    match (what, problem) {
        (Reading::ScanFolder, Problem::NotAFolder) => {
            format!("{path}: {described} (scan a file with -f {path})")
        }
        (Reading::ScanFile, Problem::IsAFolder) => {
            format!("{path}: {described} (scan a folder with -d {path})")
        }
        _ => format!("{path}: {described}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_host_gets_the_same_words() {
        assert_eq!(
            message("x.tf", Reading::ScanFile, &Problem::NotFound),
            "x.tf: no such file"
        );
        assert_eq!(
            message("infra", Reading::ScanFolder, &Problem::NotFound),
            "infra: no such folder"
        );
        assert_eq!(
            message("main.tf", Reading::ScanFolder, &Problem::NotAFolder),
            "main.tf: is a file, not a folder (scan a file with -f main.tf)"
        );
        assert_eq!(
            message("infra", Reading::ScanFile, &Problem::IsAFolder),
            "infra: is a folder, not a file (scan a folder with -d infra)"
        );
        assert_eq!(
            message("main.tf", Reading::Folder, &Problem::NotAFolder),
            "main.tf: is a file, not a folder"
        );
        assert_eq!(
            message(
                "v.tfvars",
                Reading::File,
                &Problem::from_node_code("EACCES", "x", Reading::File)
            ),
            "v.tfvars: permission denied"
        );
        assert_eq!(
            Problem::from_node_code("ENOTDIR", "x", Reading::ScanFile),
            Problem::NotFound,
            "a file on the way: nothing there"
        );
        assert_eq!(
            Problem::from_node_code("ENOTDIR", "x", Reading::Folder),
            Problem::NotAFolder
        );
        assert_eq!(
            message(
                "v",
                Reading::File,
                &Problem::from_node_code("EIO", "EIO: i/o error", Reading::File)
            ),
            "v: EIO: i/o error"
        );
    }
}
