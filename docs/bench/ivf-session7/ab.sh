#!/bin/bash
# Old (01c6d03; its ivf jar copied over bench/target/lib/* into /tmp/s7/libold) vs new IVF jar, same bench jar, fresh JVM each, alternating: IVF-PQ fashion-mnist nlist 1024 at 2 threads.
J=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
for i in $(seq 1 ${1:-3}); do
  for v in old new; do
    lib=/work/main/bench/target/lib; [ $v = old ] && lib=/tmp/s7/libold
    $J --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -Xmx4g -cp "/work/main/bench/target/sextant-bench.jar:$lib/*" io.sextant.bench.Main \
      run --engine sextant --index ivf --dataset fashion-mnist --param nlist=1024 --param pq=auto --param nprobe=16 --k 10 --queries 200 --warmup 100 --threads 2 2>&1 >/dev/null | grep -o 'built in.*' | head -1 | sed "s/^/$v $i: /"
  done
done
