//! The language server (SPEC §6): stdio transport, incremental sync,
//! push and pull diagnostics, code actions, hover, symbols, folding,
//! configuration.
//!
//! This module is the only place that knows the protocol. Entry points:
//! [`serve_stdio`] for the binary and [`serve`] / [`serve_with`] for
//! in-process use over any async reader and writer.
//!
//! Invariants:
//! - notification handlers never `.await` before the document is updated:
//!   edits go to the document's shadow synchronously (see `document`);
//! - linting runs on blocking threads, one worker per document, and results
//!   are published with the version they were computed for, never older than
//!   what was already published;
//! - every request handler and every lint runs under `catch_unwind`: a panic
//!   is logged and answered with an error, and the server keeps serving.

mod actions;
mod config;
mod convert;
mod document;
mod inbox;
mod out;
mod position;

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use dashmap::DashMap;
use resume_syntax::{Encoding, Format};
use tokio::io::{AsyncRead, AsyncWrite};
use tower_lsp_server::jsonrpc::{Error as RpcError, Result as RpcResult};
use tower_lsp_server::lsp_types::*;
use tower_lsp_server::{Client, LanguageServer, LspService, Server, UriExt};

use self::config::{ConfigStore, FileReport};
use self::document::{Change, DocHandle, Snapshot};

/// Options for an in-process server (tests).
#[derive(Clone, Copy, Debug, Default)]
pub struct ServeOptions {
    /// Called with the text before every lint, inside the lint's panic guard
    /// (tests use it to simulate a panicking rule).
    pub lint_hook: Option<fn(&str)>,
    /// Adds a `resume-lsp/panic` request that panics (tests use it to check
    /// that a panicking request is answered and the server keeps serving).
    pub panic_request: bool,
}

/// Speaks LSP on stdin/stdout until `exit` (or end of input). Builds its own
/// tokio runtime. Exit status: 0 after `shutdown` then `exit`, 1 otherwise.
pub fn serve_stdio() -> ExitCode {
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .max_blocking_threads(8)
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(err) => {
            eprintln!("error: cannot start the async runtime: {err}; check the process limits");
            return ExitCode::from(2);
        }
    };
    let clean = runtime.block_on(serve(tokio::io::stdin(), tokio::io::stdout()));
    runtime.shutdown_timeout(std::time::Duration::from_millis(200));
    if clean {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

/// Serves one client over `input`/`output` until `exit` or end of input.
/// Returns whether the session ended cleanly (`shutdown` before `exit`).
pub async fn serve<I, O>(input: I, output: O) -> bool
where
    I: AsyncRead + Unpin,
    O: AsyncWrite,
{
    serve_with(input, output, ServeOptions::default()).await
}

/// [`serve`] with test options.
pub async fn serve_with<I, O>(input: I, output: O, options: ServeOptions) -> bool
where
    I: AsyncRead + Unpin,
    O: AsyncWrite,
{
    let shutdown = Arc::new(AtomicBool::new(false));
    let flag = shutdown.clone();
    let (outbox, writer) = out::Outbox::new(output);
    let transport = outbox.transport();
    let shared_out = outbox.clone();
    let mut builder = LspService::build(move |client| Backend {
        shared: Arc::new(Shared {
            client,
            out: shared_out,
            docs: DashMap::new(),
            configs: ConfigStore::default(),
            caps: OnceLock::new(),
            options,
            pending_messages: std::sync::Mutex::new(Vec::new()),
        }),
        shutdown: flag,
    });
    if options.panic_request {
        builder = builder.custom_method("resume-lsp/panic", Backend::panic_request);
    }
    let (service, socket) = builder.finish();
    // Client bytes go through the checking reader; tower-lsp-server reads
    // only well-formed messages, from a pipe.
    let (to_server, from_pump) = tokio::io::duplex(1 << 16);
    let stopped = tokio::sync::Notify::new();
    let pump = async {
        tokio::select! {
            () = inbox::pump(input, to_server, outbox.clone()) => {}
            () = stopped.notified() => {}
        }
    };
    let serve = async {
        Server::new(from_pump, transport, socket)
            .serve(service)
            .await;
        stopped.notify_one();
        outbox.stop().await;
    };
    tokio::join!(pump, serve, writer);
    shutdown.load(Ordering::SeqCst)
}

/// What the client said it can do.
#[derive(Debug, Clone, Copy)]
struct Caps {
    encoding: Encoding,
    pull: bool,
    doc_changes: bool,
    watch_dynamic: bool,
    configuration: bool,
    refresh: bool,
}

/// State shared by handlers and document workers.
pub(crate) struct Shared {
    client: Client,
    /// The output stream, for diagnostics serialized by document workers.
    out: out::Outbox,
    docs: DashMap<Uri, Arc<DocHandle>>,
    configs: ConfigStore,
    caps: OnceLock<Caps>,
    options: ServeOptions,
    /// Messages to show once the client is initialized.
    pending_messages: std::sync::Mutex<Vec<String>>,
}

impl Shared {
    fn caps(&self) -> Caps {
        self.caps.get().copied().unwrap_or(Caps {
            encoding: Encoding::Utf16,
            pull: false,
            doc_changes: false,
            watch_dynamic: false,
            configuration: false,
            refresh: false,
        })
    }

    /// The negotiated position encoding.
    pub(crate) fn encoding(&self) -> Encoding {
        self.caps().encoding
    }

    /// Whether diagnostics are pushed (clients that pull get none pushed,
    /// so they do not see every finding twice).
    pub(crate) fn push_diagnostics(&self) -> bool {
        !self.caps().pull
    }

    pub(crate) async fn log(&self, typ: MessageType, message: String) {
        self.client.log_message(typ, message).await;
    }

    /// Publishes the problems of a configuration file on its own URI, and
    /// shows an error message when it is unusable.
    pub(crate) async fn report_config(&self, report: FileReport) {
        let Some(uri) = Uri::from_file_path(&report.path) else {
            return;
        };
        let index = resume_syntax::LineIndex::new(&report.text);
        let enc = self.encoding();
        let diag = |p: &crate::config_file::ConfigProblem, severity| {
            let r = p.range.clone().unwrap_or(0..0);
            Diagnostic {
                range: position::range(&index, &report.text, r, enc),
                severity: Some(severity),
                code: Some(NumberOrString::String("invalid-config".into())),
                source: Some(convert::SOURCE.into()),
                message: p.message.clone(),
                ..Default::default()
            }
        };
        let mut diags: Vec<Diagnostic> = report
            .warnings
            .iter()
            .map(|w| diag(w, DiagnosticSeverity::WARNING))
            .collect();
        if let Some(e) = &report.error {
            diags.push(diag(e, DiagnosticSeverity::ERROR));
            self.client
                .show_message(
                    MessageType::ERROR,
                    format!(
                        "resume-lsp: {}:{}:{}: {} (using the default configuration)",
                        report.path.display(),
                        e.line,
                        e.column,
                        e.message
                    ),
                )
                .await;
        }
        self.client.publish_diagnostics(uri, diags, None).await;
    }

    /// Reads changed config files again, reports their problems and
    /// re-lints every open document.
    async fn config_files_changed(shared: &Arc<Shared>, configs: Vec<PathBuf>) {
        if configs.is_empty() {
            return;
        }
        shared.configs.invalidate();
        for path in configs {
            let s = shared.clone();
            let report = tokio::task::spawn_blocking(move || {
                if path.is_file() {
                    Some(s.configs.reload(&path))
                } else {
                    // Deleted: clear what was published for it.
                    Some(FileReport {
                        path,
                        text: String::new(),
                        error: None,
                        warnings: Vec::new(),
                    })
                }
            })
            .await
            .ok()
            .flatten();
            if let Some(report) = report {
                shared.report_config(report).await;
            }
        }
        shared.relint_all().await;
    }

    /// For a client that does not watch files for the server: looks at the
    /// config files every `every` and acts on a change as on a watched-file
    /// event, until the server shuts down.
    fn poll_config_files(shared: &Arc<Shared>, shutdown: Arc<AtomicBool>, every: Duration) {
        let weak = Arc::downgrade(shared);
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(every);
            tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            tick.tick().await;
            loop {
                tick.tick().await;
                let Some(shared) = weak.upgrade() else {
                    return;
                };
                if shutdown.load(Ordering::SeqCst) {
                    return;
                }
                let s = shared.clone();
                let changed = tokio::task::spawn_blocking(move || s.configs.changed_files())
                    .await
                    .unwrap_or_default();
                Shared::config_files_changed(&shared, changed).await;
            }
        });
    }

    /// Re-lints every open document (the configuration changed); clients
    /// that pull diagnostics are asked to pull again.
    async fn relint_all(&self) {
        for doc in self.docs.iter() {
            doc.value().relint();
        }
        let caps = self.caps();
        if caps.pull && caps.refresh {
            let _ = self.client.workspace_diagnostic_refresh().await;
        }
    }
}

struct Backend {
    shared: Arc<Shared>,
    shutdown: Arc<AtomicBool>,
}

/// How often config files are looked at when the client does not watch
/// them for the server.
const CONFIG_POLL: Duration = Duration::from_secs(2);

fn format_of(uri: &Uri, language_id: &str) -> Option<Format> {
    Format::from_path(uri.path().as_str()).or(match language_id {
        "latex" | "tex" | "plaintex" => Some(Format::Latex),
        "markdown" | "md" => Some(Format::Markdown),
        _ => None,
    })
}

/// Runs a request computation with panics turned into an internal error.
fn guarded<T>(what: &str, f: impl FnOnce() -> T) -> RpcResult<T> {
    catch_unwind(AssertUnwindSafe(f)).map_err(|panic| {
        let message = document::panic_message(&panic);
        eprintln!("resume-lsp: internal error in {what}: {message}");
        RpcError {
            code: tower_lsp_server::jsonrpc::ErrorCode::InternalError,
            message: format!("internal error in {what}: {message}").into(),
            data: None,
        }
    })
}

impl Backend {
    fn doc(&self, uri: &Uri) -> Option<Arc<DocHandle>> {
        self.shared.docs.get(uri).map(|d| d.value().clone())
    }

    async fn snapshot(&self, uri: &Uri) -> Option<(Arc<DocHandle>, Arc<Snapshot>)> {
        let doc = self.doc(uri)?;
        let snap = doc.fresh().await;
        Some((doc, snap))
    }

    async fn log_error<T>(&self, result: RpcResult<T>) -> RpcResult<T> {
        if let Err(e) = &result {
            self.shared
                .log(MessageType::ERROR, e.message.to_string())
                .await;
        }
        result
    }

    async fn panic_request(&self, _params: serde_json::Value) -> RpcResult<serde_json::Value> {
        let r = guarded("resume-lsp/panic", || -> serde_json::Value {
            panic!("requested panic")
        });
        self.log_error(r).await
    }

    /// Applies editor settings (a `null` or empty value asks the client).
    async fn apply_settings(&self, settings: serde_json::Value) {
        let empty = settings.is_null() || settings.as_object().is_some_and(|o| o.is_empty());
        let settings = if empty && self.shared.caps().configuration {
            let items = vec![ConfigurationItem {
                scope_uri: None,
                section: Some("resume-lsp".into()),
            }];
            match self.shared.client.configuration(items).await {
                Ok(mut values) if !values.is_empty() => values.swap_remove(0),
                _ => settings,
            }
        } else {
            settings
        };
        if let Err(message) = self.shared.configs.set_settings(&settings) {
            self.shared
                .client
                .show_message(MessageType::ERROR, format!("resume-lsp: {message}"))
                .await;
        }
        self.shared.relint_all().await;
    }
}

impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> RpcResult<InitializeResult> {
        let caps = &params.capabilities;
        let utf8 = caps
            .general
            .as_ref()
            .and_then(|g| g.position_encodings.as_ref())
            .is_some_and(|e| e.contains(&PositionEncodingKind::UTF8));
        let workspace = caps.workspace.as_ref();
        let client_caps = Caps {
            encoding: if utf8 {
                Encoding::Utf8
            } else {
                Encoding::Utf16
            },
            pull: caps
                .text_document
                .as_ref()
                .and_then(|t| t.diagnostic.as_ref())
                .is_some(),
            doc_changes: workspace
                .and_then(|w| w.workspace_edit.as_ref())
                .and_then(|e| e.document_changes)
                .unwrap_or(false),
            watch_dynamic: workspace
                .and_then(|w| w.did_change_watched_files.as_ref())
                .and_then(|d| d.dynamic_registration)
                .unwrap_or(false),
            configuration: workspace.and_then(|w| w.configuration).unwrap_or(false),
            refresh: workspace
                .and_then(|w| w.diagnostic.as_ref())
                .and_then(|d| d.refresh_support)
                .unwrap_or(false),
        };
        let _ = self.shared.caps.set(client_caps);
        if let Some(options) = &params.initialization_options {
            if let Err(message) = self.shared.configs.set_settings(options) {
                // Messages before `initialized` would be dropped.
                if let Ok(mut pending) = self.shared.pending_messages.lock() {
                    pending.push(format!("resume-lsp: {message}"));
                }
            }
        }
        Ok(InitializeResult {
            capabilities: ServerCapabilities {
                position_encoding: Some(if utf8 {
                    PositionEncodingKind::UTF8
                } else {
                    PositionEncodingKind::UTF16
                }),
                text_document_sync: Some(TextDocumentSyncCapability::Options(
                    TextDocumentSyncOptions {
                        open_close: Some(true),
                        change: Some(TextDocumentSyncKind::INCREMENTAL),
                        will_save: None,
                        will_save_wait_until: None,
                        save: None,
                    },
                )),
                hover_provider: Some(HoverProviderCapability::Simple(true)),
                code_action_provider: Some(CodeActionProviderCapability::Options(
                    CodeActionOptions {
                        code_action_kinds: Some(vec![
                            CodeActionKind::QUICKFIX,
                            actions::fix_all_kind(),
                            actions::fix_dates_kind(),
                        ]),
                        work_done_progress_options: Default::default(),
                        resolve_provider: None,
                    },
                )),
                document_symbol_provider: Some(OneOf::Left(true)),
                folding_range_provider: Some(FoldingRangeProviderCapability::Simple(true)),
                diagnostic_provider: Some(DiagnosticServerCapabilities::Options(
                    DiagnosticOptions {
                        identifier: Some("resume-lsp".into()),
                        inter_file_dependencies: false,
                        workspace_diagnostics: false,
                        work_done_progress_options: Default::default(),
                    },
                )),
                ..Default::default()
            },
            server_info: Some(ServerInfo {
                name: "resume-lsp".into(),
                version: Some(env!("CARGO_PKG_VERSION").into()),
            }),
        })
    }

    async fn initialized(&self, _: InitializedParams) {
        let pending: Vec<String> = self
            .shared
            .pending_messages
            .lock()
            .map(|mut p| std::mem::take(&mut *p))
            .unwrap_or_default();
        for message in pending {
            self.shared
                .client
                .show_message(MessageType::ERROR, message)
                .await;
        }
        if self.shared.caps().watch_dynamic {
            let options = DidChangeWatchedFilesRegistrationOptions {
                watchers: vec![FileSystemWatcher {
                    glob_pattern: GlobPattern::String(format!(
                        "**/{}",
                        crate::config_file::FILE_NAME
                    )),
                    kind: None,
                }],
            };
            let registration = Registration {
                id: "resume-lsp-config-watcher".into(),
                method: "workspace/didChangeWatchedFiles".into(),
                register_options: serde_json::to_value(options).ok(),
            };
            if let Err(e) = self
                .shared
                .client
                .register_capability(vec![registration])
                .await
            {
                self.shared
                    .log(
                        MessageType::WARNING,
                        format!(
                            "cannot watch {} files ({}); looking at them every {} ms instead",
                            crate::config_file::FILE_NAME,
                            e.message,
                            CONFIG_POLL.as_millis()
                        ),
                    )
                    .await;
                Shared::poll_config_files(&self.shared, self.shutdown.clone(), CONFIG_POLL);
            }
        } else {
            Shared::poll_config_files(&self.shared, self.shutdown.clone(), CONFIG_POLL);
        }
    }

    async fn shutdown(&self) -> RpcResult<()> {
        self.shutdown.store(true, Ordering::SeqCst);
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        let doc = params.text_document;
        let Some(format) = format_of(&doc.uri, &doc.language_id) else {
            return;
        };
        let path: Option<PathBuf> = doc.uri.to_file_path().map(|p| p.into_owned());
        let handle = DocHandle::open(
            &self.shared,
            doc.uri.clone(),
            format,
            path,
            doc.text,
            doc.version,
        );
        if let Some(old) = self.shared.docs.insert(doc.uri, handle) {
            old.shadow().closed = true;
            old.wake();
        }
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        let uri = params.text_document.uri;
        let Some(doc) = self.doc(&uri) else {
            return;
        };
        let enc = self.shared.encoding();
        let mut clamped = Vec::new();
        // The whole update happens before the first await.
        let updated = guarded("didChange", || {
            let mut shadow = doc.shadow();
            for change in params.content_changes {
                match change.range {
                    Some(range) => {
                        let (start, c1) = position::rope_offset(&shadow.rope, range.start, enc);
                        let (end, c2) = position::rope_offset(&shadow.rope, range.end, enc);
                        if c1 || c2 {
                            clamped.push(range);
                        }
                        let (start, end) = (start.min(end), end.max(start));
                        let cs = shadow.rope.byte_to_char(start);
                        let ce = shadow.rope.byte_to_char(end);
                        shadow.rope.remove(cs..ce);
                        shadow.rope.insert(cs, &change.text);
                        shadow.pending.push(Change::Edit(start..end, change.text));
                    }
                    None => {
                        shadow.rope = ropey::Rope::from_str(&change.text);
                        shadow.pending.push(Change::Full(change.text));
                    }
                }
            }
            shadow.version = params.text_document.version;
            shadow.seq += 1;
            shadow.received = std::time::Instant::now();
        });
        doc.wake();
        if let Err(e) = updated {
            self.shared
                .log(MessageType::ERROR, e.message.to_string())
                .await;
        }
        for range in clamped {
            self.shared
                .log(
                    MessageType::WARNING,
                    format!(
                        "edit range {}:{}-{}:{} is past the end of {}; clamped to the document",
                        range.start.line,
                        range.start.character,
                        range.end.line,
                        range.end.character,
                        uri.as_str()
                    ),
                )
                .await;
        }
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        if let Some((_, doc)) = self.shared.docs.remove(&params.text_document.uri) {
            doc.close(&self.shared).await;
        }
    }

    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        self.apply_settings(params.settings).await;
    }

    async fn did_change_watched_files(&self, params: DidChangeWatchedFilesParams) {
        let configs: Vec<PathBuf> = params
            .changes
            .iter()
            .filter_map(|c| c.uri.to_file_path().map(|p| p.into_owned()))
            .filter(|p| {
                p.file_name()
                    .is_some_and(|n| n == crate::config_file::FILE_NAME)
            })
            .collect();
        Shared::config_files_changed(&self.shared, configs).await;
    }

    async fn diagnostic(
        &self,
        params: DocumentDiagnosticParams,
    ) -> RpcResult<DocumentDiagnosticReportResult> {
        let items = match self.snapshot(&params.text_document.uri).await {
            Some((_, snap)) => {
                let id = format!("{}:{}", snap.seq, snap.version);
                if params.previous_result_id.as_deref() == Some(id.as_str()) {
                    return Ok(DocumentDiagnosticReportResult::Report(
                        DocumentDiagnosticReport::Unchanged(
                            RelatedUnchangedDocumentDiagnosticReport {
                                related_documents: None,
                                unchanged_document_diagnostic_report:
                                    UnchangedDocumentDiagnosticReport { result_id: id },
                            },
                        ),
                    ));
                }
                (Some(id), snap.diagnostics(self.shared.encoding()))
            }
            None => (None, Vec::new()),
        };
        Ok(DocumentDiagnosticReportResult::Report(
            DocumentDiagnosticReport::Full(RelatedFullDocumentDiagnosticReport {
                related_documents: None,
                full_document_diagnostic_report: FullDocumentDiagnosticReport {
                    result_id: items.0,
                    items: items.1,
                },
            }),
        ))
    }

    async fn code_action(&self, params: CodeActionParams) -> RpcResult<Option<CodeActionResponse>> {
        let Some((doc, snap)) = self.snapshot(&params.text_document.uri).await else {
            return Ok(None);
        };
        let caps = self.shared.caps();
        let r = guarded("codeAction", || {
            actions::code_actions(
                &snap,
                &params.text_document.uri,
                &params,
                doc.format,
                caps.encoding,
                caps.doc_changes,
            )
        });
        self.log_error(r).await.map(Some)
    }

    async fn hover(&self, params: HoverParams) -> RpcResult<Option<Hover>> {
        let p = params.text_document_position_params;
        let Some((_, snap)) = self.snapshot(&p.text_document.uri).await else {
            return Ok(None);
        };
        let enc = self.shared.encoding();
        let r = guarded("hover", || actions::hover(&snap, p.position, enc));
        self.log_error(r).await
    }

    async fn document_symbol(
        &self,
        params: DocumentSymbolParams,
    ) -> RpcResult<Option<DocumentSymbolResponse>> {
        let Some((_, snap)) = self.snapshot(&params.text_document.uri).await else {
            return Ok(None);
        };
        Ok(Some(DocumentSymbolResponse::Nested(
            snap.symbols().to_vec(),
        )))
    }

    async fn folding_range(
        &self,
        params: FoldingRangeParams,
    ) -> RpcResult<Option<Vec<FoldingRange>>> {
        let Some((_, snap)) = self.snapshot(&params.text_document.uri).await else {
            return Ok(None);
        };
        Ok(Some(snap.folding().to_vec()))
    }
}
