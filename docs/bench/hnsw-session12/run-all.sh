#!/bin/bash
# Session 12's acceptance-1 runs: one interleaved run per graph setting, all three engines
# (../hnsw-session5/il.sh: --interleave --warmup 10000 --threads 1 --clock cpu), run from this folder.
il=../hnsw-session5/il.sh
$il il-f16 fashion-mnist 16 100 10,12,14,16,24,32 sextant,lucene,jvector
$il il-f32 fashion-mnist 32 200 10,12,14,16,24,32 sextant,lucene,jvector
$il il-wn16 wordnet-minilm 16 100 16,20,24,32,48,64 sextant,lucene,jvector
$il il-wn32 wordnet-minilm 32 200 12,16,20,24,32,48 sextant,lucene,jvector
# Repeats of the fashion-mnist settings, Sextant and Lucene only (M32's first ef at 0.95 was at 1.48x in the first run)
for r in r2 r3; do
  $il il-f16-$r fashion-mnist 16 100 10,12,14,16,24,32 sextant,lucene
  $il il-f32-$r fashion-mnist 32 200 10,12,14,16,24,32 sextant,lucene
done
# A fourth fashion-mnist run per setting at the end of the session, Sextant and Lucene only
$il il-f16-r4 fashion-mnist 16 100 10,12,14,16,24,32 sextant,lucene
$il il-f32-r4 fashion-mnist 32 200 10,12,14,16,24,32 sextant,lucene
