#!/usr/bin/env bash
# Runs every fuzz target of the module for a given time each (default 10m),
# one after another, and stops at the first crasher (which go test keeps in
# the package's testdata/fuzz as a regression seed).
#   scripts/fuzz.sh            # 10 minutes per target
#   scripts/fuzz.sh 15s        # what CI runs
#   scripts/fuzz.sh 10m FuzzVerify   # only targets matching a pattern
set -euo pipefail
cd "$(dirname "$0")/.."
fuzztime="${1:-10m}"
pattern="${2:-.}"
for pkg in $(go list ./...); do
  for target in $(go test -list '^Fuzz' "$pkg" | grep '^Fuzz' | grep -E "$pattern" || true); do
    echo "== $pkg $target ($fuzztime)"
    # Go's fuzzer can report "context deadline exceeded" when the fuzztime
    # ends while a worker is busy (a loaded machine), without any failing
    # input; that run is repeated once. A real crasher is written to
    # testdata/fuzz and fails at once.
    if ! out=$(go test -run '^$' -fuzz "^${target}\$" -fuzztime "$fuzztime" "$pkg" 2>&1); then
      echo "$out"
      if grep -q 'Failing input written' <<<"$out" || ! grep -q 'context deadline exceeded' <<<"$out"; then
        exit 1
      fi
      echo "== $pkg $target: the fuzzer timed out without a failing input; once more"
      go test -run '^$' -fuzz "^${target}\$" -fuzztime "$fuzztime" "$pkg"
    else
      echo "$out" | tail -n 2
    fi
  done
done
