//! Batch runs: many inputs into an output folder with a manifest.
//! (First version; the batch issue hardens it.)

use crate::pipeline::Settings;
use std::path::PathBuf;

/// Arguments of `paragraf run`.
#[derive(Debug, Clone, clap::Args)]
pub struct RunArgs {
    /// Files and folders to process (folders recursively).
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,
    /// Output folder.
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    #[command(flatten)]
    pub settings: Settings,
}

/// Run a batch; returns the exit code.
pub fn run(args: RunArgs) -> i32 {
    let _ = args;
    crate::cli::EXIT_FAILED
}
