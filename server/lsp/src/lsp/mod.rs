//! The language server (SPEC §6): stdio transport, incremental sync,
//! diagnostics, code actions, hover, symbols, configuration.
//!
//! This module is the only place that knows the protocol. Entry points:
//! [`serve_stdio`] for the binary and [`serve`] for in-process tests over any
//! async reader and writer.

use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use tokio::io::{AsyncRead, AsyncWrite};
use tower_lsp_server::jsonrpc::Result as RpcResult;
use tower_lsp_server::lsp_types::*;
use tower_lsp_server::{Client, LanguageServer, LspService, Server};

/// Speaks LSP on stdin/stdout until `exit` (or end of input). Builds its own
/// tokio runtime. Exit status: 0 after `shutdown` then `exit`, 1 otherwise.
pub fn serve_stdio() -> ExitCode {
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
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
    let shutdown = Arc::new(AtomicBool::new(false));
    let flag = shutdown.clone();
    let (service, socket) = LspService::new(move |client| Backend {
        client,
        shutdown: flag,
    });
    Server::new(input, output, socket).serve(service).await;
    shutdown.load(Ordering::SeqCst)
}

struct Backend {
    #[allow(dead_code)]
    client: Client,
    shutdown: Arc<AtomicBool>,
}

impl LanguageServer for Backend {
    async fn initialize(&self, _: InitializeParams) -> RpcResult<InitializeResult> {
        Ok(InitializeResult {
            capabilities: ServerCapabilities {
                text_document_sync: Some(TextDocumentSyncCapability::Kind(
                    TextDocumentSyncKind::INCREMENTAL,
                )),
                ..Default::default()
            },
            server_info: Some(ServerInfo {
                name: "resume-lsp".into(),
                version: Some(env!("CARGO_PKG_VERSION").into()),
            }),
        })
    }

    async fn shutdown(&self) -> RpcResult<()> {
        self.shutdown.store(true, Ordering::SeqCst);
        Ok(())
    }
}
