#!/bin/bash
# Start-up benchmark of docs/benchmarks.md: how long after the command starts `./gscam camera`
# answers an RTSP OPTIONS, over RUNS starts (default 10) of each variant, taken in turn so both see
# the same machine: the launcher as it is, and with GSCAM_CDS=off (no AppCDS archive). Prints each
# start and the medians. With BASELINE=DIR (another checkout, its jar built), DIR/gscam is a third
# variant, taken in the same turns: a before/after in one run.
# With RT=1 (root only), the bench and the starts it times run under SCHED_RR priority 1, ahead of
# every ordinary process: on a shared machine, the time a start takes as if the machine were idle
# (without it, the wall time is mostly the other processes' turns; the CPU time is less affected).
# Usage: [BASELINE=DIR] [RT=1] scripts/bench-startup.sh [RUNS] [-- extra camera arguments]
# The jar must be built (./gscam builds it on first use; run it once before measuring).
set -u
cd "$(dirname "$0")/.."
RUNS=${1:-10}
shift || true
[ "${1:-}" = "--" ] && shift
exec python3 - "$RUNS" "$@" <<'PY'
import os, signal, socket, statistics, subprocess, sys, time

runs = int(sys.argv[1])
extra = sys.argv[2:]
rtsp, http = 18654, 16654
args = ['camera', '--http-port', str(http), '--rtsp-port', str(rtsp), '--bind', '127.0.0.1'] + extra
request = b'OPTIONS rtsp://127.0.0.1:%d/0 RTSP/1.0\r\nCSeq: 1\r\n\r\n' % rtsp


def answered():
    try:
        with socket.create_connection(('127.0.0.1', rtsp), timeout=1) as s:
            s.sendall(request)
            return s.recv(64).startswith(b'RTSP/1.0 ')
    except OSError:
        return False


variants = [('launcher', {}, './gscam'), ('GSCAM_CDS=off', {'GSCAM_CDS': 'off'}, './gscam')]
if os.environ.get('BASELINE'):
    variants.append(('baseline launcher', {}, os.path.join(os.environ['BASELINE'], 'gscam')))
if os.environ.get('RT') == '1':
    os.sched_setscheduler(0, os.SCHED_RR, os.sched_param(1))  # inherited by every start
    print('SCHED_RR priority 1: bench and starts ahead of every ordinary process', flush=True)
print('load average at the start: %s' % ' '.join(open('/proc/loadavg').read().split()[:3]), flush=True)
times = {name: [] for name, _, _ in variants}
cpus = {name: [] for name, _, _ in variants}
for i in range(runs):
    for name, env, launcher in variants:
        t0 = time.monotonic()
        p = subprocess.Popen([launcher] + args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env={**os.environ, **env})
        while not answered():
            if p.poll() is not None:
                sys.exit('camera exited with %d' % p.returncode)
            if time.monotonic() - t0 > 30:
                p.kill()
                sys.exit('no OPTIONS answer within 30 s')
            time.sleep(0.005)
        t = time.monotonic() - t0
        with open('/proc/%d/stat' % p.pid) as f:  # the launcher execs java: same process
            fields = f.read().rsplit(')', 1)[1].split()
        cpu = (int(fields[11]) + int(fields[12])) / os.sysconf('SC_CLK_TCK')
        times[name].append(t)
        cpus[name].append(cpu)
        print('start %d, %s: %.3f s (%.2f CPU-s)' % (i + 1, name, t, cpu), flush=True)
        p.send_signal(signal.SIGTERM)
        try:
            p.wait(10)
        except subprocess.TimeoutExpired:
            p.kill()
            p.wait()
for name, _, _ in variants:
    ts = times[name]
    print('%s: median %.3f s (min %.3f, max %.3f) over %d starts; median CPU to the answer %.2f s (min %.2f)'
          % (name, statistics.median(ts), min(ts), max(ts), len(ts), statistics.median(cpus[name]), min(cpus[name])))
print('load average at the end: %s' % ' '.join(open('/proc/loadavg').read().split()[:3]))
PY
