//! Entry point: parse the command line and dispatch (see `aws_study::run`).
fn main() {
    std::process::exit(aws_study::run());
}
