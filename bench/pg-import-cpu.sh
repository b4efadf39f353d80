#!/usr/bin/env bash
# What a PostgreSQL import costs the server's CPU: import TMX with
# `padan import-tm` into a fresh schema, sample the CPU time of the
# import's backend processes until they exit (/proc/PID/schedstat, so the
# server must run on this machine), then merge what the import left in
# the pending lists of memory_entry's two GIN indexes
# (gin_clean_pending_list, as the schema's owner) and count that CPU too:
# the next writer or autovacuum would pay it. SETTINGS (optional) are
# settings of the import's session, as URL parameters; the merge runs with
# maintenance_work_mem set to the same work_mem. The schema is dropped at
# the end. Prints one line: settings, server CPU of the import and of the
# merge, per unit, wall and client CPU, load average before and after.
#
#   PADAN_BENCH_POSTGRES=$(bash .ci/postgres) bash bench/pg-import-cpu.sh /tmp/padan-bench/tm-100000.tmx
#   PADAN_BENCH_POSTGRES=... bash bench/pg-import-cpu.sh TMX 'gin_pending_list_limit=256MB&work_mem=256MB'
#
# PADAN_BIN is the padan binary (default: built from this tree into a
# temporary folder); PADAN_BENCH_SCHEMA names the schema (default
# importcpu_PID).
# Needs psql, bc and GNU time.
set -euo pipefail
cd "$(dirname "$0")/.."

tmx=$1
settings=${2:-}
base=${PADAN_BENCH_POSTGRES:-${PADAN_TEST_POSTGRES:?set PADAN_BENCH_POSTGRES to a postgres:// URL}}
work=$(mktemp -d)
schema=${PADAN_BENCH_SCHEMA:-importcpu_$$}
app=padan_importcpu_$$
bin=${PADAN_BIN:-}
if [ -z "$bin" ]; then
  bin=$work/padan
  go build -o "$bin" ./cmd/padan
fi
sep='?'
case $base in *\?*) sep='&' ;; esac
url="$base${sep}search_path=$schema&application_name=$app${settings:+&$settings}"
# psql takes no search_path in a URL: the settings go as PGOPTIONS.
pgoptions="-c search_path=$schema"
IFS='&' read -ra kvs <<<"$settings"
for kv in "${kvs[@]}"; do pgoptions+=" -c $kv"; done
sql() { PGOPTIONS=$pgoptions psql -X -q -v ON_ERROR_STOP=1 "$base" "$@"; }
cleanup() {
  sql -c "DROP SCHEMA IF EXISTS $schema CASCADE" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

sql -c "CREATE SCHEMA $schema" >/dev/null
"$bin" --db "$url" db init >/dev/null
load0=$(cut -d ' ' -f 1-3 /proc/loadavg)
/usr/bin/time -f '%e %U %S' -o "$work/time" "$bin" --db "$url" import-tm -q "$tmx" >"$work/out" 2>&1 &
importer=$!
# The import's backends: looked up each second, their CPU read each 0.1 s
# (what a backend spends in its last 0.1 s is missed).
declare -A cpu
pids=
i=0
while kill -0 "$importer" 2>/dev/null; do
  if ((i++ % 10 == 0)); then
    pids=$(sql -tA -c "SELECT pid FROM pg_stat_activity WHERE application_name = '$app'" 2>/dev/null || true)
  fi
  for p in $pids; do
    v=$(cut -d ' ' -f 1 "/proc/$p/schedstat" 2>/dev/null || true)
    if [ -n "$v" ]; then cpu[$p]=$v; fi
  done
  sleep 0.1
done
if ! wait "$importer"; then
  cat "$work/out" >&2
  exit 1
fi
load1=$(cut -d ' ' -f 1-3 /proc/loadavg)
import_ns=0
for p in "${!cpu[@]}"; do import_ns=$((import_ns + cpu[$p])); done
units=$(sql -tA -c "SELECT count(*) FROM memory_entry")
# The merge, in a session whose backend's CPU psql itself reads.
pages=$(sql -tA <<SQL
SELECT set_config('maintenance_work_mem', current_setting('work_mem'), false) \gset
SELECT pg_backend_pid() AS pid \gset
\setenv PID :pid
\! cut -d ' ' -f 1 /proc/\$PID/schedstat >$work/m0
SELECT gin_clean_pending_list('memory_entry_source_words') + gin_clean_pending_list('memory_entry_target_words');
\! cut -d ' ' -f 1 /proc/\$PID/schedstat >$work/m1
SQL
)
m0=$(<"$work/m0")
m1=$(<"$work/m1")
read -r wall user sys <"$work/time"
s() { echo "scale=2; $1 / 1000000000" | bc; }
echo "settings=[${settings:-defaults}] units=$units import_server_cpu=$(s "$import_ns")s" \
  "merge_server_cpu=$(s $((m1 - m0)))s (pending pages $pages) total=$(s $((import_ns + m1 - m0)))s" \
  "= $(echo "scale=1; ($import_ns + $m1 - $m0) / 1000 / $units" | bc) µs/unit;" \
  "wall ${wall}s client ${user}+${sys}s; load $load0 -> $load1"
