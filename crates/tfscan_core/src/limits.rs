//! How far a scan goes before it stops reading something, says so, and goes on with the rest.
//!
//! A scanner reads untrusted files; in WebAssembly a stack overflow or a runaway allocation
//! kills the whole scanner and a hang freezes the page. Every input-driven size and depth has
//! a limit here, with a default that ordinary Terraform never reaches and that options raise.
//! What a limit stops is reported (file, line, which limit, the option that raises it): a file
//! over a file limit is skipped, a value over an evaluation limit is unknown.

use alloc::string::String;
use alloc::vec::Vec;
use core::cell::{Cell, RefCell};

/// The limits of one scan. [`Limits::default`] gives the defaults the README lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Files given to one scan; the files past it (in the order given) are skipped.
    pub max_files: usize,
    /// Bytes in one file; a larger file is skipped.
    pub max_file_bytes: usize,
    /// Brackets (`(`, `[`, `{`, `${`) and blocks nested in one file; deeper text is a parsing
    /// error. The parser recurses, so this guards the stack.
    pub max_nesting: usize,
    /// Nesting of evaluation: expressions, templates, function calls and the references they
    /// follow (a local that reads a local ...), counted together; deeper is unknown.
    pub max_evaluation_depth: usize,
    /// Bytes in one string that evaluation builds (templates, `join`, `format`, ...); longer
    /// is unknown.
    pub max_string_bytes: usize,
    /// Instances one `count` or `for_each` creates, and elements one `for` expression or
    /// `dynamic` block produces; more is unknown (a block then stands for one unknown
    /// instance).
    pub max_expansion: usize,
    /// `module` calls nested in `module` calls; deeper calls are not followed.
    pub max_module_depth: usize,
    /// Evaluation steps in the whole scan (an expression evaluated, an element built); past
    /// it every value is unknown. Bounds the time and memory of a hostile configuration.
    pub max_evaluation_steps: u64,
}

/// The default of [`Limits::max_nesting`].
pub const DEFAULT_MAX_NESTING: usize = 128;

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_files: 100_000,
            max_file_bytes: 16 << 20,
            max_nesting: DEFAULT_MAX_NESTING,
            max_evaluation_depth: 128,
            max_string_bytes: 1 << 20,
            max_expansion: 10_000,
            max_module_depth: 32,
            max_evaluation_steps: 20_000_000,
        }
    }
}

/// One limit as options name it: kebab-case on the command line (`--limit max-files=10`),
/// camelCase in the npm package (`limits: { maxFiles: 10 }`).
pub struct LimitName {
    pub name: &'static str,
    pub camel_case: &'static str,
    pub help: &'static str,
}

/// Every limit, in the order the help and the README list them.
pub const LIMIT_NAMES: [LimitName; 8] = [
    LimitName {
        name: "max-files",
        camel_case: "maxFiles",
        help: "files in one scan (the rest are skipped)",
    },
    LimitName {
        name: "max-file-bytes",
        camel_case: "maxFileBytes",
        help: "bytes in one file (a larger file is skipped)",
    },
    LimitName {
        name: "max-nesting",
        camel_case: "maxNesting",
        help: "brackets and blocks nested in a file (deeper is a parsing error)",
    },
    LimitName {
        name: "max-evaluation-depth",
        camel_case: "maxEvaluationDepth",
        help: "expressions, templates, function calls and references nested in evaluation",
    },
    LimitName {
        name: "max-string-bytes",
        camel_case: "maxStringBytes",
        help: "bytes in a string that evaluation builds",
    },
    LimitName {
        name: "max-expansion",
        camel_case: "maxExpansion",
        help: "instances of one count / for_each, elements of one for expression",
    },
    LimitName {
        name: "max-module-depth",
        camel_case: "maxModuleDepth",
        help: "module calls nested in module calls",
    },
    LimitName {
        name: "max-evaluation-steps",
        camel_case: "maxEvaluationSteps",
        help: "evaluation steps in the whole scan",
    },
];

impl Limits {
    /// Sets the limit called `name` (kebab-case or camelCase) to `value`.
    pub fn set(&mut self, name: &str, value: u64) -> Result<(), String> {
        let index = LIMIT_NAMES
            .iter()
            .position(|limit| limit.name == name || limit.camel_case == name)
            .ok_or_else(|| {
                let known: Vec<&str> = LIMIT_NAMES.iter().map(|limit| limit.name).collect();
                alloc::format!("unknown limit \"{name}\" (known: {})", known.join(", "))
            })?;
        if value == 0 {
            return Err(alloc::format!("the limit {name} must be at least 1"));
        }
        let size = usize::try_from(value).unwrap_or(usize::MAX);
        match index {
            0 => self.max_files = size,
            1 => self.max_file_bytes = size,
            2 => self.max_nesting = size,
            3 => self.max_evaluation_depth = size,
            4 => self.max_string_bytes = size,
            5 => self.max_expansion = size,
            6 => self.max_module_depth = size,
            _ => self.max_evaluation_steps = value,
        }
        Ok(())
    }

    /// The value of every limit, in [`LIMIT_NAMES`] order.
    pub fn values(&self) -> [u64; 8] {
        [
            self.max_files as u64,
            self.max_file_bytes as u64,
            self.max_nesting as u64,
            self.max_evaluation_depth as u64,
            self.max_string_bytes as u64,
            self.max_expansion as u64,
            self.max_module_depth as u64,
            self.max_evaluation_steps,
        ]
    }
}

/// A limit that evaluation reached, for the report: which one and what it stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Reached {
    EvaluationDepth,
    StringBytes,
    Expansion,
    EvaluationSteps,
}

impl Reached {
    /// What the report says, with the option that raises the limit.
    pub fn message(self, limits: &Limits) -> String {
        match self {
            Reached::EvaluationDepth => alloc::format!(
                "evaluation nested more than {} levels deep (expressions, function calls and \
                 references); the value is unknown (--limit max-evaluation-depth)",
                limits.max_evaluation_depth
            ),
            Reached::StringBytes => alloc::format!(
                "a string built here would be longer than {} bytes; the value is unknown \
                 (--limit max-string-bytes)",
                limits.max_string_bytes
            ),
            Reached::Expansion => alloc::format!(
                "count, for_each or a for expression would make more than {} items; the value \
                 is unknown (--limit max-expansion)",
                limits.max_expansion
            ),
            Reached::EvaluationSteps => alloc::format!(
                "the scan reached its {} evaluation steps; this value and every one evaluated \
                 after it are unknown (--limit max-evaluation-steps)",
                limits.max_evaluation_steps
            ),
        }
    }
}

/// What evaluation may still spend, shared by every scope of one scan: the depth of the
/// evaluation in progress (references followed from one scope into another count too), the
/// steps taken, and the limits reached since the host last asked.
#[derive(Debug)]
pub struct Budget {
    pub limits: Limits,
    depth: Cell<usize>,
    steps: Cell<u64>,
    reached: RefCell<Vec<Reached>>,
}

impl Budget {
    pub fn new(limits: Limits) -> Self {
        Self {
            limits,
            depth: Cell::new(0),
            steps: Cell::new(0),
            reached: RefCell::new(Vec::new()),
        }
    }

    /// Notes that `limit` stopped something.
    pub fn reach(&self, limit: Reached) {
        let mut reached = self.reached.borrow_mut();
        if !reached.contains(&limit) {
            reached.push(limit);
        }
    }

    /// The limits reached since the last call, sorted.
    pub fn take_reached(&self) -> Vec<Reached> {
        let mut reached = core::mem::take(&mut *self.reached.borrow_mut());
        reached.sort_unstable();
        reached
    }

    /// Spends `steps`; false (and the limit noted) when the scan's steps are used up.
    pub fn spend(&self, steps: u64) -> bool {
        let used = self.steps.get().saturating_add(steps);
        self.steps.set(used);
        if used > self.limits.max_evaluation_steps {
            self.reach(Reached::EvaluationSteps);
            return false;
        }
        true
    }

    /// The steps left before the limit (0 once it is reached).
    pub fn remaining(&self) -> u64 {
        self.limits
            .max_evaluation_steps
            .saturating_sub(self.steps.get())
    }

    /// The steps spent so far.
    pub fn spent(&self) -> u64 {
        self.steps.get()
    }

    /// Enters one level of evaluation; false (and the limit noted) when it would be too deep.
    /// Every `true` must be matched by [`Budget::leave`].
    pub fn enter(&self) -> bool {
        let depth = self.depth.get();
        if depth >= self.limits.max_evaluation_depth {
            self.reach(Reached::EvaluationDepth);
            return false;
        }
        self.depth.set(depth + 1);
        true
    }

    pub fn leave(&self) {
        self.depth.set(self.depth.get().saturating_sub(1));
    }

    /// False (and the limit noted) when a collection of `len` items is too many.
    pub fn allows_items(&self, len: usize) -> bool {
        if len > self.limits.max_expansion {
            self.reach(Reached::Expansion);
            return false;
        }
        true
    }

    /// False (and the limit noted) when a string of `len` bytes is too long.
    pub fn allows_string(&self, len: usize) -> bool {
        if len > self.limits.max_string_bytes {
            self.reach(Reached::StringBytes);
            return false;
        }
        true
    }
}

impl Default for Budget {
    fn default() -> Self {
        Self::new(Limits::default())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_are_set_by_either_name_and_refuse_zero_and_unknown_names() {
        let mut limits = Limits::default();
        limits.set("max-files", 3).unwrap();
        limits.set("maxEvaluationSteps", 7).unwrap();
        assert_eq!((limits.max_files, limits.max_evaluation_steps), (3, 7));
        assert!(limits.set("max-files", 0).is_err());
        let error = limits.set("max-everything", 1).unwrap_err();
        assert!(
            error.contains("unknown limit") && error.contains("max-nesting"),
            "{error}"
        );
        for (limit, value) in LIMIT_NAMES.iter().zip(Limits::default().values()) {
            let mut changed = Limits::default();
            changed.set(limit.name, value + 1).unwrap();
            assert_ne!(changed, Limits::default(), "{}", limit.name);
        }
    }

    #[test]
    fn a_budget_notes_each_limit_it_reaches_once() {
        let budget = Budget::new(Limits {
            max_evaluation_depth: 1,
            max_evaluation_steps: 2,
            ..Limits::default()
        });
        assert!(budget.enter());
        assert!(!budget.enter());
        assert!(!budget.enter());
        budget.leave();
        assert!(budget.spend(2));
        assert!(!budget.spend(1));
        assert_eq!(
            budget.take_reached(),
            [Reached::EvaluationDepth, Reached::EvaluationSteps]
        );
        assert!(budget.take_reached().is_empty());
    }
}
