#!/usr/bin/env bash
# Scores `padan segment --batch` on every gold file of ../shared/data/segmentation
# with the shared evaluator (boundary P/R/F1, --lenient), beside the best
# baseline of ../shared/data/results, and writes the table for BENCHMARKS.md.
#
#   bench/segmentation/run.sh [OUT.md]      (default: bench/segmentation/results.md)
#
# Needs python3 and Go; PADAN_SHARED overrides where ../shared is.
set -euo pipefail
cd "$(dirname "$0")/../.."
shared=${PADAN_SHARED:-../shared}
data=$shared/data
out=${1:-bench/segmentation/results.md}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

go build -o "$work/padan" ./cmd/padan

{
  echo "| file | P | R | F1 | exact | glued recall | best baseline F1 (system) |"
  echo "|---|---|---|---|---|---|---|"
  for gold in "$data"/segmentation/*.jsonl; do
    name=$(basename "$gold" .jsonl)
    lang=${name%%-*}
    python3 "$data/eval-segmentation.py" --batch --lenient --json "$work/$name.json" \
      "$gold" -- "$work/padan" segment --lang "$lang" --batch - >/dev/null
    python3 - "$work/$name.json" "$data/results" "$name" <<'PY'
import glob, json, os, sys
r = json.load(open(sys.argv[1]))
best, system = 0.0, "-"
for f in glob.glob(os.path.join(sys.argv[2], sys.argv[3] + ".*.json")):
    b = json.load(open(f))
    if b.get("f1", 0) > best:
        best, system = b["f1"], os.path.basename(f)[len(sys.argv[3]) + 1:-5]
glued = "%.3f" % r["glued_recall"] if "glued_recall" in r else ""
print("| %s | %.3f | %.3f | %.3f | %.3f | %s | %.3f (%s) |" % (
    sys.argv[3], r["precision"], r["recall"], r["f1"], r["exact"], glued, best, system))
PY
  done
} > "$out"
cat "$out"
