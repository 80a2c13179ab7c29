#!/usr/bin/env bash
# Structure quality on the real protocols in ../shared/real-dev (never part of
# the repository): runs `paragraf run` over them and scores the output with
# ../shared/tools/score_structure.py, per document and as a mean.
#
#   bash scripts/eval-real.sh [OUT_DIR] [-- extra paragraf run flags]
#
# With PARAGRAF_TEXT_ONLY=1 the documents are not OCR'd again: the `text` of
# a previous run's JSON (in OUT_DIR) is segmented anew (fast, for work on
# segmentation only; repair is not run again either).
# Needs rapidfuzz (pip install rapidfuzz). Exits 0 with a note when the real
# material is not there (CI, a fresh clone elsewhere).
set -euo pipefail
cd "$(dirname "$0")/.."
REAL=${REAL_DEV:-../shared/real-dev}
OUT=${1:-target/real-dev}
shift || true
[ "${1:-}" = "--" ] && shift
if [ ! -d "$REAL/protocols" ]; then
  echo "eval-real: $REAL/protocols not found; nothing to score"
  exit 0
fi
BIN=${PARAGRAF:-target/release/paragraf}
[ -x "$BIN" ] || cargo build --release --quiet
if [ "${PARAGRAF_TEXT_ONLY:-0}" = 1 ]; then
  # Re-segment the text of the last full run: one text file per document,
  # pages separated by form feeds, run without repair.
  TXT="$OUT.text"
  rm -rf "$TXT" "$OUT.seg"
  mkdir -p "$TXT"
  python3 - "$OUT" "$TXT" <<'PY'
import json, pathlib, sys
src, dst = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
for f in src.glob("*.json"):
    if f.name.startswith("manifest"):
        continue
    d = json.loads(f.read_text(encoding="utf-8"))
    name = f.name[: -len(".pdf.json")] if f.name.endswith(".pdf.json") else f.stem
    (dst / (name + ".txt")).write_text(d["text"], encoding="utf-8")
PY
  "$BIN" run "$TXT" --out "$OUT.seg" --no-repair --quiet "$@" || true
  python3 ../shared/tools/score_structure.py "$REAL/gold" "$OUT.seg"
else
  "$BIN" run "$REAL/protocols" --out "$OUT" "$@" || true
  python3 ../shared/tools/score_structure.py "$REAL/gold" "$OUT"
fi
