#!/usr/bin/env bash
# Install what the fixture generators need (not needed to build, run or test
# paragraf): headless Chromium prints the HTML protocols of
# scripts/make-layout-fixtures.py; PIL, img2pdf and fonts for both generators.
# Idempotent. Needs root (or sudo).
set -euo pipefail
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
PKGS=(
  chromium                                  # HTML + CSS -> born-digital PDF (--headless --print-to-pdf)
  poppler-utils                             # pdftoppm: PDF -> page images
  img2pdf                                   # page images -> image-only PDF, lossless
  python3-pil                               # degrading the scans (noise, blur, skew, turns)
  fonts-liberation fonts-dejavu-core        # the protocols' fonts
  qpdf                                      # the encrypted bad-input fixture
)
missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
