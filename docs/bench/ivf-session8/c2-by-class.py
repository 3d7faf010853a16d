#!/usr/bin/env python3
# C2 (level 4) compile time of a cold build, by class, from a HotSpot compilation log:
#   JOPTS="-XX:+UnlockDiagnosticVMOptions -XX:+LogCompilation -XX:LogFile=comp.xml" ./build.sh log ivf 2 --param nlist=1024 --param pq=auto --param nprobe=16
#   python3 c2-by-class.py comp.xml
# Window: from the first k-means compile to the first searcher compile (the build). Times are compile-task wall
# time on the compiler thread, which shares the two cores with the build.
import collections, re, sys
txt = open(sys.argv[1], errors='replace').read()
rows = []
for m in re.finditer(r"<task (compile_id='(\d+)'[^>]*?)>(.*?)<task_done([^>]*)>", txt, re.S):
    a = m.group(1)
    meth = re.search(r"method='([^']*)'", a).group(1)
    st = float(re.search(r"stamp='([\d.]+)'", a).group(1))
    et = float(re.search(r"stamp='([\d.]+)'", m.group(4)).group(1))
    lvl = re.search(r"level='(\d)'", a)
    rows.append((st, et - st, lvl.group(1) if lvl else '4', meth, 'osr_bci' in a))
b0 = min(r[0] for r in rows if 'KMeansPlusPlus' in r[3] or 'TwoLevel' in r[3]) - 0.1
b1 = min([r[0] for r in rows if 'IvfSearcher' in r[3] or 'scoreBlock' in r[3]] + [1e9])
w = [r for r in rows if b0 <= r[0] < b1]
print('build window %.2f-%.2f s of JVM uptime' % (b0, b1))
for lv in '1234':
    s = [r for r in w if r[2] == lv]
    print('level %s: %d compiles, %.2f s' % (lv, len(s), sum(r[1] for r in s)))
g, n, o = collections.Counter(), collections.Counter(), collections.Counter()
for r in w:
    if r[2] != '4': continue
    key = r[3].split(' ')[0].split('.')[-1] if r[3].startswith('io.sextant') else ('jdk.incubator.vector / VectorSupport' if 'vector' in r[3] else 'other JDK')
    g[key] += r[1]; n[key] += 1
    if r[4]: o[key] += r[1]
for k, v in g.most_common(20):
    print('%.3f s  %3d compiles (on-stack %.3f s)  %s' % (v, n[k], o[k], k))
