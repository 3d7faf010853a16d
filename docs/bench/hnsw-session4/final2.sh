cd /tmp/q/final
B=/tmp/hb2/bench
run() { local name=$1; shift; echo "start $name $(date -u +%H:%M:%S) $(uptime | sed 's/.*average/load/')" >> load.txt
  SEXTANT_JAVA_OPTS=-Xmx4g $B run "$@" > $name.jsonl 2> $name.err
  echo "end   $name $(date -u +%H:%M:%S) $(uptime | sed 's/.*average/load/')" >> load.txt; }
H="--index hnsw --k 10 --warmup 10000 --threads 1 --clock cpu"
run f32-SL-2 --engine sextant,lucene $H --dataset fashion-mnist --param M=32 --param efConstruction=200 --param efSearch=10,16,24,32,48,64
run f32-LS-2 --engine lucene,sextant $H --dataset fashion-mnist --param M=32 --param efConstruction=200 --param efSearch=10,16,24,32,48,64
run f32-SL-3 --engine sextant,lucene $H --dataset fashion-mnist --param M=32 --param efConstruction=200 --param efSearch=10,16,24,32,48,64
run f16-SL-2 --engine sextant,lucene $H --dataset fashion-mnist --param M=16 --param efConstruction=100 --param efSearch=10,16,24,32,48,64
run f16-LS-2 --engine lucene,sextant $H --dataset fashion-mnist --param M=16 --param efConstruction=100 --param efSearch=10,16,24,32,48,64
