#!/bin/bash
# SPDX-License-Identifier: MIT
# A Slurm job array that runs a planned Headroom sweep, one simulated point per array task
# (docs/sweeps.md):
#   headroom-cli sweep --plan PLAN --vary ... FILE       # prints the number of tasks, N
#   sbatch --array=0-$((N - 1)) sweep-array.sh PLAN      # PLAN on a file system every node sees
#   headroom-cli sweep --merge PLAN --csv > sweep.csv    # once every task has ended
# Each task simulates its point's replications on the CPUs it was given; give more with
# `sbatch --cpus-per-task=K`. A task that fails can be run again alone (sbatch --array=I ...);
# the merge names the points still missing. HEADROOM_CLI names another headroom-cli.
#SBATCH --job-name=headroom-sweep
#SBATCH --cpus-per-task=1
#SBATCH --output=headroom-sweep-%A_%a.out
set -euo pipefail
plan=${1:?usage: sbatch --array=0-N sweep-array.sh PLAN_DIR}
exec "${HEADROOM_CLI:-headroom-cli}" sweep --run-point "$plan" -j "${SLURM_CPUS_PER_TASK:-1}"
