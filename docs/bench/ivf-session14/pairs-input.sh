#!/bin/bash
# As ../ivf-session7/pairs.sh, with Sextant HNSW in input order (--param order=input): N alternating fresh-JVM pairs.
N=${1:-4}; out=${2:-pairs}
for i in $(seq 1 $N); do
  ./build.sh $out-h$i hnsw 2 --param M=16 --param efConstruction=100 --param efSearch=64 --param order=input
  ./build.sh $out-pq$i ivf 2 --param nlist=1024 --param pq=auto --param nprobe=16
  uptime | sed 's/.*load/load/'
done
