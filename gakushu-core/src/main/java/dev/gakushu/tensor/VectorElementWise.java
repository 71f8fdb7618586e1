package dev.gakushu.tensor;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The kernels of {@link ElementWise} on the Vector API. ReLU and its gradient run without branches:
 * a compare and a blend per vector, where the plain loops branch on the sign of every element and,
 * on the unpredictable signs of a hidden layer, mispredict half the time (measured: 30 % of a W1
 * training step, against about 1 % here). Each lane makes the same comparison, x &gt; 0, and
 * selects the same value as the plain loop, so the bits are the same (NaN, −0 and 0 included). The
 * bias add makes the plain loop's one addition per element, a vector of columns at a time. The
 * elements past the last whole vector take the plain loop. Only {@link ElementWise} refers to this
 * class, and only when the module is present.
 */
final class VectorElementWise {
  private static final VectorSpecies<Float> SPECIES = VectorWidth.FLOATS;
  private static final VectorSpecies<Long> LONGS = VectorWidth.LONGS;

  /** Floats as many as {@link #LONGS} has lanes, in half its width. */
  private static final VectorSpecies<Float> FLOATS_PER_LONG = VectorWidth.HALF_FLOATS;

  private VectorElementWise() {}

  /** out[i] = x[i] &gt; 0 ? x[i] : 0 for i &lt; x.length. */
  static void relu(float[] x, float[] out) {
    FloatVector zero = FloatVector.zero(SPECIES);
    int i = 0;
    for (int whole = SPECIES.loopBound(x.length); i < whole; i += SPECIES.length()) {
      FloatVector v = FloatVector.fromArray(SPECIES, x, i);
      zero.blend(v, positive(v)).intoArray(out, i);
    }
    PlainElementWise.relu(x, out, i);
  }

  /** dx[i] = x[i] &gt; 0 ? g[i] : 0 for i &lt; x.length. */
  static void reluBackward(float[] x, float[] g, float[] dx) {
    FloatVector zero = FloatVector.zero(SPECIES);
    int i = 0;
    for (int whole = SPECIES.loopBound(x.length); i < whole; i += SPECIES.length()) {
      FloatVector v = FloatVector.fromArray(SPECIES, x, i);
      zero.blend(FloatVector.fromArray(SPECIES, g, i), positive(v)).intoArray(dx, i);
    }
    PlainElementWise.reluBackward(x, g, dx, i);
  }

  /**
   * The dropout mask of {@link ElementWise#dropoutMask}, one SplitMix64 draw per long lane: lane l
   * of the vector at i holds the state streamSeed + (i + l + 1)·γ, is mixed exactly as {@link
   * Seeds#mix} and compared with the threshold as the plain loop does; the comparison selects
   * {@code keptValue} or 0 in the float lane of the same index.
   *
   * @return how many entries were kept
   */
  static int dropoutMask(float[] mask, long threshold, float keptValue, long streamSeed) {
    int lanes = LONGS.length();
    LongVector state =
        LongVector.broadcast(LONGS, streamSeed)
            .add(LongVector.zero(LONGS).addIndex(1).add(1).mul(Seeds.GOLDEN_GAMMA));
    long stride = lanes * Seeds.GOLDEN_GAMMA;
    FloatVector zero = FloatVector.zero(FLOATS_PER_LONG);
    FloatVector kept = FloatVector.broadcast(FLOATS_PER_LONG, keptValue);
    int count = 0;
    int i = 0;
    for (int whole = LONGS.loopBound(mask.length); i < whole; i += lanes) {
      LongVector z = state;
      z =
          z.lanewise(VectorOperators.XOR, z.lanewise(VectorOperators.LSHR, 30))
              .mul(0xBF58476D1CE4E5B9L);
      z =
          z.lanewise(VectorOperators.XOR, z.lanewise(VectorOperators.LSHR, 27))
              .mul(0x94D049BB133111EBL);
      z = z.lanewise(VectorOperators.XOR, z.lanewise(VectorOperators.LSHR, 31));
      VectorMask<Long> keep =
          z.lanewise(VectorOperators.LSHR, 11).compare(VectorOperators.GE, threshold);
      zero.blend(kept, keep.cast(FLOATS_PER_LONG)).intoArray(mask, i);
      count += keep.trueCount();
      state = state.add(stride);
    }
    return count + PlainElementWise.dropoutMask(mask, threshold, keptValue, streamSeed, i);
  }

  /**
   * d[r][c] += b[c] for every row r and the columns c up to the last whole vector.
   *
   * @return how many columns that is
   */
  static int addRowVector(float[] d, float[] b, int cols) {
    int whole = SPECIES.loopBound(cols);
    for (int base = 0; base < d.length; base += cols) {
      for (int c = 0; c < whole; c += SPECIES.length()) {
        FloatVector.fromArray(SPECIES, d, base + c)
            .add(FloatVector.fromArray(SPECIES, b, c))
            .intoArray(d, base + c);
      }
    }
    return whole;
  }

  /** The lanes where v &gt; 0 (false for NaN, as the scalar comparison). */
  private static VectorMask<Float> positive(FloatVector v) {
    return v.compare(VectorOperators.GT, 0f);
  }
}
