#!/usr/bin/env bash
# The cluster's overhead per item: the same sweep run on this machine with 2 threads, then on two
# workers (1 thread each) on loopback, both timed from the command's start to its end; the two
# outputs must be byte-identical. Not part of CI: the figure means something only on a quiet machine.
#
#   benchmarks/scripts/cluster-overhead.sh            # 20 points, about a second each
#   POINTS=4 DURATION=100s benchmarks/scripts/cluster-overhead.sh   # a quick check of the harness
#
# Prints both wall times, the difference per item and as a share of the local time. The sweep's
# join to the cluster (a few seconds, once per sweep) is inside the cluster's time; so is the
# handing out of items (two at a time per worker) and the return of their results.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
points="${POINTS:-20}"
duration="${DURATION:-400s}"
work="$(mktemp -d)"
pids=()
stop() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  rm -rf "$work"
}
trap stop EXIT
"$here/stagesim" --version >/dev/null   # builds the jar if needed, outside the timings
STAGESIM_CLUSTER_SECRET="$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')"
export STAGESIM_CLUSTER_SECRET
rates=$(seq -s, -f '%g/s' 30 $((30 + points / 2 - 1)))
args=(sweep "$here/scenarios/textbook-mm1.yaml" --vary "services.browser.rate=$rates"
  --vary "requests.page.view.cpu=exponential(5ms),constant(5ms)" --measure run --duration "$duration"
  --warmup 10s --replications 4)
items=$(( $(echo "$rates" | tr ',' '\n' | wc -l) * 2 ))

"$here/stagesim" worker --port 0 --threads 1 >"$work/w1.log" 2>&1 & pids+=($!)
until grep -q listening "$work/w1.log"; do sleep 0.2; done
first=$(grep -o 'listening on [^ ]*' "$work/w1.log" | cut -d' ' -f3)
"$here/stagesim" worker --port 0 --threads 1 --join "$first" >"$work/w2.log" 2>&1 & pids+=($!)
until grep -q "the cluster has 2 member" "$work/w1.log"; do sleep 0.2; done

t0=$(date +%s.%N)
"$here/stagesim" "${args[@]}" --threads 2 --out "$work/local" >/dev/null 2>&1
t1=$(date +%s.%N)
"$here/stagesim" "${args[@]}" --cluster "$first" --out "$work/cluster" >/dev/null 2>"$work/cluster.err"
t2=$(date +%s.%N)
cmp "$work/local/sweep.json" "$work/cluster/sweep.json"
cmp "$work/local/sweep.csv" "$work/cluster/sweep.csv"
grep "by member" "$work/cluster.err" || true
python3 - "$t0" "$t1" "$t2" "$items" <<'PY'
import sys
t0, t1, t2, n = map(float, sys.argv[1:])
local, cluster = t1 - t0, t2 - t1
print(f"{int(n)} items: local (2 threads) {local:.1f} s, cluster (2 workers x 1 thread) {cluster:.1f} s")
print(f"overhead {cluster - local:+.1f} s, {(cluster - local) / n * 1000:+.0f} ms per item, "
      f"{(cluster / local - 1) * 100:+.1f} % of the local time; outputs byte-identical")
PY
