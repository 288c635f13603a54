#!/usr/bin/env bash
# `check` against `build --no-pdf` on the same inputs, round by round, with
# medians of wall time: one very large page (0.36, 1.4 and 5.2 MB, and a list
# nested 10,000 levels deep) added to a small handbook, and the whole
# synthetic handbook of PAGES pages. `check` must grow linearly with the input
# (issue 14: a 5 MB page under 1 s; the corpus within 10 % of the build).
#
#   bench/check.sh [PAGES] [ROUNDS]      (defaults: 10000 pages, 5 rounds)
#
# Needs: python3, /usr/bin/time (GNU time).
set -euo pipefail
pages=${1:-10000}
rounds=${2:-5}
here=$(cd "$(dirname "$0")" && pwd)
repo=$(dirname "$here")
work=${BENCH_DIR:-/tmp/tebiki-bench-check}

[ -x /usr/bin/time ] || { echo "GNU time がありません: apt-get install time" >&2; exit 2; }
(cd "$repo" && cargo build --release -q)
tebiki="$repo/target/release/tebiki"
echo "tebiki: $("$tebiki" --version), $(nproc) cores, $rounds rounds"

wall() { # command...: prints the wall time in seconds
  /usr/bin/time -f "%e" -o "$work/time.last" "$@" >/dev/null 2>"$work/run.log" || {
    # check exits 1 when it finds problems; anything else is a failure.
    [ $? -eq 1 ] || { cat "$work/run.log" >&2; exit 1; }
  }
  tail -n 1 "$work/time.last"
}
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

# label, project: "check_median build_median" of $rounds rounds, check first.
compare() {
  local label=$1 project=$2 c=() b=()
  for _ in $(seq "$rounds"); do
    c+=("$(wall "$tebiki" -q --root "$project" check)")
    rm -rf "$project/output"
    b+=("$(wall "$tebiki" -q --root "$project" build --no-pdf)")
  done
  local cm bm
  cm=$(printf '%s\n' "${c[@]}" | median)
  bm=$(printf '%s\n' "${b[@]}" | median)
  awk -v l="$label" -v c="$cm" -v b="$bm" \
    'BEGIN { printf "| %s | %.2f | %.2f | %.2f |\n", l, c, b, c / b }'
}

rm -rf "$work" && mkdir -p "$work"
python3 "$here/gen_corpus.py" 40 "$work/small" >/dev/null
echo
echo "| input | check s (median) | build --no-pdf s (median) | check / build |"
echo "|---|---:|---:|---:|"
for spec in 0.36 1.4 5.2 nested; do
  project="$work/page-$spec/tebiki"
  mkdir -p "$work/page-$spec" && cp -r "$work/small/tebiki" "$project"
  python3 "$here/gen_big_page.py" "$spec" "$project/content/big.md"
  size=$(du -m --apparent-size "$project/content/big.md" | cut -f1)
  compare "one page: $spec ($size MB)" "$project"
done
python3 "$here/gen_corpus.py" "$pages" "$work/corpus" >/dev/null
compare "$pages pages" "$work/corpus/tebiki"
