package dev.gakushu.report;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A statement an experiment exists to test, with what was measured and whether the statement held
 * in this run. Nothing here is written by hand: the result and the verdict are computed from the
 * run's data.
 *
 * @param id a short stable name, e.g. {@code sgd-zigzags}
 * @param claim what the book (or the literature) says should happen, with the test's threshold
 * @param result what this run measured, in words and figures, costs included
 * @param measured the figures that decide it, at full precision
 * @param verdict whether the measurement agrees with the claim, or the run was too short to tell
 */
public record Finding(String id, String claim, String result, Object measured, Verdict verdict) {

  /** Whether a claim held, did not, or could not be tested. */
  public enum Verdict {
    HOLDS("holds"),
    DOES_NOT_HOLD("does not hold"),
    TOO_SHORT("quick run too short to test");

    private final String words;

    Verdict(String words) {
      this.words = words;
    }

    /** How the report and the console say it. */
    @JsonValue
    public String words() {
      return words;
    }
  }

  /** A finding that holds when {@code holds} is true. */
  public static Finding of(String id, String claim, String result, Object measured, boolean holds) {
    return new Finding(id, claim, result, measured, holds ? Verdict.HOLDS : Verdict.DOES_NOT_HOLD);
  }

  /**
   * This finding, or, in a quick run, the same one marked as too short to test: its claim holds
   * only at the book's full size (hundreds of epochs, a hundred trials, sixteen scales).
   */
  public Finding needsFullSize(boolean quick) {
    return quick ? new Finding(id, claim, result, measured, Verdict.TOO_SHORT) : this;
  }

  /** Whether the claim was tested and held. */
  public boolean holds() {
    return verdict == Verdict.HOLDS;
  }

  /** In the JSON: true, false, or null when the run was too short to test the claim. */
  @JsonProperty("holds")
  Boolean holdsOrUntested() {
    return verdict == Verdict.TOO_SHORT ? null : holds();
  }
}
