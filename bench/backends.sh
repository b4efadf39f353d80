#!/usr/bin/env bash
# Compare padan's backends on the gen_tm.py memory of UNITS units (default
# 100000): run bench/lookup on a fresh SQLite file and, when a PostgreSQL
# database is given, on a fresh schema of it, one after the other, then
# write the two reports side by side as a Markdown table to
# bench/lookup/backends-UNITS.md. The JSON reports stay in the work folder
# (PADAN_BENCH_DIR, default $TMPDIR/padan-bench), with the TMX and queries,
# which later runs reuse. Further arguments go to bench/lookup.
#
#   bash bench/backends.sh 100000
#   PADAN_BENCH_POSTGRES=$(bash .ci/postgres) bash bench/backends.sh 1000000 -scan 100
#
# The PostgreSQL database is PADAN_BENCH_POSTGRES, else PADAN_TEST_POSTGRES
# (a postgres:// URL; .ci/postgres prints one). Without either, or when
# its run fails, the table has SQLite alone and says PostgreSQL is pending.
set -euo pipefail
cd "$(dirname "$0")/.."

units=${1:-100000}
shift || true
dir=${PADAN_BENCH_DIR:-${TMPDIR:-/tmp}/padan-bench}
out=bench/lookup/backends-$units.md
pg=${PADAN_BENCH_POSTGRES:-${PADAN_TEST_POSTGRES:-}}
export PADAN_SHARED=${PADAN_SHARED:-$(cd .. && pwd)/shared}

mkdir -p "$dir"
go build -o "$dir/lookup-bench" ./bench/lookup
go build -o "$dir/padan" ./cmd/padan
bench() { "$dir/lookup-bench" -units "$units" -dir "$dir" -padan "$dir/padan" "$@"; }

load() { cut -d ' ' -f 1-3 /proc/loadavg; }
started="$(date -u '+%F %H:%M') UTC, load average $(load)"
echo "backends: SQLite, $units units" >&2
bench "$@" >"$dir/sqlite-$units.json"
reports=("$dir/sqlite-$units.json")
notes=()
if [ -z "$pg" ]; then
  notes+=("PostgreSQL: pending (neither PADAN_BENCH_POSTGRES nor PADAN_TEST_POSTGRES is set).")
else
  echo "backends: PostgreSQL, $units units" >&2
  if bench -db "$pg" "$@" >"$dir/postgres-$units.json" 2>"$dir/postgres-$units.err"; then
    reports+=("$dir/postgres-$units.json")
  else
    notes+=("PostgreSQL: pending, its run failed: \`$(tail -n 1 "$dir/postgres-$units.err")\`.")
  fi
fi

{
  echo "\`bash bench/backends.sh $units${*:+ $*}\`, started $started; $(nproc) CPUs," \
    "$(awk '/^MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo), $(go env GOVERSION); finished with load average $(load)."
  echo
  "$dir/lookup-bench" -table "${reports[@]}"
  for n in "${notes[@]}"; do
    echo
    echo "$n"
  done
} >"$out"
echo "backends: wrote $out" >&2
