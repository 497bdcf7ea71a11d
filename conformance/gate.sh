#!/bin/bash
# The CI's conformance gate: runs Tempest's network API tests against a fresh muon
# (conformance/run-tempest.sh) and fails when fewer pass than CONFORMANCE.md records.
#
#   conformance/gate.sh [SUITE ...]      default: tempest.api.network
#
# The floor of each suite is the line `gate: <suite> >= <passed>` in CONFORMANCE.md; raise it
# whenever a run passes more. Needs Debian's tempest and neutron-tempest-plugin packages and the
# workplace's Tempest runner (../shared/tools/tempest).
set -euo pipefail
REPO="$(cd "$(dirname "$0")/.." && pwd)"
SUITES_TO_GATE=("${@:-tempest.api.network}")
if [ ! -f "$REPO/../shared/tools/tempest/tempest.sh" ]; then
  echo "conformance gate SKIPPED: the workplace's Tempest runner (../shared/tools/tempest) is not on this machine" >&2
  exit 0
fi
OUT="$(mktemp -d /tmp/muon-gate.XXXXXX)"
trap 'rm -rf "$OUT"' EXIT

SUITES="${SUITES_TO_GATE[*]}" "$REPO/conformance/run-tempest.sh" "$OUT" >"$OUT/run.log" 2>&1 || {
  echo "conformance gate: the Tempest run itself failed" >&2; tail -40 "$OUT/run.log" >&2; exit 1; }
cat "$OUT/summary.txt"

status=0
for suite in "${SUITES_TO_GATE[@]}"; do
  floor="$(sed -n "s/^gate: $suite >= \([0-9]*\).*/\1/p" "$REPO/CONFORMANCE.md" | head -n1)"
  [ -n "$floor" ] || { echo "conformance gate: no 'gate: $suite >= N' line in CONFORMANCE.md" >&2; status=1; continue; }
  passed="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["suites"].get(sys.argv[2], {}).get("passed", 0))' "$OUT/summary.json" "$suite")"
  if [ "$passed" -lt "$floor" ]; then
    echo "conformance gate: $suite passed $passed, below the $floor recorded in CONFORMANCE.md" >&2; status=1
  else
    echo "conformance gate: $suite passed $passed (floor $floor)"
  fi
done
exit $status
