#!/usr/bin/env bash
# Issue 6's benchmark: tests/gc/churn.rpy — about 5 short-lived allocations
# per round (an instance, a list and its array, a string...) while 100,000
# cells and 10,000 strings stay alive — native and JIT: time, peak RSS
# (target <= 64 MB) and the collector's own statistics (RPYGC=stats).
# Usage: bench/gc.sh [ROUNDS]   (default 20000000: about 10^8 allocations)
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${1:-20000000}
TRANSLATE=target/release/translate
cargo build --release --quiet --bin translate
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
"$TRANSLATE" tests/gc/churn.rpy -o "$out/churn-native" 2>/dev/null
"$TRANSLATE" tests/gc/churn.rpy --opt=jit -o "$out/churn-jit" 2>/dev/null
echo "tests/gc/churn.rpy $ROUNDS rounds, $(nproc) cores ($(uname -m))"
for exe in churn-native churn-jit; do
  /usr/bin/time -f "%e %M" -o "$out/time" env RPYGC=stats "$out/$exe" "$ROUNDS" >"$out/stdout" 2>"$out/stderr"
  read -r secs kb <"$out/time"
  ok=$(tail -1 "$out/stdout")
  printf '  %-14s %7ss  peak RSS %6s KB  checksums kept: %s\n' "$exe" "$secs" "$kb" "$ok"
  grep 'rpy gc' "$out/stderr" | sed 's/^/    /'
done
