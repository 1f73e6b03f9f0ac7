#!/usr/bin/env bash
# Times the untranslated run (`translate --interp`) of goal/toy.rpy against
# CPython (and PyPy when installed) on the same program, medians of RUNS.
# Usage: bench/interp.sh [N] [RUNS]      (defaults: N=10000000, RUNS=5)
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-10000000}
RUNS=${2:-5}
cargo build --release --quiet --bin translate
TRANSLATE=target/release/translate

# shellcheck source=bench/lib.sh
source bench/lib.sh

expected=$(( N * N ))
check() { # name output
  if [ "$2" != "$expected" ]; then echo "error: $1 printed '$2', expected $expected" >&2; exit 1; fi
}
check "translate --interp" "$($TRANSLATE --interp goal/toy.rpy "$N")"

echo "toy.rpy square($N), median of $RUNS runs on $(nproc) cores ($(uname -m))"
printf '%-28s %10s %10s\n' "runner" "seconds" "vs interp"
t_interp=$(median_time "$TRANSLATE" --interp goal/toy.rpy "$N")
printf '%-28s %10s %10s\n' "translate --interp" "$t_interp" "1.00x"
for py in python3 pypy3; do
  if command -v "$py" >/dev/null; then
    check "$py" "$("$py" goal/toy.rpy "$N")"
    t=$(median_time "$py" goal/toy.rpy "$N")
    printf '%-28s %10s %9.2fx\n' "$py ($($py -c 'import sys; print("%d.%d" % sys.version_info[:2])'))" "$t" "$(awk -v a="$t" -v b="$t_interp" 'BEGIN {print a / b}')"
  else
    printf '%-28s %10s\n' "$py" "not installed"
  fi
done
echo "(a ratio above 1 means translate --interp is that many times faster)"
