//! Results of text analyses kept between lint runs.
//!
//! The rules' costly analyses (metric detection, date parsing, weak-phrase,
//! buzzword and acronym matching) are pure functions of one plain text and
//! the configuration. A [`LintCache`] keeps their results between runs over
//! the same document, so after an edit only the texts that changed are
//! analysed again; results that no run used are dropped at the end of each
//! run.

use std::any::Any;
use std::cell::{Cell, RefCell};
use std::collections::HashMap;

use crate::Config;

/// Analysis results kept between [`crate::lint_cached`] runs of one
/// document. A run with another configuration starts afresh.
#[derive(Default)]
pub struct LintCache {
    config: Option<Config>,
    memo: Memo,
}

impl std::fmt::Debug for LintCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LintCache")
            .field("entries", &self.memo.len())
            .finish()
    }
}

impl LintCache {
    /// The memo for a run with `config`, emptied when the configuration
    /// changed since the last run.
    pub(crate) fn start(&mut self, config: &Config) -> &Memo {
        if self.config.as_ref() != Some(config) {
            self.memo = Memo::default();
            self.config = Some(config.clone());
        }
        self.memo.run.set(self.memo.run.get() + 1);
        &self.memo
    }
}

type Table = HashMap<Box<str>, (Box<dyn Any + Send>, u64), FastHash>;

/// The memo's keys are texts of one document, so there is no hash
/// flooding to fear, and hashing them is a measurable part of a lint run:
/// a fast non-cryptographic hash with a fixed seed.
pub(crate) type FastHash = foldhash::fast::FixedState;

/// One result per analysis and text, with the run that last used it.
#[derive(Default)]
pub(crate) struct Memo {
    run: Cell<u64>,
    tables: RefCell<HashMap<&'static str, Table, FastHash>>,
}

impl Memo {
    /// `compute()`, or the result it gave for the same `analysis` and `text`
    /// before.
    pub(crate) fn get<V: Clone + Send + 'static>(
        &self,
        analysis: &'static str,
        text: &str,
        compute: impl FnOnce() -> V,
    ) -> V {
        let run = self.run.get();
        if let Some((value, used)) = self
            .tables
            .borrow_mut()
            .get_mut(analysis)
            .and_then(|t| t.get_mut(text))
        {
            if let Some(v) = value.downcast_ref::<V>() {
                *used = run;
                return v.clone();
            }
        }
        // Computed with no borrow held, so a panic leaves the memo usable.
        let v = compute();
        self.tables
            .borrow_mut()
            .entry(analysis)
            .or_default()
            .insert(text.into(), (Box::new(v.clone()), run));
        v
    }

    /// Drops the results the current run did not use.
    pub(crate) fn finish(&self) {
        let run = self.run.get();
        for table in self.tables.borrow_mut().values_mut() {
            table.retain(|_, (_, used)| *used == run);
        }
    }

    fn len(&self) -> usize {
        self.tables.borrow().values().map(HashMap::len).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fast_hash_tells_texts_apart() {
        use std::hash::BuildHasher;
        let texts = [
            "",
            "a",
            "b",
            "ab",
            "ba",
            "abcdefgh",
            "abcdefghi",
            "abcdefgh\0",
        ];
        let hashes: std::collections::HashSet<u64> = texts
            .iter()
            .map(|t| FastHash::default().hash_one(t))
            .collect();
        assert_eq!(hashes.len(), texts.len());
        assert_eq!(
            FastHash::default().hash_one("same"),
            FastHash::default().hash_one("same")
        );
    }

    #[test]
    fn results_are_reused_until_a_run_leaves_them_unused() {
        let mut cache = LintCache::default();
        let config = Config::default();
        let calls = Cell::new(0);
        let count = |s: &str| {
            calls.set(calls.get() + 1);
            s.len()
        };
        let memo = cache.start(&config);
        assert_eq!(memo.get("len", "abc", || count("abc")), 3);
        assert_eq!(memo.get("len", "abc", || count("abc")), 3);
        assert_eq!(memo.get("len", "de", || count("de")), 2);
        memo.finish();
        assert_eq!(calls.get(), 2);

        let memo = cache.start(&config);
        assert_eq!(memo.get("len", "abc", || count("abc")), 3);
        assert_eq!(calls.get(), 2, "kept from the last run");
        memo.finish();
        assert_eq!(cache.memo.len(), 1, "`de` was not used in the second run");

        let mut other = Config::default();
        other.buzzwords.add.push("synergy".into());
        let memo = cache.start(&other);
        assert_eq!(memo.get("len", "abc", || count("abc")), 3);
        assert_eq!(calls.get(), 3, "another configuration starts afresh");
    }
}
