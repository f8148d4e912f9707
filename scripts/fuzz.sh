#!/usr/bin/env bash
# Fuzzes every Jazzer @FuzzTest target for SECONDS each (default 60), one Maven run per target, as
# Jazzer fuzzes one target per JVM. A plain `./mvnw verify` only replays the committed inputs.
#   scripts/fuzz.sh [SECONDS] [FILTER]     FILTER: a grep pattern on Class#method, e.g. Rtsp
# New corpus entries go to <module>/.cifuzz-corpus (ignored by git); a crashing input is written into
# the target's src/test/resources/<package>/<Class>Inputs/<method>/ directory, where plain runs
# replay it from then on: fix the bug and commit the input as a regression case.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
filter="${2:-.}"

targets=()
while IFS= read -r file; do
  module="${file%%/src/test/java/*}"
  class="$(basename "$file" .java)"
  while IFS= read -r method; do
    targets+=("$module $class#$method")
  done < <(grep -A1 '@FuzzTest' "$file" | sed -n 's/^ *void \([A-Za-z0-9_]*\)(.*/\1/p')
done < <(grep -rl --include='*Test.java' '@FuzzTest' gscam-*/src/test/java | sort)

failed=()
for target in "${targets[@]}"; do
  read -r module test <<<"$target"
  grep -q -- "$filter" <<<"$test" || continue
  echo "== fuzzing $test ($module) for ${seconds}s"
  if ! JAZZER_FUZZ=1 ./mvnw -q -B -pl "$module" -am test -Dsurefire.failIfNoSpecifiedTests=false \
      -Dtest="$test" -Djazzer.hooks=true -Djazzer.max_duration="${seconds}s"; then
    failed+=("$test")
  fi
done

if ((${#failed[@]})); then
  printf 'finding in %s\n' "${failed[@]}" >&2
  exit 1
fi
echo "no findings in ${#targets[@]} targets"
