#!/bin/bash
# Run every tests/programs/*.rpy on CPython (with the goal/rpy shim) and
# compare stdout with NAME.out and the exit status with "# exit: N"
# (default 0). If "# stderr: TEXT" is given, the last line of stderr (with
# any "__main__." prefix removed) must equal TEXT.
# Header comments ("# args:", "# exit:", "# stderr:") are read from the
# leading comment lines of the file. Programs with a "# not-cpython:"
# header (rpy's dialect differs from Python there on purpose) are skipped.
# Usage: tests/programs/check_cpython.sh [NAME...]
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
export PYTHONPATH="$root/goal"
pass=0
fail=0
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
if [ $# -gt 0 ]; then
    files=()
    for n in "$@"; do files+=("$here/${n%.rpy}.rpy"); done
else
    files=("$here"/*.rpy)
fi
for f in "${files[@]}"; do
    name="$(basename "$f" .rpy)"
    header="$(awk '/^#/ {print; next} {exit}' "$f")"
    args="$(printf '%s\n' "$header" | sed -n 's/^# args: *//p' | head -1)"
    want_exit="$(printf '%s\n' "$header" | sed -n 's/^# exit: *//p' | head -1)"
    want_err="$(printf '%s\n' "$header" | sed -n 's/^# stderr: *//p' | head -1)"
    [ -z "$want_exit" ] && want_exit=0
    if printf '%s\n' "$header" | grep -q '^# not-cpython:'; then
        continue
    fi
    # shellcheck disable=SC2086
    (cd "$root" && timeout 10 python3 "$f" $args >"$tmp/out" 2>"$tmp/err" </dev/null)
    got_exit=$?
    ok=1
    why=""
    if ! cmp -s "$tmp/out" "$here/$name.out"; then
        ok=0; why="stdout differs"
    fi
    if [ "$got_exit" != "$want_exit" ]; then
        ok=0; why="$why exit $got_exit != $want_exit"
    fi
    if [ -n "$want_err" ]; then
        last="$(tail -n 1 "$tmp/err" | sed 's/^__main__\.//')"
        if [ "$last" != "$want_err" ]; then
            ok=0; why="$why stderr '$last' != '$want_err'"
        fi
    fi
    if [ $ok = 1 ]; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1))
        echo "FAIL $name:$why"
    fi
done
echo "$pass passed, $fail failed"
[ $fail = 0 ]
