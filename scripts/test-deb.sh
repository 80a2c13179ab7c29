#!/usr/bin/env bash
# Install the package built by scripts/package-deb.sh and use it as a user
# would: /usr/bin/paragraf, from a folder outside the repository, with a
# PATH and environment that have none of the build tools (no cargo, no
# repository), on a scanned fixture. Removes the package again at the end
# unless it was installed before. Needs root (or sudo).
#
#   bash scripts/package-deb.sh && bash scripts/test-deb.sh
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$PWD
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
DEB=$(ls -t target/debian/paragraf_*.deb | head -1)
DEB=$(readlink -f "$DEB")
FIXTURE=$(readlink -f fixtures/scans/ks_scan.tif)
fail() { echo "test-deb: FAILED: $*" >&2; exit 1; }

# Depends: runtime packages only, and every one of them resolvable.
deps=$(dpkg-deb -f "$DEB" Depends | tr ',' '\n' | sed 's/(.*)//; s/ //g' | grep -v '^$')
for d in $deps; do
  case "$d" in *-dev|clang*|rustc|cargo|pkg-config) fail "build package $d in Depends";; esac
done
closure=$(apt-cache depends --recurse --no-recommends --no-suggests --no-conflicts \
  --no-breaks --no-replaces --no-enhances $deps | grep -v '^ ' | sort -u)
if echo "$closure" | grep -Eq -- '-dev$|^(clang|libclang|rustc|cargo)'; then
  fail "a build package in the dependency closure: $(echo "$closure" | grep -E -- '-dev$|clang' | tr '\n' ' ')"
fi

was_installed=0
dpkg-query -W -f='${Status}' paragraf 2>/dev/null | grep -q "install ok installed" && was_installed=1
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get install -y -qq --no-install-recommends "$DEB" >/dev/null
WORK=$(mktemp -d)
cleanup() {
  cd /
  rm -rf "$WORK"
  if [ "$was_installed" = 0 ]; then $SUDO apt-get remove -y -qq paragraf >/dev/null || true; fi
}
trap cleanup EXIT

cp "$FIXTURE" "$WORK/scan.tif"
cd "$WORK"
# A user's environment: system PATH only, no cargo, no repository.
run() { env -i HOME="$WORK" PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 "$@"; }

run /usr/bin/paragraf --version | tee version.txt
grep -Eq '^paragraf [0-9.]+ \(commit [0-9a-f]{12}\)$' version.txt || fail "--version has no commit"
grep -Eq '^tesseract [0-9]' version.txt || fail "--version has no tesseract version"
# Every shared library resolves from the runtime packages.
if ldd /usr/bin/paragraf | grep -q 'not found'; then fail "missing library: $(ldd /usr/bin/paragraf | grep 'not found')"; fi

run /usr/bin/paragraf extract scan.tif -o scan.json
python3 - scan.json <<'PY' || fail "extract output"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["source"]["format"] == "tiff", d["source"]
assert d["pages"][0]["source"] == "ocr", d["pages"][0]["source"]
assert d["meeting"]["organ"], "no organ recognised"
assert len(d["sections"]) >= 3, len(d["sections"])
print(f"test-deb: extract: {len(d['pages'])} page(s), {len(d['sections'])} sections, organ {d['meeting']['organ']!r}")
PY

# What the package installs besides the program.
if command -v man >/dev/null; then
  run man -w paragraf | grep -q '/usr/share/man/man1/paragraf.1.gz' || fail "man paragraf"
  run man -w paragraf-run >/dev/null || fail "man paragraf-run"
fi
[ -f /usr/share/man/man1/paragraf-run.1.gz ] || fail "paragraf-run(1) not installed"
bash -n /usr/share/bash-completion/completions/paragraf || fail "bash completion"
grep -q 'extract' /usr/share/zsh/vendor-completions/_paragraf || fail "zsh completion"
grep -q 'extract' /usr/share/fish/vendor_completions.d/paragraf.fish || fail "fish completion"

# Scheduled runs: the installed units are valid (systemd-analyze checks the
# ExecStart binary and the man page they name, so only with the package in),
# and the service's own command line, run as its user with the sample config
# pointed at a folder of fixtures, gives JSON logs and a manifest; run again,
# everything is up to date.
if command -v systemd-analyze >/dev/null; then
  systemd-analyze verify /lib/systemd/system/paragraf-nightly.service \
    /lib/systemd/system/paragraf-nightly.timer || fail "systemd-analyze verify"
  (cd "$REPO" && systemd-analyze verify contrib/systemd/*) || fail "systemd-analyze verify contrib/systemd/*"
fi
getent passwd paragraf >/dev/null || fail "postinst did not create the user paragraf"
chmod 0755 "$WORK"
mkdir -p inbox/2021 json
cp "$FIXTURE" inbox/2021/ks_scan.tif
cp "$REPO"/fixtures/text/004_*.txt inbox/
chown paragraf: json
sed -e "s|/srv/paragraf/inbox|$WORK/inbox|; s|/srv/paragraf/json|$WORK/json|" \
  /usr/share/doc/paragraf/examples/nightly.toml > nightly.toml
exec_start=$(sed -n 's/^ExecStart=//p' /lib/systemd/system/paragraf-nightly.service)
exec_start=${exec_start//\/etc\/paragraf\/nightly.toml/$WORK/nightly.toml}
for night in 1 2; do
  code=0
  run runuser -u paragraf -- $exec_start 2> log$night.jsonl || code=$?
  [ "$code" = 0 ] || { cat log$night.jsonl >&2; fail "night $night: exit $code"; }
done
python3 - json/manifest.jsonl log1.jsonl log2.jsonl <<'PY' || fail "nightly run"
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
paths = sorted(r["path"] for r in rows)
assert len(paths) == 2 and paths[1] == "2021/ks_scan.tif" and paths[0].startswith("004_"), paths
assert all(r["status"] == "skipped" for r in rows), rows
def done(log):   # every line is JSON; the per-document lines
    lines = [json.loads(l) for l in open(log) if l.strip()]
    return {l["path"]: l["status"] for l in lines if "path" in l and "status" in l}
assert done(sys.argv[2]) == {p: "ok" for p in paths}, done(sys.argv[2])
assert done(sys.argv[3]) == {p: "skipped" for p in paths}, done(sys.argv[3])
print(f"test-deb: nightly: {len(paths)} documents ok, JSON logs, the second night all up to date")
PY
echo "test-deb: ok ($(basename "$DEB"))"
