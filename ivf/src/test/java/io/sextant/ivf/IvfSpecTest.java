package io.sextant.ivf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class IvfSpecTest {

  @Test
  void parsesTheFactoryForms() {
    IvfSpec flat = IvfSpec.parse("ivf(nlist=1024)");
    assertThat(flat.nlist()).hasValue(1024);
    assertThat(flat.encoding()).isEqualTo(IvfSpec.Encoding.FLAT);
    assertThat(flat.rerank()).isZero();
    assertThat(flat.residual()).isFalse();

    IvfSpec sq = IvfSpec.parse("ivf(nlist=1024,sq8)");
    assertThat(sq.encoding()).isEqualTo(IvfSpec.Encoding.SQ8);
    assertThat(IvfSpec.parse("IVF( nlist = 1024 , pq = sq8 )")).isEqualTo(sq);
    assertThat(sq.rerank()).isEqualTo(IvfSpec.DEFAULT_RERANK_SQ8);

    IvfSpec pq = IvfSpec.parse("ivf(nlist=1024,pq=48x8)");
    assertThat(pq.encoding()).isEqualTo(IvfSpec.Encoding.PQ);
    assertThat(pq.pqSubquantizers(768)).isEqualTo(48);
    assertThat(pq.residual()).isTrue();
    assertThat(IvfSpec.parse("ivf(nlist=1024,pq=48)")).isEqualTo(pq);

    IvfSpec auto = IvfSpec.parse("ivf(pq=auto,rerank=10,residual=false,nprobe=12)");
    assertThat(auto.nlist()).isEmpty();
    assertThat(auto.pqAuto()).isTrue();
    assertThat(auto.pqSubquantizers(784)).isEqualTo(98);
    assertThat(auto.pqSubquantizers(100)).isEqualTo(13);
    assertThat(auto.rerank()).isEqualTo(10);
    assertThat(auto.residual()).isFalse();
    assertThat(auto.nprobe()).hasValue(12);

    assertThat(IvfSpec.parse("ivf")).isEqualTo(IvfSpec.defaults());
    assertThat(IvfSpec.parse("ivf(pq=flat)").encoding()).isEqualTo(IvfSpec.Encoding.FLAT);
  }

  @Test
  void canonicalStringRoundTrips() {
    for (String s : new String[] {"ivf", "ivf(nlist=7,sq8,rerank=3)", "ivf(pq=16x8,residual=false,seed=9,iterations=4)",
        "ivf(nlist=1024,nprobe=32,pq=auto)"}) {
      IvfSpec spec = IvfSpec.parse(s);
      assertThat(IvfSpec.parse(spec.toString())).as(s).isEqualTo(spec);
    }
  }

  @Test
  void defaultRulesFollowTheDocumentedFormulas() {
    assertThat(IvfSpec.nlistFor(1_000_000)).isEqualTo(4000);
    assertThat(IvfSpec.nlistFor(60_000)).isEqualTo(980);
    assertThat(IvfSpec.nlistFor(100)).isEqualTo(12); // n/8 caps 4·√100 = 40
    assertThat(IvfSpec.nlistFor(3)).isEqualTo(1);
    assertThat(IvfSpec.nprobeFor(1024)).isEqualTo(32);
    assertThat(IvfSpec.nprobeFor(10)).isEqualTo(1);
    assertThat(IvfSpec.parse("ivf(nlist=500)").effectiveNlist(100)).isEqualTo(100);
  }

  @Test
  void badStringsNameTheProblemAndWhere() {
    assertThatThrownBy(() -> IvfSpec.parse("hnsw(M=16)")).hasMessageContaining("must start with 'ivf'")
        .hasMessageContaining("'hnsw(M=16)'");
    assertThatThrownBy(() -> IvfSpec.parse("ivf(nlist=abc)"))
        .hasMessageContaining("position 10").hasMessageContaining("nlist must be a positive integer, got 'abc'");
    assertThatThrownBy(() -> IvfSpec.parse("ivf(nlist=0)")).hasMessageContaining("positive integer, got '0'");
    assertThatThrownBy(() -> IvfSpec.parse("ivf(nlist=1024")).hasMessageContaining("missing closing ')'");
    assertThatThrownBy(() -> IvfSpec.parse("ivf(nlist=1024,,sq8)")).hasMessageContaining("position 15")
        .hasMessageContaining("empty parameter");
    assertThatThrownBy(() -> IvfSpec.parse("ivf(nlists=1024)")).hasMessageContaining("unknown parameter 'nlists'")
        .hasMessageContaining("expected nlist, nprobe, pq");
    assertThatThrownBy(() -> IvfSpec.parse("ivf(pq=48x4)")).hasMessageContaining("only 8-bit sub-quantizers")
        .hasMessageContaining("position 10");
    assertThatThrownBy(() -> IvfSpec.parse("ivf(pq=lots)")).hasMessageContaining("got 'lots'");
    assertThatThrownBy(() -> IvfSpec.parse("ivf(pq=)")).hasMessageContaining("pq needs a value");
    assertThatThrownBy(() -> IvfSpec.parse("ivf(sq8,pq=16)")).hasMessageContaining("conflicts with the earlier parameter at position 4");
    assertThatThrownBy(() -> IvfSpec.parse("ivf(nlist=4,nlist=5)")).hasMessageContaining("'nlist' conflicts");
    assertThatThrownBy(() -> IvfSpec.parse("ivf(residual=true)")).hasMessageContaining("residual encoding applies to sq8 and pq");
    assertThatThrownBy(() -> IvfSpec.parse("ivf(residual=maybe,pq=4)")).hasMessageContaining("true or false, got 'maybe'");
    assertThatThrownBy(() -> IvfSpec.parse("ivf(sq8=2)")).hasMessageContaining("'sq8' takes no value");
    assertThatThrownBy(() -> IvfSpec.parse("ivf[nlist=4]")).hasMessageContaining("expected '(' after 'ivf'");
  }
}
