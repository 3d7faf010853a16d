#!/bin/bash
cd /work/main
for ds in fashion-mnist wordnet-minilm; do
  for mefc in 16:100 32:200; do
    m=${mefc%:*}; efc=${mefc#*:}
    echo "== $(date -u +%H:%M:%S) start $ds M=$m efC=$efc load: $(cut -d' ' -f1-3 /proc/loadavg)"
    SEXTANT_JAVA_OPTS=-Xmx6g bin/sextant-bench run --engine sextant,lucene --index hnsw --dataset $ds \
      --param M=$m --param efConstruction=$efc --param efSearch=64 --k 10 --queries 200 --warmup 100 --threads 2 \
      > docs/bench/hnsw-session6/$ds-m$m-efc$efc-build-t2.jsonl 2> docs/bench/hnsw-session6/$ds-m$m-efc$efc-build-t2.err
    rc=$? # before the echo: its $(date) would reset $?
    echo "== $(date -u +%H:%M:%S) end rc=$rc load: $(cut -d' ' -f1-3 /proc/loadavg)"
    grep -o 'built in.*' docs/bench/hnsw-session6/$ds-m$m-efc$efc-build-t2.err
  done
done
