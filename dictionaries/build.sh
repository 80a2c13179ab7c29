#!/usr/bin/env bash
# Rebuild every data file of the repair stage. Run from anywhere; needs
#   apt-get install hunspell-sv tesseract-ocr tesseract-ocr-eng fonts-dejavu-core
#   pip install wordfreq rapidfuzz pillow faker
# and ../shared/corpora/ud-swedish-talbanken (or TALBANKEN=dir).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
talbanken="${TALBANKEN:-$root/../shared/corpora/ud-swedish-talbanken}"
synth="${SYNTH_DIR:-$(mktemp -d)}"
bash "$here/scripts/copy_hunspell.sh"
python3 "$here/scripts/export_wordfreq.py" "$here/sv_wordfreq.tsv" 200000
python3 "$here/scripts/export_bigrams.py" "$talbanken" "$here/sv_bigrams.tsv"
python3 "$here/scripts/export_names.py" "$here/sv_names.tsv"
OMP_THREAD_LIMIT=1 python3 "$here/scripts/synth_ocr.py" "$talbanken" "$synth"
python3 "$here/scripts/estimate_confusions.py" "$synth" "$here/confusions.tsv" "$root/fixtures/repair/heldout"
echo "done; synthetic pages in $synth"
