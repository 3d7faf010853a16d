#!/usr/bin/env python3
"""Auto vs scan-only filtered HNSW rows (filterPath=auto|scan, one run) as a markdown table."""
import json, sys
from collections import OrderedDict
by = OrderedDict()
for f in sys.argv[1:]:
    for l in open(f):
        if not l.strip(): continue
        r = json.loads(l)
        by.setdefault(str(r["params"]["filter"]), {})[r["params"]["filterPath"]] = r
print("| filter | accepted | auto recall | auto p50 ms | scan-only recall | scan-only p50 ms | auto p50 ÷ scan p50 | auto QPS | scan-only QPS |")
print("|---|---|---|---|---|---|---|---|---|")
for f, v in by.items():
    a, s = v.get("auto"), v.get("scan")
    if not a or not s: continue
    acc = round(a["selectivity"] * a["n"])
    print(f"| {f} | {acc} | {a['recall']:.4f} | {a['p50_ms']:.3f} | {s['recall']:.4f} | {s['p50_ms']:.3f} | {a['p50_ms']/s['p50_ms']:.2f} | {a['qps']:.0f} | {s['qps']:.0f} |")
