#!/bin/bash
# int8ab.sh bench tag dataset efs : as docs/bench/hnsw-session12/int8.sh with the bench root as an argument
b=$1; tag=$2; ds=$3; efs=$4
echo "== $(date -u +%H:%M:%S) $tag start load: $(cut -d' ' -f1-3 /proc/loadavg)"
SEXTANT_JAVA_OPTS=-Xmx6g $b/bin/sextant-bench run --engine sextant --interleave --index hnsw --dataset "$ds" \
  --param M=16 --param efConstruction=100 --param quantization=none,int8 --param efSearch="$efs" \
  --k 10 --warmup 10000 --threads 1 --clock cpu > int8-$tag.jsonl 2> int8-$tag.err
echo "== $(date -u +%H:%M:%S) $tag end load: $(cut -d' ' -f1-3 /proc/loadavg)"
