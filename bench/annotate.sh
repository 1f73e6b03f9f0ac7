#!/usr/bin/env bash
# Times the translator's front end (parse → load → build → simplify →
# annotate) on goal/toy.rpy and on a generated program of N lines, using the
# driver's own timing lines.  Usage: bench/annotate.sh [N]   (default 5000)
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-5000}
cargo build --release --quiet --bin translate
gen=$(mktemp --suffix=.rpy)
trap 'rm -f "$gen"' EXIT
python3 bench/gen_big.py "$N" > "$gen"
for prog in goal/toy.rpy "$gen"; do
  lines=$(wc -l < "$prog")
  start=$(date +%s.%N)
  steps=$(target/release/translate "$prog" 2>&1 >/dev/null | grep '^\[translate\] [a-z]* *[0-9.]*s$')
  end=$(date +%s.%N)
  echo "== $( [ "$prog" = "$gen" ] && echo "generated program" || echo "$prog" ) ($lines lines), wall $(awk -v a="$start" -v b="$end" 'BEGIN {printf "%.3f", b - a}')s"
  echo "$steps" | sed 's/^\[translate\] /  /'
done
