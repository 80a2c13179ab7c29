#!/usr/bin/env bash
# The Debian packages scripts/build-container.sh needs: podman (with runc,
# see that script), buildah and debootstrap for the base image. About 35 s.
set -euo pipefail
PKGS=(podman buildah runc debootstrap uidmap)
. "$(dirname "$0")/apt-install-missing.sh"
