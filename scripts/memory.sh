#!/usr/bin/env bash
# Peak memory of memprof-tui as a multiple of the profile's decompressed size.
#
#   scripts/memory.sh [SAMPLES...]        (default: 20000 200000 1000000)
#   scripts/memory.sh --bad-only          (only the bad inputs, below)
#
# For each sample count, generates a Go-like heap profile with the committed generator
# (examples/gen_profile.rs: 3,000 functions, depth 5–40, `bytes` labels, seed 1) into
# bench-out/mem-N.pb.gz, then measures:
#   top       peak RSS of `memprof-tui --top -i alloc_space FILE` (GNU time %M);
#   explorer  peak RSS (VmHWM) of the explorer in a tmux pane after it drew the top table,
#             the alloc view, side by side, the call tree both ways, callers/callees, the
#             flame graph and the source pane, one after the other — every report it
#             builds.
# and prints each with its ratio to the decompressed size. Then the bad inputs: the peak
# RSS of `--top` on every file of testdata/bad (with the corpus's caps, as EXPECT.tsv
# runs them) and on bombs sized for the default caps (`gen_bad_corpus --bombs`, into
# bench-out/bombs: 1.2 GiB of zeros or empty samples, 600–900 MiB of empty elements, 11
# gzip members of 100 MiB; and a valid two-function profile with 30 million unused
# strings, accepted), each with its exit code and time, and the maximum of each set. A
# measurement, not a test.
#
# Environment: CARGO_TARGET_DIR (default target/), SKIP_BUILD=1, BENCH_OUT (bench-out/).
# Needs tmux and GNU time (installed with apt-get when missing and root).
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
bad_only=0
if [ "${1:-}" = --bad-only ]; then
  bad_only=1
  shift
fi
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
  cargo build --release --locked --bin memprof-tui --example gen_profile --example gen_bad_corpus
fi
mkdir -p "$out_dir"

mib() { awk -v k="$1" 'BEGIN { printf "%.0f", k / 1024 }'; }
ratio() { awk -v k="$1" -v b="$2" 'BEGIN { printf "%.1f", k * 1024 / b }'; }

# VmHWM (KiB) of the explorer after each pane, driven through tmux by memory-tour.sh.
explorer_peak() {
  CARGO_TARGET_DIR=$target_dir "$repo/scripts/memory-tour.sh" --size 200x50 \
    --keys "a b b 2 r 3 4 5 1" -- "$1" | awk '/^peak/ { print $3 * 1024 }'
}

# Peak RSS (KiB), exit code and seconds of `--top` on one bad file: "KIB CODE SECONDS".
bad_peak() {
  local tf
  tf=$(mktemp)
  /usr/bin/time -o "$tf" -f '%M %x %e' "$bin" --top "$@" >/dev/null 2>&1 || true
  tail -n 1 "$tf"
  rm -f "$tf"
}

# Every file of a set: one line each, then the maximum peak.
bad_set() {
  local title=$1 max=0 worst="" line kib
  shift
  echo "== $title"
  for f in "$@"; do
    line=$(bad_peak "${caps[@]}" "$f")
    kib=${line%% *}
    printf '   %-40s %6s MiB  exit %s  %ss\n' "$(basename "$f")" "$(mib "$kib")" \
      "$(echo "$line" | cut -d' ' -f2)" "$(echo "$line" | cut -d' ' -f3)"
    if [ "$kib" -gt "$max" ]; then
      max=$kib
      worst=$(basename "$f")
    fi
  done
  echo "   max peak RSS: $(mib "$max") MiB ($worst)"
}

bad_inputs() {
  local bombs="$out_dir/bombs"
  [ -s "$bombs/unused-strings-30m.pb.gz" ] || "$target_dir/release/examples/gen_bad_corpus" --bombs "$bombs" >/dev/null
  caps=(--max-decompressed-mib 32 --max-memory-mib 256)
  bad_set "testdata/bad with the corpus caps (${caps[*]})" \
    $(find testdata/bad -type f ! -name EXPECT.tsv ! -name README.md | sort)
  caps=()
  bad_set "bombs for the default caps (1 GiB decompressed, 4 GiB memory)" "$bombs"/*
}

if [ "$bad_only" = 1 ]; then
  bad_inputs
  exit 0
fi

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

bad_inputs
