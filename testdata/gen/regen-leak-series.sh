#!/usr/bin/env bash
# Rebuilds testdata/profiles/series/leak/heap-NN.pb.gz: builds testdata's leakserver
# (src/leakserver/main.go, module gen/leakserver/go.mod), starts it, and fetches its heap
# profile with gc=1 (a GC first, so each snapshot is current) COUNT times (default 14),
# one second apart, from the moment it listens. Needs go and curl.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
count=${1:-14}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$here/src/leakserver/main.go" "$here/gen/leakserver/go.mod" "$work/"
(cd "$work" && CGO_ENABLED=0 go build -o leakserver .)
out="$here/profiles/series/leak"
rm -rf "$out" && mkdir -p "$out"
# The server exits when its stdin closes: keep it open with a sleep that outlives us.
sleep $((count + 30)) | "$work/leakserver" >"$work/port" &
for _ in $(seq 50); do [ -s "$work/port" ] && break; sleep 0.1; done
port=$(head -n1 "$work/port")
for i in $(seq -w 1 "$count"); do
  curl -sf -o "$out/heap-$i.pb.gz" "http://127.0.0.1:$port/debug/pprof/heap?gc=1"
  sleep 1
done
pkill -f "$work/leakserver" || true
ls -l "$out"
