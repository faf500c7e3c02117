#!/usr/bin/env bash
# Regenerate every pprof golden under testdata/golden/ from testdata/profiles/.
#
#   scripts/make-goldens.sh            (from anywhere; it works from the repo root)
#
# Each golden is the stdout of one `go tool pprof <flags> testdata/profiles/<p>`
# run from the repo root. testdata/golden/MANIFEST.tsv gets one line per golden:
#
#   golden_file <TAB> profile_file <TAB> flags <TAB> exit=N
#
# golden_file is relative to testdata/golden/, profile_file to
# testdata/profiles/ (several profiles, which pprof merges, joined with "+"); flags are the pprof arguments exactly as passed (one
# argv element each, joined by single spaces; no flag contains a space or a
# tab, and none is quoted for a shell). When pprof exits non-zero, its stderr
# is kept in <golden_file>.stderr and N is its status; on success stderr
# (e.g. "Main binary filename not available.") is dropped.
# testdata/golden/GO_VERSION records `go version`.
#
# The whole folder is rebuilt each time, and the output is byte-identical
# from run to run (TZ=UTC: pprof prints the profile's Time: in local time).
# See testdata/README.md for the naming scheme.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"

export TZ=UTC LC_ALL=C
# Never let pprof pick up a local binary for the recorded mappings.
export PPROF_BINARY_PATH=/nonexistent/memprof-tui-goldens
unset PPROF_TRIM_PATH PPROF_TOOLS PPROF_TMPDIR 2>/dev/null || true

# The profiles record /home/gopher/src/<name>/main.go. If that file exists,
# pprof -list finds it there and the ".nosource" goldens change.
for d in /home/gopher/src/seed /home/gopher/src/retain /home/gopher/src/kinds /home/gopher/src/growth; do
  if [[ -e $d/main.go ]]; then
    echo "error: $d/main.go exists; remove it (it changes pprof -list output)" >&2
    exit 1
  fi
done

profiles_dir=testdata/profiles
out=testdata/golden
rm -rf "$out"
mkdir -p "$out"
go version >"$out/GO_VERSION"
manifest="$out/MANIFEST.tsv"
: >"$manifest"

count=0
failures=0

# gen GOLDEN PROFILE FLAG... : run pprof, store stdout, add a manifest line.
gen() {
  local golden=$1 profile=$2
  shift 2
  local f
  for f in "$@"; do
    if [[ $f == *[[:space:]]* || -z $f ]]; then
      echo "error: flag '$f' for $golden is empty or has whitespace" >&2
      exit 1
    fi
  done
  if [[ -e $out/$golden ]]; then
    echo "error: duplicate golden $golden" >&2
    exit 1
  fi
  local status=0
  mkdir -p "$(dirname "$out/$golden")"
  # Several profiles (merged by pprof) are joined with "+".
  local paths=() part
  IFS=+ read -ra parts <<<"$profile"
  for part in "${parts[@]}"; do
    paths+=("$profiles_dir/$part")
  done
  if [[ $golden == *.gz ]]; then
    # Compressed golden (large tables): gzip -n, so the bytes depend on the text only.
    go tool pprof "$@" "${paths[@]}" >"$out/$golden.tmp" 2>"$out/$golden.stderr" || status=$?
    gzip -n -9 -c "$out/$golden.tmp" >"$out/$golden"
    rm -f "$out/$golden.tmp"
  else
    go tool pprof "$@" "${paths[@]}" >"$out/$golden" 2>"$out/$golden.stderr" || status=$?
  fi
  if [[ $status == 0 ]]; then
    rm -f "$out/$golden.stderr"
  else
    failures=$((failures + 1))
  fi
  printf '%s\t%s\t%s\texit=%d\n' "$golden" "$profile" "$*" "$status" >>"$manifest"
  count=$((count + 1))
}

# sample_types PROFILE: "name/unit" per line, from `pprof -raw` (the line
# after "Samples:"). awk reads everything: an early exit would kill pprof
# with SIGPIPE and fail the pipeline.
sample_types() {
  go tool pprof -raw "$profiles_dir/$1" 2>/dev/null |
    awk 'want { for (i = 1; i <= NF; i++) { sub(/\[dflt\]$/, "", $i); print $i } }
         { want = /^Samples:$/ }'
}

# unit_flag UNIT: the -unit that prints exact integers, or nothing.
unit_flag() {
  case $1 in
    bytes) echo -unit=B ;;
    nanoseconds) echo -unit=ns ;;
    microseconds) echo -unit=us ;;
    milliseconds) echo -unit=ms ;;
    *) ;;
  esac
}

exact=(-nodefraction=0 -edgefraction=0 -nodecount=10000000)
profiles=(
  seed-default.prof seed-rate1.prof seed-rate2048.prof seed-cpu.prof
  retain-mid.prof retain-end.prof
  kinds-goroutine.prof kinds-allocs.prof kinds-heap.prof kinds-mutex.prof kinds-block.prof
)

# --- (a)-(d): every profile x every sample type ------------------------------
for p in "${profiles[@]}"; do
  types="$(sample_types "$p")"
  if [[ -z $types ]]; then
    echo "error: no sample types found in $p" >&2
    exit 1
  fi
  # No -sample_index: pprof's default sample type (last, or default_sample_type).
  gen "$p.nosampleindex.functions.top" "$p" -top "${exact[@]}"
  for tu in $types; do
    t=${tu%%/*}
    u=${tu#*/}
    unit=()
    uf="$(unit_flag "$u")"
    [[ -n $uf ]] && unit=("$uf")
    for gran in functions filefunctions files lines addresses; do
      gen "$p.$t.$gran.top" "$p" -top "-$gran" "-sample_index=$t" "${exact[@]}" ${unit[@]+"${unit[@]}"}
    done
    gen "$p.$t.functions.top.auto" "$p" -top -functions "-sample_index=$t" "${exact[@]}"
    gen "$p.$t.functions.top.default" "$p" -top "-sample_index=$t"
    gen "$p.$t.functions.top.cum" "$p" -top -cum "-sample_index=$t" "${exact[@]}"
    gen "$p.$t.functions.top.nodecount5" "$p" -top "-sample_index=$t" -nodefraction=0 -edgefraction=0 -nodecount=5
  done
done

# --- (e) peek -------------------------------------------------------------------
# peek PROFILE TYPE LABEL REGEX [EXTRA-FLAG...]
peek() {
  local p=$1 t=$2 label=$3 re=$4
  shift 4
  gen "$p.$t.peek.$label" "$p" -peek "$re" "-sample_index=$t" -unit=B "$@"
}
peek seed-default.prof alloc_space main.main '^main\.main$'
peek seed-default.prof alloc_space runtime.main '^runtime\.main$'
peek retain-mid.prof alloc_space main.decodeAll '^main\.decodeAll$'
peek retain-mid.prof alloc_space main.makeRecord '^main\.makeRecord$'
peek retain-mid.prof alloc_space json.Marshal '^encoding/json\.Marshal$'
peek retain-mid.prof alloc_space main.fill '^main\.fill$'
peek retain-mid.prof inuse_space main.fill '^main\.fill$'
peek kinds-heap.prof alloc_space main.grow '^main\.grow$'
peek kinds-heap.prof inuse_space main.grow '^main\.grow$'
peek kinds-heap.prof alloc_space main.countdown '^main\.countdown$'
peek kinds-heap.prof alloc_space main.label '^main\.label$'
# A regex matching several functions: one block per match.
peek retain-mid.prof alloc_space main.all '^main\.'

# --- (f) list -------------------------------------------------------------------
# list PROFILE TYPE LABEL REGEX [EXTRA-FLAG...]: with -source_path=testdata/src,
# and ".nosource" without (pprof prints "Error: open ...: no such file").
list() {
  local p=$1 t=$2 label=$3 re=$4
  shift 4
  gen "$p.$t.list.$label" "$p" -list "$re" "-sample_index=$t" -unit=B -source_path=testdata/src "$@"
  gen "$p.$t.list.$label.nosource" "$p" -list "$re" "-sample_index=$t" -unit=B "$@"
}
list seed-default.prof alloc_space main.main '^main\.main$'
list seed-default.prof inuse_space main.main '^main\.main$'
list retain-mid.prof alloc_space main.makeRecord '^main\.makeRecord$'
list retain-mid.prof alloc_space main.fill '^main\.fill$'
list retain-mid.prof inuse_space main.fill '^main\.fill$'
# decodeAll has inlined calls (bytes.NewReader, json.NewDecoder on line 63).
list retain-mid.prof alloc_space main.decodeAll '^main\.decodeAll$'
# A generic method: pprof names it main.(*Cache[...]).Put.
list retain-mid.prof alloc_space main.Cache.Put 'Cache.*Put$'
list kinds-heap.prof alloc_space main.grow '^main\.grow$'
list kinds-heap.prof inuse_space main.grow '^main\.grow$'
list kinds-heap.prof alloc_space main.label '^main\.label$'

# --- (g) filters ------------------------------------------------------------------
# filt PROFILE TYPE UNIT-FLAG KIND LABEL FLAG... : functions top with exact values.
filt() {
  local p=$1 t=$2 uf=$3 kind=$4 label=$5
  shift 5
  gen "$p.$t.functions.top.$kind.$label" "$p" -top -functions "-sample_index=$t" "${exact[@]}" "$uf" "$@"
}
R=(retain-mid.prof alloc_space -unit=B)
filt "${R[@]}" focus main.fill '-focus=main\.fill'
filt "${R[@]}" focus json '-focus=json'
filt "${R[@]}" focus decodeAll '-focus=^main\.decodeAll$'
filt "${R[@]}" focus nomatch '-focus=nomatch_xyz'
filt "${R[@]}" ignore json '-ignore=encoding/json'
filt "${R[@]}" ignore runtime '-ignore=^runtime\.'
filt "${R[@]}" ignore all '-ignore=.'
filt "${R[@]}" hide runtime '-hide=^runtime\.'
filt "${R[@]}" hide json '-hide=json'
filt "${R[@]}" show main '-show=^main\.'
filt "${R[@]}" show json '-show=json'
filt "${R[@]}" show_from decodeAll '-show_from=^main\.decodeAll$'
filt "${R[@]}" show_from json '-show_from=json'
filt "${R[@]}" show_from nomatch '-show_from=nomatch_xyz'
filt "${R[@]}" prune_from json '-prune_from=^encoding/json\.'
filt "${R[@]}" prune_from Marshal '-prune_from=json\.Marshal$'
filt "${R[@]}" prune_from main '-prune_from=^main\.'
# Numeric tag filters on the "bytes" label (object size). A bare number has
# no unit and matches no byte-valued label, so ":64" matches nothing.
filt "${R[@]}" tagfocus bytes_ge_1kb '-tagfocus=bytes=1kb:'
filt "${R[@]}" tagfocus bytes_le_64b '-tagfocus=bytes=:64b'
filt "${R[@]}" tagfocus 64b_1kb '-tagfocus=64b:1kb'
filt "${R[@]}" tagfocus bytes_eq_704512b '-tagfocus=bytes=704512b'
filt "${R[@]}" tagfocus bytes_le_64_nounit '-tagfocus=bytes=:64'
filt "${R[@]}" tagignore bytes_le_64b '-tagignore=bytes=:64b'
filt "${R[@]}" tagignore bytes_le_64_nounit '-tagignore=bytes=:64'
filt "${R[@]}" tagignore bytes_ge_1kb '-tagignore=bytes=1kb:'
# Two filters at once.
filt "${R[@]}" focus_ignore main.json '-focus=^main\.' '-ignore=json'
filt "${R[@]}" focus_hide decodeAll.reflect '-focus=^main\.decodeAll$' '-hide=^reflect\.'
filt "${R[@]}" focus_show json.main '-focus=json' '-show=^main\.'
filt "${R[@]}" focus_tagfocus main.fill.bytes_ge_1kb '-focus=main\.fill' '-tagfocus=bytes=1kb:'
filt "${R[@]}" show_from_hide decodeAll.runtime '-show_from=^main\.decodeAll$' '-hide=^runtime\.'
filt "${R[@]}" ignore_tagignore json.bytes_le_64b '-ignore=encoding/json' '-tagignore=bytes=:64b'
# Percentages relative to the focused total.
filt "${R[@]}" focus_relative main.fill '-focus=main\.fill' -relative_percentages
filt "${R[@]}" focus_relative json '-focus=json' -relative_percentages
filt "${R[@]}" hide_relative runtime '-hide=^runtime\.' -relative_percentages

R=(retain-mid.prof inuse_space -unit=B)
filt "${R[@]}" focus Cache '-focus=Cache'
filt "${R[@]}" tagfocus bytes_ge_1kb '-tagfocus=bytes=1kb:'

S=(seed-default.prof alloc_space -unit=B)
filt "${S[@]}" focus main.main '-focus=main\.main'
filt "${S[@]}" ignore main.main '-ignore=^main\.main$'
filt "${S[@]}" hide runtime '-hide=^runtime\.'
filt "${S[@]}" show_from main.main '-show_from=^main\.main$'
filt "${S[@]}" tagfocus bytes_ge_10mb '-tagfocus=bytes=10mb:'
filt "${S[@]}" focus_relative pprof '-focus=pprof' -relative_percentages

K=(kinds-heap.prof alloc_space -unit=B)
filt "${K[@]}" focus main.grow '-focus=^main\.grow$'
filt "${K[@]}" hide main.grow '-hide=^main\.grow$'
filt "${K[@]}" ignore flate '-ignore=compress/flate'
filt "${K[@]}" show_from main.grow '-show_from=^main\.grow$'
filt "${K[@]}" prune_from main.grow '-prune_from=^main\.grow$'
filt "${K[@]}" show main '-show=^main\.'
filt "${K[@]}" focus_relative main.label '-focus=^main\.label$' -relative_percentages
K=(kinds-heap.prof inuse_space -unit=B)
filt "${K[@]}" focus main.grow '-focus=^main\.grow$'
filt "${K[@]}" tagfocus bytes_ge_4kb '-tagfocus=bytes=4kb:'

M=(kinds-mutex.prof delay -unit=ns)
filt "${M[@]}" focus bank '-focus=main\.bank'
filt "${M[@]}" hide sync '-hide=^sync\.'

# Filters with -peek and -list (main.decodeAll, retain-mid alloc_space).
peek retain-mid.prof alloc_space main.decodeAll.focus.json '^main\.decodeAll$' '-focus=json'
peek retain-mid.prof alloc_space main.decodeAll.hide.runtime '^main\.decodeAll$' '-hide=^runtime\.'
peek retain-mid.prof alloc_space main.fill.tagfocus.bytes_ge_1kb '^main\.fill$' '-tagfocus=bytes=1kb:'
peek retain-mid.prof alloc_space main.fill.focus.nomatch '^main\.fill$' '-focus=nomatch_xyz'
list retain-mid.prof alloc_space main.decodeAll.focus.json '^main\.decodeAll$' '-focus=json'
list retain-mid.prof alloc_space main.decodeAll.hide.runtime '^main\.decodeAll$' '-hide=^runtime\.'
list retain-mid.prof alloc_space main.fill.tagfocus.bytes_ge_1kb '^main\.fill$' '-tagfocus=bytes=1kb:'
# Regexes that match nothing.
peek retain-mid.prof alloc_space nomatch 'nomatch_xyz'
list retain-mid.prof alloc_space nomatch 'nomatch_xyz'

# --- (h) traces -------------------------------------------------------------------
# traces PROFILE TYPE SUFFIX [EXTRA-FLAG...]: every sample's stack (pprof -traces).
traces() {
  local p=$1 t=$2 sfx=$3
  shift 3
  gen "$p.$t.traces$sfx" "$p" -traces "-sample_index=$t" "$@"
}
traces seed-default.prof alloc_space ""
traces kinds-goroutine.prof goroutine ""
traces kinds-mutex.prof delay ""
# Sample types and granularities (inlined frames, addresses, files, a fixed unit).
traces seed-cpu.prof cpu ""
traces seed-cpu.prof samples .lines -lines
traces kinds-heap.prof inuse_space ""
traces kinds-heap.prof alloc_objects .addresses -addresses
traces kinds-heap.prof alloc_space .filefunctions -filefunctions -unit=B
traces kinds-block.prof contentions .files -files
traces kinds-mutex.prof delay .lines -lines -unit=ns
# Refinements: every filter, two at once, relative percentages (only the header's total
# could change), a filter that matches nothing.
R=(retain-mid.prof alloc_space)
traces "${R[@]}" .focus.json '-focus=json'
traces "${R[@]}" .ignore.json '-ignore=encoding/json'
traces "${R[@]}" .hide.runtime '-hide=^runtime\.'
traces "${R[@]}" .show.main '-show=^main\.'
traces "${R[@]}" .show_from.decodeAll '-show_from=^main\.decodeAll$'
traces "${R[@]}" .prune_from.json '-prune_from=^encoding/json\.'
traces "${R[@]}" .tagfocus.bytes_ge_1kb '-tagfocus=bytes=1kb:'
traces "${R[@]}" .tagignore.bytes_le_64b '-tagignore=bytes=:64b'
traces "${R[@]}" .focus_hide.decodeAll.reflect '-focus=^main\.decodeAll$' '-hide=^reflect\.'
traces "${R[@]}" .focus.nomatch '-focus=nomatch_xyz'
traces "${R[@]}" .lines.focus.main.fill -lines '-focus=main\.fill'
traces seed-cpu.prof cpu .focus_relative.main '-focus=^main\.' -relative_percentages
traces kinds-heap.prof alloc_space .hide.main.grow '-hide=^main\.grow$'
# A diff: base samples carry the pprof::base label.
gen growth-end.prof.diff_base.inuse_space.traces growth-end.prof -traces -diff_base=testdata/profiles/growth-mid.prof -sample_index=inuse_space
# Labels from other producers, and profiles whose identical samples pprof merges.
gen realworld/go-cpu-labels.pb.gz.cpu.traces.tagfocus.api_query.gz realworld/go-cpu-labels.pb.gz -traces -sample_index=cpu -tagfocus=api=query
gen realworld/go-cpu-exemplars.pb.gz.cpu.traces.tagfocus.function_fast.gz realworld/go-cpu-exemplars.pb.gz -traces -sample_index=cpu -tagfocus=function=fast
gen realworld/node-perfmap.pb.gz.traces.gz realworld/node-perfmap.pb.gz -traces
gen legacy/go.crc32.cpu.traces legacy/go.crc32.cpu -traces
gen legacy/cppbench.growth.traces.lines legacy/cppbench.growth -traces -lines

# --- (j) diffs: -diff_base / -base, with and without -normalize --------------------
# Pairs of heap profiles of one run (mid-run and end): the end profile minus the mid one,
# for every sample type at functions and lines granularity with exact values, pprof's
# default table (default units and node fraction), and a few -peek/-list. The base is
# given relative to the repo root, where pprof runs.
for pair in retain growth; do
  end=$pair-end.prof
  base=$profiles_dir/$pair-mid.prof
  for mode in diff_base base; do
    for norm in "" normalize; do
      nflag=()
      sfx=$mode
      [[ -n $norm ]] && nflag=(-normalize) && sfx=$mode.normalize
      for tu in $(sample_types "$end"); do
        t=${tu%%/*}
        for gran in functions lines; do
          gen "$end.$sfx.$t.$gran.top" "$end" -top "-$gran" "-$mode=$base" ${nflag[@]+"${nflag[@]}"} "-sample_index=$t" "${exact[@]}" -unit=B
        done
        gen "$end.$sfx.$t.functions.top.default" "$end" -top "-$mode=$base" ${nflag[@]+"${nflag[@]}"} "-sample_index=$t"
      done
    done
  done
done
# diffpeek/difflist PROFILE MODE TYPE LABEL REGEX: the end profile minus the mid one.
diffpeek() {
  gen "$1.$2.$3.peek.$4" "$1" -peek "$5" "-$2=$profiles_dir/${1%-end.prof}-mid.prof" "-sample_index=$3" -unit=B
}
difflist() {
  gen "$1.$2.$3.list.$4" "$1" -list "$5" "-$2=$profiles_dir/${1%-end.prof}-mid.prof" "-sample_index=$3" -unit=B -source_path=testdata/src
}
diffpeek growth-end.prof diff_base inuse_space main.growIndex '^main\.growIndex$'
diffpeek growth-end.prof diff_base inuse_space main.all '^main\.'
diffpeek growth-end.prof base alloc_space main.addEntry '^main\.addEntry$'
diffpeek retain-end.prof diff_base inuse_space main.fill '^main\.fill$'
difflist growth-end.prof diff_base inuse_space main.addEntry '^main\.addEntry$'
difflist growth-end.prof base inuse_space main.openSessions '^main\.openSessions$'
difflist growth-end.prof diff_base alloc_objects main.handleRequests '^main\.handleRequests$'
difflist retain-end.prof base inuse_space main.fill '^main\.fill$'

# --- (i) other producers, legacy formats, synthetic names ---------------------------
# Every profile under profiles/realworld/ (other producers' profile.proto, provenance in
# its SOURCES.tsv), profiles/legacy/ (pre-proto formats pprof reads, provenance in its
# SOURCES.tsv) and profiles/synthetic/: pprof's default -top, and for each sample type
# the exact-value table at functions, files and lines granularity. A sample type with an
# empty name is selected by its index. The goldens of realworld/ are gzipped (.gz):
# some of those tables have thousands of rows.
for d in realworld legacy synthetic; do
  for path in "$profiles_dir/$d"/*; do
    [[ -e $path ]] || continue
    p="$d/$(basename "$path")"
    [[ $p == *.tsv || $p == *.md ]] && continue
    z=
    [[ $d == realworld ]] && z=.gz
    gen "$p.top.default$z" "$p" -top
    i=0
    for tu in $(sample_types "$p"); do
      t=${tu%%/*}
      u=${tu#*/}
      sel=$t
      [[ -z $t ]] && sel=$i
      i=$((i + 1))
      unit=()
      uf="$(unit_flag "$u")"
      [[ -n $uf ]] && unit=("$uf")
      for gran in functions files lines; do
        gen "$p.$sel.$gran.top$z" "$p" -top "-$gran" "-sample_index=$sel" "${exact[@]}" ${unit[@]+"${unit[@]}"}
      done
    done
  done
done

# --- (j) pprof's own spellings --------------------------------------------------------
# Flags as users paste them from pprof: sample-type shorthands, -text, -trim=false, a
# value in the next argument, two sample-type selections (pprof keeps the first and
# warns). tests/pprof_goldens.rs passes these flags to memprof-tui verbatim.
gen seed-default.prof.spelling.alloc_space.top seed-default.prof -alloc_space -top
gen retain-mid.prof.spelling.inuse_objects.lines.text retain-mid.prof -text -inuse_objects -lines
gen retain-mid.prof.spelling.alloc_objects.trim_false retain-mid.prof -top -alloc_objects -trim=false
gen retain-mid.prof.spelling.sample_index_next_arg retain-mid.prof -top -sample_index alloc_space -cum -unit=kB
gen retain-mid.prof.spelling.two_selections retain-mid.prof -top -sample_index=alloc_space -inuse_objects
gen retain-mid.prof.spelling.focus_files retain-mid.prof -top -alloc_space -files -focus=json -nodecount=8
gen kinds-mutex.prof.spelling.total_delay kinds-mutex.prof -top -total_delay
gen kinds-block.prof.spelling.contentions kinds-block.prof -top -contentions -flat
gen kinds-heap.prof.spelling.peek kinds-heap.prof -peek=^main\\.grow$ -alloc_space

# --- (k) merges: several profiles on one command line, which pprof merges -------------
# Two snapshots of one run, three runs at different sampling rates (periods differ), an
# allocs and a heap profile (default sample types differ), and two programs (the first
# one's binary names the merge): pprof's default table, and the exact table of every
# sample type at function, line and address granularity.
merges=(
  growth-mid.prof+growth-end.prof
  retain-mid.prof+retain-end.prof
  seed-default.prof+seed-rate1.prof+seed-rate2048.prof
  kinds-allocs.prof+kinds-heap.prof
  growth-end.prof+retain-end.prof
)
for m in "${merges[@]}"; do
  first=${m%%+*}
  gen "merge/$m.top.default" "$m" -top
  for tu in $(sample_types "$first"); do
    t=${tu%%/*}
    u=${tu#*/}
    unit=()
    uf="$(unit_flag "$u")"
    [[ -n $uf ]] && unit=("$uf")
    for gran in functions lines addresses; do
      gen "merge/$m.$t.$gran.top" "$m" -top "-$gran" "-sample_index=$t" "${exact[@]}" ${unit[@]+"${unit[@]}"}
    done
  done
done

echo "wrote $count goldens to $out ($failures with a non-zero pprof exit status)"
