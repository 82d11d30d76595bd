#!/usr/bin/python3
"""The testbed's measuring helpers (standard library only, run by `run` on Debian's Python).

  probe.py freeport                       a free TCP port on 127.0.0.1
  probe.py snapshot PIDS OUT.json         one reading: /proc/stat, /proc/loadavg, our processes' CPU
  probe.py sample PIDS PROCSTAT CPUSTAT   once a second until SIGTERM: `<epoch_ms> <stat line>` per process
  probe.py quiet PIDS THRESHOLD WINDOW TIMEOUT OUT.json   waits for other CPU < THRESHOLD cores
  probe.py tree PIDS ROLE...              comma-separated PIDs of those roles' live processes and descendants
  probe.py wait-http URL TIMEOUT          waits until URL answers 200, at most TIMEOUT seconds
  probe.py rusage OUT.json CMD ARG...     runs CMD, passes SIGINT/SIGTERM on, writes its CPU time on exit

The load generator runs under `rusage`: it has exited by the time of the step's last snapshot, so its
CPU is taken from wait4's rusage. pidstat and the sampler are still running then (group "monitor").

PIDS is the `run` script's pids file: lines `role pid starttime` (starttime is field 22 of
/proc/pid/stat, so a PID reused by another process is never mistaken for ours). A group's CPU at one
instant is the user+system time of its live processes and their descendants plus the children's
time (cutime+cstime) of its listed processes, which holds the CPU of PostgreSQL backends and
Gunicorn workers that have already exited: the parent reaps them, so none is counted twice or lost.
"""
import json
import os
import signal
import socket
import sys
import time

CLK_TCK = os.sysconf("SC_CLK_TCK")


def freeport():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def stat_fields(pid):
    """The fields of /proc/pid/stat after the command name, and the raw line; None if gone."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            line = f.read().strip()
    except (FileNotFoundError, ProcessLookupError):
        return None, None
    rest = line[line.rindex(")") + 2:].split()
    return rest, line  # rest[0] is field 3 (state)


def read_pids(path):
    """[(role, pid, starttime)] of the processes `run` started and that are still those processes."""
    out = []
    try:
        with open(path) as f:
            for line in f:
                parts = line.split()
                if len(parts) != 3:
                    continue
                role, pid, start = parts[0], int(parts[1]), int(parts[2])
                rest, _ = stat_fields(pid)
                if rest is not None and int(rest[19]) == start:
                    out.append((role, pid, start))
    except FileNotFoundError:
        pass
    return out


def children(pid):
    found = []
    try:
        for tid in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{tid}/children") as f:
                found.extend(int(c) for c in f.read().split())
    except (FileNotFoundError, ProcessLookupError):
        pass
    return found


def group(role):
    """Process group a role belongs to: postgres, gunicorn, nginx, wrk, monitor."""
    return role.split("-")[0]


def read_groups(pids_path, raw=None):
    """{group: clock ticks} for every listed process and its descendants; raw collects stat lines."""
    ticks = {}
    for role, pid, _ in read_pids(pids_path):
        g = group(role)
        rest, line = stat_fields(pid)
        if rest is None:
            continue
        # utime, stime, cutime, cstime are fields 14-17; rest[0] is field 3.
        total = int(rest[11]) + int(rest[12]) + int(rest[13]) + int(rest[14])
        if raw is not None:
            raw.append(line)
        todo = children(pid)
        while todo:
            c = todo.pop()
            crest, cline = stat_fields(c)
            if crest is None:
                continue
            total += int(crest[11]) + int(crest[12])
            if raw is not None:
                raw.append(cline)
            todo.extend(children(c))
        ticks[g] = ticks.get(g, 0) + total
    return ticks


def cpu_totals():
    """/proc/stat's aggregate cpu line: {field: ticks} and the raw line."""
    with open("/proc/stat") as f:
        line = f.readline().strip()
    names = ["user", "nice", "system", "idle", "iowait", "irq", "softirq", "steal", "guest", "guest_nice"]
    values = [int(v) for v in line.split()[1:]]
    return dict(zip(names, values)), line


def snapshot(pids_path):
    cpu, cpu_line = cpu_totals()
    groups = read_groups(pids_path)
    with open("/proc/loadavg") as f:
        loadavg = f.read().strip()
    return {
        "epoch_ms": int(time.time() * 1000),
        "monotonic": time.monotonic(),
        "clk_tck": CLK_TCK,
        "proc_stat_cpu": cpu_line,
        "cpu": cpu,
        "loadavg": loadavg,
        "group_ticks": groups,
    }


def other_cores(a, b):
    """Cores used over [a, b] by processes not ours, and by interrupts (softirq holds loopback traffic)."""
    dt = b["monotonic"] - a["monotonic"]
    if dt <= 0:
        return 0.0, 0.0, 0.0
    def d(k):
        return b["cpu"][k] - a["cpu"][k]
    tasks = d("user") + d("nice") + d("system")
    irq = d("irq") + d("softirq") + d("steal")
    ours = sum(b["group_ticks"].get(g, 0) - a["group_ticks"].get(g, 0) for g in b["group_ticks"])
    return (tasks - ours) / CLK_TCK / dt, irq / CLK_TCK / dt, dt


def write_rusage(path, user_s, sys_s, **extra):
    with open(path, "w") as f:
        json.dump({"user_s": round(user_s, 4), "sys_s": round(sys_s, 4), **extra}, f)
        f.write("\n")


def rusage(out, cmd):
    import subprocess
    # A background job of a script starts with SIGINT ignored; the command gets the default back.
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    child = subprocess.Popen(cmd)
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda s, _f: child.send_signal(s))
    while True:
        try:
            _, status, ru = os.wait4(child.pid, 0)
            break
        except InterruptedError:
            continue
    code = os.waitstatus_to_exitcode(status)
    write_rusage(out, ru.ru_utime, ru.ru_stime, command=cmd[0], exit=code)
    sys.exit(code if code >= 0 else 128 - code)


def tree(pids_path, roles):
    found = []
    for role, pid, _ in read_pids(pids_path):
        if group(role) in roles:
            todo = [pid]
            while todo:
                p = todo.pop()
                found.append(p)
                todo.extend(children(p))
    return found


def sample(pids_path, procstat_path, cpustat_path):
    stop = []
    signal.signal(signal.SIGTERM, lambda *_: stop.append(1))
    with open(procstat_path, "a") as pf, open(cpustat_path, "a") as cf:
        next_tick = time.monotonic()
        while not stop:
            now_ms = int(time.time() * 1000)
            raw = []
            read_groups(pids_path, raw)
            _, cpu_line = cpu_totals()
            pf.writelines(f"{now_ms} {line}\n" for line in raw)
            cf.write(f"{now_ms} {cpu_line}\n")
            pf.flush()
            cf.flush()
            next_tick += 1.0
            delay = next_tick - time.monotonic()
            if delay > 0:
                time.sleep(delay)


def quiet(pids_path, threshold, window, timeout):
    """Waits until other CPU over `window` seconds is below `threshold` cores, at most `timeout` seconds."""
    start = time.monotonic()
    readings = []
    while True:
        a = snapshot(pids_path)
        time.sleep(window)
        b = snapshot(pids_path)
        other, irq, _ = other_cores(a, b)
        readings.append(round(other, 3))
        waited = time.monotonic() - start
        if other < threshold:
            return {"quiet": True, "waited_s": round(waited, 1), "other_cores": round(other, 3),
                    "threshold_cores": threshold, "window_s": window, "readings": readings[-20:]}
        if waited >= timeout:
            return {"quiet": False, "gave_up_after_s": round(waited, 1), "other_cores": round(other, 3),
                    "threshold_cores": threshold, "window_s": window, "readings": readings[-20:]}


def wait_http(url, timeout):
    import urllib.request
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as r:
                if r.status == 200:
                    return
                last = f"status {r.status}"
        except OSError as e:
            last = str(e)
        time.sleep(0.2)
    sys.exit(f"probe.py: {url} did not answer 200 within {timeout:g} s (last: {last})")


def main(argv):
    cmd = argv[1] if len(argv) > 1 else ""
    if cmd == "freeport":
        print(freeport())
    elif cmd == "snapshot":
        with open(argv[3], "w") as f:
            json.dump(snapshot(argv[2]), f, indent=1)
    elif cmd == "sample":
        sample(argv[2], argv[3], argv[4])
    elif cmd == "quiet":
        result = quiet(argv[2], float(argv[3]), float(argv[4]), float(argv[5]))
        with open(argv[6], "w") as f:
            json.dump(result, f, indent=1)
        print(json.dumps(result))
    elif cmd == "tree":
        print(",".join(str(p) for p in tree(argv[2], argv[3:])))
    elif cmd == "rusage":
        rusage(argv[2], argv[3:])
    elif cmd == "wait-http":
        wait_http(argv[2], float(argv[3]))
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv)
