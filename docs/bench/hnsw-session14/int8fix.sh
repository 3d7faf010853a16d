#!/bin/bash
# int8 ÷ float (both order=locality) with the 8-wide int8 loop summing by blend tree (new, $1) and by LaneSum.sum (old, $2), alternating fresh JVMs.
new=$1; old=$2
for i in 1 2 3; do
  for v in new old; do
    b=$([ $v = new ] && echo $new || echo $old)
    SEXTANT_JAVA_OPTS=-Xmx8g $b/bin/sextant-bench run --engine sextant --interleave --index hnsw --dataset fashion-mnist \
      --param M=16 --param efConstruction=100 --param quantization=none,int8 --param efSearch=11,12,14 \
      --k 10 --warmup 10000 --threads 1 --clock cpu > int8fix-$v-$i.jsonl 2> int8fix-$v-$i.err
    python3 - int8fix-$v-$i.jsonl <<'PY'
import json,sys
rows=[json.loads(l) for l in open(sys.argv[1])]
by={}
for r in rows: by.setdefault(r['params']['efSearch'],{})[r['params']['quantization']]=r
print(sys.argv[1], ' '.join(f"ef{ef}: int8 {e['int8']['qps']:.0f} float {e['none']['qps']:.0f} = {e['int8']['qps']/e['none']['qps']:.3f}x (r {e['int8']['recall']:.4f}/{e['none']['recall']:.4f})" for ef,e in sorted(by.items())))
PY
  done
done
