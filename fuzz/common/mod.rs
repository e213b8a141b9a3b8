//! What the fuzz targets share: a stack as small as WebAssembly's, and the input split into
//! named files.

/// WebAssembly's stack (wasm-bindgen's default) is 1 MiB; natively the main thread has 8 MiB.
/// Each input runs on a thread with the smaller stack, so recursion that only WebAssembly
/// would overflow overflows here too.
const STACK: usize = 1 << 20;

/// Runs `work` on a thread with WebAssembly's stack; a panic there is a panic of the target.
pub fn on_small_stack(work: impl FnOnce() + Send) {
    std::thread::scope(|threads| {
        let worker = std::thread::Builder::new()
            .stack_size(STACK)
            .spawn_scoped(threads, work)
            .expect("a fuzzing thread starts");
        if let Err(panic) = worker.join() {
            std::panic::resume_unwind(panic);
        }
    });
}

/// The line that starts a new file in a multi-file input: `\n%%%% ` and the file's path up to
/// the end of the line. The text before the first separator is `main.tf`.
#[allow(dead_code)] // the parse target reads one file
pub const SEPARATOR: &[u8] = b"\n%%%% ";

/// Splits `data` into (path, bytes) pairs at each [`SEPARATOR`].
#[allow(dead_code)] // the parse target reads one file
pub fn split_files(data: &[u8]) -> Vec<(String, &[u8])> {
    let mut files = Vec::new();
    let mut path = String::from("main.tf");
    let mut rest = data;
    loop {
        let next = rest
            .windows(SEPARATOR.len())
            .position(|window| window == SEPARATOR);
        let Some(at) = next else {
            files.push((path, rest));
            return files;
        };
        files.push((path, &rest[..at]));
        let after = &rest[at + SEPARATOR.len()..];
        let line_end = after
            .iter()
            .position(|&b| b == b'\n')
            .unwrap_or(after.len());
        path = String::from_utf8_lossy(&after[..line_end])
            .trim()
            .to_owned();
        rest = after.get(line_end + 1..).unwrap_or_default();
    }
}
