#!/usr/bin/env bash
# Renders the camera's built-in H.264 test loops, one per channel, with ffmpeg/libx264.
#
# Each loop is 10 s of a moving test pattern (testsrc2 plus light sensor-like noise) that shows
# "CH <n>" and the frame number, encoded once at the stream's exact size, rate and bit rate:
#   channels 0-3 (primary):   704x480, 30 fps, 1024 kbit/s, IDR every 30 frames (1 s)
#   channels 4-7 (secondary): 352x240, 15 fps,  256 kbit/s, IDR every 15 frames (1 s)
# Baseline profile (as the spec's sprop-parameter-sets, 42E01E), no B-frames, fixed GOP with no
# scene-cut IDRs, SPS+PPS repeated before every IDR, an access unit delimiter before every frame
# (so a reader splits access units without parsing slices), VUI timing, and 2-pass ABR with a
# VBV cap, so the loop's mean rate is the target.
#
# Output, per channel, into gscam-camera/src/main/resources/io/gscam/camera/source/:
#   loop-ch<n>.h264        raw Annex-B elementary stream (plays with `ffplay loop-ch0.h264`)
#   loop-ch<n>.properties  the sidecar the loader reads: width, height, fps, kbps, frames, gop
#
# Usage: scripts/make-test-loops.sh [output-dir]
set -euo pipefail

here="$(cd "$(dirname "$0")/.." && pwd)"
out="${1:-$here/gscam-camera/src/main/resources/io/gscam/camera/source}"
seconds=10

command -v ffmpeg >/dev/null || { echo "ffmpeg not found on PATH" >&2; exit 1; }
font="$(fc-match -f '%{file}' 'DejaVu Sans:bold' 2>/dev/null || true)"
[ -f "$font" ] || font=/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf
[ -f "$font" ] || { echo "no DejaVu Sans Bold font for drawtext (apt-get install fonts-dejavu-core)" >&2; exit 1; }

mkdir -p "$out"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

for ch in 0 1 2 3 4 5 6 7; do
    if [ "$ch" -lt 4 ]; then w=704; h=480; fps=30; kbps=1024; big=96; small=28
    else                     w=352; h=240; fps=15; kbps=256;  big=48; small=14; fi
    gop=$fps
    frames=$((fps * seconds))
    vf="noise=alls=6:allf=t,\
drawtext=fontfile=$font:text='CH $ch':fontsize=$big:fontcolor=white:box=1:boxcolor=black@0.6:boxborderw=12:x=(w-text_w)/2:y=(h-text_h)/2,\
drawtext=fontfile=$font:text='gscam %{eif\:n\:d\:3}':fontsize=$small:fontcolor=yellow:box=1:boxcolor=black@0.6:boxborderw=6:x=12:y=h-text_h-12"
    x264="keyint=$gop:min-keyint=$gop:scenecut=0:repeat-headers=1:aud=1:bframes=0"
    common=(-hide_banner -loglevel error -y
        -f lavfi -i "testsrc2=size=${w}x${h}:rate=$fps:duration=$seconds"
        -vf "$vf" -frames:v "$frames" -pix_fmt yuv420p
        -c:v libx264 -preset medium -profile:v baseline -level 3.0 -bf 0 -g "$gop"
        -b:v "${kbps}k" -maxrate "${kbps}k" -bufsize "$((kbps / 2))k")
    ( cd "$work" && ffmpeg "${common[@]}" -x264-params "$x264" -pass 1 -passlogfile "ch$ch" -f null - )
    ( cd "$work" && ffmpeg "${common[@]}" -x264-params "$x264" -pass 2 -passlogfile "ch$ch" -f h264 "$out/loop-ch$ch.h264" )
    cat > "$out/loop-ch$ch.properties" <<PROPS
# made by scripts/make-test-loops.sh; $(ffmpeg -version | head -1 | cut -d' ' -f1-3)
channel=$ch
width=$w
height=$h
fps=$fps
kbps=$kbps
frames=$frames
gop=$gop
PROPS
    echo "channel $ch: $(stat -c %s "$out/loop-ch$ch.h264") bytes, target $((kbps * 1000 * seconds / 8))"
done
