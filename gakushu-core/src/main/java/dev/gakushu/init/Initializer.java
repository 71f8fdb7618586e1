package dev.gakushu.init;

import dev.gakushu.tensor.Matrix;
import java.util.random.RandomGenerator;

/**
 * Fills a weight matrix of shape fanIn × fanOut (inputs × units) with its initial values. Biases
 * are not initialised here: they start at zero.
 *
 * <p>"Xavier" means different things in different libraries (see docs/training.md): {@link
 * #xavier()} is the book's N(0, 1/fanIn); Glorot's original forms are {@link #glorotNormal()} and
 * {@link #glorotUniform()}.
 */
public interface Initializer {
  /** Overwrites {@code weights}, drawing from {@code random} in row-major order. */
  void fill(Matrix weights, RandomGenerator random);

  /** A short description such as {@code he-normal} or {@code normal(std=0.01)}. */
  String describe();

  /** All zeros: every unit of a layer then learns the same thing (the book's cautionary case). */
  static Initializer zeros() {
    return Gaussian.fixed("zeros", 0.0);
  }

  /** N(0, std²) for every layer. */
  static Initializer normal(double std) {
    if (!(std >= 0) || Double.isInfinite(std)) {
      throw new IllegalArgumentException("init std must be a finite number >= 0, was " + std);
    }
    return Gaussian.fixed("normal(std=" + std + ")", std);
  }

  /** The book's Xavier: N(0, 1/fanIn). */
  static Initializer xavier() {
    return new Gaussian("xavier", (fanIn, fanOut) -> Math.sqrt(1.0 / fanIn));
  }

  /** Glorot and Bengio (2010), normal form: N(0, 2/(fanIn + fanOut)). */
  static Initializer glorotNormal() {
    return new Gaussian("glorot-normal", (fanIn, fanOut) -> Math.sqrt(2.0 / (fanIn + fanOut)));
  }

  /** Glorot and Bengio (2010), uniform form: U(−a, a) with a = √(6/(fanIn + fanOut)). */
  static Initializer glorotUniform() {
    return new Uniform("glorot-uniform", (fanIn, fanOut) -> Math.sqrt(6.0 / (fanIn + fanOut)));
  }

  /** He et al. (2015), normal form: N(0, 2/fanIn). */
  static Initializer he() {
    return new Gaussian("he", (fanIn, fanOut) -> Math.sqrt(2.0 / fanIn));
  }

  /** He et al. (2015), uniform form: U(−a, a) with a = √(6/fanIn). */
  static Initializer heUniform() {
    return new Uniform("he-uniform", (fanIn, fanOut) -> Math.sqrt(6.0 / fanIn));
  }
}
