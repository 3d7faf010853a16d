#!/bin/bash
# il.sh tag dataset M efC efs [engines]
tag=$1
uptime > $tag.load
SEXTANT_JAVA_OPTS="-Xmx6g ${JOPTS:-}" /work/main/bin/sextant-bench run --engine ${6:-sextant,lucene} --interleave --index hnsw --dataset $2 --param M=$3 --param efConstruction=$4 --param efSearch=$5 --k 10 --warmup 10000 --threads 1 --clock cpu > $tag.jsonl 2> $tag.err
uptime >> $tag.load
