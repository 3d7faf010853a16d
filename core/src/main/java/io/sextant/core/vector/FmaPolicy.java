package io.sextant.core.vector;

import java.util.Optional;

/**
 * Whether the Panama kernels accumulate with fused multiply-add ({@code a.fma(b, acc)}) or with a
 * separate multiply and add ({@code acc.add(a.mul(b))}). Decided once per JVM:
 *
 * <ol>
 *   <li>{@code -Dsextant.fma=true|false} wins.</li>
 *   <li>When HotSpot reports {@code UseFMA=false} (a CPU without FMA, or {@code -XX:-UseFMA}),
 *       no FMA: the Vector API would then emulate each lane in software, which is slower than
 *       the scalar kernels.</li>
 *   <li>On AMD x86 without AVX-512 (Zen 1 to Zen 3: HotSpot's AMD-only {@code UseXmmI2F} is on
 *       and {@code UseAVX < 3}), no FMA. There a vector FMA has 5 cycles of latency against 3
 *       for an add, and in a reduction the FMA sits on the loop-carried chain while a separate
 *       multiply does not; with our 4 accumulators mul+add keeps both FP pipes busier. (From
 *       published instruction tables; this machine cannot measure it.)</li>
 *   <li>Otherwise FMA: Intel since Haswell, AMD Zen 4 and later (AVX-512), and AArch64 fuse the
 *       multiply and add into one instruction of the same latency as a multiply, halving the
 *       floating-point instructions and rounding once instead of twice.</li>
 * </ol>
 * When the VM flags cannot be read (no {@code java.management}), FMA is assumed: every x86 CPU
 * with 256-bit vectors that HotSpot targets has FMA3 except a few early AVX-only parts.
 */
final class FmaPolicy {
  static final String PROPERTY = "sextant.fma";

  private FmaPolicy() {}

  static boolean useFma() {
    String forced = System.getProperty(PROPERTY);
    if (forced != null && !forced.isBlank()) return Boolean.parseBoolean(forced.trim());
    return decide(HotSpotFlags.get("UseFMA"), HotSpotFlags.get("UseXmmI2F"), HotSpotFlags.get("UseAVX"),
        HotSpotFlags.isX86());
  }

  /** The rule itself, apart from where the flags come from (so it can be tested). */
  static boolean decide(Optional<String> useFma, Optional<String> amdMarker, Optional<String> useAvx, boolean x86) {
    if (useFma.isPresent() && !Boolean.parseBoolean(useFma.get())) return false;
    if (x86 && amdMarker.map(Boolean::parseBoolean).orElse(false)) {
      int avx = useAvx.map(FmaPolicy::parseIntOrZero).orElse(0);
      return avx >= 3;
    }
    return true;
  }

  private static int parseIntOrZero(String s) {
    try {
      return Integer.parseInt(s.trim());
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
