#!/usr/bin/env bash
# Compares steadystate's rules with their Checkov equivalents on every real plan of the fixture corpus.
#
# For each plan (Tests/Fixtures/terraform/*/plan.json, or the plans given as arguments) it runs
#   checkov -f plan.json --framework terraform_plan --skip-download -o json   (checkov 3.3.30, .tools/checkov-venv)
#   steadystate scan plan.json --format json --fail-on none                  (this checkout, swift build)
# (plans are read in place, by absolute path) and, for every rule whose catalog entry names a Checkov id, prints how many (resource, rule) pairs both
# found, only Checkov found, and only steadystate found; totals come last. Pairs are matched on the
# resource address. Set VERBOSE=1 to list the addresses behind every one-sided count.
#
#   bash bench/compare-checkov.sh
#   VERBOSE=1 bash bench/compare-checkov.sh Tests/Fixtures/terraform/aws-plan-2/plan.json
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

if [ ! -x .tools/checkov-venv/bin/checkov ]; then
  WITH_CHECKOV=1 bash scripts/install-real-tools.sh >&2
fi
CHECKOV="$ROOT/.tools/checkov-venv/bin/checkov"
swift build --product steadystate >&2
STEADYSTATE="$(swift build --product steadystate --show-bin-path)/steadystate"

if [ "$#" -gt 0 ]; then
  plans=("$@")
else
  plans=()
  while IFS= read -r plan; do plans+=("$plan"); done < <(ls Tests/Fixtures/terraform/*/plan.json)
fi

work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
"$STEADYSTATE" catalog --format json > "$work/catalog.json"
index=0
for plan in "${plans[@]}"; do
  # The corpus also holds deliberately broken inputs (not-json/); only real plan JSON is compared.
  if ! python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); sys.exit(0 if "planned_values" in d else 1)' \
    "$plan" 2>/dev/null; then
    echo "skipping $plan: not plan JSON" >&2
    continue
  fi
  index=$((index + 1))
  # Checkov exits 1 when checks fail; only a missing report is an error.
  (cd "$work" && "$CHECKOV" -f "$ROOT/$plan" --framework terraform_plan --skip-download -o json \
    > "$work/checkov-$index.json" 2> "$work/checkov-$index.err") || true
  [ -s "$work/checkov-$index.json" ] || { cat "$work/checkov-$index.err" >&2; exit 3; }
  if ! (cd "$work" && "$STEADYSTATE" scan "$ROOT/$plan" --format json --fail-on none \
    > "$work/steadystate-$index.json" 2> "$work/steadystate-$index.err"); then
    cat "$work/steadystate-$index.err" >&2; exit 3
  fi
  echo "$plan" > "$work/plan-$index.txt"
done

python3 - "$work" "$index" <<'PY'
import json, os, sys
from collections import defaultdict

work, count = sys.argv[1], int(sys.argv[2])
verbose = os.environ.get("VERBOSE") == "1"
catalog = json.load(open(os.path.join(work, "catalog.json")))
by_checkov = defaultdict(list)
for rule in catalog:
    if rule.get("checkov"):
        by_checkov[rule["checkov"]].append(rule["id"])

both = defaultdict(set); only_checkov = defaultdict(set); only_ours = defaultdict(set)
for i in range(1, count + 1):
    plan = open(os.path.join(work, f"plan-{i}.txt")).read().strip()
    report = json.load(open(os.path.join(work, f"checkov-{i}.json")))
    reports = report if isinstance(report, list) else [report]
    failed = defaultdict(set)
    for r in reports:
        for check in r.get("results", {}).get("failed_checks", []):
            failed[check["check_id"]].add(check["resource"])
    ours = defaultdict(set)
    for finding in json.load(open(os.path.join(work, f"steadystate-{i}.json")))["findings"]:
        if finding.get("ruleID"):
            ours[finding["ruleID"]].add(finding["resource"])
    for checkov_id, rule_ids in by_checkov.items():
        theirs = failed.get(checkov_id, set())
        mine = set().union(*(ours.get(rule_id, set()) for rule_id in rule_ids))
        key = (" + ".join(sorted(rule_ids)), checkov_id)
        both[key] |= {(plan, a) for a in theirs & mine}
        only_checkov[key] |= {(plan, a) for a in theirs - mine}
        only_ours[key] |= {(plan, a) for a in mine - theirs}

keys = sorted(set(both) | set(only_checkov) | set(only_ours))
width = max([len(k[0]) for k in keys] + [4])
print(f"{'rule':<{width}}  {'checkov':<12} {'both':>5} {'only checkov':>13} {'only steadystate':>17}")
totals = [0, 0, 0]
for key in keys:
    row = [len(both[key]), len(only_checkov[key]), len(only_ours[key])]
    totals = [t + r for t, r in zip(totals, row)]
    print(f"{key[0]:<{width}}  {key[1]:<12} {row[0]:>5} {row[1]:>13} {row[2]:>17}")
    if verbose:
        for label, pairs in (("only checkov", only_checkov[key]), ("only steadystate", only_ours[key])):
            for plan, address in sorted(pairs):
                print(f"    {label}: {address}  ({plan})")
print(f"{'total':<{width}}  {'':<12} {totals[0]:>5} {totals[1]:>13} {totals[2]:>17}")
print(f"{len(keys)} rule(s) with a Checkov equivalent, {count} plan(s)")
PY
