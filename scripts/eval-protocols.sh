#!/usr/bin/env bash
# Structure figures on the invented protocols of fixtures/protocols/ (five
# layouts, each born digital, clean scan and degraded scan; made by
# scripts/make-protocol-set.py), scored by ../shared/tools/score_structure.py
# against their gold, per document and per form, and their text CER
# against the transcription without page furniture.
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
# Text CER against each protocol's transcription without page furniture
# (whitespace collapsed, as score.py does), per document and per form.
python3 - "$OUT" <<'PY'
import json, pathlib, sys
from rapidfuzz.distance import Levenshtein
out = pathlib.Path(sys.argv[1])
norm = lambda s: " ".join(s.split())
forms = {"": "born digital", "_scan": "clean scan", "_worn": "worn scan"}
per_form = {f: [] for f in forms}
print("\ntext CER against the transcription without page furniture")
for gold in sorted(pathlib.Path("fixtures/protocols").glob("*.gold.txt")):
    name = gold.name[: -len(".gold.txt")]
    g = norm(gold.read_text(encoding="utf-8"))
    for form in forms:
        doc = out / f"{name}{form}.pdf.json"
        if not doc.exists():
            continue
        t = norm(json.loads(doc.read_text(encoding="utf-8"))["text"])
        cer = Levenshtein.distance(g, t) / max(len(g), 1)
        per_form[form].append(cer)
        print(f"{name + form:<28} CER {100 * cer:6.2f}%")
for form, label in forms.items():
    v = per_form[form]
    if v:
        print(f"MEAN {label}: CER {100 * sum(v) / len(v):.2f}% over {len(v)} protocols")
PY
