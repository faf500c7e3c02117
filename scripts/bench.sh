#!/usr/bin/env bash
# Benchmark memprof-tui against `go tool pprof` on one large synthetic heap profile.
#
#   scripts/bench.sh [--check] [--no-labels] [PROFILE]
#
# 1. builds the release binary and the gen_profile / bench_load examples;
# 2. generates bench-out/large.pb.gz (200,000 samples, 3,000 functions, depth 5–40,
#    seed 1; with --no-labels bench-out/large-nolabels.pb.gz, the same without the
#    `bytes` labels) unless it exists (or uses PROFILE when given);
# 3. runs, interleaved and RUNS times each (default 5), on the same file:
#      (a) memprof-tui --top -i alloc_space PROFILE
#      (b) go tool pprof -top -sample_index=alloc_space PROFILE
#    under `/usr/bin/time -f '%e %M %U %S'`, and prints the median wall time, median peak
#    RSS (and median CPU time, a steadier number on a busy machine), the ratios
#    pprof/ours and whether the targets hold: at least 100x faster (wall) and at most
#    1/10 of pprof's peak RSS;
# 4. cross-checks the wall times with hyperfine when it is installed (HF_RUNS runs each,
#    default 3; HYPERFINE=0 skips it);
# 5. runs examples/bench_load (BENCH_LOAD_N loads, default 7; 0 skips it) for the split
#    of decode vs aggregation inside memprof-tui.
# With --check it first diffs `memprof-tui --top … --node-fraction 0 --edge-fraction 0
# --unit B` against `go tool pprof -top … -nodefraction=0 -edgefraction=0
# -nodecount=100000000 -unit=B` on the file, for every sample type.
#
# Environment: RUNS, HF_RUNS, HYPERFINE, BENCH_LOAD_N, BENCH_OUT (default bench-out/),
# CARGO_TARGET_DIR (default target/), SKIP_BUILD=1 (use the binaries already built).
# pprof's stderr ("Main binary filename not available." and the like) is ignored.
# Installs GNU time (and hyperfine, best effort) with apt-get when missing and root.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"

check=0
no_labels=0
profile=""
for arg in "$@"; do
  case $arg in
    --check) check=1 ;;
    --no-labels) no_labels=1 ;;
    -h | --help)
      sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'
      exit 0
      ;;
    -*)
      echo "bench.sh: unknown flag $arg" >&2
      exit 2
      ;;
    *) profile=$arg ;;
  esac
done

RUNS=${RUNS:-5}
HF_RUNS=${HF_RUNS:-3}
HYPERFINE=${HYPERFINE:-1}
BENCH_LOAD_N=${BENCH_LOAD_N:-7}
out_dir=${BENCH_OUT:-$repo/bench-out}
target_dir=${CARGO_TARGET_DIR:-$repo/target}
ours="$target_dir/release/memprof-tui"
gen="$target_dir/release/examples/gen_profile"
bench_load="$target_dir/release/examples/bench_load"

# Same environment for both tools: UTC times, and pprof never finds a local binary for
# the recorded mapping (it would try to symbolize with it).
export TZ=UTC LC_ALL=C
export PPROF_BINARY_PATH=/nonexistent/memprof-tui-bench
unset PPROF_TRIM_PATH PPROF_TOOLS PPROF_TMPDIR 2>/dev/null || true

apt_install() {
  if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
    echo "installing $* with apt-get" >&2
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@"; } >/dev/null 2>&1 || true
  fi
}

if [[ ! -x /usr/bin/time ]]; then
  apt_install time
  [[ -x /usr/bin/time ]] || { echo "bench.sh: /usr/bin/time (GNU time) is required" >&2; exit 1; }
fi
if [[ $HYPERFINE == 1 ]] && ! command -v hyperfine >/dev/null; then
  apt_install hyperfine
fi
command -v go >/dev/null || { echo "bench.sh: go (for go tool pprof) is required" >&2; exit 1; }

if [[ ${SKIP_BUILD:-0} != 1 ]]; then
  echo "== build (release)"
  cargo build --release --quiet --bin memprof-tui --example gen_profile --example bench_load
fi

mkdir -p "$out_dir"
if [[ -z $profile ]]; then
  gen_flags=()
  profile="$out_dir/large.pb.gz"
  if [[ $no_labels == 1 ]]; then
    gen_flags=(--no-labels)
    profile="$out_dir/large-nolabels.pb.gz"
  fi
  if [[ ! -s $profile ]]; then
    echo "== generate $profile"
    "$gen" --samples 200000 --functions 3000 --min-depth 5 --max-depth 40 --seed 1 \
      "${gen_flags[@]}" --out "$profile"
  fi
fi
[[ -s $profile ]] || { echo "bench.sh: no profile at $profile" >&2; exit 1; }

echo "== machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); $(go version)"
echo "== profile: $profile ($(stat -c %s "$profile") bytes)"

if [[ $check == 1 ]]; then
  echo "== check: --top output equals go tool pprof -top for every sample type"
  fails=0
  for t in alloc_objects alloc_space inuse_objects inuse_space; do
    "$ours" --top -i "$t" --node-fraction 0 --edge-fraction 0 --unit B "$profile" >"$out_dir/check-ours-$t.txt"
    go tool pprof -top -sample_index="$t" -nodefraction=0 -edgefraction=0 \
      -nodecount=100000000 -unit=B "$profile" >"$out_dir/check-pprof-$t.txt" 2>/dev/null
    if diff -u "$out_dir/check-pprof-$t.txt" "$out_dir/check-ours-$t.txt" >"$out_dir/check-$t.diff"; then
      echo "   $t: identical ($(wc -l <"$out_dir/check-ours-$t.txt") lines)"
    else
      echo "   $t: DIFFERS, see $out_dir/check-$t.diff ($(grep -c '^[-+][^-+]' "$out_dir/check-$t.diff") changed lines)"
      fails=$((fails + 1))
    fi
  done
  [[ $fails == 0 ]] || echo "   $fails sample type(s) differ"
fi

# One measured run: appends "wall_s maxrss_kib user_s sys_s" to $1.
measure() {
  local log=$1
  shift
  local tf
  tf=$(mktemp)
  if ! /usr/bin/time -o "$tf" -f '%e %M %U %S' "$@" >/dev/null 2>"$tf.err"; then
    echo "bench.sh: command failed: $*" >&2
    cat "$tf.err" >&2
    rm -f "$tf" "$tf.err"
    exit 1
  fi
  tail -n 1 "$tf" >>"$log"
  rm -f "$tf" "$tf.err"
}

# Median of column $2 of file $1 (the lower middle for an even count).
median() {
  awk -v c="$2" '{print $c}' "$1" | sort -g | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'
}
median_cpu() {
  awk '{print $3 + $4}' "$1" | sort -g | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'
}

ours_log="$out_dir/bench-ours.txt"
pprof_log="$out_dir/bench-pprof.txt"
: >"$ours_log"
: >"$pprof_log"
echo "== $RUNS runs each, interleaved:"
echo "   (a) memprof-tui --top -i alloc_space PROFILE"
echo "   (b) go tool pprof -top -sample_index=alloc_space PROFILE"
for i in $(seq 1 "$RUNS"); do
  measure "$ours_log" "$ours" --top -i alloc_space "$profile"
  measure "$pprof_log" go tool pprof -top -sample_index=alloc_space "$profile"
  printf '   run %d: ours %6ss %7s KiB | pprof %7ss %8s KiB\n' "$i" \
    "$(tail -n1 "$ours_log" | cut -d' ' -f1)" "$(tail -n1 "$ours_log" | cut -d' ' -f2)" \
    "$(tail -n1 "$pprof_log" | cut -d' ' -f1)" "$(tail -n1 "$pprof_log" | cut -d' ' -f2)"
done

o_t=$(median "$ours_log" 1)
o_m=$(median "$ours_log" 2)
o_c=$(median_cpu "$ours_log")
p_t=$(median "$pprof_log" 1)
p_m=$(median "$pprof_log" 2)
p_c=$(median_cpu "$pprof_log")
echo "== medians of $RUNS (GNU time)"
awk -v ot="$o_t" -v om="$o_m" -v oc="$o_c" -v pt="$p_t" -v pm="$p_m" -v pc="$p_c" 'BEGIN {
  printf "   %-12s %10s %14s %12s\n", "", "wall (s)", "peak RSS (MiB)", "CPU (s)"
  printf "   %-12s %10.2f %14.1f %12.2f\n", "memprof-tui", ot, om / 1024, oc
  printf "   %-12s %10.2f %14.1f %12.2f\n", "go pprof", pt, pm / 1024, pc
  ot = (ot > 0) ? ot : 0.005
  oc = (oc > 0) ? oc : 0.005
  printf "   ratio pprof/ours: wall %.1fx, peak RSS %.2fx, CPU %.1fx\n", pt / ot, pm / om, pc / oc
  printf "   targets: wall >= 100x (%s), peak RSS <= 1/10 of pprof i.e. ratio >= 10x (%s)\n",
    (pt / ot >= 100) ? "met" : "MISSED", (pm / om >= 10) ? "met" : "MISSED"
}'

if [[ $HYPERFINE == 1 ]] && command -v hyperfine >/dev/null; then
  echo "== hyperfine cross-check ($HF_RUNS runs each)"
  hyperfine --style basic --runs "$HF_RUNS" --export-json "$out_dir/hyperfine.json" \
    -n memprof-tui "$(printf '%q ' "$ours" --top -i alloc_space "$profile")" \
    -n 'go tool pprof' "$(printf '%q ' go tool pprof -top -sample_index=alloc_space "$profile") 2>/dev/null" \
    2>&1 | sed 's/^/   /'
elif [[ $HYPERFINE == 1 ]]; then
  echo "== hyperfine not available; skipped"
fi

if [[ $BENCH_LOAD_N -gt 0 ]]; then
  echo "== bench_load: decode vs aggregation inside memprof-tui (alloc_space, untrimmed)"
  "$bench_load" "$profile" "$BENCH_LOAD_N" 1 | sed 's/^/   /'
fi
