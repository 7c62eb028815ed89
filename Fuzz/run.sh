#!/usr/bin/env bash
# Builds the libFuzzer targets and runs each for SECONDS (default 60) over the committed seed corpus
# plus the examples and the bad-input fixtures. A crash stops the run with a non-zero status, and
# libFuzzer writes the crashing input to Tests/Fixtures/fuzz-regressions/, where FuzzRegressionTests
# replays it on every `swift test` from then on.
#
# Usage: Fuzz/run.sh [SECONDS] [TARGET...]
#        (targets: FuzzYAMLLoader FuzzPipeline FuzzOutputPath FuzzEvaluators)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
seconds="${1:-60}"
shift || true
targets=("${@:-FuzzYAMLLoader}")
[ $# -eq 0 ] && targets=(FuzzYAMLLoader FuzzPipeline FuzzOutputPath FuzzEvaluators)
scratch="$root/.build-fuzz"
regressions="$root/Tests/Fixtures/fuzz-regressions"
mkdir -p "$regressions"

for target in "${targets[@]}"; do
  echo "fuzz: building $target"
  (cd "$root/Fuzz" && swift build -c release --sanitize=fuzzer --sanitize=address \
      --product "$target" --scratch-path "$scratch" >/dev/null)

  corpus="$(mktemp -d)"
  case "$target" in
    FuzzYAMLLoader) seeds="$root/Fuzz/Corpus/yaml" ;;
    FuzzPipeline) seeds="$root/Fuzz/Corpus/pipeline" ;;
    FuzzOutputPath) seeds="$root/Fuzz/Corpus/output-path" ;;
    FuzzEvaluators) seeds="$root/Fuzz/Corpus/evaluators" ;;
  esac
  cp "$seeds"/* "$corpus"/
  case "$target" in
    FuzzYAMLLoader|FuzzPipeline)
      cp "$root"/examples/*.yml "$corpus"/
      find "$root/Tests/Fixtures/bad" -type f -name '*.yml' -exec cp {} "$corpus"/ \; ;;
  esac

  echo "fuzz: running $target for ${seconds}s"
  # Leak detection is off: the loaded rules live for the whole process by design, and Foundation on
  # Linux leaks a little memory whenever NSRegularExpression rejects a pattern.
  SWIFT_BACKTRACE=enable=no ASAN_OPTIONS=detect_leaks=0 \
  "$scratch/release/$target" -max_total_time="$seconds" -max_len=65536 -rss_limit_mb=2048 -timeout=10 -detect_leaks=0 \
      -artifact_prefix="$regressions/$target-" -print_final_stats=1 "$corpus" 2>"$corpus.log" || {
    tail -40 "$corpus.log"
    echo "fuzz: $target failed; the input is in $regressions"
    exit 1
  }
  grep -E "stat::number_of_executed_units|Done" "$corpus.log" | tail -2
  rm -rf "$corpus" "$corpus.log"
done
