#!/usr/bin/env python3
"""Prints the filtered-search markdown table of one dataset from sextant-bench JSON lines.

usage: table.py rows.jsonl [more.jsonl ...]   (rows of sextant flat / hnsw / ivf runs with --param filter)
"""
import json, sys
from collections import OrderedDict

rows = [json.loads(l) for f in sys.argv[1:] for l in open(f) if l.strip()]
def kind(r):
    p = r["params"]
    if r["index"] == "flat": return "scan"
    if r["index"] == "hnsw": return {"auto": "hnsw", "scan": "hnsw-scan"}.get(p.get("filterPath", "auto"))
    if r["index"] == "ivf": return "ivf-" + str(p["pq"])
    return None
by = OrderedDict()
for r in rows:
    k = kind(r)
    if k is None: continue
    by.setdefault(str(r["params"]["filter"]), {})[k] = r
cols = [c for c in ["hnsw", "ivf-flat", "ivf-auto"] if any(c in v for v in by.values())]
names = {"hnsw": "HNSW", "ivf-flat": "IVF-Flat", "ivf-auto": "IVF-PQ+rerank"}
hs = any("hnsw-scan" in v for v in by.values())
head = "| filter | selectivity | exact scan QPS |" + (" HNSW scan-only QPS |" if hs else "") + "".join(
    f" {names[c]} recall | {names[c]} QPS | {names[c]} ÷ scan |" for c in cols) + (" HNSW ÷ HNSW scan-only (QPS) | HNSW p50 ms | HNSW scan-only p50 ms |" if hs else "")
print(head)
print("|" + "---|" * (head.count("|") - 1))
for f, v in by.items():
    scan = v.get("scan")
    sel = next(iter(v.values()))["selectivity"]
    line = f"| {f} | {sel:g} | {scan['qps']:.0f} |" if scan else f"| {f} | {sel:g} | – |"
    if hs: line += f" {v['hnsw-scan']['qps']:.0f} |" if "hnsw-scan" in v else " – |"
    for c in cols:
        r = v.get(c)
        if r is None:
            line += " – | – | – |"
            continue
        ratio = f"{r['qps'] / scan['qps']:.2f}x" if scan else "–"
        line += f" {r['recall']:.4f} | {r['qps']:.0f} | {ratio} |"
    if hs:
        h, hsr = v.get("hnsw"), v.get("hnsw-scan")
        line += (f" {h['qps'] / hsr['qps']:.2f}x | {h['p50_ms']:.3f} | {hsr['p50_ms']:.3f} |" if h and hsr
                 else " – | – | – |")
    print(line)
