package dev.gakushu.tensor;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.LongVector;
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

  /** Floats as many as {@link #DOUBLES} has lanes, in half its width. */
  private static final VectorSpecies<Float> HALF_FLOATS = VectorWidth.HALF_FLOATS;

  private VectorFixedMath() {}

  /** out[i] = σ(x[i]) up to the last whole vector. */
  static int sigmoid(float[] x, float[] out) {
    int whole = DOUBLES.loopBound(x.length);
    DoubleVector one = constant(1.0);
    for (int i = 0; i < whole; i += DOUBLES.length()) {
      DoubleVector e = exp(widened(x, i).neg());
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
      DoubleVector series = a.mul(a2).fma(a2.fma(FixedMath.TANH_X5, FixedMath.TANH_X3), a);
      DoubleVector large = one.sub(two.div(exp(a.mul(2.0)).add(1.0)));
      DoubleVector t =
          large.blend(series, a.compare(VectorOperators.LT, FixedMath.TANH_SERIES_BELOW));
      LongVector sign = v.reinterpretAsLongs().and(FixedMath.SIGN_BIT);
      narrowed(t.reinterpretAsLongs().or(sign).reinterpretAsDoubles(), out, i);
    }
    return whole;
  }

  /** {@link FixedMath#exp} lane by lane. */
  static DoubleVector exp(DoubleVector x) {
    DoubleVector a = x.max(FixedMath.MIN_EXP_ARGUMENT).min(FixedMath.MAX_EXP_ARGUMENT);
    DoubleVector t = a.fma(FixedMath.LOG2_E, FixedMath.SHIFTER);
    DoubleVector k = t.sub(FixedMath.SHIFTER);
    DoubleVector r = k.fma(constant(-FixedMath.LN2_HI), a);
    r = k.fma(constant(-FixedMath.LN2_LO), r);
    DoubleVector r2 = r.mul(r);
    DoubleVector r4 = r2.mul(r2);
    DoubleVector tail =
        pair(FixedMath.C13, r, FixedMath.C12)
            .fma(r2, pair(FixedMath.C11, r, FixedMath.C10))
            .fma(
                r4,
                pair(FixedMath.C9, r, FixedMath.C8).fma(r2, pair(FixedMath.C7, r, FixedMath.C6)));
    tail = tail.fma(r2, pair(FixedMath.C5, r, FixedMath.C4));
    DoubleVector p = tail.fma(r, constant(FixedMath.C3));
    p = p.fma(r, constant(FixedMath.C2));
    p = p.fma(r, constant(1.0));
    p = p.fma(r, constant(1.0));
    LongVector n = t.reinterpretAsLongs().sub(FixedMath.SHIFTER_BITS);
    LongVector half = n.lanewise(VectorOperators.ASHR, 1);
    return p.mul(powerOfTwo(half)).mul(powerOfTwo(n.sub(half)));
  }

  /** a·r + b, fused. */
  private static DoubleVector pair(double a, DoubleVector r, double b) {
    return constant(a).fma(r, constant(b));
  }

  private static DoubleVector constant(double c) {
    return DoubleVector.broadcast(DOUBLES, c);
  }

  private static DoubleVector powerOfTwo(LongVector e) {
    return e.add(FixedMath.EXPONENT_BIAS)
        .lanewise(VectorOperators.LSHL, FixedMath.MANTISSA_BITS)
        .reinterpretAsDoubles();
  }

  private static DoubleVector widened(float[] v, int offset) {
    return (DoubleVector)
        FloatVector.fromArray(HALF_FLOATS, v, offset).convertShape(VectorOperators.F2D, DOUBLES, 0);
  }

  private static void narrowed(DoubleVector d, float[] out, int offset) {
    ((FloatVector) d.convertShape(VectorOperators.D2F, HALF_FLOATS, 0)).intoArray(out, offset);
  }
}
