//! Prints how well the rules do on the labelled data.
//!
//! `cargo run -p resume-lsp-tests --example score [CODE...]`
//!
//! For each of the dev set's bullets, its whole resumes, the project's own
//! labelled bullets and all of them together: a table of TP, FP, FN,
//! precision and recall per rule, then every miss and false alarm with its
//! text. With codes, only those rules are scored.

use resume_lsp_tests::scoring::{score_all, Score, MISSION_CODES};

fn section(title: &str, score: &Score, codes: &[&str]) {
    println!("== {title}");
    print!("{}", score.table(codes));
    println!();
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let codes: Vec<&str> = if args.is_empty() {
        MISSION_CODES.to_vec()
    } else {
        args.iter().map(String::as_str).collect()
    };
    let report = match score_all(&codes) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(2);
        }
    };
    let combined = report.combined();
    section("dev set: bullets.tsv", &report.dev_bullets, &codes);
    section("dev set: whole resumes d1-d4", &report.dev_resumes, &codes);
    section(
        "own labelled bullets: tests/labelled/bullets.tsv",
        &report.own_bullets,
        &codes,
    );
    section("combined", &combined, &codes);
    println!("== misses and false alarms");
    print!("{}", combined.error_list(&codes));
}
