#!/usr/bin/env bash
# The test command of the README: formatting, lints, then every test.
# Tests run in release mode: OCR, image cleaning and the repair lexicon are
# measured on real inputs, and a debug build makes that needlessly slow.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo fmt --check
cargo clippy --release --all-targets --quiet -- -D warnings
# The library alone, as embedders build it: no clap, indicatif, signal-hook.
cargo build --release --lib --no-default-features --quiet
cargo test --release
