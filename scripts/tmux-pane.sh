# shellcheck shell=bash
# Reading the explorer in a tmux pane, for the measurement scripts that drive it
# (memory-tour.sh, replaced-latency.sh): source it after setting $session (the tmux
# session) and $tool (the script's name, for messages).

# The pane's text now.
screen() { tmux capture-pane -p -t "$session" 2>/dev/null || true; }

# Waits (up to 60 s) until the pane shows TEXT; fails, printing the pane, if it never does.
wait_for() {
  for _ in $(seq 1 3000); do
    screen | grep -qF "$1" && return 0
    sleep 0.02
  done
  echo "$tool: never showed $1" >&2
  screen >&2
  return 1
}

# Waits (up to 60 s) until nothing is computing or loading; fails if something still is.
idle() {
  for _ in $(seq 1 3000); do
    screen | grep -q "computing\|loading\|Loading" || return 0
    sleep 0.02
  done
  echo "$tool: still computing after 60 s" >&2
  return 1
}
