#!/usr/bin/env bash
# Measures each hostile script of tests/fixtures/hostile/ in a release build: wall time and
# peak resident memory of `kriterium assess` on one application for which the script misbehaves,
# and which limit stopped it. Target (issue 12): every one stopped in under 2 s and within 256 MB.
#
#   cargo build --release && benches/hostile.sh            # a table on standard output
#
# Each fixture goes into a copy of the default pack, before the first line of its `talentevents`
# criterion, preceded by `let hostile = true;` (the integration test `tests/hostile.rs` checks
# the same fixtures, with the other applications of a batch, in a debug build).
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
bin="$root/target/release/kriterium"
[ -x "$bin" ] || { echo "build first: cargo build --release" >&2; exit 2; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

"$bin" rules export made-in-sonderjylland "$work/original" >/dev/null
app="$root/samples/made-in-sonderjylland/01-ungdomssymfoniorkester.json"
script="criteria/talentevents.rhai"

printf '| fixture | stopped by | wall s | max RSS MB |\n|---|---|---|---|\n'
for fixture in "$root"/tests/fixtures/hostile/*.rhai; do
    name="$(basename "$fixture" .rhai)"
    rm -rf "$work/pack"
    cp -r "$work/original" "$work/pack"
    { echo 'let hostile = true;'; cat "$fixture"; cat "$work/original/$script"; } > "$work/pack/$script"
    /usr/bin/time -f '%e %M' -o "$work/time" \
        "$bin" assess --rules "$work/pack" "$app" >/dev/null 2>"$work/err" || true
    # `time` puts "Command exited with non-zero status 1" first when the command fails.
    read -r wall rss_kib < <(tail -1 "$work/time")
    limit="$(grep -o 'stopped by the [a-z ]* limit' "$work/err" | head -1 | sed 's/stopped by the //; s/ limit//')"
    [ -n "$limit" ] || limit="NOT STOPPED: $(head -c 200 "$work/err")"
    printf '| %s | %s | %s | %s |\n' "$name" "$limit" "$wall" "$((rss_kib / 1024))"
done
