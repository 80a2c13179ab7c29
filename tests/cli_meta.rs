//! What the Debian package installs besides the program: `--version`, the
//! shell completions and the man pages, all generated from the clap
//! definitions. Each is checked with the tool that will read it (bash,
//! groff), not by its text alone.

mod common;
use common::paragraf;
use std::process::Command;

/// The visible subcommands, as `paragraf --help` lists them.
fn subcommands() -> Vec<String> {
    let out = paragraf(&["--help"]);
    assert!(out.status.success());
    let help = String::from_utf8(out.stdout).unwrap();
    let list = help
        .split("Commands:")
        .nth(1)
        .expect("--help lists the commands");
    let names: Vec<String> = list
        .lines()
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        .filter(|l| !l.starts_with("   ")) // a wrapped description
        .filter_map(|l| l.split_whitespace().next())
        .filter(|n| *n != "help")
        .map(str::to_string)
        .collect();
    assert!(names.iter().any(|n| n == "extract") && names.iter().any(|n| n == "run"));
    names
}

#[test]
fn version_names_the_commit_and_the_tesseract_in_use() {
    let out = paragraf(&["--version"]);
    assert!(out.status.success());
    let v = String::from_utf8(out.stdout).unwrap();
    let first = v.lines().next().unwrap();
    assert!(
        first.starts_with(&format!("paragraf {} (commit ", env!("CARGO_PKG_VERSION"))),
        "{v}"
    );
    let commit = first
        .split("(commit ")
        .nth(1)
        .and_then(|c| c.strip_suffix(')'))
        .expect("a commit in parentheses");
    assert!(
        commit == "unknown"
            || (commit.len() == 12 && commit.chars().all(|c| c.is_ascii_hexdigit())),
        "{commit}"
    );
    // Built in a git checkout, the commit is one git knows.
    let root = common::root();
    if commit != "unknown" {
        let known = Command::new("git")
            .args(["cat-file", "-e", &format!("{commit}^{{commit}}")])
            .current_dir(&root)
            .status()
            .is_ok_and(|s| s.success());
        assert!(known, "commit {commit} is not in the repository");
    }
    // The library in use is the one the tesseract program of the same
    // installation reports.
    let tess = v
        .lines()
        .find_map(|l| l.strip_prefix("tesseract "))
        .expect("a tesseract line");
    assert!(tess.starts_with(|c: char| c.is_ascii_digit()), "{tess}");
    if let Ok(cli) = Command::new("tesseract").arg("--version").output() {
        let text = String::from_utf8_lossy(&cli.stdout) + String::from_utf8_lossy(&cli.stderr);
        let cli_version = text
            .lines()
            .find_map(|l| l.strip_prefix("tesseract "))
            .unwrap_or_default();
        assert_eq!(tess, cli_version.trim());
    }
    // -V stays the short form.
    let short = paragraf(&["-V"]);
    assert_eq!(
        String::from_utf8(short.stdout).unwrap().trim(),
        format!("paragraf {}", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn bash_completion_parses_and_completes_every_subcommand() {
    let out = paragraf(&["completions", "bash"]);
    assert!(out.status.success());
    let dir = tempfile::tempdir().unwrap();
    let script = dir.path().join("paragraf.bash");
    std::fs::write(&script, &out.stdout).unwrap();
    let check = Command::new("bash")
        .arg("-n")
        .arg(&script)
        .output()
        .unwrap();
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
    // Ask the completion function itself what follows `paragraf `.
    let probe = format!(
        "source {}; COMP_WORDS=(paragraf ''); COMP_CWORD=1; COMP_LINE='paragraf '; \
         COMP_POINT=9; _paragraf paragraf '' paragraf; printf '%s\\n' \"${{COMPREPLY[@]}}\"",
        script.display()
    );
    let out = Command::new("bash").arg("-c").arg(&probe).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let offered: Vec<String> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect();
    for sub in subcommands() {
        assert!(offered.contains(&sub), "{sub} not offered: {offered:?}");
    }
    assert!(!offered.iter().any(|w| w.starts_with("__")), "{offered:?}");
}

#[test]
fn zsh_and_fish_completions_name_every_subcommand() {
    for shell in ["zsh", "fish"] {
        let out = paragraf(&["completions", shell]);
        assert!(out.status.success());
        let text = String::from_utf8(out.stdout).unwrap();
        for sub in subcommands() {
            assert!(text.contains(&sub), "{shell}: {sub} missing");
        }
    }
    let bad = paragraf(&["completions", "tcsh"]);
    assert_eq!(bad.status.code(), Some(2));
}

/// Render a man page with groff, warnings on; returns (text, warnings).
fn groff(page: &std::path::Path) -> (String, String) {
    let out = Command::new("groff")
        .args(["-man", "-Tutf8", "-ww", "-P-cbou"]) // plain text: no bold or underline
        .arg(page)
        .env("LC_ALL", "C.UTF-8")
        .output()
        .expect("groff runs (groff-base is in scripts/setup-debian.sh)");
    assert!(out.status.success());
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn man_pages_render_without_warnings() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("stdout.1");
    let out = paragraf(&["man"]);
    assert!(out.status.success());
    std::fs::write(&page, &out.stdout).unwrap();
    let (text, warnings) = groff(&page);
    assert!(warnings.is_empty(), "{warnings}");
    assert!(text.contains("SYNOPSIS"));
    for sub in subcommands() {
        assert!(
            text.contains(&format!("paragraf-{sub}(1)")),
            "{sub} missing"
        );
    }

    // --dir: one page per subcommand, each rendering cleanly and
    // documenting its options.
    let mandir = dir.path().join("man1");
    let out = paragraf(&["man", "--dir", mandir.to_str().unwrap()]);
    assert!(
        !out.status.success(),
        "a missing folder is an error, not created silently"
    );
    std::fs::create_dir(&mandir).unwrap();
    let out = paragraf(&["man", "--dir", mandir.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for sub in subcommands() {
        let page = mandir.join(format!("paragraf-{sub}.1"));
        assert!(page.exists(), "{} missing", page.display());
        let (_, warnings) = groff(&page);
        assert!(warnings.is_empty(), "{sub}: {warnings}");
    }
    let (run, _) = groff(&mandir.join("paragraf-run.1"));
    for opt in ["--shard", "--config", "--log-format", "--out"] {
        assert!(run.contains(opt), "paragraf-run(1) lacks {opt}");
    }
    assert!(!mandir.join("paragraf-__worker.1").exists());
}
