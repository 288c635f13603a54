#!/usr/bin/env bash
# Incremental builds on the synthetic handbook: a clean full build, a rebuild
# with nothing changed (the up-to-date check stops it), a rebuild after every
# page was saved again unchanged (new times: the pages are read and their keys
# compared), and a rebuild after one page's body changed, round by round, with medians of wall time and CPU time (user + sys) and their ratios.
#
#   bench/incremental.sh [PAGES] [ROUNDS] [COMMITS]   (defaults: 10000 pages, 5 rounds, 0)
#
# With COMMITS > 0 the project is a git repository of that many commits
# (gen_history.py), and each round first makes two more full builds into fresh
# output folders, with the history and with it hidden (.git moved aside), in
# turns, to compare the cost of the history.
#
# The site and workbooks only (--no-pdf): the synthetic handbook has no reports,
# and PDFs have their own cache. Needs: python3, /usr/bin/time (GNU time).
set -euo pipefail
pages=${1:-10000}
rounds=${2:-5}
commits=${3:-0}
here=$(cd "$(dirname "$0")" && pwd)
repo=$(dirname "$here")
work=${BENCH_DIR:-/tmp/tebiki-bench-$pages}

[ -x /usr/bin/time ] || { echo "GNU time がありません: apt-get install time" >&2; exit 2; }
(cd "$repo" && cargo build --release -q)
tebiki="$repo/target/release/tebiki"
python3 "$here/gen_corpus.py" "$pages" "$work" --history "$commits" >/dev/null
# Nothing is deleted between the measured builds: on this machine's ext4,
# creating files in the 30 seconds after others were deleted makes the kernel
# check each recently freed inode (perf shows ext4's recently_deleted), which cost either build up to
# 4 s of system time and made the runs disagree by 40 %. Outputs are moved
# into $trash instead and removed at the end; the first round waits out the
# deletions of making the corpus.
trash="$work-trash"
rm -rf "$trash"
mkdir -p "$trash"
sleep 35
project="$work/tebiki"
page=$(cd "$project" && find content -name '*.md' ! -name '_index.md' | sort | sed -n 100p)
echo "tebiki: $("$tebiki" --version), $(nproc) cores, $pages pages, $commits commits, edited page: $page"

measure() { # label [build options]: appends "wall cpu" to $work/inc-<label>.txt
  local label=$1; shift
  /usr/bin/time -f "%e %U %S" -o "$work/inc.last" "$tebiki" -q --root "$project" build --no-pdf "$@"
  awk '{printf "%s %.2f %.2f\n", $1, $2 + $3, $2}' "$work/inc.last" >> "$work/inc-$label.txt"
}

rm -f "$work"/inc-*.txt
cp "$project/$page" "$work/page.orig"
for round in $(seq "$rounds"); do
  if [ "$commits" -gt 0 ]; then
    # History against none: the same build into output folders that never held
    # files (see run.sh), in turns, the first one alternating between rounds.
    if [ $((round % 2)) -eq 1 ]; then order="nohistory history"; else order="history nohistory"; fi
    for label in $order; do
      [ "$label" = nohistory ] && mv "$project/.git" "$work/git-aside"
      measure "$label" --output "$work/cmp-$label-$round"
      [ "$label" = nohistory ] && mv "$work/git-aside" "$project/.git"
    done
    mv "$work"/cmp-* "$trash/"
  fi
  [ -d "$project/output" ] && mv "$project/output" "$trash/output-$round"
  # Inputs saved in the last two seconds are not trusted by their times
  # (src/uptodate.rs): without this pause, the first round's no-change build
  # would read every page like the touched one.
  sleep 2
  measure full
  measure nochange
  find "$project/content" -name '*.md' -exec touch {} +
  measure touched
  printf '\n追記 %s\n' "$round" >> "$project/$page"
  measure onepage
  cp "$work/page.orig" "$project/$page"
  [ "$commits" -gt 0 ] && printf 'round %s: fresh output, without history %s, with history %s\n' "$round" "$(tail -1 "$work/inc-nohistory.txt")" "$(tail -1 "$work/inc-history.txt")"
  echo "round $round: full $(tail -1 "$work/inc-full.txt"), no change $(tail -1 "$work/inc-nochange.txt"), all touched $(tail -1 "$work/inc-touched.txt"), one page $(tail -1 "$work/inc-onepage.txt")  (wall s, cpu s)"
done
# The last round left the edited page's output behind: bring it back in line.
rm -rf "$trash"
"$tebiki" -q --root "$project" build --no-pdf

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
col() { awk -v c="$2" '{print $c}' "$work/inc-$1.txt" | median; }
echo
echo "| build | wall s (median of $rounds) | CPU s (user+sys) | user s | wall vs full | CPU vs full |"
echo "|---|---:|---:|---:|---:|---:|"
labels="full nochange touched onepage"
[ "$commits" -gt 0 ] && labels="nohistory history $labels"
for label in $labels; do
  awk -v l="$label" -v w="$(col "$label" 1)" -v c="$(col "$label" 2)" -v u="$(col "$label" 3)" -v fw="$(col full 1)" -v fc="$(col full 2)" \
    'BEGIN { printf "| %s | %.2f | %.2f | %.2f | %.0f %% | %.0f %% |\n", l, w, c, u, 100*w/fw, 100*c/fc }'
done
if [ "$commits" -gt 0 ]; then
  awk -v w="$(col history 1)" -v n="$(col nohistory 1)" -v c="$(col history 2)" -v m="$(col nohistory 2)" \
    -v u="$(col history 3)" -v v="$(col nohistory 3)" \
    'BEGIN { printf "\nfull build with history / without: wall %.2f, CPU %.2f, user CPU %.2f (target < 1.10)\n", w/n, c/m, u/v }'
fi
