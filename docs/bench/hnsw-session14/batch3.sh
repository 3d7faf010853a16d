#!/bin/bash
# Session 14, repeats of acceptance 1 at fashion-mnist: Sextant (order=locality, the harness default since b3beae7)
# and Lucene, one interleaved JVM per run, from a worktree at b3beae7 ($1), run from this folder.
b=${1:-/tmp/wtb}
for r in r2 r3; do
  ./il.sh $b il-f16-$r fashion-mnist 16 100 10,11,12,14,16 sextant,lucene
  ./il.sh $b il-f32-$r fashion-mnist 32 200 10,11,12,14,16 sextant,lucene
done
