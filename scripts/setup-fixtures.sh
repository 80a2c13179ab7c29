#!/usr/bin/env bash
# Install what the fixture generators need (not needed to build, run or test
# paragraf): headless Chromium prints the HTML protocols of
# scripts/make-layout-fixtures.py; PIL, img2pdf and fonts for both generators.
# Idempotent. Needs root (or sudo).
set -euo pipefail
PKGS=(
  chromium                                  # HTML + CSS -> born-digital PDF (--headless --print-to-pdf)
  poppler-utils                             # pdftoppm: PDF -> page images
  img2pdf                                   # page images -> image-only PDF, lossless
  python3-pil                               # degrading the scans (noise, blur, skew, turns)
  fonts-liberation fonts-dejavu-core        # the protocols' fonts
  qpdf                                      # the encrypted bad-input fixture
)
. "$(dirname "$0")/apt-install-missing.sh"
