#!/usr/bin/env bash
# Rebuild the generated kinds-*.prof test profiles from scratch.
#
#   testdata/gen/regen-profiles.sh [--goroutine]
#
# What it does (safe to run again: every step starts from a clean slate):
#   1. copies testdata/src/kinds/main.go (the generator's source, also the
#      -source_path copy the profiles point at) and testdata/gen/kinds/go.mod
#      into /home/gopher/src/kinds/
#      (emptied first), so the profiles record the source path
#      /home/gopher/src/kinds/main.go like the other test profiles;
#   2. builds it there with the installed Go (no -trimpath, no cgo) to
#      /home/gopher/bin/kinds, the binary name the profiles record;
#   3. runs it from /home/gopher/src/kinds into a temporary directory;
#   4. copies kinds-allocs.prof, kinds-heap.prof, kinds-mutex.prof and
#      kinds-block.prof into testdata/profiles/ (with --goroutine also
#      kinds-goroutine.prof, which is otherwise kept as committed);
#   5. checks with `go tool pprof -top` that every profile has samples;
#   6. removes /home/gopher/src/kinds and /home/gopher/bin/kinds again (and
#      those folders if left empty): while the recorded source path exists,
#      pprof -list would find it, and scripts/make-goldens.sh refuses to run.
#
# Profiles are NOT byte-reproducible: they hold a timestamp, and the mutex,
# block and goroutine profiles measure real timing. That is why they are
# committed; after regenerating, rerun scripts/make-goldens.sh and review the
# golden diffs. Needs write access to /home/gopher (run as root in the dev
# container).
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
gen="$repo/testdata/gen/kinds"
src_dir=/home/gopher/src/kinds
bin=/home/gopher/bin/kinds

with_goroutine=0
case "${1:-}" in
  "") ;;
  --goroutine) with_goroutine=1 ;;
  *) echo "usage: $0 [--goroutine]" >&2; exit 2 ;;
esac

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
cp "$repo/testdata/src/kinds/main.go" "$gen/go.mod" "$src_dir/"
(cd "$src_dir" && go build -o "$bin" .)

(cd "$src_dir" && "$bin" "$tmp")

names=(kinds-allocs kinds-heap kinds-mutex kinds-block)
if [[ $with_goroutine == 1 ]]; then
  names+=(kinds-goroutine)
fi
for n in "${names[@]}"; do
  cp "$tmp/$n.prof" "$repo/testdata/profiles/$n.prof"
done

# Every profile must have samples (mutex/block need real contention).
for n in "${names[@]}"; do
  p="$repo/testdata/profiles/$n.prof"
  total="$(go tool pprof -top -nodecount=1 "$p" 2>/dev/null | sed -n 's/.*% of \(.*\) total$/\1/p')"
  if [[ -z $total || $total == 0 || $total == 0B || $total == 0s ]]; then
    echo "error: $p has no samples (total: '${total}')" >&2
    exit 1
  fi
  printf '%-22s %s\n' "$n.prof" "total $total"
done
