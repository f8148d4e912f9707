#!/usr/bin/env bash
# Soak of docs/reliability.md: the camera emulator with 500 TCP-interleaved readers of one channel
# (`gscam bench fanout`, the fan-out benchmark's reader; channel 4 by default, 352x240 at 256 kbit/s:
# a soak looks for leaks over time, not throughput, and this machine is shared) and `gscam nvr`
# recording its 8 channels,
# for MINUTES. Once a minute, for the camera, the NVR and the readers' process: RSS, heap after a
# full GC (jcmd GC.class_histogram forces one and counts live objects; GC.heap_info then tells the
# heap), file descriptors (/proc/PID/fd), threads; the camera's RTSP sessions (live
# io.gscam.server.session.RtspSession objects after that GC) and established connections, the
# NVR's cameras PLAYING and packets lost (/metrics), the readers' open connections and loss (RTP
# sequence numbers). At the end the readers tear down and the NVR stops; the camera must be back
# to no session, no connection and its descriptor count before the readers came.
#
# Verdict: after the warm-up (the first WARMUP minutes, default a fifth of the run, at least 1),
# RSS, heap after GC, descriptors and threads of each process are flat: the least-squares slope
# over the remaining samples, times their span, stays within a tolerance (heap and RSS: 8 MiB or
# 5 %, whichever is more; descriptors and threads: 4); 0 loss at the readers and at the NVR;
# 0 camera-offline gaps; 0 sessions, connections and leaked descriptors left at the end.
#
# usage: scripts/soak.sh [MINUTES]      (default 60)
# env:   READERS=500 READER_CHANNEL=4 READER_THREADS=2 STREAMS=8 WARMUP=<minutes>
#        OUT=/work/soak-<date> (directory for the table, logs and data)
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="$root/gscam-cli/target/gscam.jar"
minutes=${1:-60}
readers=${READERS:-500}
reader_channel=${READER_CHANNEL:-4}
reader_threads=${READER_THREADS:-2}
streams=${STREAMS:-8}
warmup=${WARMUP:-$(( minutes / 5 > 1 ? minutes / 5 : 1 ))}
out=${OUT:-/work/soak-$(date -u +%Y%m%dT%H%M%S)}
mkdir -p "$out"
"$root/gscam" --version >/dev/null   # builds the jar when sources are newer

. "$root/scripts/lib.sh"
cam_http=$(free_port); cam_rtsp=$(free_port); nvr_http=$(free_port); nvr_rtsp=$(free_port)

pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done; wait 2>/dev/null; }
trap cleanup EXIT

java -jar "$jar" camera --bind 127.0.0.1 --http-port "$cam_http" --rtsp-port "$cam_rtsp" >"$out/camera.out" 2>"$out/camera.err" &
camera=$!; pids+=("$camera")
wait_port "$cam_rtsp" || { echo "soak: the camera did not start" >&2; exit 1; }

{
  echo "data: $out/data"
  echo "http: {port: $nvr_http, user: admin, password: admin}"
  echo "rtsp: {port: $nvr_rtsp}"
  echo "storage: {maxBytes: 4GB, minFreeBytes: 2GB}"   # retention runs during a long soak too
  echo "cameras:"
  for ch in $(seq 0 $((streams - 1))); do
    echo "  ch$ch: {url: 'rtsp://admin:admin@127.0.0.1:$cam_rtsp/$ch', retain: 1h}"
  done
} >"$out/nvr.yaml"

fd_count() { ls "/proc/$1/fd" 2>/dev/null | wc -l; }
threads() { awk '/^Threads:/ {print $2}' "/proc/$1/status" 2>/dev/null || echo 0; }
# Live objects of a class after the full GC the histogram forces (prints 0 when none).
live() { jcmd "$1" GC.class_histogram 2>/dev/null | awk -v c="$2" '$4 == c {n = $2} END {print n + 0}'; }
heap_mib() { # heap used (after the GC of the histogram just taken), MiB
  jcmd "$1" GC.heap_info 2>/dev/null | awk '/heap .*total/ { for (i = 1; i <= NF; i++) if ($i == "used") {
      v = $(i + 1); gsub(/[^0-9]/, "", v); printf "%.0f", v / 1024; exit } }'; }
established() { ss -Htn state established "( sport = :$1 )" 2>/dev/null | wc -l; }
metric_sum() { # sum of a /metrics series (lines starting with the name and a label set)
  curl -s -u admin:admin "http://127.0.0.1:$nvr_http/metrics" 2>/dev/null | awk -v m="$1" -v f="${2:-}" \
    'index($0, m "{") == 1 && index($0, f) > 0 {s += $NF} END {printf "%.0f", s}'; }

cam_fd0=$(fd_count "$camera")

GSCAM_CLIENT_LOG_LEVEL=INFO java -jar "$jar" nvr --config "$out/nvr.yaml" >"$out/nvr.out" 2>"$out/nvr.err" &
nvr=$!; pids+=("$nvr")
wait_port "$nvr_http" || { echo "soak: the NVR did not start" >&2; exit 1; }

# The readers run past the soak's end (sampling may lag on a busy machine); the script ends them.
java -jar "$jar" bench fanout "rtsp://admin:admin@127.0.0.1:$cam_rtsp/$reader_channel" --readers "$readers" --threads "$reader_threads" \
    --seconds $(( minutes * 60 + 900 )) >"$out/readers.out" 2>"$out/readers.err" &
bench=$!; pids+=("$bench")
for _ in $(seq 1200); do grep -q "readers playing" "$out/readers.err" 2>/dev/null && break; sleep 0.1; done
grep "readers playing" "$out/readers.err" >&2

table="$out/samples.tsv"
printf "min\tcam_rss\tcam_heap\tcam_fd\tcam_thr\tcam_sessions\tcam_conns\tnvr_rss\tnvr_heap\tnvr_fd\tnvr_thr\tnvr_playing\tnvr_lost\trd_rss\trd_heap\trd_fd\trd_thr\trd_open\trd_lost\n" >"$table"
t0=$(date +%s)
for m in $(seq 1 "$minutes"); do
  while [ $(( $(date +%s) - t0 )) -lt $(( m * 60 )) ]; do sleep 1; done
  kill -0 "$bench" 2>/dev/null || { echo "soak: the readers' process ended early" >&2; break; }
  # The three processes in parallel: attaching jcmd is slow on a busy machine.
  ( live "$camera" io.gscam.server.session.RtspSession >"$out/.sessions"; heap_mib "$camera" >"$out/.cam_heap" ) &
  j1=$!
  ( live "$nvr" x >/dev/null; heap_mib "$nvr" >"$out/.nvr_heap" ) &
  j2=$!
  ( live "$bench" x >/dev/null; heap_mib "$bench" >"$out/.rd_heap" ) &
  j3=$!
  wait "$j1" "$j2" "$j3"
  sessions=$(cat "$out/.sessions"); cam_heap=$(cat "$out/.cam_heap"); nvr_heap=$(cat "$out/.nvr_heap"); rd_heap=$(cat "$out/.rd_heap")
  progress=$(grep "^bench: t=" "$out/readers.err" | tail -1)
  rd_open=$(sed -n 's/.*Mbit\/s, \([0-9]*\) connections open.*/\1/p' <<<"$progress")
  rd_lost=$(sed -n 's/.*lost \([0-9]*\).*/\1/p' <<<"$progress")
  printf "%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n" "$m" \
    "$(rss_mib "$camera")" "$cam_heap" "$(fd_count "$camera")" "$(threads "$camera")" "$sessions" "$(established "$cam_rtsp")" \
    "$(rss_mib "$nvr")" "$nvr_heap" "$(fd_count "$nvr")" "$(threads "$nvr")" \
    "$(metric_sum gscam_camera_state 'state="PLAYING"')" "$(metric_sum gscam_camera_packets_lost_total)" \
    "$(rss_mib "$bench")" "$rd_heap" "$(fd_count "$bench")" "$(threads "$bench")" "${rd_open:-?}" "${rd_lost:-?}" >>"$table"
  tail -1 "$table" >&2
  curl -s -u admin:admin "http://127.0.0.1:$nvr_http/api/cameras" >>"$out/cameras.jsonl"; echo >>"$out/cameras.jsonl"
  if [ "$(tail -1 "$table" | cut -f12)" != "$streams" ] && [ ! -e "$out/stacks-first-not-playing.txt" ]; then
    # For the report: where the camera and the NVR are when a recorded camera is not PLAYING.
    { echo "== minute $m: camera"; jstack "$camera"; echo "== NVR"; jstack "$nvr"; } >"$out/stacks-first-not-playing.txt" 2>&1
  fi
done

gaps=0
for ch in $(seq 0 $((streams - 1))); do
  n=$(curl -s -u admin:admin "http://127.0.0.1:$nvr_http/api/gaps?camera=ch$ch" | grep -o '"cause":"camera-offline"' | wc -l)
  gaps=$((gaps + n))
done
segments=$(find "$out/data/segments" -type f | wc -l)
data_mib=$(du -sm "$out/data" | cut -f1)

# The end: the readers' process is ended (its connections close without TEARDOWN), the NVR stops
# with SIGTERM (TEARDOWN); then the camera must hold nothing for either.
kill "$bench" 2>/dev/null; wait "$bench" 2>/dev/null
kill -TERM "$nvr" 2>/dev/null; wait "$nvr" 2>/dev/null; nvr_exit=$?
end_sessions=-1; end_conns=-1; end_fd=-1
for _ in $(seq 30); do
  end_sessions=$(live "$camera" io.gscam.server.session.RtspSession); end_conns=$(established "$cam_rtsp"); end_fd=$(fd_count "$camera")
  [ "$end_sessions" = 0 ] && [ "$end_conns" = 0 ] && [ "$end_fd" -le "$cam_fd0" ] && break
  sleep 1
done

{
  echo "# soak: $minutes min, $readers readers of channel $reader_channel, NVR recording $streams channels; warm-up $warmup min"
  echo
  echo "| min | camera RSS MiB | heap MiB | fds | threads | sessions | conns | NVR RSS MiB | heap MiB | fds | threads | playing | lost | readers RSS MiB | heap MiB | fds | threads | open | lost |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
  tail -n +2 "$table" | tr '\t' '|' | sed 's/^/|/; s/$/|/'
  echo
  # Slopes over the samples after the warm-up: drift = slope * span; flat when within tolerance.
  awk -F'\t' -v w="$warmup" '
    NR == 1 { for (i = 2; i <= NF; i++) name[i] = $i; next }
    $1 > w { n++; for (i = 2; i <= NF; i++) { x[i] += $1; y[i] += $i; xx[i] += $1 * $1; xy[i] += $1 * $i; if (n == 1 || $i > hi[i]) hi[i] = $i; if (n == 1 || $i < lo[i]) lo[i] = $i }; first = (first ? first : $1); last = $1 }
    END {
      bad = 0
      if (n < 2) { print "too few samples after the warm-up for slopes"; print "FLAT=unknown"; exit }
      for (i = 2; i <= 17; i++) {
        if (name[i] ~ /sessions|conns|playing|lost|open/) continue
        d = n * xx[i] - x[i] * x[i]; slope = d == 0 ? 0 : (n * xy[i] - x[i] * y[i]) / d
        drift = slope * (last - first); mean = y[i] / n
        tol = name[i] ~ /fd|thr/ ? 4 : (0.05 * mean > 8 ? 0.05 * mean : 8)
        ok = (drift <= tol); if (!ok) bad++
        printf "%-9s mean %8.1f  min %6s  max %6s  slope %+8.3f/min  drift %+8.1f (tolerance %.1f)  %s\n", name[i], mean, lo[i], hi[i], slope, drift, tol, ok ? "flat" : "GROWS"
      }
      print "FLAT=" (bad == 0 ? "yes" : "no")
    }' "$table"
} >"$out/report.md"

flat=$(sed -n 's/^FLAT=//p' "$out/report.md")
cam_sessions_ok=$(awk -F'\t' -v r="$readers" -v s="$streams" 'NR > 1 && $6 != r + s {bad++} END {print bad + 0}' "$table")
lost=$(awk -F'\t' 'NR > 1 {l = $13 + $19} END {print l + 0}' "$table")
drops=$(awk -F'\t' -v r="$readers" 'NR > 1 && $18 != r {bad++} END {print bad + 0}' "$table")
notplaying=$(awk -F'\t' -v s="$streams" 'NR > 1 && $12 != s {bad++} END {print bad + 0}' "$table")
{
  echo
  echo "camera sessions per sample: $readers readers + $streams NVR streams expected; samples off: $cam_sessions_ok"
  echo "samples with a reader connection closed: $drops; samples with an NVR camera not PLAYING: $notplaying"
  echo "loss (readers + NVR, end of run): $lost packets; NVR camera-offline gaps: $gaps; segments on disk: $segments ($data_mib MiB)"
  echo "readers at the last sample: $(grep '^bench: t=' "$out/readers.err" | tail -1)"
  echo "NVR exit code after SIGTERM: $nvr_exit"
  echo "at the end: camera sessions $end_sessions, established connections $end_conns, descriptors $end_fd (before the readers: $cam_fd0)"
  if [ "$flat" = yes ] && [ "$lost" = 0 ] && [ "$gaps" = 0 ] && [ "$drops" = 0 ] && [ "$notplaying" = 0 ] \
      && [ "$cam_sessions_ok" = 0 ] && [ "$end_sessions" = 0 ] && [ "$end_conns" = 0 ] && [ "$end_fd" -le "$cam_fd0" ]; then
    echo "VERDICT: PASS (flat after warm-up, 0 loss, 0 leaked sessions or descriptors)"
  else
    echo "VERDICT: FAIL"
  fi
} >>"$out/report.md"
cat "$out/report.md"
grep -q "VERDICT: PASS" "$out/report.md"
