//! `paragraf run` and `paragraf manifest merge` through the binary: bad
//! files, SIGKILL and resume, shards, Ctrl-C, config, streaming.
//!
//! Most inputs are small text files (no OCR) with `--no-repair`, so the
//! tests are fast; one test OCRs a real scan fixture.

use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_paragraf"))
}

/// `paragraf ARGS...`.
fn raw(args: &[&str]) -> Output {
    bin().args(args).output().expect("paragraf runs")
}

/// `paragraf run ARGS...`.
fn run(args: &[&str]) -> Output {
    bin().arg("run").args(args).output().expect("paragraf runs")
}

fn s(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(rel)
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Manifest lines by path.
fn manifest(path: &Path) -> BTreeMap<String, Value> {
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("manifest {}: {e}", path.display()));
    let mut m = BTreeMap::new();
    let mut last = String::new();
    for line in text.lines() {
        let v: Value = serde_json::from_str(line).expect("manifest line is JSON");
        let p = v["path"].as_str().unwrap().to_string();
        assert!(p > last, "manifest sorted by path, no duplicates");
        last = p.clone();
        m.insert(p, v);
    }
    m
}

/// A manifest line without what legitimately differs between runs: time,
/// and "skipped (up to date)" versus "ok".
fn comparable(v: &Value) -> Value {
    let mut v = v.clone();
    let o = v.as_object_mut().unwrap();
    o.remove("seconds");
    o.remove("input");
    if o["status"] == "skipped" {
        assert_eq!(o["reason"], "up to date");
        o.insert("status".into(), "ok".into());
        o.insert("reason".into(), Value::Null);
    }
    v
}

/// Every file under `dir` (relative path → bytes), manifests excluded.
fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut m = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
                continue;
            }
            let rel = p.strip_prefix(dir).unwrap().to_string_lossy().into_owned();
            if !rel.starts_with("manifest") {
                m.insert(rel, std::fs::read(&p).unwrap());
            }
        }
    }
    m
}

fn temporaries(dir: &Path) -> Vec<String> {
    tree(dir)
        .into_keys()
        .filter(|k| k.ends_with(".tmp") || k.rsplit('/').next().unwrap().starts_with('.'))
        .collect()
}

/// `n` small protocols as text files in a few subfolders.
fn text_inputs(dir: &Path, n: usize) {
    for i in 0..n {
        let sub = dir.join(format!("{}", 2000 + i % 7));
        std::fs::create_dir_all(&sub).unwrap();
        std::fs::write(
            sub.join(format!("ks_{i:04}.txt")),
            format!(
                "PROTOKOLL\nKommunstyrelsen\nSammanträdesdatum 2021-03-{:02}\n\n\
                 § {i} Val av justerare\nKommunstyrelsen beslutar att utse Anna Berg.\n\n\
                 § {} Ärende nummer {i}\nBeslut fattades i enlighet med förslaget.\n",
                1 + i % 28,
                i + 1
            ),
        )
        .unwrap();
    }
}

fn count_json(dir: &Path) -> usize {
    let mut n = 0;
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(rd) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in rd.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "json") {
                n += 1;
            }
        }
    }
    n
}

/// Start a run and wait until it has written at least `k` outputs.
fn spawn_until(args: &[&str], out: &Path, k: usize) -> Child {
    let mut child = bin()
        .arg("run")
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(120);
    while count_json(out) < k {
        assert!(
            child.try_wait().unwrap().is_none(),
            "the run ended before {k} outputs appeared"
        );
        assert!(Instant::now() < deadline, "no progress");
        std::thread::sleep(Duration::from_millis(2));
    }
    child
}

#[test]
fn bad_files_are_named_with_reasons_and_good_ones_complete() {
    let t = tempfile::tempdir().unwrap();
    let input = t.path().join("in");
    let out = t.path().join("out");
    std::fs::create_dir_all(input.join("sub")).unwrap();
    for f in [
        "archive.docx",
        "bomb.png",
        "corrupt.pdf",
        "empty.pdf",
        "encrypted.pdf",
        "png_named.pdf",
        "truncated.png",
    ] {
        std::fs::copy(fixture("bad").join(f), input.join(f)).unwrap();
    }
    std::fs::copy(fixture("scans/ks_scan.tif"), input.join("sub/ks_scan.tif")).unwrap();
    std::fs::copy(
        fixture("text/004_26675dc178baf6b3.txt"),
        input.join("a.txt"),
    )
    .unwrap();
    std::fs::write(input.join("sub/b.txt"), "PROTOKOLL\n§ 1 Mötets öppnande\n").unwrap();
    std::fs::write(input.join("empty.txt"), "").unwrap();
    // An output subfolder that cannot be created: a file is in the way.
    std::fs::create_dir_all(input.join("blocked")).unwrap();
    std::fs::write(input.join("blocked/c.txt"), "§ 2 Övrigt\n").unwrap();
    std::fs::create_dir_all(&out).unwrap();
    std::fs::write(out.join("blocked"), "not a folder").unwrap();

    let o = run(&[s(&input), "--out", s(&out), "--no-repair", "--text"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let m = manifest(&out.join("manifest.jsonl"));
    let expect_failed = [
        ("archive.docx", "unsupported file type"),
        ("bomb.png", "image too large"),
        ("corrupt.pdf", "corrupt PDF"),
        ("empty.pdf", "empty file"),
        ("empty.txt", "empty file"),
        ("encrypted.pdf", "encrypted PDF"),
        ("png_named.pdf", "does not match extension"),
        ("truncated.png", "corrupt image"),
        ("blocked/c.txt", "cannot write"),
    ];
    for (path, reason) in expect_failed {
        let r = &m[path];
        assert_eq!(r["status"], "failed", "{path}");
        let got = r["reason"].as_str().unwrap();
        assert!(got.contains(reason), "{path}: {got}");
        assert!(r["output"].is_null(), "{path}");
        // Failures are named in the log as well.
        assert!(stderr(&o).contains(path), "{path} not in the log");
    }
    for path in ["a.txt", "sub/b.txt", "sub/ks_scan.tif"] {
        let r = &m[path];
        assert_eq!(r["status"], "ok", "{path}: {r}");
        assert!(r["reason"].is_null());
        let output = r["output"].as_str().unwrap();
        assert_eq!(output, format!("{path}.json"));
        let doc: Value = serde_json::from_slice(&std::fs::read(out.join(output)).unwrap()).unwrap();
        assert_eq!(doc["source"]["path"], path);
        assert_eq!(doc["source"]["sha256"], r["sha256"]);
        assert_eq!(doc["pages"].as_array().unwrap().len() as u64, r["pages"]);
        assert!(doc["text"].as_str().unwrap().len() > 10, "{path}");
        let text = std::fs::read_to_string(out.join(format!("{path}.txt"))).unwrap();
        assert_eq!(text, doc["text"].as_str().unwrap());
    }
    assert_eq!(m.len(), expect_failed.len() + 3);
    assert_eq!(m["sub/ks_scan.tif"]["pages"], 2);
    assert!(temporaries(&out).is_empty(), "{:?}", temporaries(&out));
}

#[test]
fn page_timeout_fails_the_document_and_the_batch_goes_on() {
    let t = tempfile::tempdir().unwrap();
    let input = t.path().join("in");
    std::fs::create_dir_all(&input).unwrap();
    std::fs::copy(fixture("scans/bn_page.png"), input.join("page.png")).unwrap();
    std::fs::write(input.join("ok.txt"), "§ 1 Öppnande\n").unwrap();
    let out = t.path().join("out");
    let o = run(&[
        s(&input),
        "--out",
        s(&out),
        "--no-repair",
        "--page-timeout",
        "0.001",
        "--jobs",
        "1",
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let m = manifest(&out.join("manifest.jsonl"));
    assert_eq!(m["page.png"]["status"], "failed");
    assert!(m["page.png"]["reason"]
        .as_str()
        .unwrap()
        .contains("exceeded the page timeout"));
    assert_eq!(m["ok.txt"]["status"], "ok");
}

#[test]
fn sigkill_then_rerun_equals_an_uninterrupted_run() {
    let t = tempfile::tempdir().unwrap();
    let input = t.path().join("in");
    let n = 2000;
    text_inputs(&input, n);
    let args = |out: &Path| {
        vec![
            s(&input).to_string(),
            "--out".into(),
            s(out).to_string(),
            "--jobs".into(),
            "1".into(),
            "--no-repair".into(),
            "--text".into(),
            "-q".into(),
        ]
    };
    let reference = t.path().join("reference");
    let a = args(&reference);
    let a: Vec<&str> = a.iter().map(String::as_str).collect();
    let o = run(&a);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));

    let killed = t.path().join("killed");
    let a = args(&killed);
    let a: Vec<&str> = a.iter().map(String::as_str).collect();
    let mut child = spawn_until(&a, &killed, 40);
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    let done = count_json(&killed);
    assert!(done < n, "killed after all {n} documents: use more inputs");
    assert!(!killed.join("manifest.jsonl").exists());
    // A temporary file as a kill in the middle of a write leaves it.
    let stale = killed.join("2000/.ks_0000.txt.json.4242.tmp");
    std::fs::write(&stale, "{\"partial\":").unwrap();

    let o = run(&a);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(!stale.exists());
    assert!(
        temporaries(&killed).is_empty(),
        "{:?}",
        temporaries(&killed)
    );
    assert_eq!(tree(&killed), tree(&reference), "outputs differ");
    let (mk, mr) = (
        manifest(&killed.join("manifest.jsonl")),
        manifest(&reference.join("manifest.jsonl")),
    );
    assert_eq!(mk.len(), n);
    let skipped = mk.values().filter(|r| r["status"] == "skipped").count();
    assert!(skipped >= 40 && skipped < n, "skipped {skipped}");
    for (p, r) in &mr {
        assert_eq!(comparable(&mk[p]), comparable(r), "{p}");
    }
}

#[test]
fn three_shards_together_equal_one_unsharded_run() {
    let t = tempfile::tempdir().unwrap();
    let input = t.path().join("in");
    text_inputs(&input, 60);
    std::fs::write(input.join("bad.pdf"), "%PDF-1.4 garbage").unwrap();
    let common = ["--no-repair", "--jobs", "1", "-q"];
    let one = t.path().join("one");
    let mut a = vec![s(&input), "--out", s(&one)];
    a.extend(common);
    assert_eq!(run(&a).status.code(), Some(1));

    // Three "machines" at once, one shared folder.
    let shared = t.path().join("shared");
    let shards = ["0/3", "1/3", "2/3"];
    let children: Vec<Child> = shards
        .iter()
        .map(|k| {
            bin()
                .args(["run", s(&input), "--out", s(&shared), "--shard", k])
                .args(common)
                .stderr(Stdio::null())
                .spawn()
                .unwrap()
        })
        .collect();
    for c in children {
        c.wait_with_output().unwrap();
    }
    let mut seen = BTreeMap::new();
    for k in 0..3 {
        let m = manifest(&shared.join(format!("manifest.{k}-of-3.jsonl")));
        assert!(!m.is_empty(), "shard {k} got nothing");
        for p in m.into_keys() {
            assert!(seen.insert(p.clone(), k).is_none(), "{p} in two shards");
        }
    }
    assert!(!shared.join("manifest.jsonl").exists());
    let o = raw(&["manifest", "merge", s(&shared)]);
    // bad.pdf failed: merge says so with exit code 1.
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert_eq!(tree(&shared), tree(&one));
    let (ms, mo) = (
        manifest(&shared.join("manifest.jsonl")),
        manifest(&one.join("manifest.jsonl")),
    );
    assert_eq!(ms.len(), 61);
    for (p, r) in &mo {
        assert_eq!(comparable(&ms[p]), comparable(r), "{p}");
    }
    // A missing shard is reported.
    std::fs::remove_file(shared.join("manifest.1-of-3.jsonl")).unwrap();
    let o = raw(&["manifest", "merge", s(&shared)]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("manifest.1-of-3.jsonl is missing"));
}

#[test]
fn rerun_skips_what_is_up_to_date_and_redoes_what_changed() {
    let t = tempfile::tempdir().unwrap();
    let input = t.path().join("in");
    text_inputs(&input, 5);
    let out = t.path().join("out");
    let base = [s(&input), "--out", s(&out), "--no-repair", "-q"];
    assert_eq!(run(&base).status.code(), Some(0));
    let first = tree(&out);

    let statuses = |extra: &[&str]| {
        let mut a = base.to_vec();
        a.extend_from_slice(extra);
        let o = run(&a);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        manifest(&out.join("manifest.jsonl"))
            .into_iter()
            .map(|(p, r)| (p, r["status"].as_str().unwrap().to_string()))
            .collect::<BTreeMap<_, _>>()
    };
    let st = statuses(&[]);
    assert!(st.values().all(|s| s == "skipped"), "{st:?}");
    assert_eq!(tree(&out), first);

    let changed = "2001/ks_0001.txt";
    std::fs::write(input.join(changed), "PROTOKOLL\n§ 9 Nytt ärende\n").unwrap();
    let st = statuses(&[]);
    assert_eq!(st[changed], "ok");
    assert_eq!(st.values().filter(|s| *s == "skipped").count(), 4);

    // Other settings: other outputs.
    let st = statuses(&["--no-words"]);
    assert!(st.values().all(|s| s == "ok"), "{st:?}");
    let st = statuses(&["--no-words", "--force"]);
    assert!(st.values().all(|s| s == "ok"), "{st:?}");
    // --text on a folder done without it: the sidecars are made.
    let st = statuses(&["--no-words", "--text"]);
    assert!(st.values().all(|s| s == "ok"), "{st:?}");
    assert!(out.join("2001/ks_0001.txt.txt").is_file());
}

#[test]
fn sigint_and_sigterm_stop_cleanly_with_a_complete_manifest() {
    let t = tempfile::tempdir().unwrap();
    let input = t.path().join("in");
    let n = 2000;
    text_inputs(&input, n);
    for (signal, code) in [("-INT", 130), ("-TERM", 143)] {
        let out = t.path().join(format!("out{signal}"));
        stop_with(&input, &out, n, signal, code);
    }
}

fn stop_with(input: &Path, out: &Path, n: usize, signal: &str, code: i32) {
    let (input, out) = (input.to_path_buf(), out.to_path_buf());
    let child = spawn_until(
        &[
            s(&input),
            "--out",
            s(&out),
            "--jobs",
            "1",
            "--no-repair",
            "-q",
        ],
        &out,
        20,
    );
    let st = Command::new("kill")
        .args([signal, &child.id().to_string()])
        .status()
        .unwrap();
    assert!(st.success());
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(code), "{signal}");
    let m = manifest(&out.join("manifest.jsonl"));
    assert_eq!(m.len(), n, "one line per input");
    let ok = m.values().filter(|r| r["status"] == "ok").count();
    let interrupted = m
        .values()
        .filter(|r| {
            r["status"] == "failed" && r["reason"].as_str().unwrap().contains("interrupted")
        })
        .count();
    assert!(
        ok >= 20 && interrupted > 0,
        "ok {ok}, interrupted {interrupted}"
    );
    assert_eq!(ok + interrupted, n);
    assert_eq!(count_json(&out), ok, "outputs of the ok ones, nothing else");
    assert!(temporaries(&out).is_empty());
}

#[test]
fn files_over_max_file_size_are_refused_unread() {
    let t = tempfile::tempdir().unwrap();
    let input = t.path().join("in");
    text_inputs(&input, 2);
    let out = t.path().join("out");
    let o = run(&[s(&input), "--out", s(&out), "--max-file-size", "0", "-q"]);
    assert_eq!(o.status.code(), Some(1));
    let m = manifest(&out.join("manifest.jsonl"));
    assert_eq!(m.len(), 2);
    for r in m.values() {
        assert_eq!(r["status"], "failed");
        assert!(r["reason"].as_str().unwrap().starts_with("file too large"));
        assert!(r["sha256"].is_null(), "not read");
    }
}

#[test]
fn config_file_sets_options_and_command_line_flags_win() {
    let t = tempfile::tempdir().unwrap();
    let input = t.path().join("in");
    text_inputs(&input, 3);
    std::fs::write(input.join("notes.md"), "§ 1 Anteckning\n").unwrap();
    let out = t.path().join("out");
    let cfg = t.path().join("paragraf.toml");
    std::fs::write(
        &cfg,
        format!(
            "inputs = [{:?}]\ntext = true\njobs = 1\nno_repair = true\ninclude = [\"*.md\"]\nlog-format = \"json\"\n",
            s(&input)
        ),
    )
    .unwrap();
    let o = run(&["--config", s(&cfg), "--out", s(&out), "--include", "*.txt"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let m = manifest(&out.join("manifest.jsonl"));
    assert_eq!(m.len(), 3, "the command line's --include wins: {m:?}");
    assert!(m.keys().all(|k| k.ends_with(".txt")));
    assert!(out.join("2000/ks_0000.txt.txt").is_file(), "text = true");
    // JSON log lines from the config's log-format.
    let first = stderr(&o).lines().next().unwrap_or("").to_string();
    assert!(serde_json::from_str::<Value>(&first).is_ok(), "{first}");

    std::fs::write(&cfg, "jbos = 2\n").unwrap();
    let o = run(&["--config", s(&cfg), s(&input), "--out", s(&out)]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("jbos: unknown option"),
        "{}",
        stderr(&o)
    );
    std::fs::write(&cfg, "jobs = \"many\"\n").unwrap();
    let o = run(&["--config", s(&cfg), s(&input), "--out", s(&out)]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn jsonl_streams_good_documents_to_stdout() {
    let t = tempfile::tempdir().unwrap();
    let input = t.path().join("in");
    text_inputs(&input, 4);
    std::fs::write(input.join("bad.pdf"), "%PDF-1.4 garbage").unwrap();
    let o = run(&[s(&input), "--format", "jsonl", "--no-repair", "-q"]);
    assert_eq!(o.status.code(), Some(1));
    let lines: Vec<Value> = String::from_utf8(o.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).expect("one document per line"))
        .collect();
    let mut paths: Vec<&str> = lines
        .iter()
        .map(|d| d["source"]["path"].as_str().unwrap())
        .collect();
    paths.sort();
    assert_eq!(
        paths,
        [
            "2000/ks_0000.txt",
            "2001/ks_0001.txt",
            "2002/ks_0002.txt",
            "2003/ks_0003.txt"
        ]
    );
    // With --out, files and manifest too; up-to-date documents still stream.
    let out = t.path().join("out");
    for _ in 0..2 {
        let o = run(&[
            s(&input),
            "--format",
            "jsonl",
            "--out",
            s(&out),
            "--no-repair",
            "-q",
        ]);
        assert_eq!(String::from_utf8(o.stdout).unwrap().lines().count(), 4);
    }
    let m = manifest(&out.join("manifest.jsonl"));
    assert_eq!(m["2000/ks_0000.txt"]["status"], "skipped");
}

#[test]
fn globs_hidden_files_output_inside_input_and_name_collisions() {
    let t = tempfile::tempdir().unwrap();
    let a = t.path().join("a");
    let b = t.path().join("b");
    for d in [&a, &b] {
        std::fs::create_dir_all(d.join("drafts")).unwrap();
        std::fs::write(d.join("x.txt"), "§ 1 A\n").unwrap();
        std::fs::write(d.join("drafts/y.txt"), "§ 2 B\n").unwrap();
        std::fs::write(d.join(".hidden.txt"), "§ 3 C\n").unwrap();
        std::fs::write(d.join("x.TXT.bak"), "§ 4 D\n").unwrap();
    }
    // Output inside the input folder: not walked on the second run.
    let out = a.join("out");
    let args = [
        s(&a),
        s(&b),
        "--out",
        s(&out),
        "--include",
        "*.txt",
        "--exclude",
        "drafts",
        "--no-repair",
        "-q",
    ];
    for _ in 0..2 {
        let o = run(&args);
        assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    }
    let m = manifest(&out.join("manifest.jsonl"));
    assert_eq!(m.len(), 2, "{m:?}");
    assert_eq!(m["x.txt"]["status"], "skipped");
    let dup = m.keys().find(|k| k.starts_with("x.txt (")).unwrap();
    assert_eq!(m[dup]["status"], "failed");
    assert!(m[dup]["reason"].as_str().unwrap().contains("already taken"));
}

#[test]
fn usage_and_configuration_errors_exit_2() {
    let t = tempfile::tempdir().unwrap();
    let input = t.path().join("in");
    text_inputs(&input, 1);
    let out = t.path().join("out");
    let i = s(&input);
    let o = s(&out);
    for args in [
        vec![i],
        vec![i, "--out", o, "--shard", "3/3"],
        vec![i, "--out", o, "--include", "["],
        vec![i, "--out", o, "--jobs", "0"],
        vec![i, "--out", o, "--config", "/nonexistent.toml"],
        vec![i, "--out", o, "--dpi", "5"],
        vec!["--out", o],
    ] {
        let r = raw(&[&["run"][..], &args].concat());
        assert_eq!(r.status.code(), Some(2), "{args:?}: {}", stderr(&r));
    }
    // Output folder that cannot be created.
    std::fs::write(t.path().join("file"), "").unwrap();
    let r = raw(&["run", i, "--out", s(&t.path().join("file/out"))]);
    assert_eq!(r.status.code(), Some(2));
    assert!(stderr(&r).contains("cannot create output folder"));
}
