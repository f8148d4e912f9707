# Start-up and measurement shared by the bench scripts (sourced, not run): free loopback ports, waiting
# for a port to listen, the emulator they measure against, and CPU and RSS of processes from /proc.

# A TCP port free on 127.0.0.1 now (the OS's pick).
free_port() { /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# wait_port PORT: returns once 127.0.0.1:PORT accepts a connection, fails after 30 s.
wait_port() { for _ in $(seq 300); do (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0; sleep 0.1; done; return 1; }

# need COMMAND: exits with "<script>: COMMAND not installed" unless COMMAND is on the PATH.
need() { command -v "$1" >/dev/null || { echo "$(basename "$0" .sh): $1 not installed" >&2; exit 1; }; }

# start_camera GSCAM...: the emulator on 127.0.0.1, on free HTTP and RTSP ports, run by the command GSCAM
# (./gscam, or java -jar gscam.jar), channel 0 without audio: ffmpeg's Matroska and MP4 muxers refuse its
# G.711 (Frigate runs such cameras with -an). Sets $camera to its pid and $camera_url to its channel 0
# (rtsp://admin:admin@127.0.0.1:PORT/0), adds the pid to the caller's pids array (stopped by the
# caller's trap), and returns once its RTSP port listens.
start_camera() {
  local http rtsp
  http=$(free_port)
  rtsp=$(free_port)
  "$@" camera --bind 127.0.0.1 --http-port "$http" --rtsp-port "$rtsp" --audio 0=none >/dev/null 2>&1 &
  camera=$!
  camera_url="rtsp://admin:admin@127.0.0.1:$rtsp/0"
  pids+=("$camera")
  wait_port "$rtsp" || { echo "$(basename "$0"): the camera did not start" >&2; exit 1; }
}

# ticks PID...: summed utime+stime of the given pids, in clock ticks (a process gone counts 0).
ticks() {
  local sum=0 p
  for p in "$@"; do
    [ -r "/proc/$p/stat" ] || continue
    set -- $(sed 's/^.*) //' "/proc/$p/stat")
    sum=$((sum + ${12} + ${13}))
  done
  echo "$sum"
}

# rss_kib PID...: summed VmRSS of the given pids, KiB (a process gone counts 0).
rss_kib() {
  local kb=0 p
  for p in "$@"; do kb=$((kb + $(awk '/^VmRSS:/ {print $2}' "/proc/$p/status" 2>/dev/null || echo 0))); done
  echo "$kb"
}

# rss_mib PID...: summed VmRSS of the given pids, MiB (rounded).
rss_mib() { awk -v kb="$(rss_kib "$@")" 'BEGIN { printf "%.0f", kb / 1024 }'; }

# cpu_pct TICKS SECONDS: CPU % of TICKS clock ticks over SECONDS of wall time (100 % = one core).
cpu_pct() { awk -v c="$1" -v tck="$(getconf CLK_TCK)" -v s="$2" 'BEGIN { printf "%.1f", 100 * c / tck / s }'; }
