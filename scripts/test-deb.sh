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
echo "test-deb: ok ($(basename "$DEB"))"
