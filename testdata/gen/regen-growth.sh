#!/usr/bin/env bash
# Rebuild the diff test pair growth-mid.prof and growth-end.prof.
#
#   testdata/gen/regen-growth.sh
#
# Like regen-profiles.sh: copies testdata/src/growth/main.go and
# testdata/gen/growth/go.mod into a fresh /home/gopher/src/growth/, builds
# /home/gopher/bin/growth there (no -trimpath, no cgo), runs it from that
# folder into a temporary directory, copies both heap profiles into
# testdata/profiles/, checks with `go tool pprof -top` that each has samples,
# and removes /home/gopher/... again (while the recorded source path exists,
# pprof -list would find it and scripts/make-goldens.sh refuses to run).
# The profiles are not byte-reproducible (timestamps, sampling); regenerate
# only on purpose, then rerun scripts/make-goldens.sh and review the diff.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
src_dir=/home/gopher/src/growth
bin=/home/gopher/bin/growth

export TZ=UTC GOFLAGS= CGO_ENABLED=0 GO111MODULE=on
go version

tmp="$(mktemp -d)"
cleanup() {
  rm -rf "$tmp" "$src_dir" "$bin"
  rmdir /home/gopher/src /home/gopher/bin /home/gopher 2>/dev/null || true
}
trap cleanup EXIT

rm -rf "$src_dir"
mkdir -p "$src_dir" "$(dirname "$bin")"
cp "$repo/testdata/src/growth/main.go" "$repo/testdata/gen/growth/go.mod" "$src_dir/"
(cd "$src_dir" && go build -o "$bin" .)
(cd "$src_dir" && "$bin" "$tmp")

for n in growth-mid growth-end; do
  p="$repo/testdata/profiles/$n.prof"
  cp "$tmp/$n.prof" "$p"
  total="$(go tool pprof -top -nodecount=1 -sample_index=inuse_space "$p" 2>/dev/null | sed -n 's/.*% of \(.*\) total$/\1/p')"
  if [[ -z $total || $total == 0 || $total == 0B ]]; then
    echo "error: $p has no samples (total: '${total}')" >&2
    exit 1
  fi
  printf '%-18s %s\n' "$n.prof" "in use $total"
done
