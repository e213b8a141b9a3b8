//! Checkov's `--skip-path` (`skip-path:` in a configuration file): folders and files of a
//! scanned folder that are not scanned.
//!
//! Each pattern is a regular expression searched (not anchored) in the path of every folder
//! and file below the scanned folder, from the folder down: a folder that matches is left out
//! with everything in it. A path is written with `/` and starts with `/`, and is the path from
//! where the scan ran (`/infra/envs/dev` for `-d infra`, `/envs/dev` for `-d .`), as Checkov's
//! help describes it ("relative to current working directory"). For a folder given as an
//! absolute path, or one outside the current folder, it is the absolute path.
//!
//! As in Checkov 3.3.30: a pattern that starts with one `.` and then another character
//! (`.terraform`, `.github/x`) is plain text, not a regular expression; a pattern also skips a
//! path that holds it as plain text; a pattern that is not a valid regular expression is
//! matched only as plain text; letters' case matters. Checkov searches the absolute path
//! whatever the folder: there a pattern that matches a folder above the scanned one
//! (`--skip-path home`) skips everything, and here it skips nothing.
//!
//! A skipped path is only left out of the folder's walk: a local module call from a file that
//! is scanned still reads the module's folder whole, as Checkov does. `-f FILE` ignores skip
//! paths, as Checkov does.
//!
//! Patterns run on a Pike VM (linear time, no backtracking), as the `regex` function does; the
//! syntax is RE2's, which Python's `re` shares but for look-around and back-references: such a
//! pattern is matched as plain text, and [`SkipPaths::notices`] says so.

use alloc::collections::{BTreeMap, BTreeSet};
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use core::cell::RefCell;

use regex_automata::nfa::thompson::pikevm::{Cache, PikeVM};
use regex_automata::nfa::thompson::{self};
use regex_automata::util::syntax;

use crate::engine::ScanOptions;
use crate::report::{Root, SkippedFile};
use crate::syntax::{ParseError, SourceFile};

/// The most memory a compiled pattern may take.
const NFA_SIZE_LIMIT: usize = 1 << 20;

/// The skip paths of a scan, compiled once.
#[derive(Debug, Clone, Default)]
pub struct SkipPaths {
    patterns: Vec<Pattern>,
}

#[derive(Debug, Clone)]
struct Pattern {
    /// As given: searched as plain text too.
    written: String,
    /// The compiled expression and its scratch space, made once (a walk asks for every
    /// folder and file); None for plain text (a leading `.`, or not a valid one).
    machine: Option<(PikeVM, RefCell<Cache>)>,
    /// Why the pattern is matched as plain text only, when it looks meant as an expression.
    problem: Option<String>,
}

impl SkipPaths {
    /// Compiles `patterns` (as `--skip-path` gives them, one pattern each).
    pub fn new(patterns: &[String]) -> Self {
        let patterns = patterns
            .iter()
            .filter(|written| !written.is_empty())
            .map(|written| Pattern::compile(written))
            .collect();
        Self { patterns }
    }

    /// True when no pattern was given: nothing is skipped.
    pub fn is_empty(&self) -> bool {
        self.patterns.is_empty()
    }

    /// What to tell the person who gave the patterns: each one that is matched as plain text
    /// only, because tfscan cannot read it as a regular expression.
    pub fn notices(&self) -> Vec<String> {
        self.patterns
            .iter()
            .filter_map(|pattern| {
                let problem = pattern.problem.as_ref()?;
                Some(format!(
                    "--skip-path {}: {problem}; matched as plain text",
                    pattern.written
                ))
            })
            .collect()
    }

    /// The pattern that skips the folder or file at `path` itself (not looking at the folders
    /// above it), `path` being what [`prefix`] gives followed by `/` and the path below the
    /// scanned folder: for hosts that walk a folder and leave out what matches as they go.
    pub fn skipping_entry(&self, path: &str) -> Option<&str> {
        self.patterns
            .iter()
            .find(|pattern| pattern.matches(path))
            .map(|pattern| pattern.written.as_str())
    }

    /// The pattern that skips the file at `relative` (below the scanned folder, `/` between
    /// names) or one of the folders holding it, the scanned folder being at `prefix` (see
    /// [`prefix`]). Files outside the scanned folder (`../x.tf`) are never skipped: they are
    /// read only because a module call names their folder.
    pub fn skipping(&self, prefix: &str, relative: &str) -> Option<&str> {
        if self.patterns.is_empty() {
            return None;
        }
        let relative = relative.strip_prefix("./").unwrap_or(relative);
        if relative.starts_with("../") || relative.starts_with('/') {
            return None;
        }
        let mut path = String::with_capacity(prefix.len() + relative.len() + 1);
        path.push_str(prefix);
        for name in relative
            .split('/')
            .filter(|name| !name.is_empty() && *name != ".")
        {
            path.push('/');
            path.push_str(name);
            if let Some(pattern) = self.skipping_entry(&path) {
                return Some(pattern);
            }
        }
        None
    }
}

/// Where the scanned folder is, as skip paths see it: `/infra` for `infra` (`""` for the
/// current folder itself), the absolute path for a folder given as one or outside the current
/// folder (where the host knows it), with no trailing `/`. Without a folder (files given to
/// the API with no `roots`), the folder itself: `""`.
pub fn prefix(root: Option<&Root>) -> String {
    let Some(root) = root else {
        return String::new();
    };
    let relative = crate::engine::normalize_path(".", &root.relative);
    let outside = root.relative.starts_with('/') || relative == ".." || relative.starts_with("../");
    if outside {
        if let Some(absolute) = root.absolute.as_deref() {
            return format!("/{}", crate::engine::normalize_path("/", absolute));
        }
    }
    if relative == "." {
        String::new()
    } else {
        format!("/{relative}")
    }
}

/// The files a scan reads once skip paths have left theirs out, with the parsing errors of
/// those read and what was left out (with the pattern that did it).
pub(crate) struct Selected<'a> {
    pub files: Vec<&'a SourceFile>,
    pub parse_errors: Vec<ParseError>,
    pub skipped: Vec<SkippedFile>,
}

/// Leaves out of `files` (and of `parse_errors`) what `options.skip_paths` skips, except the
/// folders that a file read calls as a local module, and the `--var-file`s: Checkov leaves
/// skipped paths out of its walk of the folder only, and reads those folders and files
/// whatever their paths.
pub(crate) fn select<'a>(
    files: &'a [SourceFile],
    parse_errors: Vec<ParseError>,
    options: &ScanOptions,
) -> Selected<'a> {
    let skip = SkipPaths::new(&options.skip_paths);
    if skip.is_empty() {
        return Selected {
            files: files.iter().collect(),
            parse_errors,
            skipped: Vec::new(),
        };
    }
    let prefix = prefix(options.scanned_folder.as_ref());
    let pattern_for = |path: &str| {
        if options.var_files.iter().any(|var_file| var_file == path) {
            None
        } else {
            skip.skipping(&prefix, path)
        }
    };
    let mut left_out: BTreeMap<String, &str> = BTreeMap::new();
    let mut read: Vec<&SourceFile> = Vec::new();
    for file in files {
        match pattern_for(&file.path) {
            Some(pattern) => {
                left_out.insert(file.path.clone(), pattern);
            }
            None => read.push(file),
        }
    }
    for error in &parse_errors {
        if let Some(pattern) = pattern_for(&error.path) {
            left_out.insert(error.path.clone(), pattern);
        }
    }

    // The module folders that files read call bring their files back, and those files' calls
    // are followed in turn. The files left out, by folder, to find them without a search.
    let mut left_out_by_folder: BTreeMap<&str, Vec<&'a SourceFile>> = BTreeMap::new();
    for file in files {
        if left_out.contains_key(&file.path) {
            let (folder, _) = crate::engine::split_path(&file.path);
            left_out_by_folder.entry(folder).or_default().push(file);
        }
    }
    let mut called: BTreeSet<String> = BTreeSet::new();
    let mut next = 0;
    while next < read.len() {
        let file = read[next];
        next += 1;
        let (folder, _) = crate::engine::split_path(&file.path);
        for block in file.body.blocks_of("module") {
            let Some(target) = crate::engine::local_source(folder, block) else {
                continue;
            };
            if !called.insert(target.clone()) {
                continue;
            }
            for file in left_out_by_folder
                .remove(target.as_str())
                .unwrap_or_default()
            {
                left_out.remove(&file.path);
                read.push(file);
            }
        }
    }
    let called_folder = |path: &str| called.contains(crate::engine::split_path(path).0);
    left_out.retain(|path, _| !called_folder(path));

    let parse_errors = parse_errors
        .into_iter()
        .filter(|error| !left_out.contains_key(&error.path))
        .collect();
    read.sort_by(|a, b| a.path.cmp(&b.path));
    let skipped = left_out
        .into_iter()
        .map(|(path, pattern)| SkippedFile {
            path,
            reason: format!("under a skipped path (skip-path \"{pattern}\")"),
        })
        .collect();
    Selected {
        files: read,
        parse_errors,
        skipped,
    }
}

impl Pattern {
    fn compile(written: &str) -> Self {
        // Checkov's rule: `.x...` (one dot, then anything but a dot) is plain text.
        let mut chars = written.chars();
        let plain = chars.next() == Some('.') && chars.next().is_some_and(|next| next != '.');
        if plain {
            return Self {
                written: String::from(written),
                machine: None,
                problem: None,
            };
        }
        let built = PikeVM::builder()
            .syntax(syntax::Config::new().utf8(true))
            .thompson(thompson::Config::new().nfa_size_limit(Some(NFA_SIZE_LIMIT)))
            .build(&crate::eval::functions::ascii_perl_classes(written));
        match built {
            Ok(machine) => {
                let cache = RefCell::new(machine.create_cache());
                Self {
                    written: String::from(written),
                    machine: Some((machine, cache)),
                    problem: None,
                }
            }
            Err(error) => Self {
                written: String::from(written),
                machine: None,
                problem: Some(format!("not a regular expression tfscan reads ({error})")),
            },
        }
    }

    fn matches(&self, path: &str) -> bool {
        if path.contains(self.written.as_str()) {
            return true;
        }
        let Some((machine, cache)) = &self.machine else {
            return false;
        };
        machine.is_match(&mut cache.borrow_mut(), path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn skips(patterns: &[&str], relative: &str) -> Option<String> {
        let patterns: Vec<String> = patterns
            .iter()
            .map(|pattern| String::from(*pattern))
            .collect();
        SkipPaths::new(&patterns)
            .skipping("", relative)
            .map(String::from)
    }

    #[test]
    fn a_pattern_is_searched_in_every_folder_and_file_path_from_the_folder_down() {
        assert_eq!(
            skips(&["envs/dev"], "envs/dev/main.tf").as_deref(),
            Some("envs/dev")
        );
        assert_eq!(skips(&["envs/dev"], "envs/prod/main.tf"), None);
        // Not anchored, and a folder that matches takes what it holds.
        assert!(skips(&["dev"], "envs/dev/main.tf").is_some());
        assert!(skips(&["envs$"], "envs/prod/main.tf").is_some());
        assert!(skips(&["envs/$"], "envs/prod/main.tf").is_none());
        assert!(skips(&["/envs"], "envs/prod/main.tf").is_some());
        assert!(skips(&["^/envs"], "envs/prod/main.tf").is_some());
        // Checkov's absolute paths never start with the folder's name.
        assert!(skips(&["^envs"], "envs/prod/main.tf").is_none());
        assert!(skips(&[r"main\.tf$"], "envs/prod/main.tf").is_some());
        assert!(skips(&["env[s]/d"], "envs/dev/main.tf").is_some());
        assert!(skips(&["ENVS"], "envs/dev/main.tf").is_none());
        assert!(skips(&["other.tf"], "other.tf").is_some());
    }

    #[test]
    fn checkovs_plain_text_rules() {
        // One leading dot then another character: plain text (`.*` is not "anything").
        assert!(skips(&[".*prod"], "envs/prod/main.tf").is_none());
        assert!(skips(&[".terraform"], "a/.terraform/x.tf").is_some());
        // `..` is a regular expression.
        assert!(skips(&["..v"], "envs/dev/main.tf").is_some());
        // Not a regular expression: matched as plain text only, and said so.
        let patterns = [String::from("envs/(dev")];
        let skip = SkipPaths::new(&patterns);
        assert!(skip.skipping("", "envs/dev/main.tf").is_none());
        assert!(skip.skipping("", "envs/(dev/main.tf").is_some());
        assert_eq!(skip.notices().len(), 1);
        assert!(skip.notices()[0].starts_with("--skip-path envs/(dev: not a regular expression"));
    }

    #[test]
    fn files_outside_the_folder_are_never_skipped() {
        assert!(skips(&["modules"], "../modules/x/main.tf").is_none());
        assert!(skips(&["modules"], "./modules/x/main.tf").is_some());
    }

    #[test]
    fn paths_are_written_from_where_the_scan_ran() {
        let root = |relative: &str, absolute: Option<&str>| Root {
            relative: String::from(relative),
            absolute: absolute.map(String::from),
        };
        assert_eq!(prefix(None), "");
        assert_eq!(prefix(Some(&root(".", Some("/home/me")))), "");
        assert_eq!(
            prefix(Some(&root("./infra/", Some("/home/me/infra")))),
            "/infra"
        );
        assert_eq!(
            prefix(Some(&root("/srv/infra", Some("/srv/infra")))),
            "/srv/infra"
        );
        assert_eq!(
            prefix(Some(&root("../infra", Some("/home/me/../infra")))),
            "/home/infra"
        );
        assert_eq!(prefix(Some(&root("../infra", None))), "/../infra");
        let patterns = [String::from("^/infra/envs")];
        let skip = SkipPaths::new(&patterns);
        assert!(skip.skipping("/infra", "envs/dev/main.tf").is_some());
        assert!(skip.skipping("", "envs/dev/main.tf").is_none());
    }

    #[test]
    fn a_huge_pattern_is_refused_not_compiled() {
        let patterns = [String::from("a{1000}{1000}")];
        let skip = SkipPaths::new(&patterns);
        assert_eq!(skip.notices().len(), 1);
        assert!(skip.skipping("", "a/b.tf").is_none());
    }
}
