#!/usr/bin/env bash
# Alarms out latency: an alarm raised on the emulator (written on the NVR's MCTP connection) to its
# gscam/<camera>/alarm message at a separate MQTT subscriber, through a real NVR (recording the
# camera) and Debian's mosquitto, all on loopback, one alarm at a time; p50/p95/p99/max.
# The bench is gscam-nvr's AlarmLatencyBench (test scope: it drives the emulator in process).
#
# usage: scripts/bench-alarms.sh [ALARMS]        (default: 1000; 100 more warm up first)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
count=${1:-1000}
[ -x /usr/sbin/mosquitto ] || { echo "bench-alarms: mosquitto not installed (apt-get install mosquitto)" >&2; exit 1; }
cd "$root"
./mvnw -q -B -pl gscam-nvr -am verify -Dsurefire.failIfNoSpecifiedTests=false \
  -Dtest=AlarmLatencyBench -Dgscam.bench=alarms -Dgscam.bench.alarms="$count"
cat gscam-nvr/target/bench-alarms.txt
