#!/usr/bin/env bash
# Longer fuzzing than the test suite's fixed budget: proptest over mutated
# PDF, TIFF, PNG, JPEG and text inputs and over segmentation input
# (tests/fuzz.rs). Usage: scripts/fuzz.sh [CASES per target, default 2000].
# A failure is shrunk and saved in tests/fuzz.proptest-regressions; commit
# that file with the fix so the case is replayed by every run.
set -euo pipefail
cd "$(dirname "$0")/.."
FUZZ_CASES="${1:-2000}" cargo test --release --test fuzz -- --test-threads 2
