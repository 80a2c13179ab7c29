//! `--config FILE`: options from a TOML file, for scheduled jobs.
//!
//! Keys are the long option names (`jobs = 2`, `lang = "swe+eng"`,
//! `include = ["*.pdf"]`, `max-megapixels = 100`; `_` works for `-`), plus
//! `inputs = [...]` for the input paths. Flags given on the command line
//! win. The file is turned into command-line arguments for the options the
//! command line did not set, and everything is parsed again by clap, so a
//! value means exactly what the same flag would.

use super::RunArgs;
use crate::Error;
use clap::parser::ValueSource;
use clap::{ArgAction, Args, FromArgMatches};
use std::ffi::OsString;
use std::path::Path;

fn command() -> clap::Command {
    RunArgs::augment_args(clap::Command::new("paragraf run").no_binary_name(true))
}

/// Parse `cli` (the arguments after `run`) with the TOML file `config`
/// filling in what the command line left unset.
pub fn apply(config: &Path, cli: &[OsString]) -> Result<RunArgs, Error> {
    let fail = |reason: String| Error::ConfigFile {
        path: config.to_path_buf(),
        reason,
    };
    let text = std::fs::read_to_string(config).map_err(|e| fail(e.to_string()))?;
    let table: toml::Table = text
        .parse()
        .map_err(|e: toml::de::Error| fail(e.to_string()))?;
    let matches = command()
        .try_get_matches_from(cli)
        .map_err(|e| Error::Usage(e.to_string()))?;
    let cmd = command();
    let given = |id: &str| {
        matches!(
            matches.value_source(id),
            Some(ValueSource::CommandLine | ValueSource::EnvVariable)
        )
    };
    let mut opts: Vec<OsString> = Vec::new();
    let mut inputs: Vec<OsString> = Vec::new();
    let ctx = |key: &str, msg: &str| fail(format!("{key}: {msg}"));
    for (key, value) in &table {
        let norm = key.replace('_', "-");
        if norm == "inputs" || norm == "input" {
            let v = strings(value).map_err(|v| ctx(key, &not_strings(v)))?;
            if !given("inputs") {
                inputs.extend(v.into_iter().map(OsString::from));
            }
            continue;
        }
        let arg = cmd
            .get_arguments()
            .find(|a| a.get_long() == Some(norm.as_str()) && !a.is_positional())
            .ok_or_else(|| {
                ctx(
                    key,
                    "unknown option (keys are the long option names of `paragraf run`)",
                )
            })?;
        if norm == "config" {
            return Err(ctx(key, "a config file cannot name another"));
        }
        let id = arg.get_id().as_str();
        if matches!(arg.get_action(), ArgAction::Append) {
            strings(value).map_err(|v| ctx(key, &not_strings(v)))?;
        }
        if given(id) {
            continue;
        }
        let flag = format!("--{norm}");
        match arg.get_action() {
            ArgAction::SetTrue => match value {
                toml::Value::Boolean(true) => opts.push(flag.into()),
                toml::Value::Boolean(false) => {}
                _ => return Err(ctx(key, "expected true or false")),
            },
            ArgAction::Append => {
                for v in strings(value).map_err(|v| ctx(key, &not_strings(v)))? {
                    opts.push(flag.clone().into());
                    opts.push(v.into());
                }
            }
            _ => {
                let v = scalar(value).ok_or_else(|| ctx(key, "expected one value"))?;
                opts.push(flag.into());
                opts.push(v.into());
            }
        }
    }
    let mut argv = opts;
    argv.extend(cli.iter().cloned());
    if !inputs.is_empty() {
        if !argv.iter().any(|a| a == "--") {
            argv.push("--".into());
        }
        argv.extend(inputs);
    }
    let m = command()
        .try_get_matches_from(&argv)
        .map_err(|e| fail(e.to_string()))?;
    RunArgs::from_arg_matches(&m).map_err(|e| Error::Usage(e.to_string()))
}

fn scalar(v: &toml::Value) -> Option<String> {
    match v {
        toml::Value::String(s) => Some(s.clone()),
        toml::Value::Integer(i) => Some(i.to_string()),
        toml::Value::Float(f) => Some(f.to_string()),
        toml::Value::Boolean(b) => Some(b.to_string()),
        _ => None,
    }
}

/// A string or a list of strings (paths, globs): `include = [1, true]` or
/// `inputs = 5` is a mistake, not a file named "1".
/// `Err` holds the value that is not a string.
fn strings(v: &toml::Value) -> Result<Vec<String>, &toml::Value> {
    fn one(x: &toml::Value) -> Result<String, &toml::Value> {
        match x {
            toml::Value::String(s) => Ok(s.clone()),
            other => Err(other),
        }
    }
    match v {
        toml::Value::Array(a) => a.iter().map(one).collect(),
        other => one(other).map(|s| vec![s]),
    }
}

fn not_strings(other: &toml::Value) -> String {
    format!(
        "expected a string or a list of strings, found {} {other}",
        other.type_str()
    )
}
