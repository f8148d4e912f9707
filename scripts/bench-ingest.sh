#!/usr/bin/env bash
# Client ingest cost: gscam recording N streams of the emulator's channel 0 (one JVM, N sessions,
# `gscam bench ingest`, muxing to a discarding sink) beside N ffmpeg processes doing
# `ffmpeg -rtsp_transport tcp -i URL -c copy -f null -`, measured in one run on this machine.
# CPU % and RSS come from /proc for both (utime+stime over a window after a warm-up; VmRSS at the
# end of the window, summed over ffmpeg processes), so neither side reports on itself.
#
# usage: scripts/bench-ingest.sh [N ...]        (default: 1 10 50)
# env:   WARMUP=5 WINDOW=20 (seconds)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="$root/gscam-cli/target/gscam.jar"
counts=("${@:-1 10 50}")
read -r -a counts <<<"${counts[*]}"
warmup=${WARMUP:-5}
window=${WINDOW:-20}
tck=$(getconf CLK_TCK)

"$root/gscam" --version >/dev/null   # builds the jar when sources are newer
command -v ffmpeg >/dev/null || { echo "bench-ingest: ffmpeg not installed" >&2; exit 1; }

free_port() { /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
http_port=$(free_port)
rtsp_port=$(free_port)
url="rtsp://admin:admin@127.0.0.1:$rtsp_port/0"

pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

java -jar "$jar" camera --bind 127.0.0.1 --http-port "$http_port" --rtsp-port "$rtsp_port" >/dev/null 2>&1 &
camera=$!
pids+=("$camera")
for _ in $(seq 100); do
  (exec 3<>"/dev/tcp/127.0.0.1/$rtsp_port") 2>/dev/null && break
  sleep 0.1
done

ticks() { # summed utime+stime of the given pids
  local sum=0 p
  for p in "$@"; do
    set -- $(sed 's/^.*) //' "/proc/$p/stat")
    sum=$((sum + ${12} + ${13}))
  done
  echo "$sum"
}
rss_mib() { # summed VmRSS of the given pids, MiB
  local kb=0 p
  for p in "$@"; do kb=$((kb + $(awk '/^VmRSS:/ {print $2}' "/proc/$p/status"))); done
  awk -v kb="$kb" 'BEGIN { printf "%.0f", kb / 1024 }'
}
measure() { # pids... -> "cpu% rssMiB" over the window, after the warm-up
  sleep "$warmup"
  local t0 t1 c0 c1
  t0=$(date +%s.%N); c0=$(ticks "$@")
  sleep "$window"
  t1=$(date +%s.%N); c1=$(ticks "$@")
  awk -v c="$((c1 - c0))" -v tck="$tck" -v t0="$t0" -v t1="$t1" 'BEGIN { printf "%.1f", 100 * c / tck / (t1 - t0) }'
  echo " $(rss_mib "$@")"
}

echo "| streams | gscam CPU % | gscam RSS MiB | ffmpeg CPU % (sum) | ffmpeg RSS MiB (sum) | camera CPU % (gscam / ffmpeg run) | gscam fps/stream, loss |"
echo "|---:|---:|---:|---:|---:|---:|---|"
for n in "${counts[@]}"; do
  out=$(mktemp)
  java -jar "$jar" bench ingest "$url" --streams "$n" --seconds "$((warmup + window))" >"$out" 2>&1 &
  bench=$!
  cam0=$(ticks "$camera"); ct0=$(date +%s.%N)
  read -r g_cpu g_rss < <(measure "$bench")
  cam1=$(ticks "$camera"); ct1=$(date +%s.%N)
  cam_g=$(awk -v c="$((cam1 - cam0))" -v tck="$tck" -v a="$ct0" -v b="$ct1" 'BEGIN { printf "%.0f", 100 * c / tck / (b - a) }')
  wait "$bench" || { echo "bench ingest failed:" >&2; cat "$out" >&2; exit 1; }
  fps=$(awk '/^video frames/ { gsub(/[()]/, ""); print $4 }' "$out")
  loss=$(awk '/^packet loss/ { print $3 " of " $5 }' "$out")

  ff=()
  for _ in $(seq "$n"); do
    ffmpeg -nostdin -v error -rtsp_transport tcp -i "$url" -c copy -f null - >/dev/null 2>&1 &
    ff+=("$!")
  done
  pids+=("${ff[@]}")
  cam0=$(ticks "$camera"); ct0=$(date +%s.%N)
  read -r f_cpu f_rss < <(measure "${ff[@]}")
  cam1=$(ticks "$camera"); ct1=$(date +%s.%N)
  cam_f=$(awk -v c="$((cam1 - cam0))" -v tck="$tck" -v a="$ct0" -v b="$ct1" 'BEGIN { printf "%.0f", 100 * c / tck / (b - a) }')
  kill "${ff[@]}" 2>/dev/null || true
  wait "${ff[@]}" 2>/dev/null || true
  echo "| $n | $g_cpu | $g_rss | $f_cpu | $f_rss | $cam_g / $cam_f | $fps fps, $loss packets lost |"
  rm -f "$out"
done
