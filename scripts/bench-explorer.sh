#!/usr/bin/env bash
# The explorer before and after a change, side by side: time to the first drawn table,
# the slowest key on the UI thread, the longest job, and the peak RSS after every pane.
#
#   scripts/bench-explorer.sh [BASE_REF] [SAMPLES...]   (defaults: main, 200000 1000000)
#
# BASE_REF is exported with `git archive` into bench-out/base-src (no worktree is made),
# the current examples/bench_explorer.rs is copied into it so both sides are measured by
# the same code, and each side is built in its own target directory. For each sample
# count the committed generator writes bench-out/mem-N.pb.gz (3,000 functions, depth
# 5–40, seed 1, as scripts/memory.sh); then base and current run interleaved RUNS times
# (default 3) and the medians are printed. A measurement, not a test.
#
# Environment: CARGO_TARGET_DIR (default target/), BASE_TARGET (default
# $CARGO_TARGET_DIR/bench-base), BENCH_OUT (bench-out/), RUNS, SKIP_BUILD=1.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
base_ref=${1:-main}
shift || true
sizes=("$@")
[ ${#sizes[@]} -eq 0 ] && sizes=(200000 1000000)
runs=${RUNS:-3}
out_dir=${BENCH_OUT:-$repo/bench-out}
target_dir=${CARGO_TARGET_DIR:-$repo/target}
base_target=${BASE_TARGET:-$target_dir/bench-base}
base_src="$out_dir/base-src"

if [ "${SKIP_BUILD:-0}" != 1 ]; then
  cargo build --release --locked --example bench_explorer --example gen_profile
  rm -rf "$base_src"
  mkdir -p "$base_src"
  git archive "$base_ref" | tar -x -C "$base_src"
  cp examples/bench_explorer.rs "$base_src/examples/bench_explorer.rs"
  (cd "$base_src" && CARGO_TARGET_DIR="$base_target" cargo build --release --locked \
    --example bench_explorer)
fi
new="$target_dir/release/examples/bench_explorer"
old="$base_target/release/examples/bench_explorer"
gen="$target_dir/release/examples/gen_profile"
mkdir -p "$out_dir"

# One run: "first_table_ms slowest_key_ms longest_job_ms peak_mib".
measure() {
  "$1" "$2" | awk -F '\t' '
    $1 == "first_table" { first = $2 }
    NR > 3 && $1 !~ /^ / && $2 != "ui_ms" { if ($2 + 0 > key) key = $2 + 0;
                                             if ($3 + 0 > job) job = $3 + 0; peak = $4 }
    END { printf "%s %s %s %s\n", first, key, job, peak }'
}

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

printf '%-9s %-8s %14s %14s %14s %10s\n' samples side "first table ms" "slowest key ms" \
  "longest job ms" "peak MiB"
for n in "${sizes[@]}"; do
  file="$out_dir/mem-$n.pb.gz"
  [ -s "$file" ] || "$gen" --samples "$n" --functions 3000 --min-depth 5 --max-depth 40 \
    --seed 1 --out "$file" >/dev/null
  : >"$out_dir/runs-base-$n" && : >"$out_dir/runs-new-$n"
  for _ in $(seq 1 "$runs"); do
    measure "$old" "$file" >>"$out_dir/runs-base-$n"
    measure "$new" "$file" >>"$out_dir/runs-new-$n"
  done
  for side in base new; do
    f="$out_dir/runs-$side-$n"
    printf '%-9s %-8s %14s %14s %14s %10s\n' "$n" "$side" \
      "$(cut -d' ' -f1 "$f" | median)" "$(cut -d' ' -f2 "$f" | median)" \
      "$(cut -d' ' -f3 "$f" | median)" "$(cut -d' ' -f4 "$f" | median)"
  done
done
