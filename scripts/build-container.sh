#!/usr/bin/env bash
# Build the container image localhost/paragraf from the Debian package
# (contrib/container/Containerfile) with podman, on a base image made here
# with debootstrap (minbase Debian 12 from the mirror apt already uses; no
# registry is needed), then run it on a scanned fixture. Needs root, the
# package (scripts/package-deb.sh) and podman, buildah, debootstrap, runc
# (scripts/setup-container.sh).
#
# Podman runs with runc and without default ulimits (CONTAINERS_CONF below):
# on machines that are themselves containers, with cgroups v1 or hybrid and
# without CAP_SYS_RESOURCE, crun and the default ulimits fail.
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$PWD
BASE=localhost/paragraf-base:bookworm
IMAGE=${IMAGE:-localhost/paragraf:latest}
fail() { echo "build-container: FAILED: $*" >&2; exit 1; }
DEB=$(ls -t target/debian/paragraf_*.deb 2>/dev/null | head -1)
[ -n "$DEB" ] || fail "no package: run scripts/package-deb.sh first"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
printf '[containers]\ndefault_ulimits = []\n' > "$WORK/containers.conf"
export CONTAINERS_CONF=$WORK/containers.conf
PODMAN=(podman --runtime runc)

if ! "${PODMAN[@]}" image exists "$BASE"; then
  # The mirror apt uses on this machine (deb822 or one-line sources).
  MIRROR=${MIRROR:-$(sed -n 's/^URIs: *\([^ ]*\/debian\)$/\1/p' /etc/apt/sources.list.d/*.sources 2>/dev/null | head -1)}
  MIRROR=${MIRROR:-$(awk '$1 == "deb" && $2 ~ /\/debian\/?$/ {print $2; exit}' /etc/apt/sources.list 2>/dev/null)}
  [ -n "$MIRROR" ] || fail "no Debian mirror found in apt's sources; set MIRROR"
  debootstrap --variant=minbase bookworm "$WORK/rootfs" "$MIRROR" > "$WORK/debootstrap.log" 2>&1 \
    || { tail -20 "$WORK/debootstrap.log" >&2; fail "debootstrap"; }
  tar -C "$WORK/rootfs" -c . | "${PODMAN[@]}" import -q - "$BASE" >/dev/null
  rm -rf "$WORK/rootfs"
fi

cp "$DEB" "$WORK/paragraf.deb"
"${PODMAN[@]}" build -q --network host --build-arg BASE="$BASE" \
  -f contrib/container/Containerfile -t "$IMAGE" "$WORK" >/dev/null

# Use it: --version, and extract on a scanned fixture mounted read-only.
"${PODMAN[@]}" run --rm "$IMAGE" --version
"${PODMAN[@]}" run --rm --network none -v "$REPO/fixtures/scans:/data:ro" "$IMAGE" \
  extract /data/ks_scan.tif > "$WORK/out.json"
python3 - "$WORK/out.json" <<'PY' || fail "extract in the container"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["pages"][0]["source"] == "ocr" and len(d["sections"]) >= 3, d["sections"]
print(f"build-container: extract in the container: {len(d['sections'])} sections, organ {d['meeting']['organ']!r}")
PY
echo "build-container: ok ($IMAGE, $("${PODMAN[@]}" image inspect -f '{{.Size}}' "$IMAGE" | awk '{printf "%.0f MB", $1/1e6}'))"
