package dev.gakushu.tensor;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The vector size of the element-wise Vector API kernels ({@link VectorElementWise}, {@link
 * VectorNormalization} and the optimizers' updates): the JVM's preferred size, or the one the
 * property {@code gakushu.vectorBits} names (128, 256 or 512, {@link VectorBitsProperty}), with
 * which the build's tests run these kernels at every size on any CPU (a size the CPU lacks runs
 * slowly but exactly). The species are constants, so that the JIT compiles the vector operations to
 * instructions. Only referred to when the module is present ({@link ElementWise#VECTOR}).
 */
public final class VectorWidth {
  private static final VectorShape SHAPE = shape(VectorBitsProperty.requested());

  /** Floats, one vector. */
  public static final VectorSpecies<Float> FLOATS = VectorSpecies.of(float.class, SHAPE);

  /** Doubles, one vector. */
  public static final VectorSpecies<Double> DOUBLES = VectorSpecies.of(double.class, SHAPE);

  /** Longs, one vector. */
  public static final VectorSpecies<Long> LONGS = VectorSpecies.of(long.class, SHAPE);

  /** Floats as many as {@link #DOUBLES} (and {@link #LONGS}) has lanes, in half the size. */
  public static final VectorSpecies<Float> HALF_FLOATS =
      VectorSpecies.of(float.class, VectorShape.forBitSize(SHAPE.vectorBitSize() / 2));

  private VectorWidth() {}

  /** The vector size in bits. */
  public static int bits() {
    return SHAPE.vectorBitSize();
  }

  /** The shape for a size in bits, 0 for the JVM's preferred. */
  static VectorShape shape(int bits) {
    return bits == 0 ? FloatVector.SPECIES_PREFERRED.vectorShape() : VectorShape.forBitSize(bits);
  }
}
