#!/usr/bin/env bash
# Prints the reliability summary table from the ledger the reliability tests write (Tests/ReliabilityTests/
# ReliabilityLedger.swift): a test that began and never ended (its process crashed) counts as a crash.
set -euo pipefail
LEDGER="${1:-${STEADYSTATE_RELIABILITY_LEDGER:-${TMPDIR:-/tmp}/reliability-ledger.jsonl}}"
[ -f "$LEDGER" ] || { echo "reliability: no ledger at $LEDGER (run the ReliabilityTests first)"; exit 1; }
awk '
  $1 == "begin" { name = $0; sub(/^begin /, "", name); begun[name]++ }
  $1 == "end" {
    for (i = 2; i <= NF; i++) if ($i ~ /=/) { split($i, kv, "="); total[kv[1]] += kv[2]; last = i }
    name = $0; sub(/^end /, "", name); sub(/ fuzzed=.*/, "", name); ended[name]++
  }
  END {
    crashes = 0
    for (n in begun) if (begun[n] > ended[n]) { crashes += begun[n] - ended[n]; print "crashed: " n }
    printf "| inputs fuzzed | faults injected | concurrent runs | secrets planted | crashes | duplicates | leaks |\n"
    printf "| --- | --- | --- | --- | --- | --- | --- |\n"
    printf "| %d | %d | %d | %d | %d | %d | %d |\n", total["fuzzed"], total["faults"], total["concurrent"], \
      total["secrets"], crashes, total["duplicates"], total["leaks"]
    if (crashes + total["duplicates"] + total["leaks"] > 0) exit 1
  }' "$LEDGER"
