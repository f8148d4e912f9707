#!/bin/bash
# Fan-out benchmark of docs/benchmarks.md, gscam beside GStreamer's rtsp-server in one run.
# For each reader count: a fresh `./gscam camera` (channel 0, H.264 only) and `gscam bench fanout`
# against it; then, with the camera still running, GStreamer's rtsp-server (gscam-testkit's gst-rtsp-server.py
# --repayload: one shared media re-payloading the camera's channel 0: the same access units) and the same bench
# against it. For the server under test: CPU from /proc/<pid>/stat (utime+stime) over the bench's
# measured window, per delivered Gbit; VmRSS at the end of the window and VmHWM (peak).
# Usage: scripts/bench-fanout.sh [SECONDS] [READERS...]   (default 20 s; 1 100 500 1000 readers)
#   env SERVERS="gscam gstreamer" (either or both), BENCH_THREADS=2 (the load generator's event loops),
#   AUDIO=none (the camera's channel 0 audio: none, or pcmu for video + PCMU; GStreamer re-payloads the video only),
#   ISOLATE=1 (each server and the bench in a session of its own: with the kernel's autogroup scheduling,
#   sched_autogroup_enabled=1, CFS shares the CPU between sessions first, so a server that shares one with
#   its load generator gets only what the bench leaves of that session's share; 0: one session for all),
#   WARMUP=20 (seconds between all readers playing and the window, both servers: the steady state after the
#   JVM's JIT and first collections; 0 measures from the set-up's end, as before 2026-12-07),
#   BENCH_JAVA_OPTS (default the serial collector, as the camera's launcher: no GC threads beside the readers).
set -u
cd "$(dirname "$0")/.."
JAR=gscam-cli/target/gscam.jar
SECONDS_PER_RUN=${1:-20}
shift || true
COUNTS=${*:-1 100 500 1000}
SERVERS=${SERVERS:-gscam gstreamer}
BENCH_THREADS=${BENCH_THREADS:-2}
AUDIO=${AUDIO:-none}
ISOLATE=${ISOLATE:-1}
BENCH_JAVA_OPTS=${BENCH_JAVA_OPTS--XX:+UseSerialGC}
WARMUP=${WARMUP:-20}
SESSION=; [ "$ISOLATE" = 1 ] && SESSION=setsid
TCK=$(getconf CLK_TCK)
OUT=$(mktemp -d /tmp/bench-fanout.XXXXXX)
./gscam --version >/dev/null || exit 1   # builds the jar and its AppCDS archive if needed

# measure NAME PID URL N: runs the bench against URL and prints one table row for process PID.
measure() {
  local name=$1 pid=$2 url=$3 n=$4 log=$OUT/$1-$4
  # shellcheck disable=SC2086 # word splitting of the flags is meant
  JDK_JAVA_OPTIONS="-Xlog:gc:file=$log-bench-gc.log" $SESSION java $BENCH_JAVA_OPTS -jar $JAR bench fanout "$url" --readers "$n" --seconds "$SECONDS_PER_RUN" --threads "$BENCH_THREADS" --warmup "$WARMUP" \
      >"$log.out" 2>"$log.err" &
  local bench=$! i
  for i in $(seq 3000); do grep -q "window opens" "$log.err" 2>/dev/null && break; kill -0 $bench 2>/dev/null || break; sleep 0.1; done
  local t0 s0 u0 t1 s1 u1 b0 b1 rss hwm load
  t0=$(date +%s.%N); s0=$(awk '{print $14+$15}' /proc/$pid/stat); u0=$(awk '{print $14}' /proc/$pid/stat); b0=$(awk '{print $14+$15}' /proc/$bench/stat)
  while kill -0 $bench 2>/dev/null && ! grep -q "^worst gap" "$log.out"; do sleep 0.1; done
  t1=$(date +%s.%N); s1=$(awk '{print $14+$15}' /proc/$pid/stat); u1=$(awk '{print $14}' /proc/$pid/stat); b1=$(awk '{print $14+$15}' /proc/$bench/stat 2>/dev/null || echo "$b0")
  rss=$(awk '/VmRSS/{print $2}' /proc/$pid/status); hwm=$(awk '/VmHWM/{print $2}' /proc/$pid/status)
  load=$(cut -d' ' -f1 /proc/loadavg)
  wait $bench
  local cpu ucpu bcpu playing mbps loss gap per_gbit
  cpu=$(echo "scale=1; 100*($s1-$s0)/$TCK/($t1-$t0)" | bc)
  ucpu=$(echo "scale=1; 100*($u1-$u0)/$TCK/($t1-$t0)" | bc)
  bcpu=$(echo "scale=1; 100*($b1-$b0)/$TCK/($t1-$t0)" | bc)
  playing=$(awk '/^readers/{print $4"/"$6}' "$log.out")
  mbps=$(awk '/^delivered/{print $2}' "$log.out")
  loss=$(awk '/^loss/{print $2" ("$4")"}' "$log.out" | tr -d '()')
  # the worst gap in the window; after it, the whole pause that was in progress when the window opened
  gap=$(awk '/^worst gap/{g=$3} /^at the opening/{o=$4} END{if (g != "") printf "%s ms (opening %s ms)", g, o}' "$log.out")
  # CPU-seconds per delivered Gbit: (CPU-s/s) / (Gbit/s).
  per_gbit=$(echo "scale=3; (($s1-$s0)/$TCK/($t1-$t0)) / (${mbps:-0}/1000 + 0.000001)" | bc)
  printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n" "$name" "$n" "${playing:-?}" "${mbps:-?}" \
      "$per_gbit" "${loss:-?}" "${gap:-?}" "$cpu" "$ucpu" "$bcpu" "$((rss / 1024))" "$((hwm / 1024))" "$load"
}

printf "| server | readers | playing/failed | delivered Mbit/s | CPU-s per Gbit | loss | worst gap | CPU %% | of it user %% | bench CPU %% | RSS MiB | peak RSS MiB | load avg |\n"
printf "|---|---:|---|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|\n"
for N in $COUNTS; do
  JDK_JAVA_OPTIONS="-Xlog:gc:file=$OUT/cam-$N-gc.log" $SESSION ./gscam camera --bind 127.0.0.1 --http-port 16554 --rtsp-port 18554 --audio 0=$AUDIO >$OUT/cam.out 2>$OUT/cam.err &
  CAM=$!
  for i in $(seq 150); do grep -q "rtsp://" $OUT/cam.out 2>/dev/null && break; sleep 0.2; done
  case " $SERVERS " in *" gscam "*)
    measure gscam $CAM rtsp://admin:admin@127.0.0.1:18554/0 "$N" ;;
  esac
  case " $SERVERS " in *" gstreamer "*)
    rm -f $OUT/gst.in; mkfifo $OUT/gst.in
    $SESSION /usr/bin/python3 gscam-testkit/src/main/resources/gst-rtsp-server.py 18654 /peer --repayload rtsp://admin:admin@127.0.0.1:18554/0 <$OUT/gst.in >$OUT/gst.out 2>$OUT/gst.err &
    GSTPID=$!
    exec 4>$OUT/gst.in   # the peer runs while its stdin is open
    for i in $(seq 100); do grep -q READY $OUT/gst.out 2>/dev/null && break; sleep 0.2; done
    measure gstreamer "$GSTPID" rtsp://127.0.0.1:18654/peer "$N"
    exec 4>&-
    wait $GSTPID 2>/dev/null ;;
  esac
  kill $CAM; wait $CAM 2>/dev/null
done
# Whose gaps: the bench's readers with gaps over 100 ms (and when they ended), and each JVM's GC
# pauses (-Xlog:gc): a pause as long as the gap, in either process, at the same time explains it.
for f in $OUT/*.out; do
  [ "$f" = $OUT/cam.out ] || [ "$f" = $OUT/gst.out ] || grep -H "^gaps over" "$f"
done
# Set-up: how long it took, and which request's answer it waited for.
for f in $OUT/*.err; do
  grep -H "set-up" "$f"
done
for f in $OUT/*gc.log; do
  [ -f "$f" ] && awk -v f="$(basename "$f")" '/Pause/{n++; ms=$NF+0; if (ms>max) max=ms} END{printf "%s: %d GC pauses, longest %.1f ms\n", f, n, max}' "$f"
done
echo "logs in $OUT"
