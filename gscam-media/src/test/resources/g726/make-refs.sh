#!/bin/sh
# Regenerates the G.726 reference files that G726FfmpegReferenceTest compares against.
# Run once, from this directory, with ffmpeg (made with 5.1.x); the outputs are committed.
#   in-<signal>.pcm                 input, s16le mono 8 kHz, 0.25 s (2000 samples)
#   <signal>-<kbit>-<packing>.g726  ffmpeg's encoding of it (be = "g726", AAL2; le = "g726le", RFC 3551)
#   <signal>-<kbit>-<packing>.pcm   ffmpeg's decoding of that encoding, s16le
set -eu
F="ffmpeg -hide_banner -loglevel error -y"

$F -f lavfi -i "sine=frequency=440:sample_rate=8000:duration=0.25" -ac 1 -ar 8000 -f s16le in-sine.pcm
# speech-like: a rising chirp with a little noise, peak about -5 dBFS
$F -f lavfi -i "aevalsrc='0.5*sin(2*PI*(150+1400*t)*t)+0.05*(random(0)-0.5)':s=8000:d=0.25" \
   -ac 1 -ar 8000 -f s16le in-chirp.pcm

for signal in sine chirp; do
  for kbit in 16 24 32 40; do
    bits=$((kbit / 8))
    for packing in be le; do
      if [ "$packing" = be ]; then codec=g726; else codec=g726le; fi
      $F -f s16le -ar 8000 -ac 1 -i "in-$signal.pcm" -c:a "$codec" -b:a "${kbit}k" \
         -f "$codec" "$signal-$kbit-$packing.g726"
      $F -f "$codec" -code_size "$bits" -sample_rate 8000 -i "$signal-$kbit-$packing.g726" \
         -f s16le "$signal-$kbit-$packing.pcm"
    done
  done
done
