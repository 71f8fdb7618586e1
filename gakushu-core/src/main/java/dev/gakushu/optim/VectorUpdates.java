package dev.gakushu.optim;

import dev.gakushu.tensor.VectorWidth;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The optimizers' element-wise updates on the Vector API, with the same bits as their plain loops:
 * each lane makes the plain loop's operations on one element, in the same order, each rounded to
 * float (a multiply and an add stay two roundings, never a fused multiply-add). The square root of
 * a lane is the correctly rounded float square root, as {@code (float) Math.sqrt} of a float is
 * (the double root of a float rounds to the same float); division is correctly rounded in both;
 * {@code MAX} is {@link Math#max(float, float)} (NaN if either is NaN, +0 above −0). Each method
 * updates the elements up to the last whole vector and returns how many; the plain loop of the
 * optimizer updates the rest. Only the optimizers refer to this class, and only when the module is
 * present ({@link dev.gakushu.tensor.ElementWise#VECTOR}).
 */
final class VectorUpdates {
  private static final VectorSpecies<Float> FLOATS = VectorWidth.FLOATS;

  private VectorUpdates() {}

  private static FloatVector load(float[] a, int i) {
    return FloatVector.fromArray(FLOATS, a, i);
  }

  private static FloatVector all(float value) {
    return FloatVector.broadcast(FLOATS, value);
  }

  /** {@link Sgd}: w ← w − η·g. */
  static int sgd(float[] w, float[] g, float eta) {
    FloatVector etaV = all(eta);
    int whole = FLOATS.loopBound(w.length);
    for (int i = 0; i < whole; i += FLOATS.length()) {
      load(w, i).sub(etaV.mul(load(g, i))).intoArray(w, i);
    }
    return whole;
  }

  /** {@link Momentum}, PyTorch's form: b ← μ·b + g; w ← w − η·b. */
  static int momentum(float[] w, float[] g, float[] b, float eta, float mu) {
    FloatVector etaV = all(eta);
    FloatVector muV = all(mu);
    int whole = FLOATS.loopBound(w.length);
    for (int i = 0; i < whole; i += FLOATS.length()) {
      FloatVector velocity = muV.mul(load(b, i)).add(load(g, i));
      velocity.intoArray(b, i);
      load(w, i).sub(etaV.mul(velocity)).intoArray(w, i);
    }
    return whole;
  }

  /** {@link Momentum}, the book's form: v ← μ·v − η·g; w ← w + v. */
  static int momentumBook(float[] w, float[] g, float[] v, float eta, float mu) {
    FloatVector etaV = all(eta);
    FloatVector muV = all(mu);
    int whole = FLOATS.loopBound(w.length);
    for (int i = 0; i < whole; i += FLOATS.length()) {
      FloatVector velocity = muV.mul(load(v, i)).sub(etaV.mul(load(g, i)));
      velocity.intoArray(v, i);
      load(w, i).add(velocity).intoArray(w, i);
    }
    return whole;
  }

  /** {@link Nesterov}, PyTorch's form: b ← μ·b + g; w ← w − η·(g + μ·b). */
  static int nesterov(float[] w, float[] g, float[] b, float eta, float mu) {
    FloatVector etaV = all(eta);
    FloatVector muV = all(mu);
    int whole = FLOATS.loopBound(w.length);
    for (int i = 0; i < whole; i += FLOATS.length()) {
      FloatVector gradient = load(g, i);
      FloatVector velocity = muV.mul(load(b, i)).add(gradient);
      velocity.intoArray(b, i);
      load(w, i).sub(etaV.mul(gradient.add(muV.mul(velocity)))).intoArray(w, i);
    }
    return whole;
  }

  /** {@link Nesterov}, the book's form: w ← w + μ²·v; w ← w − (1+μ)η·g; v ← v·μ; v ← v − η·g. */
  static int nesterovBook(
      float[] w, float[] g, float[] v, float eta, float mu, float muSquared, float stepOfG) {
    FloatVector etaV = all(eta);
    FloatVector muSquaredV = all(muSquared);
    FloatVector stepOfGV = all(stepOfG);
    int whole = FLOATS.loopBound(w.length);
    for (int i = 0; i < whole; i += FLOATS.length()) {
      FloatVector gradient = load(g, i);
      FloatVector velocity = load(v, i);
      load(w, i).add(muSquaredV.mul(velocity)).sub(stepOfGV.mul(gradient)).intoArray(w, i);
      velocity.mul(mu).sub(etaV.mul(gradient)).intoArray(v, i);
    }
    return whole;
  }

  /** {@link AdaGrad}: h ← h + g·g; w ← w − η·g / (√h + ε). */
  static int adaGrad(float[] w, float[] g, float[] h, float eta, float eps) {
    FloatVector etaV = all(eta);
    int whole = FLOATS.loopBound(w.length);
    for (int i = 0; i < whole; i += FLOATS.length()) {
      FloatVector gradient = load(g, i);
      FloatVector sum = load(h, i).add(gradient.mul(gradient));
      sum.intoArray(h, i);
      load(w, i).sub(etaV.mul(gradient).div(sum.sqrt().add(eps))).intoArray(w, i);
    }
    return whole;
  }

  /** {@link RmsProp}: h ← ρ·h + (1 − ρ)·g·g; w ← w − η·g / (√h + ε). */
  static int rmsProp(
      float[] w, float[] g, float[] h, float eta, float decay, float rest, float eps) {
    FloatVector etaV = all(eta);
    FloatVector decayV = all(decay);
    FloatVector restV = all(rest);
    int whole = FLOATS.loopBound(w.length);
    for (int i = 0; i < whole; i += FLOATS.length()) {
      FloatVector gradient = load(g, i);
      FloatVector average = decayV.mul(load(h, i)).add(restV.mul(gradient).mul(gradient));
      average.intoArray(h, i);
      load(w, i).sub(etaV.mul(gradient).div(average.sqrt().add(eps))).intoArray(w, i);
    }
    return whole;
  }

  /** {@link AdamW}'s decay: w ← w·keep. */
  static int decay(float[] w, float keep) {
    int whole = FLOATS.loopBound(w.length);
    for (int i = 0; i < whole; i += FLOATS.length()) {
      load(w, i).mul(keep).intoArray(w, i);
    }
    return whole;
  }

  /**
   * {@link AdamRule}, PyTorch's form: m ← β1·m + (1 − β1)·g; v ← β2·v + (1 − β2)·g·g; u ←
   * max(v_max, v), stored in v_max, when v_max is not v (AMSGrad), else u ← v; w ← w − s·(m / (√u /
   * √c2 + ε)).
   */
  static int adam(
      float[] w,
      float[] g,
      float[] m,
      float[] v,
      float[] vMax,
      float b1,
      float oneMinusB1,
      float b2,
      float oneMinusB2,
      float stepSize,
      float sqrtCorrection2,
      float eps) {
    boolean amsgrad = vMax != v;
    FloatVector b1V = all(b1);
    FloatVector oneMinusB1V = all(oneMinusB1);
    FloatVector b2V = all(b2);
    FloatVector oneMinusB2V = all(oneMinusB2);
    FloatVector stepSizeV = all(stepSize);
    int whole = FLOATS.loopBound(w.length);
    for (int i = 0; i < whole; i += FLOATS.length()) {
      FloatVector gradient = load(g, i);
      FloatVector first = b1V.mul(load(m, i)).add(oneMinusB1V.mul(gradient));
      first.intoArray(m, i);
      FloatVector second = b2V.mul(load(v, i)).add(oneMinusB2V.mul(gradient).mul(gradient));
      second.intoArray(v, i);
      FloatVector u = second;
      if (amsgrad) {
        u = load(vMax, i).lanewise(VectorOperators.MAX, second);
        u.intoArray(vMax, i);
      }
      FloatVector denominator = u.sqrt().div(sqrtCorrection2).add(eps);
      load(w, i).sub(stepSizeV.mul(first.div(denominator))).intoArray(w, i);
    }
    return whole;
  }

  /**
   * {@link AdamRule}, the book's form: m ← m + (1 − β1)·(g − m); v ← v + (1 − β2)·(g·g − v); u as
   * in {@link #adam}; w ← w − s·m / (√u + ε).
   */
  static int adamBook(
      float[] w,
      float[] g,
      float[] m,
      float[] v,
      float[] vMax,
      float oneMinusB1,
      float oneMinusB2,
      float stepSize,
      float eps) {
    boolean amsgrad = vMax != v;
    FloatVector oneMinusB1V = all(oneMinusB1);
    FloatVector oneMinusB2V = all(oneMinusB2);
    FloatVector stepSizeV = all(stepSize);
    int whole = FLOATS.loopBound(w.length);
    for (int i = 0; i < whole; i += FLOATS.length()) {
      FloatVector gradient = load(g, i);
      FloatVector first = load(m, i);
      first = first.add(oneMinusB1V.mul(gradient.sub(first)));
      first.intoArray(m, i);
      FloatVector second = load(v, i);
      second = second.add(oneMinusB2V.mul(gradient.mul(gradient).sub(second)));
      second.intoArray(v, i);
      FloatVector u = second;
      if (amsgrad) {
        u = load(vMax, i).lanewise(VectorOperators.MAX, second);
        u.intoArray(vMax, i);
      }
      load(w, i).sub(stepSizeV.mul(first).div(u.sqrt().add(eps))).intoArray(w, i);
    }
    return whole;
  }
}
