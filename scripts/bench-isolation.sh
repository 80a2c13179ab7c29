#!/usr/bin/env bash
# What worker-process isolation costs: `run` on the bundled
# fixtures with this build against a build without isolation, rounds
# interleaved, wall and CPU (user + sys, children included) per round.
# Usage: scripts/bench-isolation.sh ISOLATED_BINARY IN_PROCESS_BINARY [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/.."
a="$1"; b="$2"; rounds="${3:-5}"
out="$(mktemp -d)"
TIMEFORMAT='%R %U %S'
for _ in $(seq "$rounds"); do
  for bin in "$a" "$b"; do
    rm -rf "$out/o"
    t=$( { time "$bin" run fixtures/scans fixtures/text --out "$out/o" --force -q 2>/dev/null; } 2>&1 ) || true
    echo "$bin $t"
  done
done | awk '{ w[$1] = w[$1] " " $2; c[$1] = c[$1] " " ($3 + $4) }
  END { for (k in w) print k ": wall" w[k] "; cpu" c[k] }'
rm -rf "$out"
