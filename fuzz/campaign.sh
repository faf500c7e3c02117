#!/usr/bin/env bash
# Runs one fuzz target for a time budget, restarting it after each crash, and prints the
# executions of every run (see docs/FUZZING.md, "Campaign and findings").
#   fuzz/campaign.sh TARGET SECONDS MAX_LEN [LOG_DIR]
# Build the targets first, e.g. `cargo +nightly fuzz build -s none -a -O` (the binaries
# are looked up in $CARGO_TARGET_DIR or fuzz/target). A crash's input is kept in
# fuzz/artifacts/TARGET/; the campaign stops after 30 crashes. Extra libFuzzer flags may
# be given in FUZZ_FLAGS (e.g. FUZZ_FLAGS=-len_control=0 for long inputs at once).
set -uo pipefail
cd "$(dirname "$0")"
t=$1; budget=$2; maxlen=$3; logs=${4:-campaign-logs}
bin="${CARGO_TARGET_DIR:-target}/x86_64-unknown-linux-gnu/release/$t"
[ -x "$bin" ] || { echo "campaign: no fuzz binary at $bin; build it first" >&2; exit 2; }
mkdir -p "artifacts/$t" "corpus/$t" "$logs"
end=$(( $(date +%s) + budget )); n=0; total=0
while :; do
  left=$(( end - $(date +%s) ))
  [ "$left" -le 5 ] && break
  [ "$n" -ge 30 ] && { echo "=== $t: 30 crashes, stopping"; break; }
  log="$logs/$t-$n.log"
  echo "=== $t run $n start $(date -u +%FT%TZ) for ${left}s"
  "$bin" "corpus/$t" -timeout=10 -rss_limit_mb=2048 -max_len="$maxlen" \
    -max_total_time="$left" -artifact_prefix="artifacts/$t/" -print_final_stats=1 \
    ${FUZZ_FLAGS:-} >"$log" 2>&1
  rc=$?
  execs=$(grep -o 'stat::number_of_executed_units: [0-9]*' "$log" | grep -o '[0-9]*$' || true)
  execs=${execs:-$(grep -oE '^#[0-9]+' "$log" | tail -1 | tr -d '#')}
  total=$(( total + ${execs:-0} ))
  echo "=== $t run $n end $(date -u +%FT%TZ) rc=$rc execs=${execs:-0}"
  n=$(( n + 1 ))
done
echo "=== $t total executions: $total in $n run(s), crashes: $(ls "artifacts/$t" | wc -l)"
