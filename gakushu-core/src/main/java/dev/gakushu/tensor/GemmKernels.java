package dev.gakushu.tensor;

import java.util.Locale;

/**
 * Chooses the matrix-multiply kernel: the Vector API kernel when the JVM was started with {@code
 * --add-modules jdk.incubator.vector} (the {@code gakushu} launcher does so), the plain Java kernel
 * otherwise. The property {@code gakushu.kernel=plain} forces the plain kernel.
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

  /** Why the plain kernel is in use, or null when the vector kernel is. */
  public static String fallbackReason() {
    return fallbackReason(System.getProperty("gakushu.kernel", ""), vectorAvailable());
  }

  /**
   * Why the plain kernel is in use, given the value of the property {@code gakushu.kernel} ("" if
   * unset) and whether the Vector API module is present; null when the vector kernel is.
   */
  static String fallbackReason(String kernelProperty, boolean vectorAvailable) {
    if ("plain".equals(kernelProperty.toLowerCase(Locale.ROOT))) {
      return "the plain-Java kernel was asked for (-Dgakushu.kernel=plain)";
    }
    return vectorAvailable
        ? null
        : "the JVM lacks "
            + MODULE
            + " (start it with --add-modules "
            + MODULE
            + ", as ./gakushu does); "
            + "using the slower plain-Java kernel";
  }

  /** The name of the kernel a new {@link Gemm} uses. */
  public static String defaultName() {
    return create(1).name();
  }

  /** The kernel this JVM should use: "vector" unless {@link #fallbackReason()} says why not. */
  static GemmKernel create(int workers) {
    return create(workers, fallbackReason() == null ? "vector" : "plain");
  }

  /**
   * A kernel by name: "plain", "vector" (this JVM's vector size and tile), or "vectorBITSxMR" for a
   * vector size and tile height, e.g. "vector512x8" or "vector256x6".
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
