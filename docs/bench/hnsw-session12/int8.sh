#!/bin/bash
# usage: int8.sh dataset efSearchList  — float and int8 traversal of one M16/efC100 graph setting,
# interleaved in one JVM (alternating blocks of 100 queries, thread-CPU clock); rows next to this script.
ds=$1; efs=$2; here=$(cd "$(dirname "$0")" && pwd)
cd "$here/../../.."
echo "== $(date -u +%H:%M:%S) $ds start load: $(cut -d' ' -f1-3 /proc/loadavg)"
SEXTANT_JAVA_OPTS=-Xmx6g bin/sextant-bench run --engine sextant --interleave --index hnsw --dataset "$ds" \
  --param M=16 --param efConstruction=100 --param quantization=none,int8 --param efSearch="$efs" \
  --k 10 --warmup 10000 --threads 1 --clock cpu > "$here/int8-$ds.jsonl" 2> "$here/int8-$ds.err"
rc=$? # before the echo: its $(date) would reset $?
echo "== $(date -u +%H:%M:%S) $ds end rc=$rc load: $(cut -d' ' -f1-3 /proc/loadavg)"
