//! One thin module per command, each a call into the library. A command returns
//! the exit code to use when it ran to the end (see `cli::EXIT_CODES`).

mod build;
mod check;
mod new;
mod report;
mod schema;
mod serve;

use crate::cli::{Cli, Command};
use crate::error::Error;

pub fn run(cli: Cli) -> Result<i32, Error> {
    match cli.command {
        Command::Build(args) => build::run(&cli.root, args),
        Command::Check(args) => check::run(&cli.root, args),
        Command::Report(args) => report::run(&cli.root, args),
        Command::Serve(args) => serve::run(&cli.root, args),
        Command::New(args) => new::run(&cli.root, args),
        Command::Schema(args) => schema::run(&cli.root, args),
    }
}
