#!/usr/bin/env bash
# The Debian packages scripts/test-slurm.sh needs: a one-node Slurm
# (controller, node daemon, client commands) and munge for its
# authentication. 8 packages, about 25 s to install. The packages' own
# services are not used: the test starts its daemons with a config of its own.
set -euo pipefail
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
PKGS=(slurmctld slurmd slurm-client munge)
missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
