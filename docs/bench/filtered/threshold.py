#!/usr/bin/env python3
"""Graph-only vs scan-only filtered HNSW rows (filterPath=graph|scan) as a markdown table."""
import json, sys
from collections import OrderedDict
by = OrderedDict()
for f in sys.argv[1:]:
    for l in open(f):
        if not l.strip(): continue
        r = json.loads(l)
        by.setdefault(str(r["params"]["filter"]), {})[r["params"]["filterPath"]] = r
print("| filter | accepted | graph recall | graph p50 ms | graph QPS | scan p50 ms | scan QPS | scan p50 ÷ graph p50 |")
print("|---|---|---|---|---|---|---|---|")
for f, v in by.items():
    g, s = v.get("graph"), v.get("scan")
    if not g or not s: continue
    acc = round(g["selectivity"] * g["n"])
    print(f"| {f} | {acc} | {g['recall']:.4f} | {g['p50_ms']:.3f} | {g['qps']:.0f} | {s['p50_ms']:.3f} | {s['qps']:.0f} | {s['p50_ms']/g['p50_ms']:.2f} |")
