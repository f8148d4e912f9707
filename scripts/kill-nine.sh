#!/usr/bin/env bash
# The NVR killed with SIGKILL 50 times at random moments (docs/reliability.md, "Faults"): runs
# KillNineTest with more kills than CI's 20. Each kill lands at start-up (recovery, connecting) or
# while a segment is written; afterwards no file is unplayable, the index and the disk agree, and
# every hole between segments is a recorded gap. Prints the test's seed and counts.
# usage: scripts/kill-nine.sh [KILLS]     (default 50)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
kills=${1:-50}
./mvnw -q -B -o -pl gscam-nvr -am verify -Dsurefire.failIfNoSpecifiedTests=false -Dtest=KillNineTest \
    -Dgscam.killnine.loops="$kills"
grep -h "KillNineTest" gscam-nvr/target/surefire-reports/io.gscam.nvr.KillNineTest-output.txt
