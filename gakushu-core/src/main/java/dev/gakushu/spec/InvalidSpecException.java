package dev.gakushu.spec;

import dev.gakushu.BadInputException;

/**
 * A value of a run specification outside what it allows. The message names the field (as the JSON
 * form spells it, e.g. {@code optimizer.lr}), the value and what is allowed, after the file it came
 * from when it came from one ({@link #origin()}); a command line maps a field that has no origin to
 * its own option name.
 */
public final class InvalidSpecException extends BadInputException {
  private static final long serialVersionUID = 1L;
  private final String origin;
  private final String field;
  private final String value;
  private final String expected;

  public InvalidSpecException(String field, Object value, String expected) {
    this(null, field, String.valueOf(value), expected);
  }

  private InvalidSpecException(String origin, String field, String value, String expected) {
    super((origin == null ? "" : origin + ": ") + field + " = " + value + ": expected " + expected);
    this.origin = origin;
    this.field = field;
    this.value = value;
    this.expected = expected;
  }

  /** The same refusal, found in {@code file} (a file name, as the user gave it). */
  public InvalidSpecException in(String file) {
    return new InvalidSpecException(file, field, value, expected);
  }

  /** The file the value came from, or null when it was not read from a file. */
  public String origin() {
    return origin;
  }

  /** The field's path in the JSON form, e.g. {@code loop.epochs}. */
  public String field() {
    return field;
  }

  /** The refused value, as text. */
  public String value() {
    return value;
  }

  /** What the field allows, e.g. "a whole number >= 1". */
  public String expected() {
    return expected;
  }
}
