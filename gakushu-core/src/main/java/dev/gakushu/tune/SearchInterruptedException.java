package dev.gakushu.tune;

import dev.gakushu.GakushuException;

/**
 * A search stopped because it was asked to (Ctrl-C, SIGTERM): its finished trials are in the
 * journal; the trials under way run again from their start when it is resumed.
 */
public final class SearchInterruptedException extends GakushuException {
  private static final long serialVersionUID = 1L;

  public SearchInterruptedException(int finished, int trials) {
    super("interrupted with " + finished + " of " + trials + " trials finished");
  }
}
