#!/usr/bin/env bash
# Client ingest cost, issue 13's way: gscam recording N streams of the emulator's channel 0 (one JVM,
# N sessions, `gscam bench ingest`: depacketizer and Matroska muxer into a discarding sink) and, at
# the same time, N processes of
#   ffmpeg -rtsp_transport tcp -i URL -c copy -f matroska /dev/null   (with -nostdin -y: /dev/null "exists")
# measured over the same window of one run: CPU % from /proc/PID/stat (utime+stime over the window
# after the warm-up, summed over the ffmpeg processes; 100 % = one core) and RSS from
# /proc/PID/status (VmRSS at the end of the window, summed). Neither side reports on itself.
# Above FFMPEG_MAX streams only gscam runs (a process per stream does not fit this machine); its
# packet loss comes from the client's own counters over its measurement. At the end: the RSS slope
# of gscam per additional stream, between each pair of consecutive counts.
# gscam starts through ./gscam, so it gets the launcher's JVM flags (GSCAM_JAVA_OPTS overrides them).
#
# usage: scripts/bench-ingest.sh [N ...]        (default: 1 50)
# env:   WARMUP=20 WINDOW=30 (seconds), FFMPEG_MAX=50
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
counts=("${@:-1 50}")
read -r -a counts <<<"${counts[*]}"
warmup=${WARMUP:-20}
window=${WINDOW:-30}
ffmpeg_max=${FFMPEG_MAX:-50}

"$root/gscam" --version >/dev/null   # builds the jar when sources are newer
. "$root/scripts/lib.sh"
need ffmpeg

pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

start_camera "$root/gscam"
url=$camera_url

echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "| streams | gscam CPU % | gscam RSS MiB | ffmpeg CPU % (sum) | ffmpeg RSS MiB (sum) | CPU gscam/ffmpeg | RSS gscam/ffmpeg | camera CPU % | gscam fps/stream, loss |"
echo "|---:|---:|---:|---:|---:|---:|---:|---:|---|"
prev_n=""; prev_rss=""; slopes=()
for n in "${counts[@]}"; do
  out=$(mktemp)
  "$root/gscam" bench ingest "$url" --streams "$n" --seconds "$((warmup + window + 10))" --timeout 120 >"$out" 2>&1 &
  bench=$!
  pids+=("$bench")
  ff=()
  if [ "$n" -le "$ffmpeg_max" ]; then
    for _ in $(seq "$n"); do
      ffmpeg -nostdin -y -v error -rtsp_transport tcp -i "$url" -c copy -f matroska /dev/null >/dev/null 2>&1 &
      ff+=("$!")
    done
    pids+=("${ff[@]}")
  fi
  # The bench's own measurement starts once all its sessions play: wait for that, then warm up. It
  # measures 10 s longer than the script, so it is still running at the end of the window.
  for _ in $(seq 1200); do grep -q '^playing' "$out" 2>/dev/null && break; kill -0 "$bench" 2>/dev/null || break; sleep 0.1; done
  sleep "$warmup"
  t0=$(date +%s.%N); g0=$(ticks "$bench"); f0=$(ticks "${ff[@]}"); c0=$(ticks "$camera")
  sleep "$window"
  t1=$(date +%s.%N); g1=$(ticks "$bench"); f1=$(ticks "${ff[@]}"); c1=$(ticks "$camera")
  grss=$(rss_kib "$bench"); frss=$(rss_kib "${ff[@]}")
  secs=$(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }')
  gcpu=$(cpu_pct "$((g1 - g0))" "$secs"); fcpu=$(cpu_pct "$((f1 - f0))" "$secs"); ccpu=$(cpu_pct "$((c1 - c0))" "$secs")
  alive=0
  for p in "${ff[@]}"; do kill -0 "$p" 2>/dev/null && alive=$((alive + 1)); done
  [ "$alive" -eq "${#ff[@]}" ] || echo "bench-ingest: only $alive of ${#ff[@]} ffmpeg processes still running" >&2
  [ "${#ff[@]}" -gt 0 ] && { kill "${ff[@]}" 2>/dev/null || true; wait "${ff[@]}" 2>/dev/null || true; }
  wait "$bench" || { echo "bench ingest failed:" >&2; cat "$out" >&2; exit 1; }
  fps=$(awk '/^video frames/ { gsub(/[()]/, ""); print $4 }' "$out")
  loss=$(awk '/^packet loss/ { print $3 " of " $5 }' "$out")
  awk -v n="$n" -v gc="$gcpu" -v gr="$grss" -v fc="$fcpu" -v fr="$frss" -v cc="$ccpu" -v fps="$fps" -v loss="$loss" \
      -v side="${#ff[@]}" 'BEGIN {
    if (side > 0)
      printf "| %d | %s | %.0f | %s | %.0f | %.2f | %.3f | %s | %s fps, %s packets lost |\n", n, gc, gr / 1024, fc, fr / 1024,
        (fc > 0 ? gc / fc : 0), (fr > 0 ? gr / fr : 0), cc, fps, loss
    else
      printf "| %d | %s | %.0f | — | — | — | — | %s | %s fps, %s packets lost |\n", n, gc, gr / 1024, cc, fps, loss }'
  if [ -n "$prev_n" ]; then
    slopes+=("$(awk -v a="$prev_n" -v b="$n" -v ra="$prev_rss" -v rb="$grss" 'BEGIN { printf "%d to %d streams: %.0f KiB per additional stream", a, b, (rb - ra) / (b - a) }')")
  fi
  prev_n=$n; prev_rss=$grss
  rm -f "$out"
done
for s in "${slopes[@]}"; do echo "gscam RSS slope, $s"; done
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
