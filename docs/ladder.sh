#!/usr/bin/env bash
# Regenerates the figures and charts of docs/ladder.md (and every golden run the docs quote), after a
# model change: the golden summaries and the two ladder comparisons (LadderGoldenTest), then the
# charts, drawn by the same comparisons run by ./stagesim compare with the same options, so they show
# the same capacities. Then review `git diff simulator/src/test/resources/golden` and run
# `mvn -B -q -pl simulator test -Dtest=DocsFiguresTest`, which names every quoted figure that moved.
# About 5 minutes on 2 cores.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
mvn -B -q -pl simulator test -Dtest='GoldenScenariosTest,LadderGoldenTest' -Dgolden.update=true
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
for ladder in naive production; do
  if [ "$ladder" = naive ]; then files=(scenarios/stage-*.yaml); else files=(scenarios/production/stage-*.yaml); fi
  ./stagesim compare "${files[@]}" --replications 3 --stress-duration 60s --out "$work/$ladder" >"$work/$ladder.txt"
  cp "$work/$ladder/charts/latency-vs-load.png" "docs/ladder-$ladder-latency-vs-load.png"
  cp "$work/$ladder/charts/utilisation-at-capacity.png" "docs/ladder-$ladder-utilisation-at-capacity.png"
  echo "docs/ladder-$ladder-*.png redrawn; the comparison printed:"
  cat "$work/$ladder.txt"
done
echo "Now date the pictures in docs/ladder.md and README.md (recorded YYYY-MM-DD at commit ...)."
