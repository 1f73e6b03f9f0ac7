#!/usr/bin/env bash
# The benchmark table: every goal program (goal/*.rpy) on its benchmark
# inputs, run untranslated (translate --interp), on CPython, on PyPy (when
# installed), translated natively, translated with the JIT, and -- for the
# Brainfuck rows -- as the "limit": bench/bf2c.py's C translation compiled
# with cc -O2. Reports the median wall time of RUNS runs and the peak RSS
# (the max over the runs) of each cell, checks that every column printed
# byte-for-byte what the native binary printed (and, where goal/ has one,
# the expected .out file), then writes
#   bench/results.tsv   the raw numbers
#   bench/results.md    the Markdown tables (also printed to stdout)
#   bench/results.svg   a bar chart (bench/chart.py)
# Exits non-zero if any cell printed something different or failed.
#
# Usage (from anywhere; nice it on a shared machine):
#   nice -n 10 bench/table.sh [--update-readme] [--report-only]
#     --update-readme  also replace the text between <!-- bench:start -->
#                      and <!-- bench:end --> in README.md with the results
#     --report-only    do not run anything: rebuild results.md/.svg (and
#                      README.md with --update-readme) from bench/results.tsv
# Environment:
#   RUNS=5           runs per cell (median reported)
#   TIMEOUT=600      seconds before a run is killed (cell shows "> 600 s")
#   REPEAT_LIMIT=60  a cell whose first run takes longer is not repeated
#   ROWS=REGEX       only the matching rows (e.g. ROWS=toy, ROWS='mandel|hanoi')
#   BF_DIR=bench/bf   where mandel.b, hanoi.b, bench.b live
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${RUNS:-5}
TIMEOUT=${TIMEOUT:-600}
REPEAT_LIMIT=${REPEAT_LIMIT:-60}
ROWS=${ROWS:-}
BF_DIR=${BF_DIR:-bench/bf}
UPDATE_README=0
REPORT_ONLY=0
for arg in "$@"; do
  case $arg in
    --update-readme) UPDATE_README=1 ;;
    --report-only) REPORT_ONLY=1 ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "bench/table.sh: unknown argument '$arg' (try --help)" >&2; exit 2 ;;
  esac
done

TRANSLATE=target/release/translate
WORK=target/bench            # binaries, C files, captured outputs
TSV=bench/results.tsv

report() {
  local flags=()
  if [ "$UPDATE_README" = 1 ]; then flags+=(--update-readme README.md); fi
  python3 bench/report.py "$TSV" --md bench/results.md "${flags[@]}"
  python3 bench/chart.py "$TSV" bench/results.svg
  echo "wrote bench/results.md, bench/results.svg" >&2
}
if [ "$REPORT_ONLY" = 1 ]; then report; exit 0; fi

log() { echo "[bench] $*" >&2; }

# ---------------------------------------------------------------- the rows
# label|program|arguments|columns not run|expected stdout file (checked
# when it exists)|note
# Arguments are split on spaces. ROWS=REGEX is matched against
# "label program arguments"; a row whose input file is missing is left out.
# Each row has one argument for all its columns: where the slow columns
# would take minutes, a second ("small") row runs the same program on a
# smaller argument in every column.
ROW_SPECS=(
  "toy big|goal/toy.rpy|100000000|python3 pypy3||python3 and pypy3 not run at this N (4-6 min each): see the next row"
  "toy small|goal/toy.rpy|1000000|||"
  "bf bench|goal/bf.rpy|$BF_DIR/bench.b||goal/bf/bench.out|"
  "bf mandel|goal/bf.rpy|$BF_DIR/mandel.b|interp|goal/bf/mandel.out|untranslated not run (estimated 10 min or more from bench.b's untranslated/native ratio)"
  "bf hanoi|goal/bf.rpy|$BF_DIR/hanoi.b|interp|goal/bf/hanoi.out|untranslated not run (estimated 15 min or more from bench.b's untranslated/native ratio)"
  "stackvm loop big|goal/stackvm.rpy|goal/stackvm/loop.svm 10000000|interp python3 pypy3||untranslated, python3 and pypy3 not run at this N (1-3 min each): see the next row"
  "stackvm loop small|goal/stackvm.rpy|goal/stackvm/loop.svm 200000||goal/stackvm/loop.out|"
  "stackvm fib big|goal/stackvm.rpy|goal/stackvm/fib.svm 30|interp python3 pypy3||recursion in the portal, no loop hot enough to trace: untranslated, python3 and pypy3 not run at this N (20-30 s each): see the next row"
  "stackvm fib small|goal/stackvm.rpy|goal/stackvm/fib.svm||goal/stackvm/fib.out|"
  "objlang sum big|goal/objlang.rpy|goal/objlang/sum.obj 10000000|interp python3 pypy3||untranslated, python3 and pypy3 not run at this N (1-3 min each): see the next row"
  "objlang sum small|goal/objlang.rpy|goal/objlang/sum.obj 100000||goal/objlang/sum.out|"
  "objlang funcs|goal/objlang.rpy|goal/objlang/funcs.obj||goal/objlang/funcs.out|"
)

for tool in cargo python3 cc timeout; do
  command -v "$tool" >/dev/null || { echo "bench/table.sh: needs $tool" >&2; exit 1; }
done

# The interpreters' own executables (not a pyenv shim script in front).
PYTHON3=$(python3 -c 'import sys; print(sys.executable)')
PYPY3=
COLUMNS=(interp python3)
if command -v pypy3 >/dev/null; then
  PYPY3=$(pypy3 -c 'import sys; print(sys.executable)')
  COLUMNS+=(pypy3)
else
  log "pypy3 not installed: no pypy3 column"
fi
COLUMNS+=(native jit limit)

if [ -x /usr/bin/time ]; then HAVE_GNU_TIME=1; else HAVE_GNU_TIME=0; log "no /usr/bin/time: peak RSS not measured"; fi

# ---------------------------------------------------------------- building
mkdir -p "$WORK"
rm -f "$WORK"/out.* "$WORK"/mismatch.*
log "cargo build --release"
cargo build --release --quiet --bin translate
programs=()
for spec in "${ROW_SPECS[@]}"; do
  IFS='|' read -r _ program _ <<<"$spec"
  case " ${programs[*]} " in *" $program "*) ;; *) programs+=("$program") ;; esac
done
for program in "${programs[@]}"; do
  stem=$(basename "$program" .rpy)
  log "translating $program (native and JIT)"
  "$TRANSLATE" "$program" -o "$WORK/$stem-native" 2>"$WORK/translate.err" \
    || { cat "$WORK/translate.err" >&2; exit 1; }
  "$TRANSLATE" "$program" --opt=jit -o "$WORK/$stem-jit" 2>"$WORK/translate.err" \
    || { cat "$WORK/translate.err" >&2; exit 1; }
done
for b in bench mandel hanoi; do
  if [ -f "$BF_DIR/$b.b" ]; then
    log "bf2c.py $b.b | cc -O2"
    python3 bench/bf2c.py "$BF_DIR/$b.b" >"$WORK/$b.c"
    cc -O2 -o "$WORK/$b-limit" "$WORK/$b.c"
  fi
done

# ---------------------------------------------------------------- running
# command_for COLUMN PROGRAM ARGS...: print the command line (one word per
# line) that runs PROGRAM in COLUMN, or nothing when COLUMN has none.
command_for() {
  local column=$1 program=$2; shift 2
  local stem; stem=$(basename "$program" .rpy)
  case $column in
    interp) printf '%s\n' "$TRANSLATE" --interp "$program" "$@" ;;
    python3) printf '%s\n' env PYTHONPATH=goal "$PYTHON3" "$program" "$@" ;;
    pypy3) printf '%s\n' env PYTHONPATH=goal "$PYPY3" "$program" "$@" ;;
    native|jit) printf '%s\n' "$WORK/$stem-$column" "$@" ;;
    limit)
      if [ "$stem" = bf ]; then printf '%s\n' "$WORK/$(basename "$1" .b)-limit"; fi ;;
  esac
}

# median FILE: the median of the numbers in FILE, one a line (the mean of
# the middle two for an even count).
median() { sort -g "$1" | awk '{a[NR]=$1} END {printf "%.4f", (a[int((NR+1)/2)] + a[int(NR/2)+1]) / 2}'; }

# first_difference A B: cmp's one-line description of where A and B differ.
first_difference() { cmp "$1" "$2" 2>&1 | head -1 || true; }

failed=0
{
  echo "# rpy benchmark results, written by bench/table.sh"
  echo "# date=$(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "# cpu=$(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //')"
  echo "# cores=$(nproc)"
  echo "# os=$(. /etc/os-release 2>/dev/null && echo "${PRETTY_NAME:-Linux}") $(uname -r) $(uname -m)"
  echo "# rustc=$(rustc --version)"
  echo "# commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet HEAD 2>/dev/null || echo ' (with local changes)')"
  echo "# python3=$(python3 -c 'import sys; print(sys.version.split()[0])')"
  if command -v pypy3 >/dev/null; then
    echo "# pypy3=$(pypy3 -c 'import sys; print(sys.version.split()[0], "/ PyPy", ".".join(map(str, sys.pypy_version_info[:3])))')"
  fi
  echo "# runs=$RUNS"
  echo "# timeout=$TIMEOUT"
  echo "# repeat_limit=$REPEAT_LIMIT"
  echo "# columns=${COLUMNS[*]}"
  if [ -n "$ROWS" ]; then echo "# rows=$ROWS"; fi
  printf '%s\t' row label args column status median_s rss_kb runs note; echo problem
} >"$TSV.tmp"

selected=()
for spec in "${ROW_SPECS[@]}"; do
  IFS='|' read -r label program args _ <<<"$spec"
  if [ -n "$ROWS" ] && ! [[ "$label $program $args" =~ $ROWS ]]; then continue; fi
  read -ra words <<<"$args"
  if [ "${words[0]##*.}" = b ] && [ ! -f "${words[0]}" ]; then
    log "$label: ${words[0]} not found, row left out (set BF_DIR)"; continue
  fi
  selected+=("$spec")
done

# native first: the other columns' outputs are compared with its output.
RUN_ORDER=(native)
for column in "${COLUMNS[@]}"; do
  if [ "$column" != native ]; then RUN_ORDER+=("$column"); fi
done

row=0
started=$SECONDS
for spec in "${selected[@]}"; do
  IFS='|' read -r label program args skip expect note <<<"$spec"
  if [ -n "$expect" ] && [ ! -f "$expect" ]; then
    log "$label: no $expect, the native output is not checked against one"; expect=
  fi
  row=$((row + 1))
  log "row $row/${#selected[@]}: $program $args"
  read -ra words <<<"$args"
  shown="$(basename "$program")"
  for w in "${words[@]}"; do shown+=" $(basename "$w")"; done
  reference="$WORK/out.$row.native"
  for column in "${RUN_ORDER[@]}"; do
    mapfile -t cmd < <(command_for "$column" "$program" "${words[@]}")
    status=ok times="$WORK/times" rss_max=0 n=0 problem=
    : >"$times"
    if [ "${#cmd[@]}" = 0 ]; then continue; fi
    if [[ " $skip " == *" $column "* ]]; then
      printf '%s\t' "$row" "$shown" "$args" "$column" skipped "" "" 0 "$note" >>"$TSV.tmp"
      echo >>"$TSV.tmp"
      continue
    fi
    for i in $(seq "$RUNS"); do
      out="$WORK/out.$row.$column"
      [ "$i" = 1 ] || out="$WORK/out.last"
      start=$EPOCHREALTIME
      if [ "$HAVE_GNU_TIME" = 1 ]; then
        rc=0; /usr/bin/time -f %M -o "$WORK/rss" timeout "$TIMEOUT" "${cmd[@]}" \
          <"/dev/null" >"$out" 2>"$WORK/stderr" || rc=$?
      else
        rc=0; timeout "$TIMEOUT" "${cmd[@]}" </dev/null >"$out" 2>"$WORK/stderr" || rc=$?
        echo 0 >"$WORK/rss"
      fi
      end=$EPOCHREALTIME
      secs=$(awk -v a="$start" -v b="$end" 'BEGIN {printf "%.4f", b - a}')
      if [ "$rc" = 124 ]; then
        status=timeout; log "$shown [$column] run $i: killed after $TIMEOUT s"; break
      elif [ "$rc" != 0 ]; then
        status=failed; problem="exit status $rc"
        log "$shown [$column] run $i: FAILED (exit status $rc); its stderr ends:"
        tail -5 "$WORK/stderr" | sed 's/^/    /' >&2
        break
      fi
      n=$((n + 1))
      echo "$secs" >>"$times"
      rss=$(tail -1 "$WORK/rss")
      if [ "$rss" -gt "$rss_max" ]; then rss_max=$rss; fi
      against=$reference
      if [ "$column" = native ]; then against=$expect; fi
      if [ -n "$against" ] && ! cmp -s "$out" "$against"; then
        kept="$WORK/mismatch.$row.$column"
        cp "$out" "$kept"
        status=mismatch
        problem="run $i's stdout (kept in $kept) differs from $against: $(first_difference "$kept" "$against")"
        log "$shown [$column] run $i: MISMATCH: $problem"
      fi
      log "$shown [$column] run $i/$RUNS: $secs s, $rss KB"
      if [ "$i" = 1 ] && awk -v s="$secs" -v l="$REPEAT_LIMIT" 'BEGIN {exit !(s > l)}'; then
        if [ "$RUNS" -gt 1 ]; then log "$shown [$column]: took over $REPEAT_LIMIT s, not repeated"; fi
        break
      fi
    done
    med=""
    if [ "$n" -gt 0 ]; then med=$(median "$times"); fi
    if [ "$rss_max" = 0 ]; then rss_max=""; fi
    case $status in mismatch|failed) failed=1 ;; esac
    if [ "$column" = native ] && [ "$status" != ok ] && [ "$status" != mismatch ]; then
      log "$shown: the native run did not finish, so nothing to compare against"
      failed=1
    fi
    printf '%s\t' "$row" "$shown" "$args" "$column" "$status" "$med" "$rss_max" "$n" "$note" >>"$TSV.tmp"
    printf '%s\n' "$problem" >>"$TSV.tmp"
  done
done
mv "$TSV.tmp" "$TSV"
log "measured in $(( (SECONDS - started) / 60 )) min $(( (SECONDS - started) % 60 )) s"

report
if [ "$failed" = 1 ]; then
  echo "bench/table.sh: some cells FAILED or printed something different (MISMATCH above)" >&2
  exit 1
fi
