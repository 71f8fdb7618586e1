package dev.gakushu.io;

import dev.gakushu.BadInputException;

/**
 * A model or checkpoint file that cannot be trusted; the message names the file and the problem.
 */
public final class ModelFormatException extends BadInputException {
  private static final long serialVersionUID = 1L;

  public ModelFormatException(String message) {
    super(message);
  }

  public ModelFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
