package dev.gakushu;

/**
 * The root of everything a user of the library should catch: input that cannot be used ({@link
 * BadInputException} and its kinds), training that diverged or was interrupted, a search that was
 * interrupted, a figure that could not be drawn. Unchecked, as every exception of the library; an
 * exception that is not a {@code GakushuException} is a defect of the library or of the machine
 * (out of memory, a disk error wrapped as {@link java.io.UncheckedIOException}).
 */
public class GakushuException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public GakushuException(String message) {
    super(message);
  }

  public GakushuException(String message, Throwable cause) {
    super(message, cause);
  }
}
