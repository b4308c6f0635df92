//! Finding, reading and atomically rewriting resume files.

use std::collections::HashSet;
use std::ffi::OsString;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use resume_syntax::Format;

/// Directory names never searched when walking a directory.
const SKIPPED_DIRS: &[&str] = &["node_modules", "target"];

/// A file to lint.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Target {
    /// The path as given on the command line or found under a directory.
    pub(crate) path: PathBuf,
    /// Source format, from the extension.
    pub(crate) format: Format,
}

/// One step of the work list: a file to lint or a problem to report.
#[derive(Debug)]
pub(crate) enum Item {
    /// A file to lint.
    File(Target),
    /// A path that could not be used, with a message naming it.
    Error(String),
    /// Something worth saying that is not an error.
    Note(String),
}

/// The format of a path from its extension.
pub(crate) fn format_of(path: &Path) -> Option<Format> {
    Format::from_path(&path.to_string_lossy())
}

/// Expands command-line paths into the files to lint, in a deterministic
/// order: arguments in the order given, directory contents sorted by name,
/// depth first. Only paths are collected; no file is opened.
pub(crate) fn collect(paths: &[PathBuf]) -> Vec<Item> {
    let mut items = Vec::new();
    let mut seen = HashSet::new();
    for path in paths {
        let meta = match fs::metadata(path) {
            Ok(meta) => meta,
            Err(e) => {
                items.push(Item::Error(read_error(path, &e)));
                continue;
            }
        };
        if meta.is_dir() {
            let before = items.len();
            walk(path, &mut items, &mut seen);
            let found = items[before..].iter().any(|i| matches!(i, Item::File(_)));
            if !found {
                items.push(Item::Note(format!(
                    "{}: no .tex, .md or .markdown files found",
                    path.display()
                )));
            }
        } else {
            match format_of(path) {
                Some(format) => {
                    if first_visit(&mut seen, path) {
                        items.push(Item::File(Target {
                            path: path.clone(),
                            format,
                        }));
                    }
                }
                None => items.push(Item::Error(format!(
                    "{}: not a resume source file; name it .tex, .md or .markdown",
                    path.display()
                ))),
            }
        }
    }
    items
}

fn first_visit(seen: &mut HashSet<PathBuf>, path: &Path) -> bool {
    let key = fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    seen.insert(key)
}

fn skip_dir(name: &OsString) -> bool {
    let name = name.to_string_lossy();
    name.starts_with('.') || SKIPPED_DIRS.contains(&name.as_ref())
}

/// Depth-first walk with an explicit stack (no recursion limit), entries of
/// each directory sorted by name. Symbolic links to files are followed;
/// symbolic links to directories are not (no cycles).
fn walk(root: &Path, items: &mut Vec<Item>, seen: &mut HashSet<PathBuf>) {
    // Each stack element is a directory's remaining entries, reversed so the
    // next one in name order is at the end.
    let mut stack: Vec<Vec<(PathBuf, bool)>> = Vec::new();
    match list_dir(root) {
        Ok(entries) => stack.push(entries),
        Err(msg) => items.push(Item::Error(msg)),
    }
    while let Some(top) = stack.last_mut() {
        let Some((path, is_dir)) = top.pop() else {
            stack.pop();
            continue;
        };
        if is_dir {
            match list_dir(&path) {
                Ok(entries) => stack.push(entries),
                Err(msg) => items.push(Item::Error(msg)),
            }
        } else if let Some(format) = format_of(&path) {
            if first_visit(seen, &path) {
                items.push(Item::File(Target { path, format }));
            }
        }
    }
}

/// The entries of `dir` worth visiting, as (path, is directory), sorted by
/// name in reverse.
fn list_dir(dir: &Path) -> Result<Vec<(PathBuf, bool)>, String> {
    let read = fs::read_dir(dir).map_err(|e| read_error(dir, &e))?;
    let mut entries = Vec::new();
    for entry in read {
        let entry = entry.map_err(|e| read_error(dir, &e))?;
        let name = entry.file_name();
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        let path = entry.path();
        if kind.is_dir() {
            if !skip_dir(&name) {
                entries.push((name, path, true));
            }
        } else if kind.is_file()
            || (kind.is_symlink() && fs::metadata(&path).is_ok_and(|m| m.is_file()))
        {
            entries.push((name, path, false));
        }
    }
    entries.sort_by(|a, b| b.0.cmp(&a.0));
    Ok(entries.into_iter().map(|(_, p, d)| (p, d)).collect())
}

/// A message for an I/O error on `path` that says what to do.
pub(crate) fn read_error(path: &Path, e: &io::Error) -> String {
    let p = path.display();
    match e.kind() {
        io::ErrorKind::NotFound => format!("{p}: no such file or directory; check the path"),
        io::ErrorKind::PermissionDenied => {
            format!("{p}: permission denied; make it readable or leave it out")
        }
        _ => format!("{p}: cannot read ({e}); check the path"),
    }
}

/// A decoded source file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct SourceFile {
    /// The text, without a byte-order mark.
    pub(crate) text: String,
    /// Whether the file started with a UTF-8 byte-order mark.
    pub(crate) bom: bool,
}

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Reads `path` as UTF-8 (a byte-order mark is stripped).
pub(crate) fn read_source(path: &Path) -> Result<SourceFile, String> {
    let bytes = fs::read(path).map_err(|e| read_error(path, &e))?;
    decode(path, bytes)
}

/// Decodes file bytes as UTF-8, stripping a byte-order mark.
pub(crate) fn decode(path: &Path, mut bytes: Vec<u8>) -> Result<SourceFile, String> {
    let bom = bytes.starts_with(BOM);
    if bom {
        bytes.drain(..BOM.len());
    }
    match String::from_utf8(bytes) {
        Ok(text) => Ok(SourceFile { text, bom }),
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let bytes = e.as_bytes();
            let line = bytes[..at].iter().filter(|b| **b == b'\n').count() + 1;
            let col = at
                - bytes[..at]
                    .iter()
                    .rposition(|b| *b == b'\n')
                    .map_or(0, |i| i + 1)
                + 1;
            Err(format!(
                "{}: not valid UTF-8 (invalid byte 0x{:02X} at line {line}, byte column {col}); re-save the file as UTF-8",
                path.display(),
                bytes[at],
            ))
        }
    }
}

/// The bytes to write back for `text`, keeping a byte-order mark if the file
/// had one.
pub(crate) fn encode(text: &str, bom: bool) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len() + BOM.len());
    if bom {
        out.extend_from_slice(BOM);
    }
    out.extend_from_slice(text.as_bytes());
    out
}

static TEMP_COUNTER: AtomicU64 = AtomicU64::new(0);

/// Replaces the contents of `path` atomically: writes a temporary file in the
/// same directory, flushes it to disk, gives it the original's permissions
/// and renames it over the original. On any failure the original is left
/// untouched and the temporary file is removed.
pub(crate) fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), String> {
    let shown = path.display();
    let fail = |what: &str, e: &dyn std::fmt::Display| {
        format!("{shown}: cannot write fixes ({what}: {e}); the file was left unchanged")
    };
    // Write through symbolic links to the real file.
    let target = fs::canonicalize(path).map_err(|e| read_error(path, &e))?;
    let meta = fs::metadata(&target).map_err(|e| read_error(path, &e))?;
    if meta.permissions().readonly() {
        return Err(format!(
            "{shown}: the file is read-only; make it writable to apply fixes (it was left unchanged)"
        ));
    }
    let dir = target
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let dir_meta = fs::metadata(dir).map_err(|e| read_error(dir, &e))?;
    if dir_meta.permissions().readonly() {
        return Err(format!(
            "{shown}: its directory {} is read-only; make it writable to apply fixes (the file was left unchanged)",
            dir.display()
        ));
    }
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let (temp_path, mut file) =
        create_temp(dir, &name).map_err(|e| fail("create temp file", &e))?;
    let result = (|| -> io::Result<()> {
        file.write_all(bytes)?;
        file.set_permissions(meta.permissions())?;
        file.sync_all()?;
        drop(file);
        fs::rename(&temp_path, &target)
    })();
    if let Err(e) = result {
        let _ = fs::remove_file(&temp_path);
        return Err(fail("write", &e));
    }
    // Make the rename itself durable; not every platform can open a directory.
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

fn create_temp(dir: &Path, name: &str) -> io::Result<(PathBuf, File)> {
    let mut last = None;
    for _ in 0..16 {
        let n = TEMP_COUNTER.fetch_add(1, Ordering::Relaxed);
        let path = dir.join(format!(".{name}.{}.{n}.resume-lsp.tmp", std::process::id()));
        let mut options = OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o600);
        }
        match options.open(&path) {
            Ok(file) => return Ok((path, file)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => last = Some(e),
            Err(e) => return Err(e),
        }
    }
    Err(last.unwrap_or_else(|| io::Error::other("no free temporary file name")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decode_strips_bom_and_reports_bad_bytes() {
        let p = Path::new("r.tex");
        let ok = decode(p, b"\xEF\xBB\xBFhi".to_vec()).unwrap();
        assert_eq!(ok.text, "hi");
        assert!(ok.bom);
        assert_eq!(encode(&ok.text, ok.bom), b"\xEF\xBB\xBFhi");
        let err = decode(p, b"ab\ncd\xFFe".to_vec()).unwrap_err();
        assert!(err.starts_with("r.tex: not valid UTF-8"), "{err}");
        assert!(err.contains("line 2, byte column 3"), "{err}");
    }
}
