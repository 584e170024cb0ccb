#!/usr/bin/env bash
# Runs the benchmarks behind the README's "Benchmarks" table and prints
# every ratio, then one table "name  value  goal  met". Run it from a clone
# after the README's set-up (Go, and `bash .ci/install-clients.sh`; moto_server,
# boto3 and python3 come with the image's pyenv Python):
#   bash scripts/bench.sh
# Each ratio is measured inside one run, interleaved, so it is steadier than
# the absolute figures; the whole script takes a few minutes (the 1e6-object
# report and seeding benchmarks are most of it). The go test output is shown
# as it comes and kept in a temporary directory, whose path is printed.
# Exit status: 0 when every figure was measured (whether or not it meets its
# goal), 1 when a benchmark failed or skipped (its row says so).
set -uo pipefail
cd "$(dirname "$0")/.."
export PATH="$PATH:/usr/local/go/bin"
export GOFLAGS="${GOFLAGS:-} -buildvcs=false"

if ! command -v go >/dev/null; then
  echo "bench.sh: go is not on PATH (see the README's set-up)" >&2
  exit 1
fi

logs=$(mktemp -d "${TMPDIR:-/tmp}/s3fake-bench.XXXXXX")
echo "bench.sh: go test output in $logs"
failed=()

# bench NAME PKG PATTERN BENCHTIME: runs the benchmarks matching PATTERN in
# PKG once, into $logs/NAME.txt (and stdout).
bench() {
  local name=$1 pkg=$2 pattern=$3 benchtime=$4
  echo
  echo "== $name: go test -run '^\$' -bench '$pattern' -benchtime $benchtime $pkg"
  if ! go test -run '^$' -bench "$pattern" -benchtime "$benchtime" -v "$pkg" 2>&1 |
    grep -v -E '^(=== RUN|goos:|goarch:|cpu:)' | tee "$logs/$name.txt"; then
    failed+=("$name")
  fi
}

bench start ./s3fake '^BenchmarkStart$' 1s
bench sdk ./s3fake '^BenchmarkSDKInventoryVsHeadBucket$' 2s
bench handler ./s3fake '^BenchmarkPutInventoryHandler$' 1s
bench objects ./s3fake '^BenchmarkObjectCalls$' 3000x
bench handler-objects ./s3fake '^BenchmarkObjectHandler$' 1s
bench throughput ./s3fake '^BenchmarkObjectThroughput$' 100x
bench moto-raw ./compat '^BenchmarkInventoryVsMoto$' 3s
bench moto-boto3 ./compat '^BenchmarkInventoryVsMotoBoto3$' 2x
bench report ./inventory/report '^BenchmarkReport(ORC)?1e6$' 1x
bench seed ./internal/objstore '^BenchmarkSeed(S3mem)?$' 1000000x
bench datadir ./s3fake '^BenchmarkDataDir$' 200x

# metric FILE BENCH UNIT: the value go test printed before UNIT on BENCH's
# result line (BENCH without the -GOMAXPROCS suffix), or nothing.
metric() {
  awk -v b="$2" -v u="$3" '
    /^Benchmark/ {
      n = $1; sub(/-[0-9]+$/, "", n)
      if (n == b) for (i = 3; i <= NF; i++) if ($i == u) v = $(i - 1)
    }
    END { if (v != "") print v }' "$logs/$1.txt" 2>/dev/null
}

# Table rows: name, value, goal (an operator and a number, or "-" for a
# figure without one).
rows=()
missing=0
# row NAME VALUE GOAL [FORMAT]
row() {
  local name=$1 value=$2 goal=$3 format=${4:-%.2f} met="-" shown
  if [ -z "$value" ]; then
    shown="MISSING"
    met="(skipped or failed: see above)"
    missing=1
  else
    shown=$(awk -v v="$value" -v f="$format" 'BEGIN { printf f, v }')
    case "$goal" in
      "<= "*) met=$(awk -v v="$value" -v g="${goal#<= }" 'BEGIN { print (v <= g) ? "yes" : "NO" }') ;;
      ">= "*) met=$(awk -v v="$value" -v g="${goal#>= }" 'BEGIN { print (v >= g) ? "yes" : "NO" }') ;;
    esac
  fi
  rows+=("$(printf '%-58s %10s  %-8s %s' "$name" "$shown" "$goal" "$met")")
}

# divide A B: A/B, or nothing when either is missing.
divide() {
  [ -n "$1" ] && [ -n "$2" ] && awk -v a="$1" -v b="$2" 'BEGIN { if (b != 0) print a / b }'
}

row "Start: s3fake.New / bare gofakes3 (time ratio)" \
  "$(metric start BenchmarkStart ratio)" "<= 2"
row "Inventory Put+Get, raw signed Go client: moto / s3fake" \
  "$(metric moto-raw BenchmarkInventoryVsMoto moto/s3fake)" ">= 20" "%.1f"
row "Inventory Put+Get, raw client: moto / no-work floor server" \
  "$(metric moto-raw BenchmarkInventoryVsMoto moto/floor)" "-" "%.1f"
row "Inventory Put+Get, boto3: moto / s3fake" \
  "$(metric moto-boto3 BenchmarkInventoryVsMotoBoto3 moto/s3fake)" "-"
row "PutBucketInventoryConfiguration through the handler, µs" \
  "$(metric handler BenchmarkPutInventoryHandler µs/put)" "<= 10" "%.1f"
row "PutBucketInventoryConfiguration through the handler, allocs" \
  "$(awk '/^BenchmarkPutInventoryHandler/ { for (i = 3; i <= NF; i++) if ($i == "allocs/op") v = $(i - 1) } END { print v }' "$logs/handler.txt")" "<= 40" "%.0f"
for call in PutObject GetObject HeadObject ListObjectsV2; do
  row "$call, raw signed client: s3fake / bare gofakes3" \
    "$(metric objects "BenchmarkObjectCalls/$call" ratio)" "<= 1"
done
for call in PutObject GetObject HeadObject; do
  ours=$(metric handler-objects "BenchmarkObjectHandler/$call/s3fake" cpu-µs/call)
  theirs=$(metric handler-objects "BenchmarkObjectHandler/$call/gofakes3" cpu-µs/call)
  row "$call (1 KiB), handler CPU: s3fake / gofakes3" "$(divide "$ours" "$theirs")" "-"
done
for call in PutObject GetObject; do
  row "1 MiB $call through the handler, GB/s" \
    "$(metric throughput "BenchmarkObjectThroughput/$call" GB/s)" ">= 1"
done
row "aws-sdk-go-v2: inventory call / HeadBucket" \
  "$(metric sdk BenchmarkSDKInventoryVsHeadBucket ratio)" "<= 1.2"
row "aws-sdk-go-v2: inventory Put / HeadBucket" \
  "$(metric sdk BenchmarkSDKInventoryVsHeadBucket put-ratio)" "-"
row "aws-sdk-go-v2: inventory Get / HeadBucket" \
  "$(metric sdk BenchmarkSDKInventoryVsHeadBucket get-ratio)" "-"
row "Report 1e6 objects: CSV.gz / gzip of the CSV alone" \
  "$(metric report BenchmarkReport1e6 csv/gzip)" "<= 1.5"
row "Report 1e6 objects: Parquet / CSV.gz" \
  "$(metric report BenchmarkReport1e6 parquet/csv)" "<= 2"
row "Report 1e6 objects: ORC / CSV.gz" \
  "$(metric report BenchmarkReportORC1e6 orc/csv)" "<= 2"
for order in sorted random; do
  ours=$(metric seed "BenchmarkSeed/objstore/$order" ns/op)
  theirs=$(metric seed "BenchmarkSeedS3mem/$order" ns/op)
  row "Seed 1e6 ($order keys): objstore microseconds/object" "$(divide "$ours" 1000)" "<= 2"
  row "Seed 1e6 ($order keys): objstore B/object" \
    "$(metric seed "BenchmarkSeed/objstore/$order" B/object)" "<= 300" "%.0f"
  row "Seed 1e6 ($order keys): s3mem / objstore (time ratio)" "$(divide "$theirs" "$ours")" "-" "%.1f"
done
for call in PutObject1KiB PutObject1024KiB PutBucketInventoryConfiguration; do
  row "-data-dir $call (SDK): with / in memory (time ratio)" \
    "$(metric datadir "BenchmarkDataDir/$call" ratio)" "-"
done

echo
echo "Details: the raw-client and boto3 rows compare the s3fake binary with"
echo "moto_server on loopback; the per-pair times are in the go test lines above."
echo "The floor server answers the raw client's pairs with no work: moto / floor"
echo "is the best moto / s3fake any server could reach on this machine. The"
echo "handler-CPU rows are the server's share of the object-call rows (no goal)."
echo
printf '%-58s %10s  %-8s %s\n' "name" "value" "goal" "met"
printf '%s\n' "${rows[@]}"

if [ ${#failed[@]} -gt 0 ]; then
  echo "bench.sh: go test failed for: ${failed[*]}" >&2
  exit 1
fi
if [ "$missing" -ne 0 ]; then
  echo "bench.sh: some figures are missing (a benchmark skipped or failed; see above)" >&2
  exit 1
fi
