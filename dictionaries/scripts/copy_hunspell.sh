#!/usr/bin/env bash
# Copy Debian's hunspell-sv (sv_SE, LGPL-3.0) into dictionaries/.
# usage: dictionaries/scripts/copy_hunspell.sh   (needs: apt-get install hunspell-sv)
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
cp /usr/share/hunspell/sv_SE.aff /usr/share/hunspell/sv_SE.dic "$here/"
cp /usr/share/doc/hunspell-sv/copyright "$here/LICENSE.hunspell-sv.txt"
