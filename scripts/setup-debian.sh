#!/usr/bin/env bash
# Install the Debian packages paragraf needs to build, run and test.
# Idempotent: safe to run again. Needs root (or sudo).
set -euo pipefail
PKGS=(
  tesseract-ocr tesseract-ocr-script-latn             # OCR engine + Latin script model (default --lang Latin: keeps §, å, ä, ö)
  tesseract-ocr-swe tesseract-ocr-eng                  # Swedish/English models (--lang swe, swe+eng)
  tesseract-ocr-osd                                    # orientation detection: pages scanned sideways or upside down
  libtesseract-dev libleptonica-dev                    # for the tesseract Rust bindings
  clang libclang-dev pkg-config                        # bindgen for the -sys crates
  poppler-utils                                        # pdftoppm/pdfimages/pdfinfo: PDF pages to images; tests: pdftotext, pdffonts
  libxml2-utils qpdf                                   # tests: xmllint validates ALTO against its schema, qpdf --check the searchable PDF
  groff-base                                           # tests: the generated man pages render without warnings
  dpkg-dev                                             # scripts/package-deb.sh: dpkg-shlibdeps for the package's Depends
  systemd                                              # scripts/test-deb.sh: systemd-analyze verify contrib/systemd/*
)
. "$(dirname "$0")/apt-install-missing.sh"
