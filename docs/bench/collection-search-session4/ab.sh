cd /tmp/coll4
i=0
for v in hb3 hb5 hb3 hb5; do i=$((i+1))
  echo "start $i $v $(date -u +%H:%M:%S) $(uptime | sed 's/.*average/load/')" >> load.txt
  SEXTANT_JAVA_OPTS=-Xmx4g /tmp/$v/bench run --engine sextant --index hnsw --dataset fashion-mnist --param M=16 --param efConstruction=100 --param storage=collection --param efSearch=16,32 --k 10 --warmup 10000 --threads 1 --clock cpu > run$i-$v.jsonl 2> run$i-$v.err
done
echo "end $(date -u +%H:%M:%S) $(uptime | sed 's/.*average/load/')" >> load.txt
