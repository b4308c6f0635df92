//! Open documents and their lint workers.
//!
//! Each open document has a [`DocHandle`]:
//! - a *shadow* (rope + version + queue of pending changes) that notification
//!   handlers update synchronously, so edits are applied in the order they
//!   arrive and no handler awaits before the document is updated;
//! - one worker task that drains the queue, applies every pending change to
//!   the incremental [`Document`] and lints it off the async runtime
//!   (`spawn_blocking`), then publishes with the version it linted. A burst
//!   of edits that arrives while a lint runs is applied and linted once, so
//!   the last version is always linted promptly with no fixed debounce;
//! - the latest [`Snapshot`] (a watch channel) that requests read.

use std::ops::Range;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;
use std::sync::{Arc, Mutex, OnceLock};

use resume_rules::{Config, LintCache, RuleLevel};
use resume_syntax::{Document, Encoding, Format, LineIndex, Resume};
use ropey::Rope;
use tokio::sync::{watch, Notify};
use tower_lsp_server::lsp_types::{self as lsp, DocumentSymbol, FoldingRange, Uri};

use super::config::{Effective, FileReport};
use super::{convert, Shared};

/// A change waiting for the worker.
#[derive(Debug)]
pub(crate) enum Change {
    /// Replace a byte range (in the text left by the previous change).
    Edit(Range<usize>, String),
    /// Replace the whole text.
    Full(String),
}

/// State updated synchronously by notification handlers.
pub(crate) struct Shadow {
    /// The text after every received change.
    pub(crate) rope: Rope,
    /// The version of `rope`.
    pub(crate) version: i32,
    /// Changes the worker has not applied yet.
    pub(crate) pending: Vec<Change>,
    /// Bumped for every queued job (edit or re-lint).
    pub(crate) seq: u64,
    /// Set when the document is closed.
    pub(crate) closed: bool,
    /// When the last change arrived (for `RESUME_LSP_TIMING`).
    pub(crate) received: std::time::Instant,
}

/// What requests read: everything derived from one linted version.
pub(crate) struct Snapshot {
    /// The job sequence number this snapshot reflects.
    pub(crate) seq: u64,
    /// The document version.
    pub(crate) version: i32,
    /// The text of that version.
    pub(crate) text: String,
    /// Its line index.
    pub(crate) index: LineIndex,
    /// Findings in byte ranges.
    pub(crate) found: Vec<resume_rules::Diagnostic>,
    /// The model of that version, for the outline.
    resume: Option<Arc<Resume>>,
    /// The position encoding of the outline.
    encoding: Encoding,
    /// Outline and folding ranges, converted on first request.
    outline: OnceLock<(Vec<DocumentSymbol>, Vec<FoldingRange>)>,
    /// The configuration it was linted with.
    pub(crate) config: Arc<Effective>,
}

impl Snapshot {
    /// The findings in protocol terms.
    pub(crate) fn diagnostics(&self, enc: Encoding) -> Vec<lsp::Diagnostic> {
        convert::diagnostics(&self.found, &self.text, &self.index, enc)
    }

    /// The outline.
    pub(crate) fn symbols(&self) -> &[DocumentSymbol] {
        &self.outline().0
    }

    /// The folding ranges.
    pub(crate) fn folding(&self) -> &[FoldingRange] {
        &self.outline().1
    }

    fn outline(&self) -> &(Vec<DocumentSymbol>, Vec<FoldingRange>) {
        self.outline.get_or_init(|| {
            let Some(resume) = &self.resume else {
                return Default::default();
            };
            let (text, index) = (self.text.as_str(), &self.index);
            catch_unwind(AssertUnwindSafe(|| {
                (
                    convert::symbols(resume, text, index, self.encoding),
                    convert::folding(resume, text, index),
                )
            }))
            .unwrap_or_default()
        })
    }

    fn empty() -> Snapshot {
        Snapshot {
            seq: 0,
            version: i32::MIN,
            text: String::new(),
            index: LineIndex::new(""),
            found: Vec::new(),
            resume: None,
            encoding: Encoding::Utf16,
            outline: OnceLock::new(),
            config: Arc::new(Effective::default()),
        }
    }
}

/// Publication state, so results never go backwards and nothing is
/// published after close.
struct Published {
    version: Option<i32>,
    /// When the last publication went out.
    at: Option<std::time::Instant>,
    closed: bool,
}

/// A linted version that newer changes already supersede is not published
/// when the last publication is more recent than this: the newer version
/// is being linted and will be published instead. Older than this, it is
/// published anyway, so a long burst of edits still shows progress.
const SKIP_SUPERSEDED_WITHIN: std::time::Duration = std::time::Duration::from_millis(100);

/// One open document.
pub(crate) struct DocHandle {
    pub(crate) uri: Uri,
    pub(crate) format: Format,
    /// The file path, when the URI is a file.
    pub(crate) path: Option<PathBuf>,
    pub(crate) shadow: Mutex<Shadow>,
    wake: Notify,
    snapshot: watch::Sender<Arc<Snapshot>>,
    published: tokio::sync::Mutex<Published>,
}

/// The worker's own state.
struct Worker {
    document: Option<Document>,
    config: Option<(u64, Arc<Effective>)>,
    /// Rule analysis results kept from the previous lint.
    lint_cache: LintCache,
}

/// One unit of work taken from the shadow.
struct Job {
    received: std::time::Instant,
    seq: u64,
    version: i32,
    changes: Vec<Change>,
    rope: Rope,
    epoch: u64,
}

/// The result of one job.
struct Outcome {
    snapshot: Arc<Snapshot>,
    /// The framed `publishDiagnostics` to push (`None` for clients that
    /// pull).
    publish: Option<Vec<u8>>,
    report: Option<FileReport>,
    problems: Vec<String>,
}

impl DocHandle {
    /// A handle for a document just opened, with its worker started.
    pub(crate) fn open(
        shared: &Arc<Shared>,
        uri: Uri,
        format: Format,
        path: Option<PathBuf>,
        text: String,
        version: i32,
    ) -> Arc<DocHandle> {
        let (tx, _rx) = watch::channel(Arc::new(Snapshot::empty()));
        let handle = Arc::new(DocHandle {
            uri,
            format,
            path,
            shadow: Mutex::new(Shadow {
                rope: Rope::from_str(&text),
                version,
                pending: vec![Change::Full(text)],
                seq: 1,
                closed: false,
                received: std::time::Instant::now(),
            }),
            wake: Notify::new(),
            snapshot: tx,
            published: tokio::sync::Mutex::new(Published {
                version: None,
                at: None,
                closed: false,
            }),
        });
        let worker = handle.clone();
        let shared = shared.clone();
        tokio::spawn(async move { run(worker, shared).await });
        handle.wake.notify_one();
        handle
    }

    /// Locks the shadow, recovering from a poisoned lock.
    pub(crate) fn shadow(&self) -> std::sync::MutexGuard<'_, Shadow> {
        self.shadow.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Wakes the worker (after queueing changes or asking for a re-lint).
    pub(crate) fn wake(&self) {
        self.wake.notify_one();
    }

    /// Queues a re-lint of the current text (configuration changed).
    pub(crate) fn relint(&self) {
        self.shadow().seq += 1;
        self.wake();
    }

    /// Marks the document closed and clears its diagnostics.
    pub(crate) async fn close(&self, shared: &Shared) {
        self.shadow().closed = true;
        self.wake();
        let mut published = self.published.lock().await;
        published.closed = true;
        if shared.push_diagnostics() {
            if let Some(frame) = publication(&self.uri, Vec::new(), None) {
                shared.out.send(frame);
            }
        }
    }

    /// The latest snapshot, without waiting.
    pub(crate) fn current(&self) -> Arc<Snapshot> {
        self.snapshot.borrow().clone()
    }

    /// Waits until every change received so far is linted, then returns the
    /// snapshot (or the latest one after a few seconds).
    pub(crate) async fn fresh(&self) -> Arc<Snapshot> {
        let target = self.shadow().seq;
        let mut rx = self.snapshot.subscribe();
        let wait = async {
            let r = rx.wait_for(|s| s.seq >= target).await;
            r.map(|s| s.clone()).ok()
        };
        match tokio::time::timeout(std::time::Duration::from_secs(10), wait).await {
            Ok(Some(s)) => s,
            _ => self.current(),
        }
    }
}

async fn run(handle: Arc<DocHandle>, shared: Arc<Shared>) {
    let worker = Arc::new(Mutex::new(Worker {
        document: None,
        config: None,
        lint_cache: LintCache::default(),
    }));
    loop {
        handle.wake.notified().await;
        let job = {
            let mut shadow = handle.shadow();
            if shadow.closed {
                return;
            }
            if shadow.seq <= handle.snapshot.borrow().seq {
                continue;
            }
            Job {
                seq: shadow.seq,
                version: shadow.version,
                received: shadow.received,
                changes: std::mem::take(&mut shadow.pending),
                rope: shadow.rope.clone(),
                epoch: shared.configs.epoch(),
            }
        };
        let received = job.received;
        let h = handle.clone();
        let s = shared.clone();
        let w = worker.clone();
        let outcome = tokio::task::spawn_blocking(move || process(&h, &s, &w, job)).await;
        let outcome = match outcome {
            Ok(o) => o,
            Err(err) => {
                shared
                    .log(
                        lsp::MessageType::ERROR,
                        format!(
                            "internal error while linting {}: {err}",
                            handle.uri.as_str()
                        ),
                    )
                    .await;
                continue;
            }
        };
        for p in &outcome.problems {
            shared.log(lsp::MessageType::ERROR, p.clone()).await;
        }
        if let Some(report) = outcome.report {
            shared.report_config(report).await;
        }
        let snapshot = outcome.snapshot;
        let publish = outcome.publish;
        // The previous snapshot (a thousand findings with their fixes on a
        // large resume) is freed after the publication, off this task.
        let previous = handle.snapshot.send_replace(snapshot.clone());
        let _free_later = FreeLater(Some(previous));
        let mut published = handle.published.lock().await;
        if published.closed {
            return;
        }
        if published.version.is_some_and(|v| v > snapshot.version) {
            continue;
        }
        let superseded = handle.shadow().seq > snapshot.seq;
        if superseded
            && published
                .at
                .is_some_and(|at| at.elapsed() < SKIP_SUPERSEDED_WITHIN)
        {
            continue;
        }
        published.version = Some(snapshot.version);
        if let Some(frame) = publish {
            published.at = Some(std::time::Instant::now());
            let bytes = frame.len();
            shared.out.send(frame);
            if timing_enabled() {
                eprintln!(
                    "resume-lsp: version {} queued {:?} after its change arrived ({bytes} bytes)",
                    snapshot.version,
                    received.elapsed(),
                );
            }
        }
    }
}

/// The framed `textDocument/publishDiagnostics` notification.
fn publication(
    uri: &Uri,
    diagnostics: Vec<lsp::Diagnostic>,
    version: Option<i32>,
) -> Option<Vec<u8>> {
    let params = lsp::PublishDiagnosticsParams {
        uri: uri.clone(),
        diagnostics,
        version,
    };
    super::out::notification("textDocument/publishDiagnostics", &params).ok()
}

/// Frees a snapshot on a blocking thread when dropped, so publishing does
/// not wait for it.
struct FreeLater(Option<Arc<Snapshot>>);

impl Drop for FreeLater {
    fn drop(&mut self) {
        if let Some(snapshot) = self.0.take() {
            if snapshot.found.len() > 64 && Arc::strong_count(&snapshot) == 1 {
                tokio::task::spawn_blocking(move || drop(snapshot));
            }
        }
    }
}

/// Applies the job's changes, lints, and builds the snapshot. Runs on a
/// blocking thread; panics in the engine are caught here.
fn process(handle: &DocHandle, shared: &Shared, worker: &Mutex<Worker>, job: Job) -> Outcome {
    let mut worker = worker.lock().unwrap_or_else(|p| p.into_inner());
    let mut problems = Vec::new();
    let mut report = None;

    // Configuration for this epoch.
    let config = match &worker.config {
        Some((epoch, c)) if *epoch == job.epoch => c.clone(),
        _ => {
            let (mut effective, r) = shared.configs.effective_for(handle.path.as_deref());
            report = r;
            if handle.format == Format::Latex {
                if let Some(path) = &handle.path {
                    let text = job.rope.to_string();
                    effective.parse.included = Arc::new(
                        catch_unwind(AssertUnwindSafe(|| {
                            crate::config_file::include_definitions(path, &text)
                        }))
                        .unwrap_or_default(),
                    );
                }
            }
            let c = Arc::new(effective);
            worker.config = Some((job.epoch, c.clone()));
            c
        }
    };

    let t0 = std::time::Instant::now();
    // Bring the document up to date.
    let applied = catch_unwind(AssertUnwindSafe(|| {
        apply(
            &mut worker.document,
            handle.format,
            &config,
            job.changes,
            job.version,
        )
    }));
    if let Err(panic) = applied {
        problems.push(format!(
            "internal error while updating {} ({}); the document was re-read",
            handle.uri.as_str(),
            panic_message(&panic)
        ));
        worker.document = catch_unwind(AssertUnwindSafe(|| {
            Document::new(
                &job.rope.to_string(),
                handle.format,
                job.version,
                config.parse.clone(),
            )
        }))
        .ok();
    }
    let worker = &mut *worker;
    let Some(doc) = worker.document.as_mut() else {
        let mut empty = Snapshot::empty();
        empty.seq = job.seq;
        empty.version = job.version;
        return Outcome {
            snapshot: Arc::new(empty),
            publish: Some(Vec::new()),
            report,
            problems,
        };
    };
    if doc.options() != &config.parse {
        doc.set_options(config.parse.clone());
    }
    doc.set_version(job.version);

    let t1 = std::time::Instant::now();
    let text = doc.text();
    let resume = doc.resume();
    let found = lint_guarded(
        shared,
        resume,
        text,
        &config.rules,
        &mut worker.lint_cache,
        &mut problems,
    );
    let t2 = std::time::Instant::now();
    let enc = shared.encoding();
    let index = LineIndex::new(text);
    let publish = shared
        .push_diagnostics()
        .then(|| convert::diagnostics(&found, text, &index, enc))
        .and_then(|diagnostics| publication(&handle.uri, diagnostics, Some(job.version)));
    if timing_enabled() {
        eprintln!(
            "resume-lsp: version {} update {:?} lint {:?} convert and serialize {:?}",
            job.version,
            t1 - t0,
            t2 - t1,
            t2.elapsed()
        );
    }
    Outcome {
        snapshot: Arc::new(Snapshot {
            seq: job.seq,
            version: job.version,
            text: text.to_string(),
            index,
            found,
            resume: Some(doc.shared_resume()),
            encoding: enc,
            outline: OnceLock::new(),
            config,
        }),
        publish,
        report,
        problems,
    }
}

fn apply(
    document: &mut Option<Document>,
    format: Format,
    config: &Effective,
    changes: Vec<Change>,
    version: i32,
) {
    // Everything before the last full replacement is irrelevant.
    let last_full = changes.iter().rposition(|c| matches!(c, Change::Full(_)));
    let mut changes = changes.into_iter().skip(last_full.unwrap_or(0)).peekable();
    if let Some(Change::Full(text)) = changes.peek() {
        match document {
            Some(doc) => doc.replace_all(text),
            None => *document = Some(Document::new(text, format, version, config.parse.clone())),
        }
        changes.next();
    }
    let Some(doc) = document.as_mut() else {
        return;
    };
    let edits: Vec<(Range<usize>, String)> = changes
        .filter_map(|c| match c {
            Change::Edit(r, t) => Some((r, t)),
            Change::Full(_) => None,
        })
        .collect();
    if !edits.is_empty() {
        doc.apply_edits(edits.iter().map(|(r, t)| (r.clone(), t.as_str())));
    }
}

/// Lints with every panic caught. When the whole run panics, each rule runs
/// alone so one broken rule does not hide the others' findings.
fn lint_guarded(
    shared: &Shared,
    resume: &Resume,
    text: &str,
    config: &Config,
    cache: &mut LintCache,
    problems: &mut Vec<String>,
) -> Vec<resume_rules::Diagnostic> {
    let run = catch_unwind(AssertUnwindSafe(|| {
        if let Some(hook) = shared.options.lint_hook {
            hook(text);
        }
        resume_rules::lint_cached(resume, text, config, cache)
    }));
    match run {
        Ok(found) => found,
        Err(panic) => {
            // Results computed before the panic are sound, but start afresh.
            *cache = LintCache::default();
            problems.push(format!(
                "a rule panicked ({}); linting each rule on its own",
                panic_message(&panic)
            ));
            let mut out = Vec::new();
            for rule in resume_rules::RULES {
                let code = rule.meta.code;
                if config.level(code, rule.meta.default_severity) == RuleLevel::Off {
                    continue;
                }
                let mut alone = config.clone();
                for other in resume_rules::RULES {
                    if other.meta.code != code {
                        alone
                            .rules
                            .insert(other.meta.code.to_string(), RuleLevel::Off);
                    }
                }
                match catch_unwind(AssertUnwindSafe(|| {
                    resume_rules::lint(resume, text, &alone)
                })) {
                    Ok(found) => out.extend(found),
                    Err(p) => problems.push(format!(
                        "rule `{code}` panicked ({}); its findings are left out",
                        panic_message(&p)
                    )),
                }
            }
            out.sort_by(|a, b| {
                (a.range.start, a.range.end, a.code).cmp(&(b.range.start, b.range.end, b.code))
            });
            out.dedup();
            out
        }
    }
}

/// Whether `RESUME_LSP_TIMING` asks for per-version timings on stderr.
fn timing_enabled() -> bool {
    static ON: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *ON.get_or_init(|| std::env::var_os("RESUME_LSP_TIMING").is_some())
}

/// The message of a caught panic.
pub(crate) fn panic_message(panic: &Box<dyn std::any::Any + Send>) -> String {
    if let Some(s) = panic.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = panic.downcast_ref::<String>() {
        s.clone()
    } else {
        "unknown panic".to_string()
    }
}
