#!/usr/bin/env bash
# Auto vs scan-only filtered HNSW, interleaved in one run, CPU clock (session 3, the outside-query cost model).
# Usage: outside.sh DATASET  (writes outside-DATASET.jsonl and .log beside this script's working directory)
set -u
d=$1
B="$(dirname "$0")/../../../bin/sextant-bench"
o=outside-$d
echo "start $(date -u) $(uptime)" > $o.log
$B run --engine sextant --index hnsw --dataset $d --queries 1000 --warmup 300 --threads 1 --k 10 --clock cpu \
  --param M=16 --param efConstruction=100 --param efSearch=40 --param filterPath=auto,scan \
  --param filter=0.5,0.1,0.01,0.001,corr:0.5,corr:0.1,corr:0.01,corr:0.001 > $o.jsonl 2>> $o.log
echo "end $(date -u) $(uptime)" >> $o.log
