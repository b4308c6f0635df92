//! Results kept between lint runs.
//!
//! The rules' costly analyses (metric detection, date parsing, weak-phrase,
//! buzzword and acronym matching) are pure functions of one plain text and
//! the configuration. A [`LintCache`] keeps their results between runs over
//! the same document, so after an edit only the texts that changed are
//! analysed again; results that no run used are dropped at the end of each
//! run.
//!
//! A rule's findings on one bullet, fixes and all, are kept the same way
//! ([`Memo::placed`]): by the bullet's texts and source maps with every
//! offset taken relative to the bullet's first one ([`PlacedKey`]), together
//! with the source bytes their computation read ([`SourceReads`]). They are
//! reused, moved to where the bullet is now, only where those bytes are
//! unchanged, so a run finds exactly what a run from scratch finds.

use std::any::Any;
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

use resume_syntax::Text;

use crate::{Config, Diagnostic};

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

type Table = HashMap<Box<[u8]>, (Box<dyn Any + Send>, u64), FastHash>;

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
        self.get_checked(analysis, text.as_bytes(), |_| true, compute)
    }

    /// `compute()`, or the result it gave for the same `analysis` and `key`
    /// before if `valid` accepts it.
    pub(crate) fn get_checked<V: Clone + Send + 'static>(
        &self,
        analysis: &'static str,
        key: &[u8],
        valid: impl FnOnce(&V) -> bool,
        compute: impl FnOnce() -> V,
    ) -> V {
        let run = self.run.get();
        if let Some((value, used)) = self
            .tables
            .borrow_mut()
            .get_mut(analysis)
            .and_then(|t| t.get_mut(key))
        {
            if let Some(v) = value.downcast_ref::<V>().filter(|v| valid(v)) {
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
            .insert(key.into(), (Box::new(v.clone()), run));
        v
    }

    /// Appends the findings `compute` gives for the piece of the model that
    /// `key` stands for, reading the source only through the
    /// [`SourceReads`] it is given; or, when a run computed them for the same
    /// key before and the source they read is unchanged, those findings
    /// moved to where the piece is now.
    pub(crate) fn placed(
        &self,
        analysis: &'static str,
        key: &PlacedKey,
        source: &str,
        out: &mut Vec<Diagnostic>,
        compute: impl FnOnce(&SourceReads<'_>) -> Vec<Diagnostic>,
    ) {
        let base = key.base();
        let placed: Arc<Placed> = self.get_checked(
            analysis,
            key.bytes(),
            |p: &Arc<Placed>| p.fits(source, base),
            || {
                let reads = SourceReads::new(source);
                let found = compute(&reads);
                Arc::new(Placed::new(found, key, &reads))
            },
        );
        placed.emit(base, out);
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

/// The key of a rule's findings on one piece of the model (a bullet, say):
/// its plain texts and source maps with every source offset taken relative
/// to `base`, the first offset added, so the same piece at another offset
/// of the document has the same key.
pub(crate) struct PlacedKey {
    bytes: Vec<u8>,
    base: Option<usize>,
}

impl PlacedKey {
    /// An empty key; `tag` tells apart whatever else the findings depend on
    /// (the source format).
    pub(crate) fn new(tag: u8) -> Self {
        let mut bytes = Vec::with_capacity(256);
        bytes.push(tag);
        Self { bytes, base: None }
    }

    /// Empties the key for another piece, keeping its buffer.
    pub(crate) fn reset(&mut self, tag: u8) {
        self.bytes.clear();
        self.bytes.push(tag);
        self.base = None;
    }

    /// The key's bytes.
    pub(crate) fn bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// The offset every source offset of the key is relative to.
    pub(crate) fn base(&self) -> usize {
        self.base.unwrap_or(0)
    }

    fn number(&mut self, mut n: usize) {
        loop {
            let low = (n & 0x7f) as u8;
            n >>= 7;
            if n == 0 {
                self.bytes.push(low);
                return;
            }
            self.bytes.push(low | 0x80);
        }
    }

    fn offset(&mut self, at: usize) {
        let base = *self.base.get_or_insert(at);
        self.number(at.wrapping_sub(base));
    }

    /// Adds a source range.
    pub(crate) fn range(&mut self, r: &Range<usize>) {
        self.offset(r.start);
        self.number(r.end.wrapping_sub(r.start));
    }

    /// Adds a text: its plain string and its source map.
    pub(crate) fn text(&mut self, text: &Text) {
        // Room for the text and a few bytes per segment.
        self.bytes
            .reserve(text.len() + 8 * text.segments().len() + 16);
        self.number(text.len());
        self.bytes.extend_from_slice(text.as_str().as_bytes());
        let segments = text.segments();
        self.number(segments.len());
        for seg in segments {
            self.number(seg.plain);
            self.number(seg.len);
            self.range(&seg.src);
            self.bytes.push(u8::from(seg.verbatim));
        }
    }

    /// Adds a text that may be absent.
    pub(crate) fn optional_text(&mut self, text: Option<&Text>) {
        match text {
            Some(t) => {
                self.bytes.push(1);
                self.text(t);
            }
            None => self.bytes.push(0),
        }
    }
}

/// The source, with a record of what was read of it: the findings computed
/// for a piece of the model may be reused at another offset only where the
/// source they read is the same.
pub(crate) struct SourceReads<'a> {
    source: &'a str,
    hull: Cell<Option<(usize, usize)>>,
    /// A read failed or met an end of the source: what it saw depends on
    /// more than the bytes read.
    unplaced: Cell<bool>,
}

impl<'a> SourceReads<'a> {
    pub(crate) fn new(source: &'a str) -> Self {
        Self {
            source,
            hull: Cell::new(None),
            unplaced: Cell::new(false),
        }
    }

    fn note(&self, r: Range<usize>) {
        let hull = match self.hull.get() {
            Some((s, e)) => (s.min(r.start), e.max(r.end)),
            None => (r.start, r.end),
        };
        self.hull.set(Some(hull));
    }

    fn fail<T>(&self) -> Option<T> {
        self.unplaced.set(true);
        None
    }

    /// `source.get(r)`.
    pub(crate) fn get(&self, r: Range<usize>) -> Option<&'a str> {
        match self.source.get(r.clone()) {
            Some(s) => {
                self.note(r);
                Some(s)
            }
            None => self.fail(),
        }
    }

    /// `source.get(..at)?.chars().next_back()`.
    pub(crate) fn char_before(&self, at: usize) -> Option<Option<char>> {
        let Some(head) = self.source.get(..at) else {
            return self.fail();
        };
        match head.chars().next_back() {
            Some(c) => {
                self.note(at - c.len_utf8()..at);
                Some(Some(c))
            }
            None => {
                self.unplaced.set(true);
                Some(None)
            }
        }
    }

    /// `source.as_bytes().get(r) == Some(ascii.as_bytes())`, which for an
    /// ASCII `ascii` is `source.get(r) == Some(ascii)`.
    pub(crate) fn is(&self, r: Range<usize>, ascii: &str) -> bool {
        match self.source.as_bytes().get(r.clone()) {
            Some(bytes) => {
                self.note(r);
                bytes == ascii.as_bytes()
            }
            None => {
                self.unplaced.set(true);
                false
            }
        }
    }

    /// `source.get(at..)?.chars().next()`.
    pub(crate) fn char_after(&self, at: usize) -> Option<Option<char>> {
        let Some(tail) = self.source.get(at..) else {
            return self.fail();
        };
        match tail.chars().next() {
            Some(c) => {
                self.note(at..at + c.len_utf8());
                Some(Some(c))
            }
            None => {
                self.unplaced.set(true);
                Some(None)
            }
        }
    }

    /// Where the run of ASCII letters that ends at `at` starts, and the
    /// character before that run: `name.len()` and `name.chars().next_back()`
    /// of `name = source.get(..at)?.trim_end_matches(|c: char| c.is_ascii_alphabetic())`.
    pub(crate) fn letters_before(&self, at: usize) -> Option<(usize, Option<char>)> {
        let Some(head) = self.source.get(..at) else {
            return self.fail();
        };
        let name = head.trim_end_matches(|c: char| c.is_ascii_alphabetic());
        self.note(name.len()..at);
        let before = self.char_before(name.len())?;
        Some((name.len(), before))
    }
}

/// A rule's findings on one piece of the model, with every offset relative
/// to the piece's [`PlacedKey::base`], and the source bytes they were
/// computed from.
struct Placed {
    found: Vec<Diagnostic>,
    read: Read,
}

/// What the findings of a [`Placed`] read of the source.
enum Read {
    /// Nothing: they hold wherever the piece is.
    Nothing,
    /// These bytes, at this offset relative to the base, and whether a
    /// character starts right after them.
    Bytes(usize, Box<[u8]>, bool),
    /// More than bytes (an end of the source, a failed read): they are
    /// never reused.
    Unplaced,
}

impl Placed {
    /// `found`, computed for the piece `key` stands for, reading only what
    /// `reads` recorded.
    fn new(mut found: Vec<Diagnostic>, key: &PlacedKey, reads: &SourceReads) -> Self {
        let base = key.base();
        for d in &mut found {
            move_diagnostic(d, |at| at.wrapping_sub(base));
        }
        let read = match reads.hull.get() {
            _ if reads.unplaced.get() => Read::Unplaced,
            None => Read::Nothing,
            Some((s, e)) => Read::Bytes(
                s.wrapping_sub(base),
                reads.source.as_bytes()[s..e].into(),
                reads.source.is_char_boundary(e),
            ),
        };
        Self { found, read }
    }

    /// Whether the findings hold for the piece at `base` of `source`.
    fn fits(&self, source: &str, base: usize) -> bool {
        match &self.read {
            Read::Nothing => true,
            Read::Unplaced => false,
            Read::Bytes(at, bytes, boundary) => {
                // Equal bytes, and the same character boundary after them,
                // make every read inside them give what it gave.
                let at = at.wrapping_add(base);
                at.checked_add(bytes.len()).is_some_and(|end| {
                    source.as_bytes().get(at..end) == Some(&bytes[..])
                        && source.is_char_boundary(end) == *boundary
                })
            }
        }
    }

    /// Appends the findings for the piece at `base`.
    fn emit(&self, base: usize, out: &mut Vec<Diagnostic>) {
        out.extend(self.found.iter().map(|d| {
            let mut d = d.clone();
            move_diagnostic(&mut d, |at| at.wrapping_add(base));
            d
        }));
    }
}

fn move_diagnostic(d: &mut Diagnostic, by: impl Fn(usize) -> usize) {
    d.range = by(d.range.start)..by(d.range.end);
    for fix in &mut d.fixes {
        for e in &mut fix.edits {
            e.range = by(e.range.start)..by(e.range.end);
        }
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
    fn placed_findings_move_with_their_piece_and_check_what_they_read() {
        let piece = |source: &str, at: usize| {
            let text = Text::verbatim(source, at..at + 5);
            let mut key = PlacedKey::new(0);
            key.text(&text);
            key
        };
        let find = |reads: &SourceReads<'_>, at: usize| {
            // Reads the character after the piece.
            let after = reads.char_after(at + 5).flatten();
            let d = crate::rules::weak_verb::META.diagnostic(at..at + 5, format!("{after:?}"));
            vec![d]
        };
        let memo = Memo::default();
        let calls = Cell::new(0);
        let run = |source: &str, at: usize| {
            let mut out = Vec::new();
            memo.placed("test", &piece(source, at), source, &mut out, |reads| {
                calls.set(calls.get() + 1);
                find(reads, at)
            });
            let fresh = find(&SourceReads::new(source), at);
            assert_eq!(out, fresh, "in {source:?}");
            out
        };
        assert_eq!(run("-Hello!", 1)[0].range, 1..6);
        assert_eq!(run("--Hello!", 2)[0].range, 2..7, "moved");
        assert_eq!(calls.get(), 1, "the same piece at another offset");
        assert_eq!(run("--Hello?", 2)[0].message, "Some('?')");
        assert_eq!(calls.get(), 2, "the character read changed");
        assert_eq!(run("--Hello", 2)[0].message, "None");
        run("---Hello", 3);
        assert_eq!(calls.get(), 4, "the end of the source is never reused");
        assert_ne!(piece("-Hello", 1).bytes(), piece("-Hellp", 1).bytes());
        assert_eq!(piece("-Hello", 1).bytes(), piece("...Hello", 3).bytes());
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
