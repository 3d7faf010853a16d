#!/bin/bash
# Session 14, second batch, from a worktree at b3beae7 (bench root as $1), run from this folder.
b=${1:-/tmp/wtb}
run() { echo "== $(date -u +%T) $1 load $(cut -d' ' -f1-3 /proc/loadavg)"; }
# 1. The product path: in-memory index and mapped Collection, each in input and locality order, one JVM interleaved.
run storage
SEXTANT_JAVA_OPTS=-Xmx8g $b/bin/sextant-bench run --engine sextant --interleave --index hnsw --dataset fashion-mnist \
  --param M=32 --param efConstruction=200 --param efSearch=11,14 --param storage=memory,collection --param order=input,locality \
  --k 10 --warmup 10000 --threads 1 --clock cpu > storage-order.jsonl 2> storage-order.err
# 2. Acceptance 3: int8 traversal + rerank against the float graph, both in locality order (and int8 in input order).
run int8
SEXTANT_JAVA_OPTS=-Xmx8g $b/bin/sextant-bench run --engine sextant --interleave --index hnsw --dataset fashion-mnist \
  --param M=16 --param efConstruction=100 --param quantization=none,int8 --param order=input,locality --param efSearch=10,11,12,14,16 \
  --k 10 --warmup 10000 --threads 1 --clock cpu > int8-f16.jsonl 2> int8-f16.err
# 3. Acceptance 4: filtered search, input and locality order (locality translates each accept-set to node numbers).
run filtered
SEXTANT_JAVA_OPTS=-Xmx8g $b/bin/sextant-bench run --engine sextant --index hnsw --dataset fashion-mnist --param M=16 \
  --param efConstruction=100 --param efSearch=40 --param order=input,locality \
  --param filter=0.5,0.1,0.01,0.001,corr:0.5,corr:0.1,corr:0.01,corr:0.001 --k 10 --queries 1000 --warmup 1000 --threads 1 --clock cpu \
  > filtered-f16.jsonl 2> filtered-f16.err
# 4. Acceptance 2: each engine's 2-thread build in its own fresh JVM.
for spec in fashion-mnist:16:100 fashion-mnist:32:200 wordnet-minilm:16:100; do
  IFS=: read ds m efc <<< "$spec"
  run "t2 $ds M$m"
  SEXTANT_JAVA_OPTS=-Xmx6g $b/bin/sextant-bench run --engine sextant,lucene --index hnsw --dataset $ds \
    --param M=$m --param efConstruction=$efc --param efSearch=64 --k 10 --queries 1000 --threads 2 > t2-$ds-m$m.jsonl 2> t2-$ds-m$m.err
  grep -h "built in" t2-$ds-m$m.err
done
run done
