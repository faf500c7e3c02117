#!/usr/bin/env bash
# Peak memory of memprof-tui as a multiple of the profile's decompressed size.
#
#   scripts/memory.sh [SAMPLES...]        (default: 20000 200000 1000000)
#
# For each sample count, generates a Go-like heap profile with the committed generator
# (examples/gen_profile.rs: 3,000 functions, depth 5–40, `bytes` labels, seed 1) into
# bench-out/mem-N.pb.gz, then measures:
#   top       peak RSS of `memprof-tui --top -i alloc_space FILE` (GNU time %M);
#   explorer  peak RSS (VmHWM) of the explorer in a tmux pane after it drew the top table,
#             the alloc view, side by side, the call tree both ways, callers/callees, the
#             flame graph and the source pane, one after the other — every report it
#             builds.
# and prints each with its ratio to the decompressed size. A measurement, not a test.
#
# Environment: CARGO_TARGET_DIR (default target/), SKIP_BUILD=1, BENCH_OUT (bench-out/).
# Needs tmux and GNU time (installed with apt-get when missing and root).
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
sizes=("$@")
[ ${#sizes[@]} -eq 0 ] && sizes=(20000 200000 1000000)
out_dir=${BENCH_OUT:-$repo/bench-out}
target_dir=${CARGO_TARGET_DIR:-$repo/target}
bin="$target_dir/release/memprof-tui"
gen="$target_dir/release/examples/gen_profile"

need=()
command -v tmux >/dev/null || need+=(tmux)
[ -x /usr/bin/time ] || need+=(time)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && apt-get install -y -qq "${need[@]}" >/dev/null
  else
    echo "memory.sh: needs ${need[*]}" >&2
    exit 1
  fi
fi
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  cargo build --release --locked --bin memprof-tui --example gen_profile
fi
mkdir -p "$out_dir"

mib() { awk -v k="$1" 'BEGIN { printf "%.0f", k / 1024 }'; }
ratio() { awk -v k="$1" -v b="$2" 'BEGIN { printf "%.1f", k * 1024 / b }'; }

# VmHWM (KiB) of the explorer after each pane, driven through tmux.
explorer_peak() {
  local file=$1 session="memprof-mem-$$"
  tmux kill-session -t "$session" 2>/dev/null || true
  tmux new-session -d -s "$session" -x 200 -y 50 "exec $bin $file"
  local pid
  pid=$(tmux display-message -p -t "$session" '#{pane_pid}')
  wait_screen() {
    for _ in $(seq 1 600); do
      tmux capture-pane -p -t "$session" | grep -q "$1" && return 0
      sleep 0.1
    done
    echo "memory.sh: the explorer never showed $1" >&2
    return 1
  }
  wait_screen "Top (functions)"
  for key in a b b 2 r 3 4 5 1; do
    tmux send-keys -t "$session" "$key"
    sleep 0.3
    # Wait until the worker is idle: no "computing" marker on screen.
    for _ in $(seq 1 600); do
      tmux capture-pane -p -t "$session" | grep -q "computing" || break
      sleep 0.1
    done
  done
  awk '/VmHWM/ { print $2 }' "/proc/$pid/status"
  tmux send-keys -t "$session" q
  sleep 0.3
  tmux kill-session -t "$session" 2>/dev/null || true
}

printf '%-9s %12s %12s %8s %14s %8s\n' samples decompressed "top peak" ratio "explorer peak" ratio
for n in "${sizes[@]}"; do
  file="$out_dir/mem-$n.pb.gz"
  [ -s "$file" ] || "$gen" --samples "$n" --functions 3000 --min-depth 5 --max-depth 40 \
    --seed 1 --out "$file" >/dev/null
  raw=$(gzip -dc "$file" | wc -c)
  top=$(/usr/bin/time -f '%M' "$bin" --top -i alloc_space "$file" 2>&1 >/dev/null | tail -1)
  exp=$(explorer_peak "$file")
  printf '%-9s %9s MiB %8s MiB %7s× %10s MiB %7s×\n' "$n" \
    "$(awk -v b="$raw" 'BEGIN { printf "%.1f", b / 1048576 }')" \
    "$(mib "$top")" "$(ratio "$top" "$raw")" "$(mib "$exp")" "$(ratio "$exp" "$raw")"
done
