#!/usr/bin/env bash
# Builds the same synthetic Japanese handbook with tebiki and with Hugo, round by
# round on the same machine, and prints medians and ratios (wall time, peak RSS,
# output bytes with the search index apart), then builds a tenth of the pages once
# to show the output per page does not grow with N (issue 15).
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
# This ext4 has no journal, so it checks every free inode it might hand out
# for a recent deletion (ext4's recently_deleted): one deleted in the last 60 s,
# or in the last 360 s while its inode table block is dirty, is skipped, and
# creating a file after many deletions costs much system time, for either
# tool (seen: 4-7 s of system time for a 1.3 s build). Creating files dirties
# those blocks again, so a sync does not end it: the rounds start 370 s after
# the deletions of making the corpus (BENCH_SETTLE seconds), and each build
# after a sync, so that neither tool pays for the other's writeback.
sync
sleep "${BENCH_SETTLE:-370}"
for round in $(seq "$rounds"); do
  sync
  measure tebiki "$tebiki" -q --root "$work/tebiki" build --no-pdf --output "$outs/tebiki-$round"
  sync
  measure hugo hugo --quiet --source "$work/hugo" --destination "$outs/hugo-$round"
  echo "round $round: tebiki $(cat "$work/tebiki.last" | awk '{printf "%.2f s %d MiB", $1, $2/1024}'), hugo $(cat "$work/hugo.last" | awk '{printf "%.2f s %d MiB", $1, $2/1024}')"
done

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
t_wall=$(awk '{print $1}' "$work/tebiki.txt" | median)
h_wall=$(awk '{print $1}' "$work/hugo.txt" | median)
t_rss=$(awk '{print $2}' "$work/tebiki.txt" | median)
h_rss=$(awk '{print $2}' "$work/hugo.txt" | median)
# Bytes, not blocks: the file system's 4 KiB blocks would count a 2 KB page twice.
bytes() { du -sb --apparent-size "$@" | awk '{s += $1} END {print s}'; }
# Hugo once more with the furniture every tebiki page carries (gen_corpus.py:
# FURNISHED_BASE), for the output size the minimal layout leaves out.
/usr/bin/time -f "%e %M" -o "$work/furnished.last" \
  hugo --quiet --source "$work/hugo-furnished" --destination "$outs/hugo-furnished" >/dev/null
f_size=$(bytes "$outs/hugo-furnished")
t_site=$(bytes "$outs/tebiki-$rounds/site")
t_index=$(bytes "$outs/tebiki-$rounds/site/assets/search")
h_size=$(bytes "$outs/hugo-$rounds")
# The pages both tools write (same path below the output), file bytes only:
# tebiki's own pages (roles, handover, freshness, search) and assets left out.
same_pages=$(python3 - "$outs/tebiki-$rounds/site" "$outs/hugo-$rounds" <<'PY'
import os, sys
def pages(root):
    return {os.path.relpath(os.path.join(d, f), root): os.path.getsize(os.path.join(d, f))
            for d, _, fs in os.walk(root) for f in fs if f.endswith(".html")}
t, h = pages(sys.argv[1]), pages(sys.argv[2])
both = [p for p in h if p in t]
ts, hs = sum(t[p] for p in both), sum(h[p] for p in both)
print(f"{len(both)} pages in both: tebiki {ts / 1e6:.1f} MB, hugo {hs / 1e6:.1f} MB, {ts / hs:.2f}")
PY
)
rm -rf "$outs"

# Output per page constant in N: the same corpus at a tenth of the pages.
small=$((pages / 10))
python3 "$here/gen_corpus.py" "$small" "$work-small" >/dev/null
"$tebiki" -q --root "$work-small/tebiki" build --no-pdf --output "$work-small/out"
s_site=$(bytes "$work-small/out/site")
s_index=$(bytes "$work-small/out/site/assets/search")
rm -rf "$work-small"

mb() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1e6 }'; }
echo
echo "| tool | pages | wall s (median of $rounds) | peak RSS MiB | output MB (without search index) | search index MB |"
echo "|---|---:|---:|---:|---:|---:|"
printf "| tebiki | %d | %.2f | %d | %s | %s |\n" "$pages" "$t_wall" $((t_rss / 1024)) "$(mb $((t_site - t_index)))" "$(mb "$t_index")"
printf "| hugo   | %d | %.2f | %d | %s | — |\n" "$pages" "$h_wall" $((h_rss / 1024)) "$(mb "$h_size")"
printf "| hugo, tebiki's page furniture | %d | %.2f (once) | %d | %s | — |\n" "$pages" "$(cut -d' ' -f1 "$work/furnished.last")" $(( $(cut -d' ' -f2 "$work/furnished.last") / 1024 )) "$(mb "$f_size")"
printf "| tebiki | %d | — | — | %s | %s |\n" "$small" "$(mb $((s_site - s_index)))" "$(mb "$s_index")"
echo
awk -v t="$t_wall" -v h="$h_wall" -v tr="$t_rss" -v hr="$h_rss" \
    -v ts="$((t_site - t_index))" -v hs="$h_size" -v ss="$((s_site - s_index))" -v n="$pages" -v m="$small" \
    -v tt="$t_site" -v st="$s_site" -v fs="$f_size" -v same="$same_pages" 'BEGIN {
  printf "wall time tebiki/hugo: %.2f (target <= 0.20)\n", t/h
  printf "peak RSS tebiki/hugo: %.2f (target <= 0.25)\n", tr/hr
  printf "output without search index tebiki/hugo: %.2f (target <= 1.20); against Hugo with the same page furniture: %.2f\n", ts/hs, ts/fs
  printf "the same pages only: %s\n", same
  printf "output bytes %d pages / %d pages: %.2f without the search index, %.2f with it (target <= 11)\n", n, m, ts/ss, tt/st }'
