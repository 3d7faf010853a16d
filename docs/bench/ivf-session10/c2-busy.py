#!/usr/bin/env python3
# From a HotSpot compilation log of a cold harness build (see ../ivf-session8/c2-by-class.py for the command):
# how busy the C1 and C2 compiler threads are in 0.25 s bins, and when each of the two lane kernels was queued for C2.
#   python3 c2-busy.py comp.xml
import re, sys
txt = open(sys.argv[1], errors='replace').read()
tasks = []
for m in re.finditer(r"<task (compile_id='(\d+)'[^>]*?)>(.*?)<task_done([^>]*)>", txt, re.S):
    a = m.group(1)
    start = float(re.search(r"stamp='([\d.]+)'", a).group(1))
    end = float(re.search(r"stamp='([\d.]+)'", m.group(4)).group(1))
    lvl = re.search(r"level='(\d)'", a)
    tasks.append((start, end, lvl.group(1) if lvl else '4'))
last = max(t[1] for t in tasks)
t = 0.0
while t < last:
    c2 = sum(max(0, min(e, t + .25) - max(s, t)) for s, e, l in tasks if l == '4') / .25
    c1 = sum(max(0, min(e, t + .25) - max(s, t)) for s, e, l in tasks if l != '4') / .25
    if c1 or c2: print('%.2f s  C2 busy %.2f  C1 busy %.2f' % (t, c2, c1))
    t += .25
for m in re.finditer(r"<task_queued ([^>]*nearest(?:Rows)?InLanes[^>]*)/>", txt):
    a = m.group(1)
    lvl = re.search(r"level='(\d)'", a)
    if lvl is None or lvl.group(1) == '4':
        print('C2 queued: %s osr=%s invocations=%s backedges=%s at %s s' % (re.search(r"(nearest\w*)", a).group(1),
              'osr_bci' in a, re.search(r"iicount='(\d+)'", a).group(1), re.search(r"backedge_count='(\d+)'", a).group(1),
              re.search(r"stamp='([\d.]+)'", a).group(1)))
