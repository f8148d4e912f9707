#!/bin/bash
# Fan-out benchmark of docs/benchmarks.md: for each reader count, a fresh camera, `gscam bench fanout`
# against channel 0, and the camera process's CPU (utime+stime from /proc/<pid>/stat over the measured
# window) and memory (VmRSS at the end of the window, VmHWM peak).
# Usage: scripts/bench-fanout.sh [SECONDS] [READERS...]   (default 20 s; 1 100 500 1000 readers)
set -u
cd "$(dirname "$0")/.."
JAR=gscam-cli/target/gscam.jar
SECONDS_PER_RUN=${1:-20}
shift || true
COUNTS=${*:-1 100 500 1000}
TCK=$(getconf CLK_TCK)
printf "| readers | playing/failed | delivered Mbit/s | per reader Mbit/s | loss | worst gap | camera CPU %% | camera RSS MiB | peak RSS MiB |\n"
printf "|---|---|---|---|---|---|---|---|---|\n"
for N in $COUNTS; do
  java -jar $JAR camera --http-port 16554 >/tmp/bench-cam.out 2>/tmp/bench-cam.err &
  CAM=$!
  for i in $(seq 150); do grep -q "rtsp://" /tmp/bench-cam.out 2>/dev/null && (exec 3<>/dev/tcp/127.0.0.1/18554) 2>/dev/null && break; sleep 0.2; done
  java -jar $JAR bench fanout rtsp://admin:admin@127.0.0.1:18554/0 --readers "$N" --seconds "$SECONDS_PER_RUN" \
      >/tmp/bench-$N.out 2>/tmp/bench-$N.err &
  BENCH=$!
  for i in $(seq 600); do grep -q "readers playing" /tmp/bench-$N.err 2>/dev/null && break; sleep 0.1; done
  T0=$(date +%s.%N); S0=$(awk '{print $14+$15}' /proc/$CAM/stat)
  while kill -0 $BENCH 2>/dev/null && ! grep -q "^worst gap" /tmp/bench-$N.out; do sleep 0.1; done
  T1=$(date +%s.%N); S1=$(awk '{print $14+$15}' /proc/$CAM/stat)
  RSS=$(awk '/VmRSS/{print $2}' /proc/$CAM/status); HWM=$(awk '/VmHWM/{print $2}' /proc/$CAM/status)
  wait $BENCH
  CPU=$(echo "scale=1; 100*($S1-$S0)/$TCK/($T1-$T0)" | bc)
  PLAYING=$(awk '/^readers/{print $4"/"$6}' /tmp/bench-$N.out)
  MBPS=$(awk '/^delivered/{print $2}' /tmp/bench-$N.out)
  PER=$(awk '/^delivered/{print $6}' /tmp/bench-$N.out)
  LOSS=$(awk '/^loss/{print $2" ("$4")"}' /tmp/bench-$N.out | tr -d '()')
  GAP=$(awk '/^worst gap/{print $3" ms"}' /tmp/bench-$N.out)
  printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s |\n" "$N" "$PLAYING" "$MBPS" "$PER" "$LOSS" "$GAP" "$CPU" \
      "$((RSS / 1024))" "$((HWM / 1024))"
  kill $CAM; wait $CAM 2>/dev/null
done
