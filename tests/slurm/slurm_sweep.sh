#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# A planned sweep on a real Slurm cluster (issue 19): a one-node cluster of Debian's slurm-wlm,
# with munge's authentication, started here in a scratch folder on ports of its own and stopped at
# the end; the sweep's points submitted as a job array with packaging/slurm/sweep-array.sh, merged,
# and compared with the same sweep run in one go: the same bytes.
#   tests/slurm/slurm_sweep.sh HEADROOM_CLI SWEEP_ARRAY_SCRIPT SCENARIO
# Needs root (munged and slurmd run as root here). Without slurm-wlm or munge it is skipped
# (exit 77) with the reason, unless HEADROOM_REQUIRE_SLURM=1, as CI sets: then it fails.
set -euo pipefail
cli=$(realpath "$1")
array_script=$(realpath "$2")
scenario=$(realpath "$3")

skip() {
  if [ "${HEADROOM_REQUIRE_SLURM:-0}" = 1 ]; then echo "slurm test: $1 (HEADROOM_REQUIRE_SLURM=1: failing)" >&2; exit 1; fi
  echo "slurm test skipped: $1"
  exit 77
}
for program in slurmctld slurmd sbatch scontrol munged; do
  command -v "$program" >/dev/null || PATH=$PATH:/usr/sbin command -v "$program" >/dev/null ||
    skip "$program is missing (packaging/install-build-deps.sh --ci installs slurm-wlm and munge)"
done
PATH=$PATH:/usr/sbin
[ "$(id -u)" -eq 0 ] || skip "the cluster's daemons run as root here; run the test as root"
# slurmd initializes its cgroup plugin even with proctrack/linuxproc and task/none, and stops
# when no cgroup filesystem is mounted (as in a chroot given a bare sysfs).
[ -n "$(find /sys/fs/cgroup -mindepth 1 -maxdepth 1 2>/dev/null | head -n1)" ] ||
  skip "no cgroup filesystem under /sys/fs/cgroup, and slurmd will not start without one"

work=$(mktemp -d "${TMPDIR:-/tmp}/headroom-slurm.XXXXXX")
pids=()
stop() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap stop EXIT
show_logs() { tail -n 20 "$work"/*.log >&2 || true; }

# A port pair of its own, so that a Slurm already on this machine is left alone; every address
# is loopback, so that the machine's name need not resolve (a fresh root's /etc/hosts may not
# know it).
base_port=$((20000 + $$ % 20000))
node=$(hostname -s)
mkdir -p "$work/munge" "$work/state" "$work/spool" "$work/plan"
chmod 700 "$work/munge"
dd if=/dev/urandom of="$work/munge/munge.key" bs=1024 count=1 status=none
chmod 400 "$work/munge/munge.key"
munged --force --key-file="$work/munge/munge.key" --socket="$work/munge/munge.socket" \
  --pid-file="$work/munge/munged.pid" --log-file="$work/munge.log" --seed-file="$work/munge/munge.seed"
pids+=("$(cat "$work/munge/munged.pid")")

cat >"$work/slurm.conf" <<CONF
ClusterName=headroomtest
SlurmctldHost=$node(127.0.0.1)
SlurmUser=root
SlurmdUser=root
SlurmctldPort=$base_port
SlurmdPort=$((base_port + 1))
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$work/munge/munge.socket
StateSaveLocation=$work/state
SlurmdSpoolDir=$work/spool
SlurmctldPidFile=$work/slurmctld.pid
SlurmdPidFile=$work/slurmd.pid
SlurmctldLogFile=$work/slurmctld.log
SlurmdLogFile=$work/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
SwitchType=switch/none
MpiDefault=none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
ReturnToService=2
NodeName=$node NodeAddr=127.0.0.1 NodeHostname=$node CPUs=$(nproc) State=UNKNOWN
PartitionName=headroom Nodes=$node Default=YES MaxTime=INFINITE State=UP
CONF
export SLURM_CONF=$work/slurm.conf
slurmctld -D -i >"$work/slurmctld.out" 2>&1 &
pids+=($!)
slurmd -D >"$work/slurmd.out" 2>&1 &
pids+=($!)
# Up within a minute, each question bounded: a controller that cannot be reached must not
# hang the test.
deadline=$(($(date +%s) + 60))
state=
while [ "$(date +%s)" -lt "$deadline" ]; do
  state=$(timeout 5 sinfo -h -n "$node" -o %T 2>/dev/null || true)
  [ "$state" = idle ] && break
  sleep 1
done
[ "$state" = idle ] || { echo "slurm test: the node did not come up (state '$state')" >&2; show_logs; exit 1; }
echo "one-node cluster up: $node, $(nproc) CPUs, slurmctld on port $base_port"

# Twenty points, every one simulated: one array task each.
vary=(--vary 'rate=1/s..19/s:20')
planned=$("$cli" sweep --plan "$work/plan" "${vary[@]}" "$scenario")
tasks=$(sed -n 's/^planned [0-9]* points, \([0-9]*\) to simulate.*/\1/p' <<<"$planned")
[ "$tasks" = 20 ] || { echo "slurm test: the plan has '$tasks' points to simulate, not 20" >&2; exit 1; }
milliseconds() { echo $(($(date +%s%N) / 1000000)); }
start=$(milliseconds)
# --wait: sbatch returns when every task of the array has ended, with the array's exit code;
# bounded, so that an array that never runs fails the test rather than hanging it.
HEADROOM_CLI=$cli timeout 200 sbatch --wait --quiet --array=0-$((tasks - 1)) --output="$work/task-%a.out" "$array_script" "$work/plan" ||
  { echo "slurm test: the job array failed" >&2; tail -n 20 "$work"/task-*.out >&2; show_logs; exit 1; }
slurm_ms=$(($(milliseconds) - start))
"$cli" sweep --merge "$work/plan" --json >"$work/merged.json"
start=$(milliseconds)
"$cli" sweep --simulate-points all --json "${vary[@]}" "$scenario" >"$work/local.json"
local_ms=$(($(milliseconds) - start))
cmp "$work/merged.json" "$work/local.json" || { echo "slurm test: the merged sweep differs from the local one" >&2; diff "$work/merged.json" "$work/local.json" | head -20 >&2; exit 1; }
echo "$tasks simulated points through Slurm (sbatch --array --wait, then merged) in $slurm_ms ms, locally in $local_ms ms: identical output"
