#!/usr/bin/env bash
# The README's Slurm recipe, run for real on a one-node Slurm started here:
# munged, slurmctld and slurmd with a generated slurm.conf in a temp folder
# (nothing in /etc is used or changed), the README's array job over the
# fixtures with 3 tasks (--shard K/3) and the dependent `manifest merge`,
# compared with one plain `paragraf run` over the same inputs: the same
# documents (byte for byte) and the same manifest rows but for `seconds`.
# Stops the daemons it started. Needs root and the packages of
# scripts/setup-slurm.sh; uses target/release/paragraf (built if needed).
#
#   bash scripts/setup-slurm.sh && bash scripts/test-slurm.sh
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$PWD
fail() { echo "test-slurm: FAILED: $*" >&2; exit 1; }
for t in munged slurmctld slurmd sbatch squeue; do
  command -v "$t" >/dev/null || fail "$t not found: run scripts/setup-slurm.sh"
done
[ "$(id -u)" = 0 ] || fail "needs root (the daemons run as root here)"
started=$(date +%s)

cargo build --release --quiet
BIN=$REPO/target/release

T=$(mktemp -d /tmp/paragraf-slurm.XXXXXX)
chmod 0700 "$T"
PIDS=()
cleanup() {
  local code=$?
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${PIDS[@]}"; do
    for _ in $(seq 50); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$p" 2>/dev/null || true
  done
  if [ "$code" != 0 ]; then
    for f in "$T"/*.log "$T"/job/*.out; do [ -f "$f" ] && { echo "== $f"; tail -20 "$f"; }; done >&2
  fi
  rm -rf "$T"
}
trap cleanup EXIT

# munge: a fresh key and a private socket.
mkdir -p "$T/munge" "$T/state" "$T/spool" "$T/job"
chmod 0700 "$T/munge"
dd if=/dev/urandom of="$T/munge/munge.key" bs=1024 count=1 status=none
chmod 0400 "$T/munge/munge.key"
SOCK=$T/munge/munge.socket
munged --foreground --force --socket="$SOCK" --key-file="$T/munge/munge.key" \
  --pid-file="$T/munge/munged.pid" --seed-file="$T/munge/seed" \
  --log-file="$T/munged.log" 2>"$T/munged.stderr" &
PIDS+=($!)
for _ in $(seq 50); do [ -S "$SOCK" ] && break; sleep 0.1; done
[ -S "$SOCK" ] || fail "munged did not start"

# slurm.conf: this host as controller and only node, ports that are free.
HOST=$(hostname -s)
CPUS=$(nproc)
MEM=$(awk '/MemTotal/ {print int($2 / 1024 * 0.8)}' /proc/meminfo)
port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
CTLD_PORT=$(port)
SLURMD_PORT=$(port)
export SLURM_CONF=$T/slurm.conf
cat > "$SLURM_CONF" <<CONF
ClusterName=paragraf-test
SlurmctldHost=$HOST(127.0.0.1)
SlurmctldPort=$CTLD_PORT
SlurmdPort=$SLURMD_PORT
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$SOCK
StateSaveLocation=$T/state
SlurmdSpoolDir=$T/spool
SlurmctldPidFile=$T/slurmctld.pid
SlurmdPidFile=$T/slurmd.pid
SlurmctldLogFile=$T/slurmctld.log
SlurmdLogFile=$T/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU_Memory
SchedulerType=sched/backfill
MpiDefault=none
ReturnToService=2
JobCompType=jobcomp/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SlurmctldTimeout=30
SlurmdTimeout=30
InactiveLimit=0
MinJobAge=300
NodeName=$HOST NodeAddr=127.0.0.1 CPUs=$CPUS RealMemory=$MEM State=UNKNOWN
PartitionName=test Nodes=$HOST Default=YES MaxTime=INFINITE State=UP
CONF
slurmctld -D -i -f "$SLURM_CONF" >"$T/slurmctld.stdout" 2>&1 &
PIDS+=($!)
slurmd -D -f "$SLURM_CONF" >"$T/slurmd.stdout" 2>&1 &
PIDS+=($!)
for _ in $(seq 100); do
  sinfo -h -N -o '%T' 2>/dev/null | grep -Eq '^(idle|mixed|allocated)' && break
  sleep 0.2
done
sinfo -h -N -o '%T' | grep -Eq '^idle' || fail "the node did not come up: $(sinfo -N 2>&1)"

# The inputs: the README's main command's fixtures, in one folder.
mkdir -p "$T/scans"
cp -r fixtures/scans/. "$T/scans/"
cp fixtures/text/* "$T/scans/"

# The README's job script and merge command, with the cluster's numbers
# turned down to this machine (3 tasks, 1 CPU each) and the paths to ours.
readme_block() { # the fenced block after the first line that starts with $1
  awk -v pat="$1" '!f && index($0, pat) == 1 {f=1; next} f && /^```/ {if (b) exit; b=1; next} b {print}' README.md
}
readme_block '**Slurm job array**' > "$T/job/readme.sbatch"
readme_block 'The merge waits' > "$T/job/readme.submit"
grep -q 'SLURM_ARRAY_TASK_ID' "$T/job/readme.sbatch" || fail "no job script found in README.md"
grep -q 'manifest merge' "$T/job/readme.submit" || fail "no merge command found in README.md"
sed -e 's/--array=0-9/--array=0-2/' -e 's|/10"|/3"|' \
  -e 's/--cpus-per-task=8/--cpus-per-task=1/' -e 's/--mem=8G/--mem=1G/' \
  -e "s|/archive/scans|$T/scans|g" -e "s|/archive/json|$T/json|g" \
  "$T/job/readme.sbatch" > "$T/job/paragraf.sbatch"
for want in '--array=0-2' '/3"' "$T/scans" "$T/json"; do
  grep -qF -- "$want" "$T/job/paragraf.sbatch" || fail "README's job script changed shape: no $want after substitution"
done
sed -e "s|/archive/json|$T/json|g" "$T/job/readme.submit" > "$T/job/submit.sh"

# Submit as the README says, from the job folder (Slurm writes slurm-*.out there).
cd "$T/job"
export PATH=$BIN:$PATH
bash -euo pipefail submit.sh
# Wait for both jobs (the array and the merge) to leave the queue.
deadline=$((started + 280))
while [ -n "$(squeue -h -o %i)" ]; do
  [ "$(date +%s)" -lt "$deadline" ] || fail "jobs still queued: $(squeue)"
  sleep 1
done
cd "$REPO"
for i in 0 1 2; do [ -f "$T/json/manifest.$i-of-3.jsonl" ] || fail "task $i wrote no manifest"; done
[ -f "$T/json/manifest.jsonl" ] || fail "the merge job wrote no manifest.jsonl"

# The same documents with one plain run.
"$BIN/paragraf" run "$T/scans" --out "$T/plain" --jobs "$CPUS" 2>"$T/plain.log" || fail "plain run: exit $?"
python3 - "$T/json" "$T/plain" <<'PY'
import json, os, sys
def rows(d):
    out = {}
    for line in open(os.path.join(d, "manifest.jsonl")):
        r = json.loads(line)
        r.pop("seconds")                     # timing differs, nothing else may
        out[r["path"]] = r
    return out
sharded, plain = rows(sys.argv[1]), rows(sys.argv[2])
assert sharded.keys() == plain.keys(), (sorted(sharded), sorted(plain))
assert all(r["status"] == "ok" for r in plain.values()), plain
for path, r in plain.items():
    assert sharded[path] == r, (path, sharded[path], r)
    a = open(os.path.join(sys.argv[1], r["output"]), "rb").read()
    b = open(os.path.join(sys.argv[2], r["output"]), "rb").read()
    assert a == b, f"{path}: the documents differ"
shards = [sum(1 for _ in open(os.path.join(sys.argv[1], f"manifest.{k}-of-3.jsonl"))) for k in range(3)]
assert sum(shards) == len(plain), shards
print(f"test-slurm: {len(plain)} documents, shards {shards}: same manifest rows and documents as one run")
PY
echo "test-slurm: ok in $(( $(date +%s) - started )) s"
