//! paragraf's command line: parse the arguments, call the library.

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};
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
        /// Also write ALTO 4.4 XML here (atomically).
        #[arg(long, value_name = "FILE")]
        alto: Option<PathBuf>,
        /// Also write a searchable PDF here (atomically): the page images
        /// with the repaired text as an invisible layer.
        #[arg(long, value_name = "FILE")]
        pdf: Option<PathBuf>,
        /// Pages recognised in parallel (default: all cores).
        #[arg(long, short = 'j', value_name = "N")]
        jobs: Option<usize>,
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
        /// Extra word list (one word a line); repeatable.
        #[arg(long = "lexicon", value_name = "FILE")]
        lexicons: Vec<PathBuf>,
        /// Repairs below this confidence are only flagged.
        #[arg(long, default_value_t = 0.5, value_name = "X")]
        min_confidence: f32,
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
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    ///
    /// bash: `paragraf completions bash > /etc/bash_completion.d/paragraf`;
    /// the Debian package installs all three shells' scripts.
    Completions {
        /// The shell to complete for.
        shell: clap_complete::Shell,
    },
    /// Print the man page paragraf(1); with --dir, write it and one page per
    /// subcommand (paragraf-run.1 ...) into a folder.
    Man {
        /// Write paragraf.1 and paragraf-SUBCOMMAND.1 here instead of printing.
        #[arg(long, value_name = "DIR")]
        dir: Option<PathBuf>,
    },
    /// Internal: process documents sent by `extract` or `run` (isolation).
    #[command(name = "__worker", hide = true)]
    Worker,
}

/// The clap command with the long version: `paragraf --version` names the
/// commit it was built from and the libtesseract it has loaded.
fn command() -> clap::Command {
    let long = format!(
        "{} (commit {})\ntesseract {}",
        env!("CARGO_PKG_VERSION"),
        env!("PARAGRAF_GIT_COMMIT"),
        paragraf::ocr::tesseract_version()
    );
    // Built once per process; clap takes a &'static str without its `string` feature.
    Cli::command().long_version(&*Box::leak(long.into_boxed_str()))
}

/// [`command`] without its hidden subcommands (`__worker`), which
/// clap_complete's bash script would otherwise offer.
fn visible_command() -> clap::Command {
    let cmd = command();
    let visible = cmd.get_subcommands().filter(|s| !s.is_hide_set()).cloned();
    clap::Command::new("paragraf")
        .version(env!("CARGO_PKG_VERSION"))
        .subcommands(visible.collect::<Vec<_>>())
}

fn main() {
    cli::ensure_single_threaded_openmp();
    let parsed = Cli::from_arg_matches(&command().get_matches()).unwrap_or_else(|e| e.exit());
    let code = match parsed.command {
        Command::Extract {
            file,
            output,
            compact,
            alto,
            pdf,
            jobs,
            limits,
            settings,
        } => cli::extract(
            &file,
            output.as_deref(),
            (alto.as_deref(), pdf.as_deref()),
            compact,
            jobs,
            settings,
            limits,
        ),
        Command::Run(args) => batch::run(args),
        Command::Manifest(cmd) => batch::manifest_command(cmd),
        Command::Repair {
            file,
            report,
            lexicons,
            min_confidence,
        } => cli::repair(
            file.as_deref(),
            report.as_deref(),
            RepairOptions {
                min_confidence,
                lexicon_files: lexicons,
            },
        ),
        Command::Schema => cli::schema(),
        Command::Eval { gold, hyp, noisy } => cli::eval(&gold, &hyp, noisy.as_deref()),
        Command::Completions { shell } => {
            let mut out = Vec::new();
            clap_complete::generate(shell, &mut visible_command(), "paragraf", &mut out);
            cli::print_stdout(&[&out])
        }
        Command::Man { dir } => man(dir.as_deref()),
        Command::Worker => batch::worker::worker_main(),
    };
    std::process::exit(code);
}

/// `paragraf man [--dir DIR]`: roff from the clap definitions above.
fn man(dir: Option<&std::path::Path>) -> i32 {
    let cmd = command().disable_help_subcommand(true);
    let Some(dir) = dir else {
        let mut out = Vec::new();
        clap_mangen::Man::new(cmd)
            .render(&mut out)
            .expect("writes to memory");
        return cli::print_stdout(&[&out]);
    };
    match clap_mangen::generate_to(cmd, dir) {
        Ok(()) => cli::EXIT_OK,
        Err(e) => {
            eprintln!("paragraf: {}: {e}", dir.display());
            cli::EXIT_FAILED
        }
    }
}
