//! The `veracity` command: parses arguments and drives the library.

mod cli;

fn main() -> std::process::ExitCode {
    cli::run().into()
}
