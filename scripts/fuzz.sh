#!/usr/bin/env bash
# Fuzzes every Jazzer @FuzzTest target for SECONDS each (default 60), one Maven run per target, as
# Jazzer fuzzes one target per JVM. A plain `./mvnw verify` only replays the committed inputs.
#   scripts/fuzz.sh [SECONDS] [FILTER]     FILTER: a grep pattern on Class#method, e.g. Rtsp
# Run it niced on a shared machine: nice -n 19 scripts/fuzz.sh 600; MAVEN_ARGS=-o runs Maven offline;
# MAX_EXECUTIONS=10000000 ends a target at that many executions (the issue's goal) before SECONDS.
# New corpus entries go to <module>/.cifuzz-corpus (ignored by git; scripts/fuzz-corpus.sh copies them
# into the committed inputs); a crashing input is written into the target's
# src/test/resources/<package>/<Class>Inputs/<method>/ directory, where plain runs replay it from then
# on: fix the bug and commit the input as a regression case.
# Prints one line per target (executions, exec/s, corpus entries, libFuzzer's cov and ft, findings) and
# the same as a Markdown table at the end; each target's whole log is in target/fuzz/<Class#method>.log.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
filter="${2:-.}"
logs=target/fuzz
mkdir -p "$logs"

targets=()
while IFS= read -r file; do
  module="${file%%/src/test/java/*}"
  class="$(basename "$file" .java)"
  while IFS= read -r method; do
    targets+=("$module $class#$method")
  done < <(grep -A1 '@FuzzTest' "$file" | sed -n 's/^ *void \([A-Za-z0-9_]*\)(.*/\1/p')
done < <(grep -rl --include='*Test.java' '@FuzzTest' gscam-*/src/test/java | sort)

# The inputs directory of a target: where Jazzer writes a crash and plain runs replay from.
inputs_dir() {
  local module="$1" class="$2" method="$3" file
  file="$(grep -rl --include="$class.java" "class $class" "$module/src/test/java" | head -1)"
  local package
  package="$(dirname "${file#"$module"/src/test/java/}")"
  echo "$module/src/test/resources/$package/${class}Inputs/$method"
}

runs_arg=()
[[ -z "${MAX_EXECUTIONS:-}" ]] || runs_arg=(-Djazzer.max_executions="$MAX_EXECUTIONS")
failed=()
table=("| target | seconds | executions | exec/s | corpus | cov | ft | findings |"
       "|---|---|---|---|---|---|---|---|")
ran=0
for target in "${targets[@]}"; do
  read -r module test <<<"$target"
  grep -q -- "$filter" <<<"$test" || continue
  class="${test%#*}"
  method="${test#*#}"
  dir="$(inputs_dir "$module" "$class" "$method")"
  before="$(ls "$dir" 2>/dev/null | grep -c '^crash-' || true)"
  log="$logs/$test.log"
  echo "== fuzzing $test ($module) for ${seconds}s"
  status=0
  JAZZER_FUZZ=1 ./mvnw -q -B -pl "$module" -am test -Dsurefire.failIfNoSpecifiedTests=false \
      -Dtest="$test" -Djazzer.hooks=true -Djazzer.max_duration="${seconds}s" "${runs_arg[@]}" >"$log" 2>&1 || status=$?
  after="$(ls "$dir" 2>/dev/null | grep -c '^crash-' || true)"
  findings=$((after - before))
  if ((status != 0)) && ((findings == 0)); then
    findings=1 # a failure Jazzer did not save as an input (see the log)
  fi
  # libFuzzer's last status line: "#N DONE cov: C ft: F corp: K/Sb ... exec/s: E ..."
  last="$(grep -E '^#[0-9]+[[:space:]]+(DONE|pulse|NEW|REDUCE|INITED)' "$log" | tail -1 || true)"
  runs="$(sed -n 's/^Done \([0-9]*\) runs in.*/\1/p' "$log" | tail -1)"
  [[ -n "$runs" ]] || runs="$(sed -n 's/^#\([0-9]*\).*/\1/p' <<<"$last")"
  field() { sed -n "s|.* $1: \([0-9/a-zA-Z]*\).*|\1|p" <<<"$last"; }
  cov="$(field cov)"; ft="$(field ft)"; corp="$(field corp)"; rate="$(field exec/s)"
  printf '%s: %s executions, %s exec/s, corpus %s, cov %s, ft %s, findings %s\n' \
      "$test" "${runs:-?}" "${rate:-?}" "${corp:-?}" "${cov:-?}" "${ft:-?}" "$findings"
  table+=("| \`$test\` | $seconds | ${runs:-?} | ${rate:-?} | ${corp:-?} | ${cov:-?} | ${ft:-?} | $findings |")
  ((findings == 0)) || failed+=("$test")
  ran=$((ran + 1))
done

printf '%s\n' "${table[@]}"
if ((${#failed[@]})); then
  printf 'finding in %s (log in target/fuzz/)\n' "${failed[@]}" >&2
  exit 1
fi
echo "no findings in $ran targets"
