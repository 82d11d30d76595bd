#!/bin/bash
# Issue 16's speed target: a sweep of 100 points of stage 7, 5 replications each, in at most 60 s on the
# project's 2-core machine. Runs it once (after a build, which is not timed) and prints the wall and CPU
# time. Run it on a quiet machine only (nothing else loading the CPU); record the result with the
# machine, the load average and the commit in benchmarks/README.md.
set -euo pipefail
cd "$(dirname "$0")/../.."
./stagesim validate scenarios/stage-7-load-balancer.yaml > /dev/null   # builds on first use
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
echo "commit $(git rev-parse --short HEAD), load average $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores"
/usr/bin/time -f "wall %e s, user %U s, system %S s" ./stagesim sweep scenarios/stage-7-load-balancer.yaml \
    --vary services.gunicorn.workers=1,2,3,4,5,6,7,8,9,10 \
    --vary services.browser.rate=30/s,60/s,90/s,120/s,150/s,180/s,210/s,240/s,270/s,300/s \
    --measure run --replications 5 --out "$out/sweep" > "$out/log.txt"
grep -c '"settings"' "$out/sweep/sweep.json" | sed 's/^/points in sweep.json: /'
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
