#!/usr/bin/env bash
# Two kriterium binaries, interleaved in one session, on the batch measures of BENCHMARKS.md:
# the Made in Sønderjylland pack with `--reports none`, the default batch (all reports) against
# `--reports none` on the same input, and a million generated applications. Only ratios measured
# in one run mean anything on a shared machine, so every round runs every command once.
#
#   benches/compare.sh BEFORE AFTER [ROUNDS]      e.g. benches/compare.sh /tmp/old/kriterium target/release/kriterium 3
#
# Environment:
#   DATA      where inputs and results go (default /tmp/kriterium-compare)
#   N         applications for the pack and reports measures (default 20000)
#   MILLION   1 = also the 1,000,000-application run, in the first round (default 1; 1.6 GB of input)
#   SETTLE    seconds to wait after removing a results folder before the next timed run (default
#             0). ext4 without a journal skips recently freed inodes one by one when creating
#             files (`recently_deleted`, up to 5 minutes while the inode table is dirty), so a
#             reports run right after removing 40,000 reports measures the file system; see
#             BENCHMARKS.md.
set -euo pipefail

BEFORE="$1"
AFTER="$2"
ROUNDS="${3:-3}"
DATA="${DATA:-/tmp/kriterium-compare}"
N="${N:-20000}"
MILLION="${MILLION:-1}"
SETTLE="${SETTLE:-0}"
mkdir -p "$DATA"
MIS="$DATA/mis-$N.jsonl"
[ -s "$MIS" ] || "$AFTER" samples generate --count "$N" --seed 7 -o "$MIS"
if [ "$MILLION" = 1 ]; then
  M="$DATA/mis-1000000.jsonl"
  [ -s "$M" ] || "$AFTER" samples generate --count 1000000 --seed 7 -o "$M"
fi

# name binary args... : one timed batch into a fresh folder; prints "name seconds peak-KiB".
timed() {
  local name="$1" bin="$2"; shift 2
  rm -rf "$DATA/out"
  sleep "$SETTLE"
  /usr/bin/time -f "%e %M" -o "$DATA/time" "$bin" batch "$@" --out "$DATA/out" > /dev/null 2> "$DATA/err" \
    || { echo "$name failed:"; cat "$DATA/err"; exit 1; }
  printf '%-28s %8s s %9s KiB\n' "$name" $(cat "$DATA/time")
}

for round in $(seq 1 "$ROUNDS"); do
  echo "== round $round of $ROUNDS (load $(cut -d' ' -f1-3 /proc/loadavg))"
  for side in before after; do
    bin="$BEFORE"; [ "$side" = after ] && bin="$AFTER"
    timed "$side mis j1 none" "$bin" "$MIS" --jobs 1 --reports none
    timed "$side mis j2 none" "$bin" "$MIS" --jobs 2 --reports none
    timed "$side mis j2 all" "$bin" "$MIS" --jobs 2
  done
  # The million-application run takes minutes a side: once, in the first round.
  if [ "$MILLION" = 1 ] && [ "$round" = 1 ]; then
    for side in before after; do
      bin="$BEFORE"; [ "$side" = after ] && bin="$AFTER"
      timed "$side 1M j2 none" "$bin" "$M" --jobs 2 --reports none
    done
  fi
done
rm -rf "$DATA/out"
