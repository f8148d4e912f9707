# Start-up shared by the bench scripts (sourced, not run): free loopback ports, waiting for a port to
# listen, and the emulator they measure against.

# A TCP port free on 127.0.0.1 now (the OS's pick).
free_port() { /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# wait_port PORT: returns once 127.0.0.1:PORT accepts a connection, fails after 30 s.
wait_port() { for _ in $(seq 300); do (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0; sleep 0.1; done; return 1; }

# start_camera HTTP_PORT RTSP_PORT GSCAM...: the emulator on 127.0.0.1 run by the command GSCAM (./gscam,
# or java -jar gscam.jar), channel 0 without audio: ffmpeg's Matroska and MP4 muxers refuse its G.711
# (Frigate runs such cameras with -an). Sets $camera to its pid, adds it to the caller's pids array
# (stopped by the caller's trap), and returns once its RTSP port listens.
start_camera() {
  local http=$1 rtsp=$2
  shift 2
  "$@" camera --bind 127.0.0.1 --http-port "$http" --rtsp-port "$rtsp" --audio 0=none >/dev/null 2>&1 &
  camera=$!
  pids+=("$camera")
  wait_port "$rtsp" || { echo "$(basename "$0"): the camera did not start" >&2; exit 1; }
}
