#!/usr/bin/env bash
# Memory of a long `--watch` over a leaking service: builds testdata's leakserver
# (src/leakserver/main.go), starts it, opens the explorer on its heap endpoint with
# `--watch SECS` (default 1; a GC first, as by default) in a tmux pane on the Growth pane
# (key 6), and samples the explorer's resident memory (VmRSS, and VmHWM at the end) every
# 10 s for DURATION seconds (default 600). Prints one line a minute (elapsed, fetches
# saved so far, saved copies kept on disk, RSS) and the peak. A measurement, not a test.
#
#   scripts/watch-memory.sh [DURATION] [SECS]
#
# Environment: CARGO_TARGET_DIR (default target/), SKIP_BUILD=1, KEEP (--keep, default
# the tool's). Needs go and tmux.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
duration=${1:-600}
every=${2:-1}
target_dir=${CARGO_TARGET_DIR:-$repo/target}
bin="$target_dir/release/memprof-tui"
[ "${SKIP_BUILD:-0}" = 1 ] || cargo build --release --locked --quiet
work=$(mktemp -d)
sock="watch-memory-$$"
cleanup() {
  tmux -L "$sock" kill-server 2>/dev/null || true
  [ -n "${server_pid:-}" ] && kill "$server_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
cp testdata/src/leakserver/main.go testdata/gen/leakserver/go.mod "$work/"
(cd "$work" && CGO_ENABLED=0 go build -o leakserver .)
mkfifo "$work/stdin"
"$work/leakserver" -life "$((duration + 120))s" <"$work/stdin" >"$work/port" &
server_pid=$!
exec 3>"$work/stdin" # the server exits when this closes
for _ in $(seq 50); do [ -s "$work/port" ] && break; sleep 0.1; done
port=$(head -n1 "$work/port")
mkdir -p "$work/saved"
keep=()
[ -n "${KEEP:-}" ] && keep=(--keep "$KEEP")
tmux -L "$sock" new-session -d -s w -x 160 -y 48 \
  "PPROF_TMPDIR=$work/saved $bin --watch $every ${keep[*]} http://127.0.0.1:$port/debug/pprof/heap"
sleep 3
tmux -L "$sock" send-keys -t w 6
pid=$(pgrep -n -f "$bin --watch $every")
fetched() { ls "$work/saved" | wc -l; }
peak=0
start=$(date +%s)
echo "watching 127.0.0.1:$port every ${every}s for ${duration}s (explorer pid $pid)"
printf '%8s %8s %10s\n' elapsed kept_on_disk rss_mib
while :; do
  now=$(($(date +%s) - start))
  rss=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")
  [ "$rss" -gt "$peak" ] && peak=$rss
  if [ $((now % 60)) -lt 10 ]; then
    printf '%8s %8s %10.1f\n' "${now}s" "$(fetched)" "$(echo "$rss / 1024" | bc -l)"
  fi
  [ "$now" -ge "$duration" ] && break
  sleep 10
done
hwm=$(awk '/VmHWM/ {print $2}' "/proc/$pid/status")
tmux -L "$sock" capture-pane -p -t w | sed -n 6,8p
printf 'peak RSS sampled %.1f MiB, VmHWM %.1f MiB, saved copies kept %s\n' \
  "$(echo "$peak / 1024" | bc -l)" "$(echo "$hwm / 1024" | bc -l)" "$(fetched)"
