cd /tmp/q8
i=12
for q in int8 none none int8; do i=$((i+1))
  echo "start $i $q $(date -u +%H:%M:%S) $(uptime | sed 's/.*average/load/')" >> load.txt
  SEXTANT_JAVA_OPTS=-Xmx4g /tmp/hb5/bench run --engine sextant --index hnsw --dataset fashion-mnist --param M=16 --param efConstruction=100 \
    --param quantization=$q --param efSearch=20,18,17,16 --k 10 --queries 10000 --threads 1 --warmup 30000 --clock cpu > run$i-$q.jsonl 2> run$i-$q.err
done
echo "end $(date -u +%H:%M:%S) $(uptime | sed 's/.*average/load/')" >> load.txt
