//! External programs (poppler's `pdftoppm`, `pdftotext`, `pdfinfo`) under
//! a time limit and an output cap.
//!
//! A hostile PDF (nested Form XObjects, a huge `/Count`) can keep poppler
//! busy for minutes. Each program runs in its own process group, so a
//! timeout kills it together with anything it started, and with
//! `PR_SET_PDEATHSIG` so it dies with the process that started it (a worker
//! killed by the batch on Ctrl-C or timeout leaves no orphan behind).

use crate::cancel::CancelToken;
use crate::Error;
use std::io::Read;
use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Time limit for one external program when `--page-timeout` is not given.
pub const DEFAULT_TOOL_TIMEOUT: Duration = Duration::from_secs(300);

/// What a program printed, and how it ended.
pub struct ToolOutput {
    pub success: bool,
    pub stdout: Vec<u8>,
    /// Its stderr, as one trimmed line (for error messages).
    pub stderr: String,
    /// "exit status 1", "killed by signal 9": for messages when stderr is empty.
    pub status: String,
}

impl ToolOutput {
    /// The reason a failed run gives: its stderr, or its exit status.
    pub fn reason(&self) -> String {
        if self.stderr.is_empty() {
            self.status.clone()
        } else {
            self.stderr.clone()
        }
    }
}

/// Run `cmd` with stdin closed; stdout is kept up to `max_stdout` bytes
/// (more is an error), stderr up to 64 KiB. The program is killed with its
/// process group when `timeout` passes or `cancel` is cancelled.
pub fn run(
    tool: &str,
    mut cmd: Command,
    timeout: Duration,
    max_stdout: u64,
    cancel: &CancelToken,
) -> Result<ToolOutput, Error> {
    cmd.stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .process_group(0);
    // SAFETY: prctl is async-signal-safe; nothing else runs between fork
    // and exec.
    unsafe {
        cmd.pre_exec(|| {
            libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL);
            Ok(())
        });
    }
    let mut child = cmd.spawn().map_err(|e| Error::Tool {
        tool: tool.into(),
        reason: format!("{e} (install poppler-utils: scripts/setup-debian.sh)"),
    })?;
    let pid = child.id() as i32;
    let out = child.stdout.take().expect("piped");
    let err = child.stderr.take().expect("piped");
    let out_reader = std::thread::spawn(move || {
        let mut v = Vec::new();
        let r = out.take(max_stdout + 1).read_to_end(&mut v);
        if v.len() as u64 > max_stdout {
            // Over the cap: stop the program rather than let it block on a full pipe.
            kill_group(pid);
        }
        (v, r.is_ok())
    });
    let err_reader = std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = err.take(64 * 1024).read_to_end(&mut v);
        v
    });
    let started = Instant::now();
    let mut timed_out = false;
    let status = loop {
        match child.try_wait() {
            Ok(Some(st)) => break st,
            Ok(None) => {}
            Err(e) => {
                kill_group(pid);
                return Err(Error::Tool {
                    tool: tool.into(),
                    reason: e.to_string(),
                });
            }
        }
        if started.elapsed() >= timeout || cancel.is_cancelled() {
            timed_out = started.elapsed() >= timeout;
            kill_group(pid);
            break child.wait().map_err(|e| Error::Tool {
                tool: tool.into(),
                reason: e.to_string(),
            })?;
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    // The group is gone or done; make sure nothing it started holds the pipes.
    kill_group(pid);
    let (stdout, _) = out_reader.join().unwrap_or_default();
    let stderr = err_reader.join().unwrap_or_default();
    if timed_out {
        return Err(Error::Tool {
            tool: tool.into(),
            reason: format!(
                "gave up after {:.0} s (time limit: --page-timeout, default {} s)",
                timeout.as_secs_f64(),
                DEFAULT_TOOL_TIMEOUT.as_secs()
            ),
        });
    }
    if cancel.is_cancelled() && !status.success() {
        return Err(Error::Interrupted);
    }
    if stdout.len() as u64 > max_stdout {
        return Err(Error::Tool {
            tool: tool.into(),
            reason: format!("output larger than {} MB", max_stdout / 1_000_000),
        });
    }
    let status_text = match (status.code(), status.signal()) {
        (Some(c), _) => format!("exit status {c}"),
        (None, Some(s)) => format!("killed by signal {s}"),
        _ => "unknown status".into(),
    };
    Ok(ToolOutput {
        success: status.success(),
        stdout,
        stderr: one_line(&String::from_utf8_lossy(&stderr)),
        status: status_text,
    })
}

/// SIGKILL a process group (no-op when it is gone).
pub fn kill_group(pgid: i32) {
    if pgid > 0 {
        // SAFETY: plain syscall.
        unsafe {
            libc::kill(-pgid, libc::SIGKILL);
        }
    }
}

/// Several lines of tool output as one: lines joined with "; ", capped.
pub fn one_line(s: &str) -> String {
    let mut out = s
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("; ");
    if out.len() > 300 {
        let mut cut = 300;
        while !out.is_char_boundary(cut) {
            cut -= 1;
        }
        out.truncate(cut);
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `sh -c script` under `run`, with a 1000-byte output cap.
    fn sh(script: &str, timeout: Duration, token: &CancelToken) -> Result<ToolOutput, Error> {
        let mut cmd = Command::new("sh");
        cmd.args(["-c", script]);
        run("sh", cmd, timeout, 1000, token)
    }

    const TEN_S: Duration = Duration::from_secs(10);

    #[test]
    fn a_program_over_its_time_is_killed_with_its_children() {
        // The shell starts a child that would outlive it; both must die.
        let t = Instant::now();
        let r = sh(
            "sleep 30 & sleep 30",
            Duration::from_millis(200),
            &CancelToken::new(),
        );
        assert!(t.elapsed() < Duration::from_secs(5));
        let e = r.err().expect("timed out").to_string();
        assert!(e.contains("gave up after"), "{e}");
    }

    #[test]
    fn a_cancelled_token_stops_the_program_and_only_its_holder() {
        let token = CancelToken::new();
        let stopper = token.clone();
        std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(100));
            stopper.cancel();
        });
        let t = Instant::now();
        let r = sh("sleep 30", Duration::from_secs(60), &token);
        assert!(t.elapsed() < Duration::from_secs(5));
        assert!(matches!(r, Err(Error::Interrupted)), "{:?}", r.err());
        // Another token is not affected.
        assert!(sh("echo ok", TEN_S, &CancelToken::new()).unwrap().success);
    }

    #[test]
    fn output_is_capped_and_status_reported() {
        let r = sh("head -c 5000 /dev/zero", TEN_S, &CancelToken::new());
        assert!(r.err().unwrap().to_string().contains("output larger"));
        let r = sh("exit 3", TEN_S, &CancelToken::new()).unwrap();
        assert!(!r.success);
        assert_eq!(r.reason(), "exit status 3");
    }
}
