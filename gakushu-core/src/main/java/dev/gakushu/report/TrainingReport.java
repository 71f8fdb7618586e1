package dev.gakushu.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;

/**
 * The page of one training run: it leads with the test accuracy and how long training took, then
 * shows the curves, the main settings and the whole specification, every number formatted for
 * people.
 */
public final class TrainingReport {
  private static final ObjectMapper JSON = new ObjectMapper();

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
    h.append("<table>\n");
    settings.forEach(
        (name, value) ->
            h.append("<tr><th>")
                .append(HtmlReport.esc(name))
                .append("</th><td>")
                .append(HtmlReport.esc(shown(value)))
                .append("</td></tr>\n"));
    h.append("</table>\n<details><summary>run specification</summary><pre>")
        .append(HtmlReport.esc(indented(specification)))
        .append("</pre></details>\n");
    return h.append(HtmlReport.tail()).toString();
  }

  private static String indented(Map<String, Object> specification) {
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(specification);
    } catch (JsonProcessingException e) {
      return String.valueOf(specification);
    }
  }

  private static String shown(Object value) {
    return value instanceof Number n ? Numbers.shown(n) : String.valueOf(value);
  }
}
