#!/bin/bash
# il.sh bench tag dataset M efC efs [engines] [extra --param flags...]
# As ../hnsw-session13/il.sh (one JVM, --interleave, --warmup 10000 --threads 1 --clock cpu), with extra
# flags passed through, e.g. --param sextant:order=input,locality.
b=$1; tag=$2; ds=$3; m=$4; efc=$5; efs=$6; engines=${7:-sextant,lucene}; shift 7
uptime > $tag.load
SEXTANT_JAVA_OPTS="-Xmx8g ${JOPTS:-}" $b/bin/sextant-bench run --engine $engines --interleave --index hnsw --dataset $ds \
  --param M=$m --param efConstruction=$efc --param efSearch=$efs "$@" --k 10 --warmup 10000 --threads 1 --clock cpu \
  > $tag.jsonl 2> $tag.err
uptime >> $tag.load
