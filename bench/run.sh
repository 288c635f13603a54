#!/usr/bin/env bash
# Builds the same synthetic Japanese handbook with tebiki and with Hugo, round by
# round on the same machine, and prints medians and ratios (wall time, peak RSS).
#
#   bench/run.sh [PAGES] [ROUNDS]      (defaults: 10000 pages, 5 rounds)
#
# Needs: python3, /usr/bin/time (GNU time), hugo (Debian package `hugo`).
set -euo pipefail
pages=${1:-10000}
rounds=${2:-5}
here=$(cd "$(dirname "$0")" && pwd)
repo=$(dirname "$here")
work=${BENCH_DIR:-/tmp/tebiki-bench-$pages}

command -v hugo >/dev/null || { echo "hugo がありません: apt-get install hugo" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "GNU time がありません: apt-get install time" >&2; exit 2; }

(cd "$repo" && cargo build --release -q)
tebiki="$repo/target/release/tebiki"
python3 "$here/gen_corpus.py" "$pages" "$work"
echo "tebiki: $("$tebiki" --version), hugo: $(hugo version | cut -d' ' -f2), $(nproc) cores"

measure() { # label, command...: appends "wall_s rss_kib" to $work/<label>.txt
  local label=$1; shift
  /usr/bin/time -f "%e %M" -o "$work/$label.last" "$@" >/dev/null 2>"$work/$label.log" \
    || { cat "$work/$label.log" >&2; exit 1; }
  cat "$work/$label.last" >> "$work/$label.txt"
}

# Each build writes into a directory that never held files: on this ext4 disk,
# creating 10,000 files where 10,000 were just deleted costs ~10 s of kernel time
# (inode allocation checks recently deleted inodes), for either tool, and grows
# from round to round. The outputs are removed after the last round.
outs="$work-outputs"
rm -rf "$outs" "$work"/*.txt
mkdir -p "$outs"
for round in $(seq "$rounds"); do
  measure tebiki "$tebiki" -q --root "$work/tebiki" build --no-pdf --output "$outs/tebiki-$round"
  measure hugo hugo --quiet --source "$work/hugo" --destination "$outs/hugo-$round"
  echo "round $round: tebiki $(cat "$work/tebiki.last" | awk '{printf "%.2f s %d MiB", $1, $2/1024}'), hugo $(cat "$work/hugo.last" | awk '{printf "%.2f s %d MiB", $1, $2/1024}')"
done

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
t_wall=$(awk '{print $1}' "$work/tebiki.txt" | median)
h_wall=$(awk '{print $1}' "$work/hugo.txt" | median)
t_rss=$(awk '{print $2}' "$work/tebiki.txt" | median)
h_rss=$(awk '{print $2}' "$work/hugo.txt" | median)
t_size=$(du -sm "$outs/tebiki-$rounds/site" | cut -f1)
h_size=$(du -sm "$outs/hugo-$rounds" | cut -f1)
rm -rf "$outs"
echo
echo "| tool | pages | wall s (median of $rounds) | peak RSS MiB | output MB |"
echo "|---|---:|---:|---:|---:|"
printf "| tebiki | %d | %.2f | %d | %d |\n" "$pages" "$t_wall" $((t_rss / 1024)) "$t_size"
printf "| hugo   | %d | %.2f | %d | %d |\n" "$pages" "$h_wall" $((h_rss / 1024)) "$h_size"
echo
awk -v t="$t_wall" -v h="$h_wall" -v tr="$t_rss" -v hr="$h_rss" 'BEGIN {
  printf "wall time tebiki/hugo: %.2f (target <= 0.50)\npeak RSS tebiki/hugo: %.2f (target < 1.00)\n", t/h, tr/hr }'
