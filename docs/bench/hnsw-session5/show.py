import json,sys
for f in sys.argv[1:]:
  rows=[json.loads(l) for l in open(f)]
  by={}
  for r in rows: by.setdefault(r['params']['efSearch'],{})[r['engine']]=r
  for ef in sorted(by):
    e=by[ef]; s=e.get('sextant'); l=e.get('lucene')
    line=f"{f} ef{ef}"
    if s: line+=f" S r={s['recall']:.4f} qps={s['qps']:.0f} p50={s['p50_ms']}"
    if l: line+=f" L r={l['recall']:.4f} qps={l['qps']:.0f} p50={l['p50_ms']}"
    if s and l: line+=f"  ratio={s['qps']/l['qps']:.2f}x p50 {l['p50_ms']/s['p50_ms']:.2f}x"
    print(line)
  print(f, 'build', {r['engine']:r['build_s'] for r in rows})
