package dev.gakushu.report;

import java.util.Map;

/**
 * The page of one training run: it leads with the test accuracy and how long training took, then
 * shows the curves, the main settings and the whole specification, every number formatted for
 * people.
 */
public final class TrainingReport {
  private TrainingReport() {}

  /**
   * What a run's page leads with.
   *
   * @param seconds the training time of every epoch of the run (resumed ones included)
   * @param samplesPerSecond training rows processed per second
   */
  public record Result(
      double testAccuracy,
      double testLoss,
      int testRows,
      int epochs,
      double seconds,
      double samplesPerSecond) {}

  /**
   * @param curvesImage the curves figure's file, relative to the page, or null when it could not be
   *     drawn
   * @param settings the main settings, name to value, shown in this order
   * @param specification the run specification, shown whole as JSON
   */
  public static String render(
      String title,
      Result result,
      String curvesImage,
      Map<String, Object> settings,
      Map<String, Object> specification) {
    StringBuilder h = new StringBuilder(HtmlReport.head(title));
    h.append("<p class=\"lead\"><strong>Test accuracy ")
        .append(Numbers.percent(result.testAccuracy()))
        .append("</strong> (loss ")
        .append(Numbers.sig3(result.testLoss()))
        .append(", ")
        .append(Numbers.count(result.testRows()))
        .append(" test rows) &middot; trained in ")
        .append(Numbers.duration(result.seconds()))
        .append(" (")
        .append(Numbers.count(result.epochs()))
        .append(result.epochs() == 1 ? " epoch, " : " epochs, ")
        .append(Numbers.rate(result.samplesPerSecond()))
        .append(" samples/s)</p>\n");
    if (curvesImage != null) {
      h.append("<img src=\"")
          .append(HtmlReport.esc(curvesImage))
          .append("\" alt=\"loss and accuracy per epoch\">\n");
    }
    HtmlReport.settings(h, settings, "run specification", specification);
    return h.append(HtmlReport.tail()).toString();
  }
}
