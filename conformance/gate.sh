#!/bin/bash
# The CI's conformance gate: runs Tempest suites against one fresh muon
# (conformance/run-tempest.sh: one server, one Tempest workspace and configuration for all the
# suites given) and fails when fewer tests of a suite pass than CONFORMANCE.md records.
#
#   conformance/gate.sh [SUITE ...]      default: tempest.api.network neutron_tempest_plugin.api
#   GATE_RESULTS=DIR conformance/gate.sh …   keeps the run's results (summary, subunit, logs) in DIR
#
# The floor of each suite is the line `gate: <suite> >= <passed>` in CONFORMANCE.md; raise it
# whenever a run passes more. Needs Debian's tempest and neutron-tempest-plugin packages and the
# workplace's Tempest runner (../shared/tools/tempest).
set -euo pipefail
REPO="$(cd "$(dirname "$0")/.." && pwd)"
if [ $# -gt 0 ]; then SUITES_TO_GATE=("$@"); else SUITES_TO_GATE=(tempest.api.network neutron_tempest_plugin.api); fi
if [ ! -f "$REPO/../shared/tools/tempest/tempest.sh" ]; then
  echo "conformance gate SKIPPED: the workplace's Tempest runner (../shared/tools/tempest) is not on this machine" >&2
  exit 0
fi
if [ -n "${GATE_RESULTS:-}" ]; then
  OUT="$GATE_RESULTS"; mkdir -p "$OUT"
else
  OUT="$(mktemp -d /tmp/muon-gate.XXXXXX)"
  trap 'rm -rf "$OUT"' EXIT
fi

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
