cd /tmp/q/final
B=/tmp/hb2/bench
run() { local name=$1; shift; echo "start $name $(date -u +%H:%M:%S) $(uptime | sed 's/.*average/load/')" >> load.txt
  SEXTANT_JAVA_OPTS=-Xmx4g $B run "$@" > $name.jsonl 2> $name.err
  echo "end   $name $(date -u +%H:%M:%S) $(uptime | sed 's/.*average/load/')" >> load.txt; }
H="--index hnsw --k 10 --warmup 10000 --threads 1 --clock cpu"
run f32-LS-3 --engine lucene,sextant $H --dataset fashion-mnist --param M=32 --param efConstruction=200 --param efSearch=10,16,24,32,48,64
run f32-SL-4 --engine sextant,lucene $H --dataset fashion-mnist --param M=32 --param efConstruction=200 --param efSearch=10,16,24,32,48,64
run f32-LS-4 --engine lucene,sextant $H --dataset fashion-mnist --param M=32 --param efConstruction=200 --param efSearch=10,16,24,32,48,64
run f32-SL-5 --engine sextant,lucene $H --dataset fashion-mnist --param M=32 --param efConstruction=200 --param efSearch=10,16,24,32,48,64
