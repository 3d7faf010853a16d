#!/bin/bash
# The three settings of run-all.sh that a source edit in the tree interrupted, rerun from a worktree at d97e0d0.
b=${1:-/tmp/wtb}
o="--param sextant:order=input,locality"
./il.sh $b il-f32 fashion-mnist 32 200 10,11,12,14,16 sextant,lucene,jvector $o
./il.sh $b il-wn16 wordnet-minilm 16 100 16,20,24,32,48 sextant,lucene,jvector $o
./il.sh $b il-wn32 wordnet-minilm 32 200 12,16,20,24,32 sextant,lucene,jvector $o
