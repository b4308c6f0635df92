//! The configuration each open document is linted with: the nearest
//! `resume-lsp.toml` (cached per file until it changes) with the editor's
//! settings on top.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;

use resume_rules::Config;
use resume_syntax::ParseOptions;

use crate::config_file::{self, ConfigError, ConfigLayer, ConfigProblem, LoadedConfig};

/// What a document is linted with.
#[derive(Clone, Debug, Default)]
pub(crate) struct Effective {
    /// Rule configuration.
    pub(crate) rules: Config,
    /// Parse options.
    pub(crate) parse: ParseOptions,
}

/// The outcome of reading one configuration file.
#[derive(Clone, Debug)]
pub(crate) struct FileReport {
    /// The file.
    pub(crate) path: PathBuf,
    /// Its text (for positions), empty when unreadable.
    pub(crate) text: String,
    /// The error that made it unusable, if any.
    pub(crate) error: Option<ConfigProblem>,
    /// Problems that did not stop it loading.
    pub(crate) warnings: Vec<ConfigProblem>,
}

#[derive(Default)]
struct Cache {
    /// Config file → its parsed layer (`None`: unusable, defaults used).
    files: HashMap<PathBuf, Option<ConfigLayer>>,
    /// Config file → its modification time and length when it was read.
    stamps: HashMap<PathBuf, Option<Stamp>>,
    /// Document directory → nearest config file.
    lookups: HashMap<PathBuf, Option<PathBuf>>,
}

/// What tells that a file changed without reading it.
type Stamp = (std::time::SystemTime, u64);

fn stamp(path: &Path) -> Option<Stamp> {
    let meta = std::fs::metadata(path).ok()?;
    Some((meta.modified().ok()?, meta.len()))
}

/// Shared configuration state.
#[derive(Default)]
pub(crate) struct ConfigStore {
    /// Bumped whenever a config file or the settings change.
    epoch: AtomicU64,
    settings: Mutex<ConfigLayer>,
    cache: Mutex<Cache>,
}

impl ConfigStore {
    /// The current epoch.
    pub(crate) fn epoch(&self) -> u64 {
        self.epoch.load(Ordering::SeqCst)
    }

    /// Forgets cached files and lookups and starts a new epoch.
    pub(crate) fn invalidate(&self) {
        if let Ok(mut c) = self.cache.lock() {
            *c = Cache::default();
        }
        self.epoch.fetch_add(1, Ordering::SeqCst);
    }

    /// Replaces the editor settings. Returns a message when they are invalid
    /// (they are ignored then).
    pub(crate) fn set_settings(&self, value: &serde_json::Value) -> Result<(), String> {
        let layer = ConfigLayer::from_json(value)?;
        config_file::build_layer(&layer, None)
            .map_err(|e| format!("ignoring the resume-lsp settings: {e}"))?;
        if let Ok(mut s) = self.settings.lock() {
            *s = layer;
        }
        self.invalidate();
        Ok(())
    }

    /// The configuration for a document at `path` (`None` for unsaved
    /// buffers), plus a report when a config file was read for this call.
    /// Reads the file system: call off the async runtime.
    pub(crate) fn effective_for(&self, path: Option<&Path>) -> (Effective, Option<FileReport>) {
        let settings = self.settings.lock().map(|s| s.clone()).unwrap_or_default();
        let mut report = None;
        let file_layer = path.and_then(|p| {
            let dir = p.parent().unwrap_or(p).to_path_buf();
            let config_path = {
                let mut cache = self.cache.lock().ok()?;
                cache
                    .lookups
                    .entry(dir.clone())
                    .or_insert_with(|| config_file::find_config_file(&dir))
                    .clone()?
            };
            let cached = self
                .cache
                .lock()
                .ok()
                .and_then(|c| c.files.get(&config_path).cloned());
            match cached {
                Some(layer) => layer,
                None => {
                    let (layer, r) = self.load(&config_path);
                    report = Some(r);
                    layer
                }
            }
        });
        let dir = path.and_then(Path::parent);
        let merged = file_layer.unwrap_or_default().merge(&settings);
        let loaded = config_file::build_layer(&merged, dir)
            .or_else(|_| config_file::build_layer(&settings, dir))
            .unwrap_or_default();
        (
            Effective {
                rules: loaded.rules,
                parse: loaded.parse,
            },
            report,
        )
    }
}

impl ConfigStore {
    /// Reads a changed config file into the cache (so documents re-linted
    /// next do not read it again) and returns its report.
    pub(crate) fn reload(&self, path: &Path) -> FileReport {
        self.load(path).1
    }

    /// Reads a config file into the cache, with the stamp it had.
    fn load(&self, path: &Path) -> (Option<ConfigLayer>, FileReport) {
        // Stamped before reading: a change while it is read is seen next
        // time.
        let at = stamp(path);
        let (layer, report) = read_file(path);
        if let Ok(mut c) = self.cache.lock() {
            c.stamps.insert(path.to_path_buf(), at);
            c.files.insert(path.to_path_buf(), layer.clone());
        }
        (layer, report)
    }

    /// The config files that changed on disk since they were read, appeared
    /// nearer to an open document than the one it uses, or went away: for
    /// clients that do not watch files for the server. Reads the file
    /// system: call off the async runtime.
    pub(crate) fn changed_files(&self) -> Vec<PathBuf> {
        let (stamps, lookups) = match self.cache.lock() {
            Ok(c) => (c.stamps.clone(), c.lookups.clone()),
            Err(_) => return Vec::new(),
        };
        let mut changed: Vec<PathBuf> = stamps
            .into_iter()
            .filter(|(path, at)| stamp(path) != *at)
            .map(|(path, _)| path)
            .collect();
        for (dir, found) in lookups {
            let now = config_file::find_config_file(&dir);
            if now != found {
                changed.extend(now.into_iter().chain(found));
            }
        }
        changed.sort();
        changed.dedup();
        changed
    }
}

/// Reads one config file into its layer and a report.
pub(crate) fn read_file(path: &Path) -> (Option<ConfigLayer>, FileReport) {
    let text = std::fs::read(path)
        .map(|b| String::from_utf8_lossy(&b).into_owned())
        .unwrap_or_default();
    let result: Result<LoadedConfig, ConfigError> = config_file::load_file(path);
    match result {
        Ok(loaded) => (
            Some(loaded.layer.clone()),
            FileReport {
                path: path.to_path_buf(),
                text,
                error: None,
                warnings: loaded.warnings,
            },
        ),
        Err(e) => (
            None,
            FileReport {
                path: path.to_path_buf(),
                text,
                error: Some(e.problem),
                warnings: Vec::new(),
            },
        ),
    }
}
