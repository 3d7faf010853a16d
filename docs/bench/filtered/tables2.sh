#!/usr/bin/env bash
# Filtered tables for one dataset: exact scan (flat), HNSW auto, IVF-Flat, IVF-PQ+rerank, back to back.
set -u
d=$1; ef=$2
F=1,0.5,0.1,0.01,0.001,corr:0.5,corr:0.1,corr:0.01,corr:0.001
B="$(dirname "$0")/../../../bin/sextant-bench"
o=tab-$d
common="--dataset $d --queries 1000 --warmup 300 --threads 1 --k 10"
{ echo "start $(date -u) $(uptime)"; } > $o.log
$B run --engine sextant --index flat $common --param filter=$F > $o-flat.jsonl 2>> $o.log
echo "flat done $(uptime)" >> $o.log
$B run --engine sextant --index hnsw $common --param M=16 --param efConstruction=100 --param efSearch=$ef --param filterPath=auto,scan --param filter=$F > $o-hnsw.jsonl 2>> $o.log
echo "hnsw done $(uptime)" >> $o.log
$B run --engine sextant --index ivf $common --param pq=flat --param filter=$F > $o-ivfflat.jsonl 2>> $o.log
echo "ivf flat done $(uptime)" >> $o.log
$B run --engine sextant --index ivf $common --param pq=auto --param filter=$F > $o-ivfpq.jsonl 2>> $o.log
echo "end $(date -u) $(uptime)" >> $o.log
