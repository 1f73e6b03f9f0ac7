#!/usr/bin/env bash
# Builds everything and times the toy square program (goal/toy.rpy):
# target-toy-native and target-toy-jit against the hand-written Rust
# interpreter (bench/hand: toy-hand) and the ideal loop (square-loop) on N
# (issue 4: native within 1.2x of toy-hand; issue 5: JIT at least 8x
# faster than native and within 2.5x of square-loop), and the untranslated
# run (translate --interp), CPython and PyPy (when installed) on a smaller
# N_SLOW; medians of RUNS; ratios against toy-hand; peak RSS of
# target-toy-native; warm and cold translation times of goal/toy.rpy.
# Usage: bench/native.sh [N] [N_SLOW] [RUNS]   (defaults 100000000 10000000 5)
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-100000000}
N_SLOW=${2:-10000000}
RUNS=${3:-5}
TRANSLATE=target/release/translate
HAND=bench/hand/target/release
CACHE=${RPY_CACHE_DIR:-target/rpy-cache}

echo "building (cargo release, bench/hand, goal/toy.rpy)..." >&2
cargo build --release --quiet --bin translate
cargo build --release --quiet --manifest-path bench/hand/Cargo.toml
"$TRANSLATE" goal/toy.rpy 2>/dev/null
"$TRANSLATE" goal/toy.rpy --opt=jit 2>/dev/null

# shellcheck source=bench/lib.sh
source bench/lib.sh

# check NAME EXPECTED CMD...: the command must print EXPECTED.
check() {
  local name=$1 want=$2; shift 2
  local got; got=$("$@")
  if [ "$got" != "$want" ]; then echo "error: $name printed '$got', expected $want" >&2; exit 1; fi
}

# peak_rss CMD...: the command's peak RSS in KB (GNU time; without it a
# python3 wrapper, whose figure is an upper bound: Linux counts the
# spawning python's pages in the child's peak).
peak_rss() {
  if [ -x /usr/bin/time ]; then
    /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -1
  else
    python3 -c 'import os, resource, sys
pid = os.posix_spawnp(sys.argv[1], sys.argv[1:], dict(os.environ), file_actions=[(os.POSIX_SPAWN_OPEN, 1, "/dev/null", os.O_WRONLY, 0)])
os.waitpid(pid, 0)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)' "$@"
  fi
}

check target-toy-native $((N * N)) ./target-toy-native "$N"
check target-toy-jit $((N * N)) ./target-toy-jit "$N"
check toy-hand $((N * N)) "$HAND/toy-hand" "$N"

echo "toy.rpy square($N), median of $RUNS runs, $(nproc) cores ($(uname -m))"
hand=$(median_time "$HAND/toy-hand" "$N")
native=$(median_time ./target-toy-native "$N")
jit=$(median_time ./target-toy-jit "$N")
ideal=$(median_time "$HAND/square-loop" "$N")
ratio() { awk -v a="$1" -v b="$2" "BEGIN {printf \"%.${3:-2}f\", a / b}"; }
printf '  %-28s %8ss  %6s\n' "toy-hand (bench/hand)" "$hand" "1.00x"
printf '  %-28s %8ss  %6sx   (target <= 1.2x)\n' "target-toy-native" "$native" "$(ratio "$native" "$hand")"
printf '  %-28s %8ss  %6sx\n' "square-loop (bench/hand)" "$ideal" "$(ratio "$ideal" "$hand")"
printf '  %-28s %8ss  %6sx\n' "target-toy-jit" "$jit" "$(ratio "$jit" "$hand")"
echo "  target-toy-jit: $(ratio "$native" "$jit" 1)x faster than target-toy-native (target >= 8x), $(ratio "$jit" "$ideal")x square-loop (target <= 2.5x)"
echo "  target-toy-native peak RSS: $(peak_rss ./target-toy-native "$N") KB"
echo "  target-toy-jit peak RSS: $(peak_rss ./target-toy-jit "$N") KB"

echo
echo "toy.rpy square($N_SLOW) (smaller N), median of $RUNS runs; ratio per iteration vs toy-hand"
hand_slow=$(median_time "$HAND/toy-hand" "$N_SLOW")
slow_row() { # NAME CMD...
  local name=$1; shift
  local t; t=$(median_time "$@" "$N_SLOW")
  printf '  %-28s %8ss  %8sx\n' "$name" "$t" "$(awk -v a="$t" -v b="$hand_slow" 'BEGIN {printf "%.1f", a / b}')"
}
printf '  %-28s %8ss  %8s\n' "toy-hand (bench/hand)" "$hand_slow" "1.0x"
slow_row "translate --interp" "$TRANSLATE" --interp goal/toy.rpy
if command -v python3 >/dev/null; then
  slow_row "python3" env PYTHONPATH=goal python3 goal/toy.rpy
fi
if command -v pypy3 >/dev/null; then
  slow_row "pypy3" env PYTHONPATH=goal pypy3 goal/toy.rpy
else
  echo "  pypy3: not installed"
fi

echo
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
t0=$(date +%s.%N); "$TRANSLATE" goal/toy.rpy -o "$out/toy" 2>/dev/null; t1=$(date +%s.%N)
echo "warm translation of goal/toy.rpy: $(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.2f", b - a}')s"
rm -rf "$CACHE/runtime"
t0=$(date +%s.%N); "$TRANSLATE" goal/toy.rpy -o "$out/toy" 2>/dev/null; t1=$(date +%s.%N)
echo "cold translation (runtime rebuilt in $CACHE): $(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.2f", b - a}')s"
