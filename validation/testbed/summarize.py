#!/usr/bin/python3
"""Writes OUT/summary.json from a testbed run's raw files (run by `run`; can be re-run on old results).

Per step: connections, throughput and latency percentiles (from wrk's `wrk-json` line), requests per
class and status (from the access logs), CPU per process group (from the before/after snapshots: CPU
seconds over the step, cores, and CPU seconds per request, the service demand law D = U / X), and
how disturbed the machine was (loadavg before and after, other processes' CPU, the quiet wait).
"""
import argparse
import json
import os
import platform
import re
import sys

GROUPS = ("postgres", "gunicorn", "nginx", "wrk", "monitor")
REQUEST = re.compile(r'"(?P<method>[A-Z]+) (?P<path>\S+) HTTP/[0-9.]+" (?P<status>\d{3}) ')


def machine(out):
    model = ""
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    with open("/proc/meminfo") as f:
        mem_kib = int(f.readline().split()[1])
    packages = {}
    with open(os.path.join(out, "packages.txt")) as f:
        for line in f:
            name, version = line.rstrip("\n").split("\t")
            packages[name] = version
    return {
        "nproc": os.cpu_count(),
        "cpu_model": model,
        "kernel": platform.release(),
        "memory_mib": mem_kib // 1024,
        "clk_tck": os.sysconf("SC_CLK_TCK"),
        "packages": packages,
    }


def wrk_result(path):
    with open(path) as f:
        for line in f:
            if line.startswith("wrk-json "):
                return json.loads(line[len("wrk-json "):])
    sys.exit(f"summarize.py: no wrk-json line in {path}")


def access_counts(path):
    """{"GET /page/ 200": count, …} from an access log in either format; None if there is none."""
    if not os.path.exists(path):
        return None
    counts = {}
    with open(path) as f:
        for line in f:
            m = REQUEST.search(line)
            key = f"{m['method']} {m['path']} {m['status']}" if m else "unparsed"
            counts[key] = counts.get(key, 0) + 1
    return dict(sorted(counts.items()))


def load(path):
    with open(path) as f:
        return json.load(f)


def step_summary(sd, name, n, threads, seconds):
    wrk = wrk_result(os.path.join(sd, "wrk.txt"))
    before, after = load(os.path.join(sd, "before.json")), load(os.path.join(sd, "after.json"))
    tck = before["clk_tck"]
    duration = wrk["duration_us"] / 1e6
    requests = wrk["requests"]
    throughput = requests / duration if duration > 0 else 0.0
    interval = after["monotonic"] - before["monotonic"]
    used = {}
    for g in ("postgres", "gunicorn", "nginx", "monitor"):
        if g in after["group_ticks"]:
            used[g] = (after["group_ticks"][g] - before["group_ticks"].get(g, 0)) / tck
    # wrk has exited by the last snapshot: its CPU comes from wait4's rusage.
    r = load(os.path.join(sd, "rusage-wrk.json"))
    used["wrk"] = r["user_s"] + r["sys_s"]
    cpu = {}
    ours = sum(used.values()) * tck
    for g, seconds_used in used.items():
        cpu[g] = {
            "cpu_s": round(seconds_used, 3),
            "cores": round(seconds_used / interval, 4),
            "cpu_ms_per_request": round(1000 * seconds_used / requests, 4) if requests else None,
        }
    d = {k: after["cpu"][k] - before["cpu"][k] for k in after["cpu"]}
    tasks = d["user"] + d["nice"] + d["system"]
    summary = {
        "step": name,
        "connections": n,
        "wrk_threads": threads,
        "planned_s": seconds,
        "duration_s": round(duration, 3),
        "requests": requests,
        "throughput_per_s": round(throughput, 2),
        "errors": wrk["errors"],
        "latency_ms": {k: round(v / 1000, 3) for k, v in wrk["latency_us"].items()},
        "classes": {f: access_counts(os.path.join(sd, f)) for f in ("gunicorn-access.log", "nginx-access.log")
                    if os.path.exists(os.path.join(sd, f))},
        "cpu": cpu,
        "disturbance": {
            "interval_s": round(interval, 3),
            "loadavg_before": before["loadavg"],
            "loadavg_after": after["loadavg"],
            "machine_busy_cores": round(tasks / tck / interval, 4),
            "ours_cores": round(ours / tck / interval, 4),
            "other_cores": round((tasks - ours) / tck / interval, 4),
            "irq_softirq_steal_cores": round((d["irq"] + d["softirq"] + d["steal"]) / tck / interval, 4),
            "iowait_cores": round(d["iowait"] / tck / interval, 4),
        },
        "window_epoch_ms": [before["epoch_ms"], after["epoch_ms"]],
    }
    quiet = os.path.join(sd, "quiet.json")
    if os.path.exists(quiet):
        summary["disturbance"]["quiet_wait"] = load(quiet)
    return summary


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("out")
    p.add_argument("--topology", required=True)
    p.add_argument("--conn-max-age", required=True, type=int)
    p.add_argument("--mix", required=True)
    p.add_argument("--smoke", required=True, choices=("true", "false"))
    p.add_argument("--rows", required=True, type=int)
    a = p.parse_args()
    steps = []
    with open(os.path.join(a.out, "steps", "index")) as f:
        for line in f:
            name, n, threads, seconds = line.split()
            steps.append(step_summary(os.path.join(a.out, "steps", name), name, int(n), int(threads), int(seconds)))
    result = {
        "testbed": {
            "topology": a.topology,
            "conn_max_age": a.conn_max_age,
            "mix": a.mix,
            "smoke": a.smoke == "true",
            "articles": a.rows,
            "gunicorn": "3 sync workers",
            "cpu_groups": "postgres, gunicorn, nginx: the server and all its children (exited ones through "
                          "the parent's cutime+cstime); wrk: the load generator; monitor: pidstat and the sampler",
        },
        "machine": machine(a.out),
        "steps": steps,
    }
    with open(os.path.join(a.out, "summary.json"), "w") as f:
        json.dump(result, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
