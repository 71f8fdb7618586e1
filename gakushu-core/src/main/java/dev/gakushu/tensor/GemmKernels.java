package dev.gakushu.tensor;

/**
 * Creates the matrix-multiply kernel: the Vector API kernel when {@link KernelChoice} says the
 * vector kernels are used, the plain Java kernel otherwise; or one by name, which is where a tuner
 * or a test picks one.
 */
public final class GemmKernels {
  private static final String MODULE = "jdk.incubator.vector";

  private GemmKernels() {}

  /** Whether the Vector API module is in this JVM. */
  public static boolean vectorAvailable() {
    return vectorAvailable(ModuleLayer.boot());
  }

  /** Whether the Vector API module is in the given module layer (or a parent). */
  static boolean vectorAvailable(ModuleLayer layer) {
    return layer.findModule(MODULE).isPresent();
  }

  /** The name of the kernel a new {@link Gemm} uses. */
  public static String defaultName() {
    return create(1).name();
  }

  /**
   * The kernel this JVM should use: the vector kernel, with the tile and blocks of {@link
   * GemmTuning#current()}, when {@link KernelChoice#current()} says so; the plain one otherwise.
   */
  static GemmKernel create(int workers) {
    if (!KernelChoice.current().vector()) {
      return new PlainGemmKernel(workers);
    }
    return VectorGemmKernel.create(
        VectorGemmKernel.preferredBits(), workers, GemmTuning.current().choice());
  }

  /**
   * A kernel by name: "plain", "vector" (this JVM's vector size), or "vectorBITS" for a vector
   * size, e.g. "vector512" or "vector256"; a vector kernel by name has its size's first tile and
   * the cache-size rule's blocks ({@link GemmChoice#fallback}), whatever the tuning.
   */
  static GemmKernel create(int workers, String kind) {
    if (kind.equals("plain")) {
      return new PlainGemmKernel(workers);
    }
    if (kind.equals("vector")) {
      return VectorGemmKernel.create(VectorGemmKernel.preferredBits(), workers);
    }
    if (!kind.matches("vector\\d+")) {
      throw new IllegalArgumentException("unknown kernel " + kind);
    }
    return VectorGemmKernel.create(Integer.parseInt(kind.substring("vector".length())), workers);
  }
}
