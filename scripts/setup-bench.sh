#!/usr/bin/env bash
# Debian packages needed only by scripts/bench-batch.sh (not to build or test).
# Idempotent. Needs root (or sudo).
set -euo pipefail
PKGS=(
  hyperfine        # medians of repeated runs
  time             # /usr/bin/time -v: peak resident memory
  poppler-utils    # pdftoppm, pdfinfo, pdfimages
  tesseract-ocr tesseract-ocr-swe tesseract-ocr-eng
  ocrmypdf         # what archivists use today
  img2pdf qpdf     # building the multi-page benchmark PDFs
)
. "$(dirname "$0")/apt-install-missing.sh"
