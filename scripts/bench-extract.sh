#!/usr/bin/env bash
# Pages per second: `paragraf extract` on a multi-page scanned PDF against
# the plain Tesseract CLI on the same page images (pdftoppm + tesseract),
# both with 2 parallel jobs, in one hyperfine run.
#
# Usage: scripts/bench-extract.sh [PAGES]   (default 10; needs qpdf, hyperfine)
set -euo pipefail
cd "$(dirname "$0")/.."
PAGES=${PAGES:-${1:-10}}
LANG_MODEL=${LANG_MODEL:-Latin}
command -v hyperfine >/dev/null && command -v qpdf >/dev/null || {
  echo "needs hyperfine and qpdf: apt-get install hyperfine qpdf" >&2; exit 2; }
cargo build --release --quiet
BIN=$PWD/target/release/paragraf
W=$(mktemp -d); trap 'rm -rf "$W"' EXIT
# A PAGES-page scan: the 2-page clean fixture repeated.
reps=()
for _ in $(seq $(( (PAGES + 1) / 2 ))); do reps+=(fixtures/scans/ks_clean.pdf); done
qpdf --empty --pages "${reps[@]}" -- "$W/multi.pdf"
qpdf --show-npages "$W/multi.pdf"
DPI=300  # native resolution of the fixture's page images
cat > "$W/cli.sh" <<EOS
set -e
rm -rf "$W/pages"; mkdir "$W/pages"
pdftoppm -r $DPI -gray "$W/multi.pdf" "$W/pages/p"
ls "$W"/pages/*.pgm | xargs -P 2 -I{} tesseract {} {} -l $LANG_MODEL --dpi $DPI quiet
EOS
hyperfine --warmup 1 --runs "${RUNS:-5}" --export-json "$W/h.json" \
  -n "paragraf extract (full pipeline)" "$BIN extract --jobs 2 $W/multi.pdf -o $W/out.json" \
  -n "paragraf extract (OCR only: --no-repair)" "$BIN extract --jobs 2 $W/multi.pdf --no-repair -o $W/out.json" \
  -n "pdftoppm + tesseract -P 2 (OMP_THREAD_LIMIT=1)" "OMP_THREAD_LIMIT=1 bash $W/cli.sh" \
  -n "pdftoppm + tesseract -P 2 (OpenMP default)" "bash $W/cli.sh"
python3 - "$W/h.json" "$PAGES" <<'EOP'
import json, sys
r = json.load(open(sys.argv[1]))["results"]; pages = int(sys.argv[2])
base = r[0]["median"]
for x in r:
    print(f'{x["command"]:52} median {x["median"]:6.2f} s  {pages / x["median"]:5.2f} pages/s  ratio vs paragraf {x["median"] / base:4.2f}')
EOP
