#!/bin/bash
# Kernel warm-up thread on (default) vs off (-Dsextant.ivf.kernelWarmup=false, temporary probe patch), same jar, fresh JVMs alternated.
J=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java; W=/tmp/s10/wt/bench/target
for i in $(seq 1 ${1:-3}); do
  for v in on off; do
    $J --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -Xmx4g -Dsextant.ivf.kernelWarmup=$([ $v = on ] && echo true || echo false) -Djava.util.logging.config.file=/tmp/s10/log.properties -cp "$W/sextant-bench.jar:$W/lib/*" io.sextant.bench.Main \
      run --engine sextant --index ivf --dataset ${DS:-fashion-mnist} --param nlist=1024 --param pq=${PQ:-auto} --param nprobe=16 --k 10 --queries 200 --warmup 100 --threads 2 2>&1 >/dev/null | grep -o 'built in.*\|k-means [0-9]* iter.*\|top [0-9]* ms.*' | tr '\n' ' ' | sed "s/^/$v $i: /"; echo
  done
done
