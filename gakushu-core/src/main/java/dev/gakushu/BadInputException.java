package dev.gakushu;

/**
 * Input from a user that cannot be used: a malformed file, an impossible setting. The message is
 * one line that names the thing, the value and what was expected; the command line prints it and
 * exits with status 2.
 */
public class BadInputException extends GakushuException {
  private static final long serialVersionUID = 1L;

  public BadInputException(String message) {
    super(message);
  }

  public BadInputException(String message, Throwable cause) {
    super(message, cause);
  }
}
