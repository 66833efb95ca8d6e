//! Maintainer tasks for the simsage-auth workspace, run as `cargo xtask <command>`.

use std::process::ExitCode;

use xtask::cli::{self, Command, USAGE};
use xtask::error::render_chain;

fn main() -> ExitCode {
    let command = match cli::parse(std::env::args().skip(1)) {
        Ok(command) => command,
        Err(message) => {
            eprintln!("error: {message}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let options = match command {
        Command::Help => {
            print!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Command::Regen(options) => options,
    };
    match xtask::regen(&options) {
        Ok(outcome) => {
            print!("{outcome}");
            if outcome.check_failed() {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            }
        }
        Err(error) => {
            eprintln!("error: {}", render_chain(&error));
            ExitCode::from(2)
        }
    }
}
