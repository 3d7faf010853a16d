#!/usr/bin/env bash
# Repeat of the close cells of outside.sh with the order reversed (scan-only first, then auto), to judge noise.
# Usage: outside-repeat.sh DATASET FILTERS
set -u
d=$1; f=$2
B="$(dirname "$0")/../../../bin/sextant-bench"
o=outside-repeat-$d
echo "start $(date -u) $(uptime)" > $o.log
$B run --engine sextant --index hnsw --dataset $d --queries 1000 --warmup 300 --threads 1 --k 10 --clock cpu \
  --param M=16 --param efConstruction=100 --param efSearch=40 --param filterPath=scan,auto \
  --param filter=$f > $o.jsonl 2>> $o.log
echo "end $(date -u) $(uptime)" >> $o.log
