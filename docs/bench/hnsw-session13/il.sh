#!/bin/bash
# il.sh bench tag dataset M efC efs [engines]  (copy of docs/bench/hnsw-session5/il.sh with the bench script as an argument)
b=$1; tag=$2
uptime > $tag.load
SEXTANT_JAVA_OPTS="-Xmx6g ${JOPTS:-}" $b/bin/sextant-bench run --engine ${7:-sextant,lucene} --interleave --index hnsw --dataset $3 --param M=$4 --param efConstruction=$5 --param efSearch=$6 --k 10 --warmup 10000 --threads 1 --clock cpu > $tag.jsonl 2> $tag.err
uptime >> $tag.load
