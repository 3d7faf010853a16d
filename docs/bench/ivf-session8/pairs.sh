#!/bin/bash
# Run from a scratch folder with build.sh beside it (rows and logs land there).
# Alternating fresh-JVM builds at 2 threads: Sextant HNSW (M16 efC100) then IVF-PQ (nlist 1024, pq=auto), N pairs.
N=${1:-4}; out=${2:-pairs}
for i in $(seq 1 $N); do
  ./build.sh $out-h$i hnsw 2 --param M=16 --param efConstruction=100 --param efSearch=64
  ./build.sh $out-pq$i ivf 2 --param nlist=1024 --param pq=auto --param nprobe=16
  uptime | sed 's/.*load/load/'
done
