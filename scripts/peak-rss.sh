#!/usr/bin/env bash
# Peak resident memory of a paragraf command, parent and worker apart
# (BENCHMARKS.md). /usr/bin/time's %M is the larger of the two only; this
# samples VmHWM from /proc/PID/status of the command and of its children
# every 20 ms, and prints both with /usr/bin/time's wall and CPU figures.
#
#   bash scripts/peak-rss.sh target/release/paragraf extract text100.txt -o t100.json
set -uo pipefail
log=$(mktemp)
/usr/bin/time -f "%e s wall, %U s user, %S s sys, %M KB max" "$@" 2>"$log" &
tpid=$!
hwm() { awk '/^VmHWM/ {print $2}' "/proc/$1/status" 2>/dev/null; }
ppid=""
parent=0
worker=0
while kill -0 "$tpid" 2>/dev/null; do
    [ -z "$ppid" ] && ppid=$(pgrep -P "$tpid" | head -1)
    if [ -n "$ppid" ]; then
        v=$(hwm "$ppid")
        [ -n "$v" ] && [ "$v" -gt "$parent" ] && parent=$v
        for c in $(pgrep -P "$ppid"); do
            v=$(hwm "$c")
            [ -n "$v" ] && [ "$v" -gt "$worker" ] && worker=$v
        done
    fi
    sleep 0.02
done
wait "$tpid"
rc=$?
echo "parent peak ${parent} KB, worker peak ${worker} KB; $(tail -1 "$log") (exit $rc)"
rm -f "$log"
exit $rc
