//! paragraf's command line: parse the arguments, call the library.

use clap::{Parser, Subcommand};
use paragraf::{batch, cli, pipeline::Settings, repair::RepairOptions};
use std::path::PathBuf;

/// Scanned Swedish meeting protocols in, clean structured JSON out.
///
/// Exit codes: 0 success, 1 a document failed, 2 usage or configuration error.
#[derive(Parser)]
#[command(name = "paragraf", version, about, long_about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Process one file and print its JSON document.
    Extract {
        /// PDF, image (PNG, JPEG, TIFF, PNM) or text file.
        file: PathBuf,
        /// Write the JSON here (atomically) instead of stdout.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// One line of JSON instead of pretty-printed.
        #[arg(long)]
        compact: bool,
        #[command(flatten)]
        jobs: batch::Jobs,
        #[command(flatten)]
        limits: batch::worker::WorkerLimits,
        #[command(flatten)]
        settings: Settings,
    },
    /// Process files and folders into an output folder with a manifest.
    Run(batch::RunArgs),
    /// Work with batch manifests (merge the shards' manifests).
    #[command(subcommand)]
    Manifest(batch::ManifestCommand),
    /// Repair mangled Swedish in a text file (or stdin) and print it.
    Repair {
        /// Text file; "-" or nothing reads stdin.
        file: Option<PathBuf>,
        /// Write the correction log as JSON to this file.
        #[arg(long, value_name = "FILE")]
        report: Option<PathBuf>,
        #[command(flatten)]
        options: RepairOptions,
    },
    /// Print the JSON Schema of the output documents.
    Schema,
    /// Score repaired text against a gold text: CER, WER and, given the
    /// text before repair, how many words were fixed and broken.
    Eval {
        /// The hand-corrected text.
        gold: PathBuf,
        /// The text to score (e.g. paragraf's repair).
        hyp: PathBuf,
        /// The text before repair.
        noisy: Option<PathBuf>,
    },
    /// Internal: process documents sent by `extract` or `run` (isolation).
    #[command(name = "__worker", hide = true)]
    Worker,
}

fn main() {
    cli::ensure_single_threaded_openmp();
    let code = match Cli::parse().command {
        Command::Extract {
            file,
            output,
            compact,
            jobs,
            limits,
            settings,
        } => cli::extract(&file, output.as_deref(), compact, jobs, settings, limits),
        Command::Run(args) => batch::run(args),
        Command::Manifest(cmd) => batch::manifest_command(cmd),
        Command::Repair {
            file,
            report,
            options,
        } => cli::repair(file.as_deref(), report.as_deref(), options),
        Command::Schema => cli::schema(),
        Command::Eval { gold, hyp, noisy } => cli::eval(&gold, &hyp, noisy.as_deref()),
        Command::Worker => batch::worker::worker_main(),
    };
    std::process::exit(code);
}
