package dev.gakushu.init;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The initialisers by the names the command line and run files use. */
public enum InitScheme {
  ZEROS,
  NORMAL,
  XAVIER,
  GLOROT_NORMAL,
  GLOROT_UNIFORM,
  HE,
  HE_UNIFORM;

  /** The name on the command line, e.g. {@code glorot-uniform}. */
  @com.fasterxml.jackson.annotation.JsonValue
  public String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The scheme called {@code id}, ignoring case; null if there is none. */
  public static InitScheme byId(String id) {
    for (InitScheme s : values()) {
      if (s.id().equalsIgnoreCase(id.trim())) {
        return s;
      }
    }
    return null;
  }

  /** Every id, comma-separated, for messages and help. */
  public static String ids() {
    return Arrays.stream(values()).map(InitScheme::id).collect(Collectors.joining(", "));
  }

  /**
   * @param std the standard deviation, used by (and required for) {@link #NORMAL} only
   */
  public Initializer initializer(double std) {
    return switch (this) {
      case ZEROS -> Initializer.zeros();
      case NORMAL -> Initializer.normal(std);
      case XAVIER -> Initializer.xavier();
      case GLOROT_NORMAL -> Initializer.glorotNormal();
      case GLOROT_UNIFORM -> Initializer.glorotUniform();
      case HE -> Initializer.he();
      case HE_UNIFORM -> Initializer.heUniform();
    };
  }
}
