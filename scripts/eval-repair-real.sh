#!/usr/bin/env bash
# Repair quality figures (repair that does no harm on real OCR): the seed protocols of the repository,
# and, when ../shared/real-dev is present, real OCR the project did not make:
#   - newspapers 1818-1848 (line OCR with hand transcription): long s folded
#     to s on all three sides first, then `paragraf repair` and
#     `paragraf eval GOLD REPAIRED OCR` (WER before/after, fixed, broken);
#   - Riksdag protocols (no gold): how many changes, and how many of them
#     touch a quotation mark (» « ” “), which must be none.
# Usage: scripts/eval-repair-real.sh [PARAGRAF_BINARY]
# Builds the release binary if none is given. Reads, never writes, real-dev.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${1:-}
if [[ -z "$BIN" ]]; then
    cargo build --release --quiet
    BIN="${CARGO_TARGET_DIR:-target}/release/paragraf"
fi
REAL=../shared/real-dev
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

# one line of figures from `paragraf eval` JSON
summary() {
    python3 -c '
import json, sys
r = json.load(sys.stdin)
r["share"] = 100 * r["broken"] / r["gold_words"]
for k in ("wer", "wer_before", "cer", "cer_before"):
    r[k] *= 100
print("  WER {wer_before:.2f}% -> {wer:.2f}%  CER {cer_before:.2f}% -> {cer:.2f}%"
      "  fixed {fixed}  broken {broken} ({share:.2f}% of {gold_words} words)".format(**r))
print("  broken:", " ".join(r["broken_words"][:25]))
'
}

# changes of a --report log, and how many touch a quotation mark
changes() {
    python3 -c '
import json, sys
log = json.load(open(sys.argv[1]))
c = log["corrections"]
q = [x for x in c if any(ch in x["original"] + x["corrected"] for ch in "»«”“")]
print("  %d changes, %d touching a quotation mark, loss %.3f, %d warnings"
      % (len(c), len(q), log["diacritic_loss"], len(log["warnings"])))
for x in c[:15]:
    print("    %r -> %r" % (x["original"], x["corrected"]))
' "$1"
}

echo "seed 000 (OCR without Swedish data; target WER <= 2.76%, <= 2 broken)"
"$BIN" repair fixtures/text/000_4080bc15aeecdb73.txt >"$TMP/000.txt"
"$BIN" eval fixtures/gold/000_4080bc15aeecdb73.gold.txt "$TMP/000.txt" \
    fixtures/text/000_4080bc15aeecdb73.txt | summary

echo "seed 004 (clean; target: no change)"
"$BIN" repair fixtures/text/004_26675dc178baf6b3.txt --report "$TMP/004.json" >/dev/null
changes "$TMP/004.json"

if [[ -d "$REAL" ]]; then
    NEWS="$REAL/ocr-lines/newspapers-1818-1848"
    if [[ -f "$NEWS.ocr.txt" ]]; then
        echo "newspapers 1818-1848, long s folded (target: WER after <= before, broken <= 0.5%)"
        sed 's/ſ/s/g' "$NEWS.ocr.txt" >"$TMP/news.ocr.txt"
        sed 's/ſ/s/g' "$NEWS.gold.txt" >"$TMP/news.gold.txt"
        "$BIN" repair "$TMP/news.ocr.txt" --report "$TMP/news.json" | sed 's/ſ/s/g' >"$TMP/news.rep.txt"
        "$BIN" eval "$TMP/news.gold.txt" "$TMP/news.rep.txt" "$TMP/news.ocr.txt" | summary
        python3 -c 'import json,sys; w=[x for x in json.load(open(sys.argv[1]))["warnings"] if "orthography" in x]; print("  " + (w[0] if w else "no orthography warning"))' "$TMP/news.json"
    fi
    for f in "$REAL"/riksdag-ocr/*.txt; do
        [[ -f "$f" ]] || continue
        echo "riksdag $(basename "$f") (no gold; target: no quotation mark changed)"
        "$BIN" repair "$f" --report "$TMP/rd.json" >/dev/null
        changes "$TMP/rd.json"
    done
else
    echo "($REAL not present: real-material figures skipped)"
fi
