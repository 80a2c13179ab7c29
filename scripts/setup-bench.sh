#!/usr/bin/env bash
# Debian packages needed only by scripts/bench-batch.sh (not to build or test).
# Idempotent. Needs root (or sudo).
set -euo pipefail
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
PKGS=(
  hyperfine        # medians of repeated runs
  time             # /usr/bin/time -v: peak resident memory
  poppler-utils    # pdftoppm, pdfinfo, pdfimages
  tesseract-ocr tesseract-ocr-swe tesseract-ocr-eng
  ocrmypdf         # what archivists use today
  img2pdf qpdf     # building the multi-page benchmark PDFs
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
