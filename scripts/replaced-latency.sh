#!/usr/bin/env bash
# How long the report asked for last takes when it replaces one being built: the real
# binary in a tmux pane, on a large profile, keys sent together so the second arrives
# while the first report is computed, the time until nothing is computing.
#
#   scripts/replaced-latency.sh [--runs N] [--size WxH] -- BINARY PROFILE
#
# Scenarios (each from a fresh start, the table shown and idle):
#   tree then other direction   "2 r": the top-down tree starts, the bottom-up one is
#                               asked for at once (one large report runs at a time)
#   tree alone                  "2": the top-down tree alone, for comparison
#   butterfly, then the next    "3 1 j 3": the first function's butterfly starts, the
#                               second row's is asked for at once
# (SCENARIOS="KEYS|NAME;KEYS|NAME" picks others.) Prints each run's seconds and the
# median per scenario. Meant for large profiles: the work must show ("computing") within
# half a second of the keys, else the run's figure is that wait. A measurement, not a test
# (docs/BENCHMARKS.md quotes it side by side for two builds). Needs tmux.
set -euo pipefail

runs=3
size=160x48
while [ $# -gt 0 ]; do
  case $1 in
    --runs) runs=$2; shift 2 ;;
    --size) size=$2; shift 2 ;;
    --) shift; break ;;
    -h | --help) sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "replaced-latency.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
[ $# = 2 ] || { echo "usage: replaced-latency.sh [--runs N] [--size WxH] -- BINARY PROFILE" >&2; exit 2; }
bin=$1
profile=$2
session="memprof-latency-$$"
trap 'tmux kill-session -t "$session" 2>/dev/null || true' EXIT

tool=replaced-latency.sh
# shellcheck source=scripts/tmux-pane.sh
. "$(dirname "${BASH_SOURCE[0]}")/tmux-pane.sh"
now() { date +%s.%N; }

# One run: a fresh explorer, keys sent (each word one key, all at once), the seconds
# until nothing computes.
run() {
  tmux kill-session -t "$session" 2>/dev/null || true
  tmux new-session -d -s "$session" -x "${size%x*}" -y "${size#*x}" \
    "exec $(printf '%q ' "$bin" "$profile")"
  wait_for "Top (" || exit 1
  idle || exit 1
  sleep 0.5
  local start
  start=$(now)
  # shellcheck disable=SC2086
  tmux send-keys -t "$session" $1
  # The work shows within a frame or two; then it is waited out.
  for _ in $(seq 1 50); do
    screen | grep -q "computing" && break
    sleep 0.01
  done
  idle || exit 1
  awk -v s="$start" -v e="$(now)" 'BEGIN { printf "%.2f", e - s }'
}

median() { tr ' ' '\n' | grep . | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

scenarios=${SCENARIOS:-"2 r|tree then other direction;2|tree alone;3 1 j 3|butterfly, then the next"}
IFS=';' read -r -a list <<<"$scenarios"
for scenario in "${list[@]}"; do
  keys=${scenario%%|*}
  name=${scenario#*|}
  times=""
  for _ in $(seq 1 "$runs"); do
    times="$times $(run "$keys")"
  done
  printf '%-30s %-10s runs:%s  median %s s\n' "$name" "\"$keys\"" "$times" "$(echo "$times" | median)"
done
