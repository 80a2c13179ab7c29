#!/usr/bin/env bash
# The Debian packages scripts/test-slurm.sh needs: a one-node Slurm
# (controller, node daemon, client commands) and munge for its
# authentication. 8 packages, about 25 s to install. The packages' own
# services are not used: the test starts its daemons with a config of its own.
set -euo pipefail
PKGS=(slurmctld slurmd slurm-client munge)
. "$(dirname "$0")/apt-install-missing.sh"
