#!/usr/bin/env python3
# Writes src/main/java/io/sextant/hnsw/PanamaArrayKernel.java and PanamaSegmentKernel.java.
# Usage (from hnsw/): python3 tools/generate_kernels.py src/main/java/io/sextant/hnsw
# Generates PanamaArrayKernel.java and PanamaSegmentKernel.java from one template so both stay identical in structure.
import textwrap

def gen(kind):
    arr = kind == 'array'
    cls = 'PanamaArrayKernel' if arr else 'PanamaSegmentKernel'
    if arr:
        fields = '''  private final float[] data;
  /** Index in {@link #data} of vector 0's first float. */
  private final int base;'''
        ctor = '''  PanamaArrayKernel(float[] data, int base, int dimension, Similarity similarity) {
    this.data = data;
    this.base = base;
    this.dim = dimension;
    this.metric = metricOf(similarity);
  }'''
        offtype = 'int'
        def off(node): return f'base + {node} * dim'
        def src(j): return 'data'
        def load(j, idx, mask=None):
            return f'FloatVector.fromArray(F, data, o{j} + {idx}' + (f', {mask})' if mask else ')')
        prep = lambda js: ''
        doc_kind = 'a heap {@code float[]}\n * (the vectors of a heap-backed {@link io.sextant.core.vector.FloatVectors})'
    else:
        fields = '''  private final MemorySegment data;
  /** Byte offset in {@link #data} of vector 0. */
  private final long base;
  private final long bytes;'''
        ctor = '''  PanamaSegmentKernel(MemorySegment data, long base, int dimension, Similarity similarity) {
    this.data = data;
    this.base = base;
    this.dim = dimension;
    this.bytes = 4L * dimension;
    this.metric = metricOf(similarity);
  }'''
        offtype = 'long'
        def off(node): return f'base + {node} * bytes'
        def load(j, idx, mask=None):
            return f'FloatVector.fromMemorySegment(F, data, o{j} + 4L * {idx}, LE' + (f', {mask})' if mask else ')')
        prep = lambda js: ''
        doc_kind = ('a memory segment\n * (off-heap or mapped), loading at absolute offsets into the whole segment. An earlier version\n'
                    ' * sliced each vector first (asSlice, then loads at small offsets); on JDK 25 the absolute form\n'
                    ' * made a graph search over an off-heap copy of Fashion-MNIST ~15 % faster (49–57 against 59–68 µs\n'
                    ' * per query at efSearch 16, one kernel per JVM, four JVMs each; docs/bench/hnsw.md, "Session 4")')

    def kernel(name, width, op):
        js = list(range(width))
        params = ', '.join(f'{offtype} o{j}' for j in js)
        lines = []
        lines.append(f'  private void {name}{width}(float[] q, {params}, float[] out, int at) {{')
        lines.append(prep(js).rstrip('\n')) if prep(js) else None
        lines.append('    int n = dim;')
        if op == 'cos':
            lines.append('    FloatVector qq = FloatVector.zero(F);')
            lines.append('    FloatVector ' + ', '.join(f'a{j} = qq' for j in js) + ';')
            lines.append('    FloatVector ' + ', '.join(f'b{j} = qq' for j in js) + ';')
        else:
            lines.append('    FloatVector ' + ', '.join(f'a{j} = FloatVector.zero(F)' if j == 0 else f'a{j} = a0' for j in js) + ';')
        lines.append('    int i = 0;')
        lines.append('    for (int end = F.loopBound(n); i < end; i += FL) {')
        lines.append('      FloatVector x = FloatVector.fromArray(F, q, i);')
        body(lines, js, op, load, None)
        lines.append('    }')
        # The last n % FL floats are added by small scalar methods, never by masked vector ops: see the class comment.
        if width == 16 and op == 'cos':
            sa = wide_sums(lines, js, 'a')
            sb = wide_sums(lines, js, 'b')
            lines.append('    float qn = LaneSum.sum(qq) + tailQueryNorm(q, i);')
            lines.append('    float[] t = sums;')
            lines.append(f'    {sa}.intoArray(t, 0);')
            lines.append(f'    {sb}.intoArray(t, 16);')
            lines.append('    if (i == n) {')
            # cosine() spelled out: past C2's inlining node budget here, a call per vector.
            lines.append('      for (int j = 0; j < 16; j++) {')
            lines.append('        double denom = Math.sqrt((double) qn * (double) (t[16 + j] + 0f));')
            lines.append('        out[at + j] = denom == 0 ? 0f : (float) ((t[j] + 0f) / denom);')
            lines.append('      }')
            lines.append('      return;')
            lines.append('    }')
            for j in js:
                lines.append(f'    out[at + {j}] = cosine(t[{j}] + tailDot(q, o{j}, i), qn, t[{16 + j}] + tailNorm(o{j}, i));')
        elif width == 16:
            s_ = wide_sums(lines, js)
            # No tail (dim a multiple of FL): the sums go out as one vector. "+ 0f" keeps the bits
            # of the scalar path's "sum + tail" (it turns -0 into +0).
            lines.append('    if (i == n) {')
            lines.append(f'      {s_}.neg().intoArray(out, at);' if op == 'l2' else f'      {s_}.add(0f).intoArray(out, at);')
            lines.append('      return;')
            lines.append('    }')
            lines.append('    float[] t = sums;')
            lines.append(f'    {s_}.intoArray(t, 0);')
            for j in js:
                lines.append(f'    out[at + {j}] = -(t[{j}] + tailL2(q, o{j}, i));' if op == 'l2' else f'    out[at + {j}] = t[{j}] + tailDot(q, o{j}, i);')
        elif op == 'cos':
            lines.append('    float qn = LaneSum.sum(qq) + tailQueryNorm(q, i);')
            for j in js:
                lines.append(f'    out[at + {j}] = cosine(LaneSum.sum(a{j}) + tailDot(q, o{j}, i), qn, LaneSum.sum(b{j}) + tailNorm(o{j}, i));')
        elif op == 'l2':
            for j in js:
                lines.append(f'    out[at + {j}] = -(LaneSum.sum(a{j}) + tailL2(q, o{j}, i));')
        else:
            for j in js:
                lines.append(f'    out[at + {j}] = LaneSum.sum(a{j}) + tailDot(q, o{j}, i);')
        lines.append('  }')
        return '\n'.join(l for l in lines if l is not None)

    def fma_line(width, a, b, acc):
        # The 16-wide loop calls no helper: with mulAdd C2 reached NodeCountInliningCutoff inside
        # the loop and left the last accumulators' mulAdd calls out of line, boxing a vector per
        # call (measured: twice the time per vector of the 8-wide kernel). The FMA test folds away.
        if width > 8:
            return f'      {acc} = FMA ? {a}.fma({b}, {acc}) : {acc}.add({a}.mul({b}));'
        return f'      {acc} = mulAdd({a}, {b}, {acc});'

    def wide_sums(lines, js, acc='a'):
        # All 16 lane sums at once, lane j of the result being accumulator j's LaneSum.sum: at
        # each step (lane distance 8, 4, 2, 1) two vectors become one whose lanes with that bit set
        # carry the second's partial sums. Every lane adds the same pairs in the same tree as
        # LaneSum, so the bits are the same; it is 15 blends of pairs instead of 16 separate
        # reductions, which would also push the method past C2's inlining node budget.
        v = [f'{acc}{j}' for j in js]
        for sh in [8, 4, 2, 1]:
            half = len(v) // 2
            nv = []
            for j in range(half):
                nm = f'{acc}{sh}_{j}'
                lines.append(f'    FloatVector {nm} = {v[j]}.blend({v[j + half]}, LaneSum.BIT{sh}).add({v[j + half]}.blend({v[j]}, LaneSum.BIT{sh}).rearrange(LaneSum.SWAP{sh}));')
                nv.append(nm)
            v = nv
        return v[0]

    def body(lines, js, op, load, mask):
        for j in js:
            lines.append(f'      FloatVector y{j} = {load(j, "i", mask)};')
        if op == 'l2':
            for j in js:
                lines.append(f'      FloatVector d{j} = x.sub(y{j});')
            for j in js:
                lines.append(fma_line(len(js), f'd{j}', f'd{j}', f'a{j}'))
        elif op == 'dot':
            for j in js:
                lines.append(fma_line(len(js), 'x', f'y{j}', f'a{j}'))
        else:
            lines.append(fma_line(len(js), 'x', 'x', 'qq'))
            for j in js:
                lines.append(fma_line(len(js), 'x', f'y{j}', f'a{j}'))
                lines.append(fma_line(len(js), f'y{j}', f'y{j}', f'b{j}'))

    def single(op):
        # One vector, four independent accumulator chains over consecutive lane blocks.
        L = []
        L.append(f'  private float {op}1(float[] q, {offtype} o0) {{')
        L.append('    int n = dim;')
        names = ['s', 't'] if op == 'cos' else ['s']
        for nm in names:
            L.append(f'    FloatVector {nm}0 = FloatVector.zero(F), {nm}1 = {nm}0, {nm}2 = {nm}0, {nm}3 = {nm}0;')
        if op == 'cos':
            L.append('    FloatVector qq = FloatVector.zero(F);')
        L.append('    int i = 0;')
        L.append('    for (int end = n - n % (4 * FL); i < end; i += 4 * FL) {')
        for u in range(4):
            idx = 'i' if u == 0 else f'i + {u} * FL'
            L.append(f'      FloatVector x{u} = FloatVector.fromArray(F, q, {idx});')
            L.append(f'      FloatVector y{u} = {load(0, "(" + idx + ")")};')
            step(L, op, u, f'x{u}', f'y{u}')
        L.append('    }')
        L.append('    for (int end = F.loopBound(n); i < end; i += FL) {')
        L.append('      FloatVector x0 = FloatVector.fromArray(F, q, i);')
        L.append(f'      FloatVector y0 = {load(0, "i")};')
        step(L, op, 0, 'x0', 'y0')
        L.append('    }')
        red = lambda nm: f'LaneSum.sum({nm}0.add({nm}1).add({nm}2.add({nm}3)))'
        if op == 'l2':
            L.append(f'    return -({red("s")} + tailL2(q, o0, i));')
        elif op == 'dot':
            L.append(f'    return {red("s")} + tailDot(q, o0, i);')
        else:
            L.append(f'    return cosine({red("s")} + tailDot(q, o0, i), LaneSum.sum(qq) + tailQueryNorm(q, i), {red("t")} + tailNorm(o0, i));')
        L.append('  }')
        return '\n'.join(L)

    def step(L, op, u, x, y):
        if op == 'l2':
            L.append(f'      FloatVector d{u} = {x}.sub({y});')
            L.append(f'      s{u} = mulAdd(d{u}, d{u}, s{u});')
        elif op == 'dot':
            L.append(f'      s{u} = mulAdd({x}, {y}, s{u});')
        else:
            L.append(f'      s{u} = mulAdd({x}, {y}, s{u});')
            L.append(f'      t{u} = mulAdd({y}, {y}, t{u});')
            L.append(f'      qq = mulAdd({x}, {x}, qq);')

    def width_method():
        return '''  @Override
  public int batchWidth() {
    return FL == 16 ? 16 : 8;
  }'''

    def tails():
        get = (lambda idx: f'data[o + {idx}]') if arr else (lambda idx: f'data.get(FLOAT_LE, o + 4L * {idx})')
        fma = lambda a, b, acc: f'(FMA ? Math.fma({a}, {b}, {acc}) : {acc} + {a} * {b})'
        L = []
        L.append('  // Scalar remainders (the last dim % FL floats), kept out of the vector loops on purpose.')
        L.append(f'  private float tailL2(float[] q, {offtype} o, int from) {{')
        L.append('    float s = 0;')
        L.append('    for (int i = from; i < dim; i++) {')
        L.append(f'      float d = q[i] - {get("i")};')
        L.append(f'      s = {fma("d", "d", "s")};')
        L.append('    }')
        L.append('    return s;')
        L.append('  }')
        L.append('')
        L.append(f'  private float tailDot(float[] q, {offtype} o, int from) {{')
        L.append('    float s = 0;')
        L.append('    for (int i = from; i < dim; i++) {')
        L.append(f'      float y = {get("i")};')
        L.append(f'      s = {fma("q[i]", "y", "s")};')
        L.append('    }')
        L.append('    return s;')
        L.append('  }')
        L.append('')
        L.append(f'  private float tailNorm({offtype} o, int from) {{')
        L.append('    float s = 0;')
        L.append('    for (int i = from; i < dim; i++) {')
        L.append(f'      float y = {get("i")};')
        L.append(f'      s = {fma("y", "y", "s")};')
        L.append('    }')
        L.append('    return s;')
        L.append('  }')
        L.append('')
        L.append('  private float tailQueryNorm(float[] q, int from) {')
        L.append('    float s = 0;')
        L.append(f'    for (int i = from; i < dim; i++) s = {fma("q[i]", "q[i]", "s")};')
        L.append('    return s;')
        L.append('  }')
        return '\n'.join(L)

    def dispatch(op):
        call = lambda wd, idx, dst, at: f'{op}{wd}(q, ' + ', '.join(off(idx(j)) for j in range(wd)) + f', {dst}, {at});'
        padded = lambda j: 'nodes[i]' if j == 0 else f'nodes[Math.min(i + {j}, last)]'
        L = []
        L.append(f'  private void {op}Batch(float[] q, int[] nodes, int count, float[] out) {{')
        L.append('    int i = 0;')
        # The 16-wide kernels keep 16 accumulators in registers: AVX-512 only.
        L.append('    if (FL == 16) {')
        L.append('      for (; i + 16 <= count; i += 16) {')
        L.append('        ' + call(16, lambda j: f'nodes[i + {j}]' if j else 'nodes[i]', 'out', 'i'))
        L.append('      }')
        L.append('    } else {')
        L.append('      for (; i + 8 <= count; i += 8) {')
        L.append('        ' + call(8, lambda j: f'nodes[i + {j}]' if j else 'nodes[i]', 'out', 'i'))
        L.append('      }')
        L.append('    }')
        L.append('    int rest = count - i;')
        L.append('    if (rest == 0) return;')
        L.append('    // The rest in one call, padded by repeating its last vector: the repeats come from cache, so')
        L.append('    // all of the rest\'s loads are in flight together for little more than the arithmetic.')
        L.append('    int last = count - 1;')
        L.append('    float[] tmp = tail;')
        L.append('    if (FL == 16 && rest > 8) {')
        L.append('      ' + call(16, padded, 'tmp', '0'))
        L.append('    } else if (rest > 4) {')
        L.append('      ' + call(8, padded, 'tmp', '0'))
        L.append('    } else {')
        L.append('      ' + call(4, padded, 'tmp', '0'))
        L.append('    }')
        L.append('    System.arraycopy(tmp, 0, out, i, rest);')
        L.append('  }')
        return '\n'.join(L)

    imports = ['io.sextant.core.vector.PanamaKernels', 'io.sextant.core.vector.Similarity']
    if not arr:
        imports.append('java.lang.foreign.MemorySegment')
        imports.append('java.lang.foreign.ValueLayout')
        imports.append('java.nio.ByteOrder')
    imports += ['io.sextant.core.vector.lanes.LaneSum', 'jdk.incubator.vector.FloatVector', 'jdk.incubator.vector.VectorSpecies']
    out = []
    out.append('package io.sextant.hnsw;\n')
    for im in sorted(imports):
        out.append(f'import {im};')
    out.append('')
    out.append('/**')
    out.append(f' * Scores a query against several vectors at once, with the vectors in {doc_kind}.')
    out.append(' * Generated by {@code hnsw/tools/generate_kernels.py} together with its sibling kernel class;')
    out.append(' * edit the generator, not this file.')
    out.append(' *')
    out.append(' * <p>Why batches: a graph search scores the unvisited neighbours of a node, vectors scattered')
    out.append(' * through memory. Scoring them one at a time stalls on each vector\'s cache misses in turn;')
    out.append(' * one loop over 8 (or 4) vectors with one accumulator each keeps all their loads in flight')
    out.append(' * together. On 784-d vectors that cuts the cost per vector about fourfold. With 16 float')
    out.append(' * lanes (AVX-512: 32 vector registers) batches go 16 at a time: on a Zen 4 machine 175–208')
    out.append(' * against 224–288 ns per random 784-d vector for euclidean (docs/bench/hnsw.md, "Session 12");')
    out.append(' * with 8 lanes (16 registers) a 16-wide loop spilled and was slower ("Session 4"). Cosine\'s')
    out.append(' * 16-wide loop keeps 33 vectors live and spills one or two, but it waits on memory, not on')
    out.append(' * registers: 248–324 against 364–484 ns per random 384-d vector.')
    out.append(' *')
    out.append(' * <p>Kept apart from the other memory kind on purpose: one class per kind keeps every load')
    out.append(' * site monomorphic, which the JIT needs to compile the loops tightly. Not thread-safe (one')
    out.append(' * scratch array); each {@link FloatVectorScorer} owns its kernel.')
    out.append(' *')
    out.append(' * <p>Why no masked tail: C1 inlines the whole Java fallback of every Vector API call, so a')
    out.append(' * method with many vector calls can exceed C1\'s virtual-register limit ("out of virtual')
    out.append(' * registers", measured on the 8-wide kernels once a masked tail was resolved). If that happens')
    out.append(' * after the method was compiled at tier 2 (C1 without profiling, chosen when the C2 queue is')
    out.append(' * busy), it never reaches C2 and runs the non-intrinsified Vector API for good: 30 to 50 times')
    out.append(' * slower. Hence unmasked vector loops, with the last {@code dim % FL} floats added by small')
    out.append(' * scalar methods.')
    out.append(' */')
    out.append(f'final class {cls} implements BatchKernel {{')
    out.append('  private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;')
    out.append('  private static final int FL = F.length();')
    out.append('  private static final boolean FMA = PanamaKernels.usesFma();')
    if not arr:
        out.append('  private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;')
        out.append('  private static final ValueLayout.OfFloat FLOAT_LE = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(LE);')
    out.append('  private static final int L2 = 0, DOT = 1, COSINE = 2;')
    out.append('')
    out.append(fields)
    out.append('  private final int dim;')
    out.append('  private final int metric;')
    out.append('  private final float[] tail = new float[16];')
    out.append('  private final float[] sums = new float[32];')
    out.append('')
    out.append(ctor)
    out.append('')
    out.append('''  private static int metricOf(Similarity s) {
    return switch (s) {
      case EUCLIDEAN -> L2;
      case DOT_PRODUCT, MAXIMUM_INNER_PRODUCT -> DOT;
      case COSINE -> COSINE;
    };
  }

  private static FloatVector mulAdd(FloatVector a, FloatVector b, FloatVector acc) {
    return FMA ? a.fma(b, acc) : acc.add(a.mul(b));
  }

  /** Same rounding as the core kernels' cosine: the norms' product in double, 0 for a zero norm. */
  private static float cosine(float ab, float aa, float bb) {
    double denom = Math.sqrt((double) aa * (double) bb);
    return denom == 0 ? 0f : (float) (ab / denom);
  }
''')
    out.append('  @Override')
    out.append('  public float score(float[] q, int node) {')
    out.append(f'    {offtype} o = {off("node")};')
    out.append('    return switch (metric) {')
    out.append('      case L2 -> l21(q, o);')
    out.append('      case DOT -> dot1(q, o);')
    out.append('      default -> cos1(q, o);')
    out.append('    };')
    out.append('  }')
    out.append('')
    out.append('  @Override')
    out.append('  public void score(float[] q, int[] nodes, int count, float[] out) {')
    out.append('    switch (metric) {')
    out.append('      case L2 -> l2Batch(q, nodes, count, out);')
    out.append('      case DOT -> dotBatch(q, nodes, count, out);')
    out.append('      default -> cosBatch(q, nodes, count, out);')
    out.append('    }')
    out.append('  }')
    out.append('')
    out.append(width_method()); out.append('')
    out.append(dispatch('l2')); out.append('')
    out.append(dispatch('dot')); out.append('')
    out.append(dispatch('cos')); out.append('')
    out.append(kernel('l2', 16, 'l2')); out.append('')
    out.append(kernel('l2', 8, 'l2')); out.append('')
    out.append(kernel('l2', 4, 'l2')); out.append('')
    out.append(kernel('dot', 16, 'dot')); out.append('')
    out.append(kernel('dot', 8, 'dot')); out.append('')
    out.append(kernel('dot', 4, 'dot')); out.append('')
    out.append(kernel('cos', 16, 'cos')); out.append('')
    out.append(kernel('cos', 8, 'cos')); out.append('')
    out.append(kernel('cos', 4, 'cos')); out.append('')
    out.append(single('l2')); out.append('')
    out.append(single('dot')); out.append('')
    out.append(single('cos')); out.append('')
    out.append(tails())
    out.append('}')
    return '\n'.join(out) + '\n'

import sys
d = sys.argv[1]
for k in ['array', 'segment']:
    name = 'PanamaArrayKernel' if k == 'array' else 'PanamaSegmentKernel'
    open(f'{d}/{name}.java', 'w').write(gen(k))
