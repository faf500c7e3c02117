#!/usr/bin/env bash
# Merging a fleet: memprof-tui against `go tool pprof` on the same N heap profiles of one
# service, side by side in one run.
#
#   scripts/bench-merge.sh [DIR]
#
# 1. builds the release binary and the gen_fleet example;
# 2. generates bench-out/fleet/ (INSTANCES profiles, default 500, of SAMPLES samples
#    each, default 4000, give or take a quarter, over 3,000 functions, seed 1: one
#    service, each instance with buckets and counts of its own) unless it exists (or uses
#    DIR when given);
# 3. checks that both tools print the same table:
#      memprof-tui --top -i alloc_space DIR  vs  go tool pprof -top -sample_index=alloc_space FILES
# 4. runs both, interleaved, RUNS times each (default 3), under `/usr/bin/time -f '%e %M
#    %U %S'` and prints the median wall time, peak RSS and CPU time, the ratios
#    pprof/ours and whether the targets hold: at least 20x faster (wall), at most 1/4 of
#    pprof's peak RSS.
# memprof-tui is given the directory (it lists and sorts the files itself); pprof gets the
# files the shell expands, in the same order.
#
# Environment: RUNS, INSTANCES, SAMPLES, BENCH_OUT (default bench-out/), CARGO_TARGET_DIR
# (default target/), SKIP_BUILD=1. Needs go and GNU time (installed with apt-get when
# missing and root).
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"

case ${1:-} in
  -h | --help)
    sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'
    exit 0
    ;;
esac

RUNS=${RUNS:-3}
INSTANCES=${INSTANCES:-500}
SAMPLES=${SAMPLES:-4000}
out_dir=${BENCH_OUT:-$repo/bench-out}
target_dir=${CARGO_TARGET_DIR:-$repo/target}
ours="$target_dir/release/memprof-tui"
gen="$target_dir/release/examples/gen_fleet"
fleet=${1:-$out_dir/fleet}

export TZ=UTC LC_ALL=C
export PPROF_BINARY_PATH=/nonexistent/memprof-tui-bench
unset PPROF_TRIM_PATH PPROF_TOOLS PPROF_TMPDIR 2>/dev/null || true

if [[ ! -x /usr/bin/time ]] && [[ $(id -u) == 0 ]]; then
  apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq time >/dev/null 2>&1 || true
fi
[[ -x /usr/bin/time ]] || { echo "bench-merge.sh: /usr/bin/time (GNU time) is required" >&2; exit 1; }
command -v go >/dev/null || { echo "bench-merge.sh: go (for go tool pprof) is required" >&2; exit 1; }

if [[ ${SKIP_BUILD:-0} != 1 ]]; then
  echo "== build (release)"
  cargo build --release --locked --quiet --bin memprof-tui --example gen_fleet
fi
if [[ -z ${1:-} ]] && [[ ! -d $fleet || -z $(ls -A "$fleet" 2>/dev/null) ]]; then
  echo "== generate $fleet"
  "$gen" --instances "$INSTANCES" --samples "$SAMPLES" --functions 3000 --seed 1 --out "$fleet"
fi
mapfile -t files < <(find "$fleet" -maxdepth 1 -type f ! -name '.*' | sort)
[[ ${#files[@]} -gt 1 ]] || { echo "bench-merge.sh: no profiles in $fleet" >&2; exit 1; }

echo "== machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); $(go version)"
echo "== fleet: $fleet (${#files[@]} files, $(du -sh "$fleet" | cut -f1))"

echo "== check: the same table"
"$ours" --top -i alloc_space "$fleet" >"$out_dir/merge-ours.txt"
go tool pprof -top -sample_index=alloc_space "${files[@]}" >"$out_dir/merge-pprof.txt" 2>/dev/null
if cmp -s "$out_dir/merge-ours.txt" "$out_dir/merge-pprof.txt"; then
  echo "   identical ($(wc -l <"$out_dir/merge-ours.txt") lines)"
else
  diff -u "$out_dir/merge-pprof.txt" "$out_dir/merge-ours.txt" >"$out_dir/merge.diff" || true
  echo "   DIFFERENT: see $out_dir/merge.diff"
fi

# One measured run: appends "wall_s maxrss_kib user_s sys_s" to $1.
measure() {
  local log=$1
  shift
  local tf
  tf=$(mktemp)
  if ! /usr/bin/time -o "$tf" -f '%e %M %U %S' "$@" >/dev/null 2>"$tf.err"; then
    echo "bench-merge.sh: command failed: $*" >&2
    cat "$tf.err" >&2
    rm -f "$tf" "$tf.err"
    exit 1
  fi
  tail -n 1 "$tf" >>"$log"
  rm -f "$tf" "$tf.err"
}

median() {
  awk -v c="$2" '{print $c}' "$1" | sort -g | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'
}
median_cpu() {
  awk '{print $3 + $4}' "$1" | sort -g | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'
}

ours_log="$out_dir/merge-ours.log"
pprof_log="$out_dir/merge-pprof.log"
: >"$ours_log"
: >"$pprof_log"
echo "== $RUNS runs each, interleaved:"
echo "   (a) memprof-tui --top -i alloc_space $fleet"
echo "   (b) go tool pprof -top -sample_index=alloc_space FILES (${#files[@]})"
for i in $(seq 1 "$RUNS"); do
  measure "$ours_log" "$ours" --top -i alloc_space "$fleet"
  measure "$pprof_log" go tool pprof -top -sample_index=alloc_space "${files[@]}"
  printf '   run %d: ours %6ss %8s KiB | pprof %7ss %8s KiB | load %s\n' "$i" \
    "$(tail -n1 "$ours_log" | cut -d' ' -f1)" "$(tail -n1 "$ours_log" | cut -d' ' -f2)" \
    "$(tail -n1 "$pprof_log" | cut -d' ' -f1)" "$(tail -n1 "$pprof_log" | cut -d' ' -f2)" \
    "$(cut -d' ' -f1 /proc/loadavg)"
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
  printf "   targets: wall >= 20x (%s), peak RSS <= 1/4 of pprof i.e. ratio >= 4x (%s)\n",
    (pt / ot >= 20) ? "met" : "MISSED", (pm / om >= 4) ? "met" : "MISSED"
}'
