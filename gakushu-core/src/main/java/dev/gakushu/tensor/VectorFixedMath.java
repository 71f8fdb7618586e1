package dev.gakushu.tensor;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link FixedMath}'s sigmoid and tanh over arrays on the Vector API: floats widened to double,
 * each lane through the same operations in the same order as the scalar code (the clamp, the fused
 * multiply-adds of the reduction and the polynomial, the powers of two from the bits, the
 * division), rounded to float; tanh computes both of its branches and keeps the one the scalar code
 * takes. So the bits are the plain loops'. Each method handles the elements up to the last whole
 * vector and returns how many; the plain loops do the rest. Only {@link ElementWise} refers to this
 * class, and only when the module is present.
 */
final class VectorFixedMath {
  private static final VectorSpecies<Double> DOUBLES = VectorWidth.DOUBLES;
  private static final VectorSpecies<Long> LONGS = VectorWidth.LONGS;

  /** Floats as many as {@link #DOUBLES} has lanes, in half its width. */
  private static final VectorSpecies<Float> HALF_FLOATS = VectorWidth.HALF_FLOATS;

  private VectorFixedMath() {}

  /** out[i] = σ(x[i]) up to the last whole vector. */
  static int sigmoid(float[] x, float[] out) {
    int whole = DOUBLES.loopBound(x.length);
    DoubleVector one = constant(1.0);
    for (int i = 0; i < whole; i += DOUBLES.length()) {
      DoubleVector e = floatExp(widened(x, i).neg());
      narrowed(one.div(e.add(1.0)), out, i);
    }
    return whole;
  }

  /** out[i] = tanh(x[i]) up to the last whole vector. */
  static int tanh(float[] x, float[] out) {
    int whole = DOUBLES.loopBound(x.length);
    DoubleVector one = constant(1.0);
    DoubleVector two = constant(2.0);
    for (int i = 0; i < whole; i += DOUBLES.length()) {
      DoubleVector v = widened(x, i);
      DoubleVector a = v.abs();
      DoubleVector a2 = a.mul(a);
      DoubleVector s = a2.fma(FixedMath.TANH_X9, FixedMath.TANH_X7);
      s = s.fma(a2, constant(FixedMath.TANH_X5));
      s = s.fma(a2, constant(FixedMath.TANH_X3));
      DoubleVector series = a.mul(a2).fma(s, a);
      DoubleVector large = one.sub(two.div(floatExp(a.mul(2.0)).add(1.0)));
      DoubleVector t =
          large.blend(series, a.compare(VectorOperators.LT, FixedMath.TANH_SERIES_BELOW));
      LongVector sign = v.reinterpretAsLongs().and(FixedMath.SIGN_BIT);
      narrowed(t.reinterpretAsLongs().or(sign).reinterpretAsDoubles(), out, i);
    }
    return whole;
  }

  /**
   * out[i] = {@link #floatExp} of x[i] up to the last whole vector, returning how many: the doubles
   * that sigmoid and tanh round to float, for the tests that hold them to the plain kernel's bits
   * (the rounding to float hides most changes to them).
   */
  static int floatExp(double[] x, double[] out) {
    int whole = DOUBLES.loopBound(x.length);
    for (int i = 0; i < whole; i += DOUBLES.length()) {
      floatExp(DoubleVector.fromArray(DOUBLES, x, i)).intoArray(out, i);
    }
    return whole;
  }

  /**
   * {@link FixedMath#floatExp} lane by lane; 2^((k mod 4)/4) is picked by the two low bits of k
   * with blends.
   */
  static DoubleVector floatExp(DoubleVector x) {
    DoubleVector a = x.max(-FixedMath.FLOAT_EXP_LIMIT).min(FixedMath.FLOAT_EXP_LIMIT);
    DoubleVector t = a.fma(FixedMath.QUARTERS_PER_E, FixedMath.SHIFTER);
    DoubleVector k = t.sub(FixedMath.SHIFTER);
    DoubleVector r = k.fma(constant(-FixedMath.QUARTER_LN2_HI), a);
    r = k.fma(constant(-FixedMath.QUARTER_LN2_LO), r);
    DoubleVector p = r.fma(FixedMath.C6, FixedMath.C5);
    p = p.fma(r, constant(FixedMath.C4));
    p = p.fma(r, constant(FixedMath.C3));
    p = p.fma(r, constant(FixedMath.C2));
    p = p.fma(r, constant(1.0));
    p = p.fma(r, constant(1.0));
    LongVector n = t.reinterpretAsLongs().sub(FixedMath.SHIFTER_BITS);
    VectorMask<Long> odd = n.and(1L).compare(VectorOperators.NE, 0L);
    VectorMask<Long> upper = n.and(2L).compare(VectorOperators.NE, 0L);
    LongVector lower = quarterPower(FixedMath.QUARTER_POWER_0, FixedMath.QUARTER_POWER_1, odd);
    LongVector power =
        lower.blend(quarterPower(FixedMath.QUARTER_POWER_2, FixedMath.QUARTER_POWER_3, odd), upper);
    LongVector scale = n.and(~3L).lanewise(VectorOperators.LSHL, FixedMath.MANTISSA_BITS - 2);
    return p.mul(power.add(scale).reinterpretAsDoubles());
  }

  /** even where the mask is unset, odd where it is set. */
  private static LongVector quarterPower(long even, long odd, VectorMask<Long> isOdd) {
    return LongVector.broadcast(LONGS, even).blend(odd, isOdd);
  }

  private static DoubleVector constant(double c) {
    return DoubleVector.broadcast(DOUBLES, c);
  }

  private static DoubleVector widened(float[] v, int offset) {
    return (DoubleVector)
        FloatVector.fromArray(HALF_FLOATS, v, offset).convertShape(VectorOperators.F2D, DOUBLES, 0);
  }

  private static void narrowed(DoubleVector d, float[] out, int offset) {
    ((FloatVector) d.convertShape(VectorOperators.D2F, HALF_FLOATS, 0)).intoArray(out, offset);
  }
}
