#!/usr/bin/env bash
# Structure figures on the invented protocols of fixtures/protocols/ (five
# layouts, each born digital, clean scan and degraded scan; made by
# scripts/make-protocol-set.py), scored by ../shared/tools/score_structure.py
# against their gold, per document and per form.
# Usage: scripts/eval-protocols.sh [OUT_DIR] [extra `paragraf run` flags]
# Needs rapidfuzz (pip install rapidfuzz) and the scorer in ../shared/tools
# (exits 0 with a note when it is not there).
set -euo pipefail
cd "$(dirname "$0")/.."
SCORER=${SCORER:-../shared/tools/score_structure.py}
OUT=${1:-target/protocols}
shift || true
if [ ! -f "$SCORER" ]; then
  echo "eval-protocols: $SCORER not found; nothing to score" >&2
  exit 0
fi
cargo build --release --quiet
BIN=target/release/paragraf
"$BIN" run fixtures/protocols --include "*.pdf" --out "$OUT" --quiet "$@" || true
# One gold file per form: NAME, NAME_scan and NAME_worn share NAME's gold.
GOLD="$OUT.gold"
rm -rf "$GOLD"
mkdir -p "$GOLD"
for g in fixtures/protocols/*.structure.json; do
  name=$(basename "$g" .structure.json)
  for form in "" _scan _worn; do
    cp "$g" "$GOLD/$name$form.structure.json"
  done
done
python3 "$SCORER" "$GOLD" "$OUT"
