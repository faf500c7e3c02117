#!/usr/bin/env bash
# Seeds fuzz/corpus/<target>/ from the committed test data (see docs/FUZZING.md):
#   load_raw            every testdata/profiles/*.prof as is (gzipped) and gunzipped, and
#                       every file of testdata/bad/ (the bad-input corpus)
#   reports_and_render  the gunzipped profiles and the valid files of testdata/bad/
#                       (hostile strings, huge numbers), raw
#   load_structured     nothing: its input is an `arbitrary` byte stream, not a profile
# Existing corpus files are kept; seeds are named after their source.
set -euo pipefail
cd "$(dirname "$0")"
root=..
mkdir -p corpus/load_raw corpus/reports_and_render corpus/load_structured
for f in "$root"/testdata/profiles/*.prof; do
  b=$(basename "$f")
  cp "$f" "corpus/load_raw/seed-$b"
  gzip -dc "$f" > "corpus/load_raw/seed-$b.raw"
  cp "corpus/load_raw/seed-$b.raw" "corpus/reports_and_render/seed-$b.raw"
done
for f in "$root"/testdata/bad/*; do
  b=$(basename "$f")
  [ "$b" = EXPECT.tsv ] && continue
  cp "$f" "corpus/load_raw/bad-$b"
done
# The valid ones: exit code 0 in the manifest.
awk -F'\t' '!/^#/ && $2 == 0 { print $1 }' "$root"/testdata/bad/EXPECT.tsv | while read -r b; do
  case "$b" in
    *.gz) gzip -dc "$root/testdata/bad/$b" > "corpus/reports_and_render/bad-${b%.gz}" ;;
    *) cp "$root/testdata/bad/$b" "corpus/reports_and_render/bad-$b" ;;
  esac
done
echo "seeded: $(ls corpus/load_raw | wc -l) load_raw, $(ls corpus/reports_and_render | wc -l) reports_and_render"
