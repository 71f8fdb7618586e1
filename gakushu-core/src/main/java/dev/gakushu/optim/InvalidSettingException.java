package dev.gakushu.optim;

import dev.gakushu.BadInputException;

/**
 * An optimizer setting outside its range; the message names the setting, the value and the range.
 */
public final class InvalidSettingException extends BadInputException {
  private static final long serialVersionUID = 1L;
  private final String setting;
  private final double value;
  private final String expected;

  InvalidSettingException(String setting, double value, String expected) {
    super(setting + " = " + value + " is not " + expected);
    this.setting = setting;
    this.value = value;
    this.expected = expected;
  }

  /** The refusal {@link OptimizerSetting#require} makes of a number. */
  static InvalidSettingException of(String setting, Object value, String expected) {
    return new InvalidSettingException(setting, ((Number) value).doubleValue(), expected);
  }

  /**
   * The setting's name as the command line spells it: lr, momentum, beta1, beta2, eps, rho,
   * weight-decay.
   */
  public String setting() {
    return setting;
  }

  public double value() {
    return value;
  }

  /** The allowed values, e.g. "a number in [0, 1)". */
  public String expected() {
    return expected;
  }
}
