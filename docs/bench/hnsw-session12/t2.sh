#!/bin/bash
# acceptance 2 of issue 4: each engine's 2-thread build in its own fresh JVM, one run per graph setting
for spec in fashion-mnist:16:100 fashion-mnist:32:200 wordnet-minilm:16:100; do
  IFS=: read ds m efc <<< "$spec"
  echo "== $(date +%T) $ds M$m efC$efc $(uptime | sed 's/.*load/load/')"
  SEXTANT_JAVA_OPTS=-Xmx4g /work/main/bin/sextant-bench run --engine sextant,lucene --index hnsw --dataset $ds \
    --param M=$m --param efConstruction=$efc --param efSearch=64 --k 10 --queries 1000 --threads 2 > t2-$ds-m$m.jsonl 2> t2-$ds-m$m.err
  grep -h "built in" t2-$ds-m$m.err
done
echo "== $(date +%T) done"
