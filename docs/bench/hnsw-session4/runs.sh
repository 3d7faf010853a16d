set -x
cd /tmp/q
for r in a b c; do
 uptime >> load.txt
 SEXTANT_JAVA_OPTS=-Xmx4g /tmp/hb/bench run --engine sextant,lucene --index hnsw --dataset fashion-mnist --param M=16 --param efConstruction=100 --param efSearch=10,16,24,32,48,64 --k 10 --warmup 10000 --threads 1 --clock cpu > f16-SL-$r.jsonl 2> f16-SL-$r.err
 uptime >> load.txt
 SEXTANT_JAVA_OPTS=-Xmx4g /tmp/hb/bench run --engine lucene,sextant --index hnsw --dataset fashion-mnist --param M=16 --param efConstruction=100 --param efSearch=10,16,24,32,48,64 --k 10 --warmup 10000 --threads 1 --clock cpu > f16-LS-$r.jsonl 2> f16-LS-$r.err
done
uptime >> load.txt
