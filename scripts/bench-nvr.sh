#!/usr/bin/env bash
# NVR ingest cost: `gscam nvr` recording N streams (N cameras on the emulator's channel 0, one
# emulator started here) beside N ffmpeg processes doing what Frigate runs per camera,
#   ffmpeg -rtsp_transport tcp -i URL -c copy -f segment -segment_time 60 -reset_timestamps 1 out%03d.mp4
# both at once, measured over the same window of one run. CPU % and RSS come from /proc for both
# (utime+stime over the window after a warm-up; VmRSS at the end, summed over the ffmpeg processes),
# as scripts/bench-ingest.sh measures. Write amplification: disk growth over the window (the NVR's
# data directory, segments and index; ffmpeg's output files) per RTP byte the NVR received over the
# same window (gscam_camera_bytes_received_total of /metrics, RTP headers included); both sides
# record the same camera stream, so the NVR's received bytes stand for ffmpeg's too.
#
# usage: scripts/bench-nvr.sh [N ...]        (default: 1 16 64)
# env:   WARMUP=10 WINDOW=30 (seconds); GSCAM_JAVA_OPTS replaces the launcher's JVM flags for the NVR
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="$root/gscam-cli/target/gscam.jar"
counts=("${@:-1 16 64}")
read -r -a counts <<<"${counts[*]}"
warmup=${WARMUP:-10}
window=${WINDOW:-30}

"$root/gscam" --version >/dev/null   # builds the jar when sources are newer
. "$root/scripts/lib.sh"
need ffmpeg
work=$(mktemp -d /tmp/bench-nvr.XXXXXX)

pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

start_camera java -jar "$jar"
url=$camera_url

disk_bytes() { du -sb "$1" | cut -f1; }
received() { # the NVR's RTP bytes received, all cameras (%.0f, not %d: mawk clamps %d at 2^31 - 1, 2 GB, past after ~4 min of 64 cameras)
  curl -s -u admin:admin "http://127.0.0.1:$1/metrics" | awk '/^gscam_camera_bytes_received_total/ { s += $2 } END { printf "%.0f", s }'
}
playing() { # cameras the NVR has PLAYING
  curl -s -u admin:admin "http://127.0.0.1:$1/metrics" | awk '/^gscam_camera_state\{.*state="PLAYING"\} 1/ { n++ } END { print n + 0 }'
}

echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "| streams | NVR CPU % | NVR RSS MiB | ffmpeg CPU % (sum) | ffmpeg RSS MiB (sum) | CPU NVR/ffmpeg | RSS NVR/ffmpeg | NVR disk/received | ffmpeg disk/received | received Mbit/s |"
echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
for n in "${counts[@]}"; do
  run="$work/$n"
  mkdir -p "$run/nvr" "$run/ffmpeg"
  http=$(free_port)
  relay=$(free_port)
  {
    echo "data: $run/nvr"
    echo "http: {port: $http, user: admin, password: admin}"
    echo "rtsp: {port: $relay}"
    echo "storage: {maxBytes: 500GB, minFreeBytes: 1GB}"
    echo "cameras:"
    for i in $(seq "$n"); do echo "  c$i: {url: \"$url\", alarms: none}"; done
  } >"$run/nvr.yaml"
  "$root/gscam" nvr --config "$run/nvr.yaml" >"$run/nvr.log" 2>&1 &   # the launcher's JVM flags (GSCAM_JAVA_OPTS overrides)
  nvr=$!
  pids+=("$nvr")
  ff=()
  for i in $(seq "$n"); do
    mkdir -p "$run/ffmpeg/$i"
    ffmpeg -nostdin -v error -rtsp_transport tcp -i "$url" -c copy -f segment -segment_time 60 -reset_timestamps 1 \
      "$run/ffmpeg/$i/out%03d.mp4" >/dev/null 2>&1 &
    ff+=("$!")
  done
  pids+=("${ff[@]}")
  wait_port "$http" || { echo "bench-nvr: the NVR did not start:" >&2; cat "$run/nvr.log" >&2; exit 1; }
  for _ in $(seq 600); do [ "$(playing "$http")" -ge "$n" ] && break; sleep 0.1; done
  sleep "$warmup"

  t0=$(date +%s.%N); n0=$(ticks "$nvr"); f0=$(ticks "${ff[@]}")
  r0=$(received "$http"); d0=$(disk_bytes "$run/nvr"); o0=$(disk_bytes "$run/ffmpeg")
  sleep "$window"
  t1=$(date +%s.%N); n1=$(ticks "$nvr"); f1=$(ticks "${ff[@]}")
  r1=$(received "$http"); d1=$(disk_bytes "$run/nvr"); o1=$(disk_bytes "$run/ffmpeg")
  nrss=$(rss_mib "$nvr"); frss=$(rss_mib "${ff[@]}")
  secs=$(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }')
  ncpu=$(cpu_pct "$((n1 - n0))" "$secs"); fcpu=$(cpu_pct "$((f1 - f0))" "$secs")
  alive=0
  for p in "${ff[@]}"; do kill -0 "$p" 2>/dev/null && alive=$((alive + 1)); done
  [ "$alive" -eq "$n" ] || echo "bench-nvr: only $alive of $n ffmpeg processes still running" >&2

  kill "${ff[@]}" 2>/dev/null || true
  wait "${ff[@]}" 2>/dev/null || true
  kill "$nvr" 2>/dev/null || true
  wait "$nvr" 2>/dev/null || true
  awk -v n="$n" -v nc="$ncpu" -v nr="$nrss" -v fc="$fcpu" -v fr="$frss" -v r="$((r1 - r0))" \
      -v d="$((d1 - d0))" -v o="$((o1 - o0))" -v s="$secs" 'BEGIN {
    printf "| %d | %s | %s | %s | %s | %.2f | %.2f | %.3f | %.3f | %.1f |\n", n, nc, nr, fc, fr,
      (fc > 0 ? nc / fc : 0), (fr > 0 ? nr / fr : 0), (r > 0 ? d / r : 0), (r > 0 ? o / r : 0), r * 8 / s / 1e6 }'
  rm -rf "$run"
done
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
