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
    go test -run '^$' -fuzz "^${target}\$" -fuzztime "$fuzztime" "$pkg"
  done
done
