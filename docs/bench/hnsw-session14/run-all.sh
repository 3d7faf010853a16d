#!/bin/bash
# Session 14's acceptance-1 runs: one interleaved run per graph setting, all three engines, Sextant
# both with nodes in input order and with order=locality (HnswIndex.NodeOrder.LOCALITY), run from this folder.
b=${1:-../../..}
il=./il.sh
o="--param sextant:order=input,locality"
$il $b il-f16 fashion-mnist 16 100 10,11,12,14,16 sextant,lucene,jvector $o
$il $b il-f32 fashion-mnist 32 200 10,11,12,14,16 sextant,lucene,jvector $o
$il $b il-wn16 wordnet-minilm 16 100 16,20,24,32,48 sextant,lucene,jvector $o
$il $b il-wn32 wordnet-minilm 32 200 12,16,20,24,32 sextant,lucene,jvector $o
