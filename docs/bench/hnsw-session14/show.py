#!/usr/bin/env python3
# As ../hnsw-session12/show.py, with Sextant's rows told apart by their order parameter (sextant:input,
# sextant:locality): per efSearch the recall and QPS of each series and Sextant's QPS over Lucene's and
# JVector's, then each series' first efSearch with recall@10 >= 0.95 and the ratios there.
#   python3 show.py il-f16.jsonl ...
import json, sys
def key(r):
    o = r['params'].get('order')
    return r['engine'] + (':' + o if o else '')
for f in sys.argv[1:]:
    rows = [json.loads(l) for l in open(f)]
    by = {}
    for r in rows: by.setdefault(int(r['params']['efSearch']), {})[key(r)] = r
    series = sorted({key(r) for r in rows})
    mine = [s for s in series if s.startswith('sextant')]
    first = {}
    for ef in sorted(by):
        e = by[ef]
        line = f"{f} ef{ef}"
        for s in series:
            if s in e:
                line += f"  {s} r={e[s]['recall']:.4f} qps={e[s]['qps']:.0f}"
                if e[s]['recall'] >= 0.95 and s not in first: first[s] = e[s]
        for s in mine:
            for o in ('lucene', 'jvector'):
                if s in e and o in e: line += f"  {s}/{o}={e[s]['qps'] / e[o]['qps']:.2f}x"
        print(line)
    for s in mine:
        if s not in first: continue
        x = first[s]
        msg = f"{f} at recall>=0.95: {s} ef{x['params']['efSearch']} {x['qps']:.0f} QPS"
        for o in ('lucene', 'jvector'):
            if o in first:
                y = first[o]
                msg += f"; {o} ef{y['params']['efSearch']} {y['qps']:.0f} QPS -> {x['qps'] / y['qps']:.2f}x"
        print(msg)
    lo = min(by)
    print(f, 'build s', {key(r): r['build_s'] for r in rows if int(r['params']['efSearch']) == lo})
