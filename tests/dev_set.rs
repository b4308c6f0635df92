//! The mission rules must reach precision ≥ 0.97 and recall ≥ 0.95 on the
//! combined labelled data: the dev set's bullets and whole resumes plus the
//! project's own labelled bullets (see `scoring`).
//!
//! `cargo run -p resume-lsp-tests --example score` prints the details.

use resume_lsp_tests::scoring::{
    dev_set_dir, own_bullets_path, read_bullets, resume_files, score_all, MISSION_CODES,
};

const MIN_PRECISION: f64 = 0.97;
const MIN_RECALL: f64 = 0.95;

fn assert_targets(code: &str) {
    let report = score_all(&[code]).unwrap_or_else(|e| panic!("{e}"));
    let combined = report.combined();
    let c = combined.counts(code);
    assert!(
        c.precision() >= MIN_PRECISION && c.recall() >= MIN_RECALL,
        "{code}: precision {:.3} (want ≥ {MIN_PRECISION}), recall {:.3} (want ≥ {MIN_RECALL}); \
         TP {} FP {} FN {}\n{}",
        c.precision(),
        c.recall(),
        c.tp,
        c.fp,
        c.fn_,
        combined.error_list(&[code])
    );
}

#[test]
fn unquantified_bullet_meets_targets() {
    assert_targets("unquantified-bullet");
}

#[test]
fn weak_verb_meets_targets() {
    assert_targets("weak-verb");
}

#[test]
fn buzzword_stacking_meets_targets() {
    assert_targets("buzzword-stacking");
}

#[test]
fn inconsistent_date_format_meets_targets() {
    assert_targets("inconsistent-date-format");
}

#[test]
fn unexpanded_acronym_meets_targets() {
    assert_targets("unexpanded-acronym");
}

#[test]
fn labelled_data_is_complete() {
    let dev = read_bullets(&dev_set_dir().join("bullets.tsv")).unwrap();
    assert_eq!(dev.len(), 200, "the dev set has 200 bullets");
    let own = read_bullets(&own_bullets_path()).unwrap();
    assert!(
        own.len() >= 80,
        "own labelled bullets: {} rows, want at least 80",
        own.len()
    );
    let resumes = resume_files(&dev_set_dir()).unwrap();
    assert_eq!(resumes.len(), 4, "the dev set has four resumes");
    // Every expected finding names a mission rule.
    for (_, expected) in resumes {
        let tsv = std::fs::read_to_string(&expected).unwrap();
        for f in resume_lsp_tests::scoring::parse_expected(&tsv).unwrap() {
            assert!(
                MISSION_CODES.contains(&f.code.as_str()),
                "unknown code {}",
                f.code
            );
        }
    }
}
