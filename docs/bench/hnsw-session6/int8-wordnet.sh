#!/bin/bash
cd /work/main
echo "== $(date -u +%H:%M:%S) start load: $(cut -d' ' -f1-3 /proc/loadavg)"
SEXTANT_JAVA_OPTS=-Xmx6g bin/sextant-bench run --engine sextant --interleave --index hnsw --dataset wordnet-minilm \
  --param M=16 --param efConstruction=100 --param quantization=none,int8 --param efSearch=16,24,32 \
  --k 10 --warmup 10000 --threads 1 --clock cpu > docs/bench/hnsw-session6/wordnet-m16-int8-vs-float-interleaved.jsonl 2> /tmp/q8.err
rc=$? # before the echo: its $(date) would reset $?
echo "== $(date -u +%H:%M:%S) end rc=$rc load: $(cut -d' ' -f1-3 /proc/loadavg)"
