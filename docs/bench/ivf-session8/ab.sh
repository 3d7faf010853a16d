#!/bin/bash
# Old (77a3d5f: its ivf jar copied over a copy of bench/target/lib in /tmp/s8/libold) vs new IVF jar, same bench jar, fresh JVM each, alternating: IVF-PQ fashion-mnist nlist 1024, 2 threads; FINE phase line.
J=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
for i in $(seq 1 ${1:-3}); do
  for v in old new; do
    lib=/work/main/bench/target/lib; [ $v = old ] && lib=/tmp/s8/libold
    $J --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -Xmx4g -Djava.util.logging.config.file=/tmp/s8/log.properties -cp "/work/main/bench/target/sextant-bench.jar:$lib/*" io.sextant.bench.Main \
      run --engine sextant --index ivf --dataset fashion-mnist --param nlist=1024 --param pq=${PQ:-auto} --param nprobe=16 --k 10 --queries 200 --warmup 100 --threads 2 2>&1 >/dev/null | grep -o 'built in.*\|top [0-9]* ms.*\|k-means 1 iter.*' | tr '\n' ' ' | sed "s/^/$v $i: /"; echo
  done
done
