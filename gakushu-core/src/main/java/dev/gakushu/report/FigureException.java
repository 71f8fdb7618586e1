package dev.gakushu.report;

import dev.gakushu.GakushuException;

/**
 * A figure could not be drawn (for example, no font at all). A run that meets one still finishes:
 * it writes everything else and prints one warning line.
 */
public final class FigureException extends GakushuException {
  private static final long serialVersionUID = 1L;

  public FigureException(String message, Throwable cause) {
    super(message, cause);
  }
}
