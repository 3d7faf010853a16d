#!/bin/bash
# sl.sh tag engines dataset M efC efs
tag=$1
uptime > $tag.load
SEXTANT_JAVA_OPTS="-Xmx4g ${JOPTS:-}" /work/main/bin/sextant-bench run --engine $2 --index hnsw --dataset $3 --param M=$4 --param efConstruction=$5 --param efSearch=$6 --k 10 --warmup 10000 --threads 1 --clock cpu > $tag.jsonl 2> $tag.err
uptime >> $tag.load
