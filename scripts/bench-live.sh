#!/usr/bin/env bash
# Dashboard live view: first picture after the page opens and capture-to-display latency of the
# live H.264 view (capture by the camera's clock, from its RTCP sender reports), in Debian's
# chromium, headless, against an NVR recording the emulator, all on loopback; the page opened N
# times, per load its milestones and 10 s of data-latency-ms samples, then medians.
# The bench is gscam-nvr's LiveLatencyBench (test scope: it drives the emulator in process).
#
# usage: scripts/bench-live.sh [LOADS]        (default: 5)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
loads=${1:-5}
[ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ] \
  || { echo "bench-live: chromium or chromedriver not installed (apt-get install chromium chromium-driver)" >&2; exit 1; }
cd "$root"
./mvnw -q -B -pl gscam-nvr -am verify -Dsurefire.failIfNoSpecifiedTests=false \
  -Dtest=LiveLatencyBench -Dgscam.bench=live -Dgscam.bench.loads="$loads"
cat gscam-nvr/target/bench-live.txt
