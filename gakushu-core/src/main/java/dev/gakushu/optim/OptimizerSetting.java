package dev.gakushu.optim;

import dev.gakushu.Range;
import java.util.Arrays;
import java.util.Optional;

/**
 * An optimizer's setting and its range, each written once: a run specification checks a value with
 * {@link #check} before it builds an optimizer, and the optimizers' constructors, which Java code
 * may call directly, apply the same rule.
 */
public enum OptimizerSetting {
  LR("lr", "lr", Range.POSITIVE),
  MOMENTUM("momentum", "momentum", Range.UNIT_INTERVAL),
  BETA1("beta1", "beta1", Range.UNIT_INTERVAL),
  BETA2("beta2", "beta2", Range.UNIT_INTERVAL),
  EPS("eps", "eps", Range.POSITIVE),
  RHO("rho", "rho", Range.UNIT_INTERVAL),
  WEIGHT_DECAY("weight_decay", "weight-decay", Range.NON_NEGATIVE),
  /** AMSGrad's running maximum of v, on or off (1 or 0 where a number is asked for). */
  AMSGRAD("amsgrad", "amsgrad", null);

  private final String id;
  private final String spelling;
  private final Range range;

  OptimizerSetting(String id, String spelling, Range range) {
    this.id = id;
    this.spelling = spelling;
    this.range = range;
  }

  /** The name in the JSON form, e.g. {@code weight_decay}. */
  public String id() {
    return id;
  }

  /**
   * {@code value} if it is in this setting's range, else the refusal naming {@link #id()}; a switch
   * ({@link #AMSGRAD}) takes any value.
   */
  public double check(double value, Range.Refusal refusal) {
    return range == null ? value : range.check(id, value, refusal);
  }

  /** The same check, refused as an {@link InvalidSettingException}. */
  double require(double value) {
    return range.check(spelling, value, InvalidSettingException::of);
  }

  /** The setting named {@code id} in the JSON form, if there is one. */
  public static Optional<OptimizerSetting> find(String id) {
    return Arrays.stream(values()).filter(s -> s.id.equals(id)).findFirst();
  }
}
