#!/usr/bin/env bash
# Scores `padan align --batch` on the three gold files of
# ../shared/data/alignment with the shared evaluator (pair and bead P/R/F1,
# null P/R, documents exact), beside the Gale-Church baseline of
# ../shared/data/results, and writes the table for BENCHMARKS.md.
#
#   bench/alignment/run.sh [OUT.md]      (default: bench/alignment/results.md)
#
# Needs python3 and Go; PADAN_SHARED overrides where ../shared is.
set -euo pipefail
cd "$(dirname "$0")/../.."
shared=${PADAN_SHARED:-../shared}
data=$shared/data
out=${1:-bench/alignment/results.md}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

go build -o "$work/padan" ./cmd/padan

{
  echo "| file | pairs P | pairs R | pairs F1 | beads F1 | nulls P | nulls R | docs exact | Gale-Church pairs F1 / beads F1 |"
  echo "|---|---|---|---|---|---|---|---|---|"
  for name in pud-en-id pud-en-id-hard pud-en-id-hard-long; do
    python3 "$data/eval-alignment.py" --batch --json "$work/$name.json" \
      "$data/alignment/$name.jsonl" -- "$work/padan" align --batch --source-lang en --target-lang id >/dev/null
    python3 - "$work/$name.json" "$data/results/$name.gale-church.json" "$name" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
b = json.load(open(sys.argv[2]))
f = lambda k: "%.3f" % r[k] if k in r else "-"
print("| %s | %s | %s | %s | %s | %s | %s | %s | %.3f / %.3f |" % (
    sys.argv[3], f("pairs_p"), f("pairs_r"), f("pairs_f1"), f("beads_f1"),
    f("nulls_p"), f("nulls_r"), f("docs_exact"), b["pairs_f1"], b["beads_f1"]))
PY
  done
} > "$out"
cat "$out"
