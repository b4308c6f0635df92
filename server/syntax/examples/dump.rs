//! Prints the outline of a file: `cargo run -p resume-syntax --example dump FILE`.
fn main() {
    let path = std::env::args().nth(1).expect("usage: dump FILE");
    let src = std::fs::read_to_string(&path).expect("readable UTF-8 file");
    let format = resume_syntax::Format::from_path(&path).unwrap_or(resume_syntax::Format::Markdown);
    let resume = resume_syntax::parse(&src, format, &Default::default());
    print!("{}", resume_syntax::outline::render(&resume, &src));
}
