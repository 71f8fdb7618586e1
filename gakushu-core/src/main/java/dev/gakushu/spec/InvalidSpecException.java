package dev.gakushu.spec;

import dev.gakushu.BadInputException;

/**
 * A value of a run specification outside what it allows. The message names the field (as the JSON
 * form spells it, e.g. {@code optimizer.lr}), the value and what is allowed; a command line maps
 * the field to its own option name.
 */
public final class InvalidSpecException extends BadInputException {
  private static final long serialVersionUID = 1L;
  private final String field;
  private final String value;
  private final String expected;

  public InvalidSpecException(String field, Object value, String expected) {
    super(field + " = " + value + ": expected " + expected);
    this.field = field;
    this.value = String.valueOf(value);
    this.expected = expected;
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
