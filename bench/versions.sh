#!/usr/bin/env bash
# Two commits of tebiki on the same synthetic handbook, round by round in one
# run (the machine is noisy; compare within a run only): medians of wall time
# of `check` and of a clean `build --no-pdf`, and the ratio new / old. Used to
# show a change keeps check and build within 10 % (issue 12).
#
#   bench/versions.sh OLD_COMMIT [NEW_COMMIT] [PAGES] [ROUNDS]
#       (defaults: HEAD, 10000 pages, 5 rounds)
#
# Needs: python3, git, /usr/bin/time (GNU time).
set -euo pipefail
old=$1
new=${2:-HEAD}
pages=${3:-10000}
rounds=${4:-5}
here=$(cd "$(dirname "$0")" && pwd)
repo=$(dirname "$here")
work=${BENCH_DIR:-/tmp/tebiki-bench-versions}

[ -x /usr/bin/time ] || { echo "GNU time がありません: apt-get install time" >&2; exit 2; }
rm -rf "$work" && mkdir -p "$work"
for side in old new; do
  commit=${!side}
  git -C "$repo" worktree add -q --detach "$work/src-$side" "$commit"
  (cd "$work/src-$side" && CARGO_TARGET_DIR="$work/target-$side" cargo build --release -q)
  cp "$work/target-$side/release/tebiki" "$work/tebiki-$side"
  git -C "$repo" worktree remove --force "$work/src-$side"
done
python3 "$here/gen_corpus.py" "$pages" "$work/corpus" >/dev/null
project="$work/corpus/tebiki"

wall() {
  /usr/bin/time -f "%e" -o "$work/time.last" "$@" >/dev/null 2>"$work/run.log" || {
    [ $? -eq 1 ] || { cat "$work/run.log" >&2; exit 1; }
  }
  tail -n 1 "$work/time.last"
}
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

declare -A runs
for _ in $(seq "$rounds"); do
  for side in old new; do
    runs[$side-check]+="$(wall "$work/tebiki-$side" -q --root "$project" check) "
    rm -rf "$project/output"
    runs[$side-build]+="$(wall "$work/tebiki-$side" -q --root "$project" build --no-pdf) "
  done
done
echo "$pages pages, $rounds rounds, $(nproc) cores: old $(git -C "$repo" rev-parse --short "$old"), new $(git -C "$repo" rev-parse --short "$new")"
echo
echo "| command | old s (median) | new s (median) | new / old |"
echo "|---|---:|---:|---:|"
for cmd in check build; do
  o=$(tr ' ' '\n' <<<"${runs[old-$cmd]}" | grep . | median)
  n=$(tr ' ' '\n' <<<"${runs[new-$cmd]}" | grep . | median)
  awk -v c="$cmd" -v o="$o" -v n="$n" 'BEGIN { printf "| %s | %.2f | %.2f | %.2f |\n", c, o, n, n / o }'
done
