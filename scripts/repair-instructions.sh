#!/usr/bin/env bash
# Instructions executed inside Repairer::repair (callgrind), per fixture text.
# Unlike wall time this count does not depend on what else the machine is
# doing, so it compares commits on a shared machine. Needs valgrind.
#   bash scripts/repair-instructions.sh [paragraf binary]
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-target/release/paragraf}
[ -x "$bin" ] || cargo build --release --quiet
out=$(mktemp)
trap 'rm -f "$out"' EXIT
for f in fixtures/text/000_4080bc15aeecdb73.txt fixtures/text/004_26675dc178baf6b3.txt \
         fixtures/repair/heldout.noisy.txt; do
    # OMP_THREAD_LIMIT set: paragraf would otherwise re-execute itself
    n=$(OMP_THREAD_LIMIT=1 valgrind --tool=callgrind --callgrind-out-file="$out" \
        --toggle-collect='paragraf::repair::Repairer::repair' "$bin" repair "$f" 2>&1 >/dev/null |
        sed -n 's/.*Collected : *//p')
    printf '%-45s %15d instructions\n' "$f" "$n"
done
