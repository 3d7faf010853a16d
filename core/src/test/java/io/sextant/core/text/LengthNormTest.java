package io.sextant.core.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LengthNormTest {
  @Test
  void smallLengthsAreExactAndLargerOnesKeepFourSignificantBits() {
    for (int len = 0; len < 24; len++) assertThat(LengthNorm.decode(LengthNorm.encode(len))).isEqualTo(len);
    assertThat(LengthNorm.decode(LengthNorm.encode(100))).isEqualTo(96);
    assertThat(LengthNorm.decode(LengthNorm.encode(1000))).isEqualTo(984);
    int prevByte = -1;
    int prevDecoded = -1;
    for (int len = 0; len < 5_000_000; len += 1 + len / 64) {
      int b = LengthNorm.encode(len) & 0xff;
      int d = LengthNorm.decode((byte) b);
      assertThat(b).isGreaterThanOrEqualTo(prevByte);
      assertThat(d).isLessThanOrEqualTo(len).isGreaterThanOrEqualTo(prevDecoded);
      // Rounded down by less than one part in eight of (len - 24).
      assertThat(len - d).isLessThanOrEqualTo(Math.max(0, (len - 24) / 8));
      // Decoding then encoding is the identity on the byte.
      assertThat(LengthNorm.encode(d) & 0xff).isEqualTo(b);
      prevByte = b;
      prevDecoded = d;
    }
    assertThat(LengthNorm.encode(Integer.MAX_VALUE) & 0xff).isEqualTo(255);
  }
}
