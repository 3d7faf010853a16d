#!/usr/bin/env python3
# Per efSearch of an interleaved run: recall and QPS of each engine, and Sextant's QPS over Lucene's and JVector's;
# then the first efSearch where each engine reaches recall@10 >= 0.95 and the ratios there.
#   python3 show.py il-f16.jsonl ...
import json, sys
for f in sys.argv[1:]:
    rows = [json.loads(l) for l in open(f)]
    by = {}
    for r in rows: by.setdefault(r['params']['efSearch'], {})[r['engine']] = r
    first = {}
    for ef in sorted(by, key=int):
        e = by[ef]
        line = f"{f} ef{ef}"
        for name in ('sextant', 'lucene', 'jvector'):
            if name in e:
                line += f"  {name[0].upper()} r={e[name]['recall']:.4f} qps={e[name]['qps']:.0f}"
                if e[name]['recall'] >= 0.95 and name not in first: first[name] = e[name]
        if 'sextant' in e:
            for name in ('lucene', 'jvector'):
                if name in e: line += f"  S/{name[0].upper()}={e['sextant']['qps'] / e[name]['qps']:.2f}x"
        print(line)
    if 'sextant' in first:
        s = first['sextant']
        msg = f"{f} at recall>=0.95: S ef{s['params']['efSearch']} {s['qps']:.0f} QPS"
        for name in ('lucene', 'jvector'):
            if name in first:
                o = first[name]
                msg += f"; {name} ef{o['params']['efSearch']} {o['qps']:.0f} QPS -> {s['qps'] / o['qps']:.2f}x"
        print(msg)
    print(f, 'build s', {r['engine']: r['build_s'] for r in rows if r['params']['efSearch'] == min(by, key=int)})
