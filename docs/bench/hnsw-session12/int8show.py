#!/usr/bin/env python3
# Per efSearch of an int8.sh run: recall and QPS of the float and int8 graphs, int8 ÷ float, index bytes per vector.
import json, sys
for f in sys.argv[1:]:
    rows = [json.loads(l) for l in open(f)]
    by = {}
    for r in rows: by.setdefault(r['params']['efSearch'], {})[r['params']['quantization']] = r
    for ef in sorted(by, key=int):
        a, b = by[ef]['none'], by[ef]['int8']
        print(f"{f} ef{ef} float r={a['recall']:.4f} qps={a['qps']:.0f} B/vec={a['index_bytes'] / a['n']:.0f}  "
              f"int8 r={b['recall']:.4f} qps={b['qps']:.0f} B/vec={b['index_bytes'] / b['n']:.0f}  int8/float={b['qps'] / a['qps']:.2f}x")
