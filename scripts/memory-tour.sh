#!/usr/bin/env bash
# The explorer's memory while a user drives it: the real binary in a tmux pane, keys sent
# one by one (each once the worker is idle), VmRSS and VmHWM read from /proc after each.
#
#   scripts/memory-tour.sh [options] -- MEMPROF_TUI_ARGS...
#
#   --keys "K1 K2 …"   the keys, in tmux's names (a, 2, Enter, Escape, BSpace, Right…);
#                      default: every pane in every direction and mode of a heap profile
#   --random SECS      instead: SECS seconds of keys drawn at random from --keys (seeded
#                      by --seed, default 1), one every --every MS (default 150) without
#                      waiting for the worker; RSS read every second
#   --size WxH         the terminal (default 160x48)
#   --wait TEXT        what the first screen shows once loaded (default "Top (")
#
# Prints one line per key (or per second) with the RSS and the peak so far, then the peak
# (VmHWM) and the largest RSS in MiB. A measurement, not a test. Needs tmux.
# Environment: CARGO_TARGET_DIR (default target/; the binary is its release/memprof-tui).
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
target_dir=${CARGO_TARGET_DIR:-$repo/target}
bin="$target_dir/release/memprof-tui"
keys="b b a a o o t d d d d 2 r r 3 j Right 4 r r 5 6 1 S S S w Escape"
random=0
every=150
seed=1
size=160x48
wait_text="Top ("
while [ $# -gt 0 ]; do
  case $1 in
    --keys) keys=$2; shift 2 ;;
    --random) random=$2; shift 2 ;;
    --every) every=$2; shift 2 ;;
    --seed) seed=$2; shift 2 ;;
    --size) size=$2; shift 2 ;;
    --wait) wait_text=$2; shift 2 ;;
    --) shift; break ;;
    *) echo "memory-tour.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
[ $# -gt 0 ] || { echo "usage: memory-tour.sh [options] -- MEMPROF_TUI_ARGS..." >&2; exit 2; }
[ -x "$bin" ] || { echo "memory-tour.sh: no $bin (cargo build --release)" >&2; exit 1; }

session="memprof-tour-$$"
cmd=$(printf '%q ' "$bin" "$@")
tmux kill-session -t "$session" 2>/dev/null || true
tmux new-session -d -s "$session" -x "${size%x*}" -y "${size#*x}" "exec $cmd"
trap 'tmux kill-session -t "$session" 2>/dev/null || true' EXIT
pid=$(tmux display-message -p -t "$session" '#{pane_pid}')
start=$(date +%s.%N)

kib() { awk '/^'"$1"':/ { print $2 }' "/proc/$pid/status" 2>/dev/null || echo 0; }
mib() { awk -v k="$1" 'BEGIN { printf "%.0f", k / 1024 }'; }
tool=memory-tour.sh
# shellcheck source=scripts/tmux-pane.sh
. "$(dirname "${BASH_SOURCE[0]}")/tmux-pane.sh"

wait_for "$wait_text" || exit 1
idle || true
loaded=$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { printf "%.2f", e - s }')
max_rss=$(kib VmRSS)
printf '%-10s %9s %9s   (loaded in %s s)\n' key "RSS MiB" "peak MiB" "$loaded"
printf '%-10s %9s %9s\n' "(start)" "$(mib "$max_rss")" "$(mib "$(kib VmHWM)")"

if [ "$random" = 0 ]; then
  for k in $keys; do
    tmux send-keys -t "$session" "$k"
    sleep 0.2
    idle || true
    rss=$(kib VmRSS)
    [ "$rss" -gt "$max_rss" ] && max_rss=$rss
    printf '%-10s %9s %9s\n' "$k" "$(mib "$rss")" "$(mib "$(kib VmHWM)")"
  done
else
  read -r -a pool <<<"$keys"
  RANDOM=$seed
  end=$(( $(date +%s) + random ))
  next_report=$(( $(date +%s) + 1 ))
  sent=0
  while [ "$(date +%s)" -lt "$end" ]; do
    tmux send-keys -t "$session" "${pool[RANDOM % ${#pool[@]}]}"
    sent=$((sent + 1))
    sleep "$(awk -v m="$every" 'BEGIN { printf "%.3f", m / 1000 }')"
    now=$(date +%s)
    if [ "$now" -ge "$next_report" ]; then
      rss=$(kib VmRSS)
      [ "$rss" = 0 ] && { echo "memory-tour.sh: the explorer exited" >&2; screen >&2; exit 1; }
      [ "$rss" -gt "$max_rss" ] && max_rss=$rss
      el=$(( now - end + random ))
      [ $((el % 30)) = 0 ] && printf '%-10s %9s %9s   (%d keys)\n' "${el}s" "$(mib "$rss")" "$(mib "$(kib VmHWM)")" "$sent"
      next_report=$(( now + 1 ))
    fi
  done
  idle || true
fi
printf 'peak (VmHWM) %s MiB, largest RSS read %s MiB, final RSS %s MiB\n' \
  "$(mib "$(kib VmHWM)")" "$(mib "$max_rss")" "$(mib "$(kib VmRSS)")"
