package dev.gakushu.tensor;

import dev.gakushu.BadInputException;

/**
 * The system property {@code gakushu.vectorBits}, which forces the vector size of the element-wise
 * kernels ({@link VectorWidth}) to 128, 256 or 512 bits: the build's tests use it to run them at
 * every size on any CPU. Kept apart from {@link VectorWidth} so that the command line can check the
 * value without loading the Vector API.
 */
public final class VectorBitsProperty {
  /** The property's name. */
  public static final String NAME = "gakushu.vectorBits";

  private VectorBitsProperty() {}

  /**
   * The size this JVM's property asks for.
   *
   * @return 128, 256 or 512, or 0 when the property is not set (the JVM's preferred size)
   * @throws BadInputException when it is set to anything else
   */
  public static int requested() {
    return parse(System.getProperty(NAME));
  }

  /**
   * A value of the property: 128, 256 or 512, or 0 for null or "" (not set).
   *
   * @throws BadInputException for anything else
   */
  static int parse(String value) {
    if (value == null || value.isEmpty()) {
      return 0;
    }
    return switch (value) {
      case "128" -> 128;
      case "256" -> 256;
      case "512" -> 512;
      default ->
          throw new BadInputException(
              "the system property "
                  + NAME
                  + " is \""
                  + value
                  + "\"; expected 128, 256 or 512 (vector bits), or leave it unset");
    };
  }
}
