//! Maintainer tasks for the simsage-auth workspace, run as `cargo xtask <command>`.

fn main() {
    eprintln!("usage: cargo xtask regen --from <PATH or URL>");
    std::process::exit(2);
}
