#!/usr/bin/env python3
"""Summarises an async-profiler collapsed-stack file from JMH's async profiler into cost categories.

Usage: python3 benchmarks/scripts/async-categories.py <collapsed-cpu.csv> [top-N]
Only stacks of the measured benchmark thread (those under a *_jmhStub frame) are counted; each
sample goes to the category of its top (self) frame. Multiply a category's share by the JMH score
of the same run to get nanoseconds per event. See benchmarks/README.md, "Where the time goes".
"""
import sys, collections, re
f = sys.argv[1]
self_ = collections.Counter(); total = 0
for line in open(f):
    line = line.rstrip()
    if not line: continue
    stack, n = line.rsplit(' ', 1); n = int(n)
    frames = stack.split(';')
    if not any(x.endswith('_jmhStub') for x in frames): continue  # benchmark thread, measured code only
    total += n
    self_[frames[-1]] += n
def cat(m):
    if re.search(r'EventQueue|SplayTree|simevents/Event\.(compareTo|schedule)|removeFirstEvent', m): return 'event queue'
    if re.search(r'engine/Engine\.|simevents/Simulator\.|simevents/Sim\.|itable stub|vtable stub', m): return 'engine loop + dispatch'
    if re.search(r'libmLog|log1p|ExponentialDistribution|random/|Math\.round|RateProfile|OpenSource\.scheduleNext|ssj/rng|randvar|probdist|StrictMath|FastMath', m): return 'random numbers + sampling'
    if re.search(r'stats/|ssj/stat/|Accumulate|arraycopy|Copy_|G1|TLAB|OptoRuntime|new_array|clear_page|memset', m): return 'statistics (+ alloc/GC)'
    return 'model (station, source, customer)'
cats = collections.Counter()
for m, n in self_.items(): cats[cat(m)] += n
print('samples', total)
for k, v in cats.most_common(): print('%5.1f%%  %s' % (100*v/total, k))
print('--- top self')
for m, n in self_.most_common(int(sys.argv[2]) if len(sys.argv) > 2 else 30): print('%5.1f%%  %-26s %s' % (100*n/total, cat(m)[:26], m))
