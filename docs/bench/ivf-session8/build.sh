#!/bin/bash
# usage: build.sh tag index threads params...
tag=$1; idx=$2; th=$3; shift 3
SEXTANT_JAVA_OPTS="-Xmx4g ${JOPTS:-}" /work/main/bin/sextant-bench run --engine sextant --index $idx --dataset ${DS:-fashion-mnist} "$@" --k 10 --queries 200 --warmup 100 --threads $th > $tag.jsonl 2> $tag.err
grep -o 'built in.*' $tag.err | head -2 | sed "s/^/$tag: /"
