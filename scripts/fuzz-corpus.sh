#!/usr/bin/env bash
# Copies what fuzzing found (<module>/.cifuzz-corpus, ignored by git) into the committed inputs that a
# plain `./mvnw verify` replays (src/test/resources/<package>/<Class>Inputs/<method>/), so coverage
# reached once is checked on every build. At most MAX entries a target (default 100) from the committed
# ones and the new ones together, the smallest first, none over 16 KiB: libFuzzer keeps an entry only
# when it adds coverage, so these are already the reduced corpus; the cap keeps the replay to a few
# seconds a module.
#   scripts/fuzz-corpus.sh [MAX]
set -euo pipefail
cd "$(dirname "$0")/.."
max="${1:-100}"
for corpus in gscam-*/.cifuzz-corpus/*/*/; do
  [[ -d "$corpus" ]] || continue
  module="${corpus%%/.cifuzz-corpus/*}"
  rest="${corpus#*/.cifuzz-corpus/}"
  fqcn="${rest%%/*}"
  method="$(basename "$corpus")"
  package="$(dirname "${fqcn//.//}")"
  class="${fqcn##*.}"
  inputs="$module/src/test/resources/$package/${class}Inputs/$method"
  mkdir -p "$inputs"
  # The pool: what was committed before (a new run starts from it and writes only what adds coverage)
  # and what this run found; the smallest MAX of both, replacing the old ones, so the cap holds.
  pool="$(mktemp -d)"
  cp "$inputs"/corpus-* "$pool"/ 2>/dev/null || true
  for file in "$corpus"*; do [[ -f "$file" ]] && cp "$file" "$pool/corpus-$(basename "$file")"; done
  rm -f "$inputs"/corpus-*
  find "$pool" -maxdepth 1 -type f -size -16k -printf '%s %p\n' | sort -n | awk -v max="$max" 'NR <= max' |
    while read -r _ file; do cp "$file" "$inputs/"; done
  rm -rf "$pool"
  echo "$inputs: $(ls "$inputs" | grep -c '^corpus-') corpus entries"
done
