package dev.gakushu.report;

import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The page of one hyperparameter search, as the pages of a training run and of the experiments
 * look: it leads with the best trial, then shows the figures, each hyperparameter's importance,
 * every trial best first, and the search's settings, every number formatted for people. The figures
 * are embedded in the page as PNG data, so the page is one file that shows whole wherever it is
 * copied.
 */
public final class SearchPage {
  private SearchPage() {}

  /** A figure to embed: its title and its PNG bytes. */
  public record Image(String title, byte[] png) {}

  /**
   * A table: its columns and rows, each value a number (shown for people: an integer as it is, any
   * other to three significant digits) or text.
   */
  public record Table(List<String> columns, List<List<Object>> rows) {}

  /**
   * @param headline what the page leads with, in bold (e.g. the best validation accuracy)
   * @param detail the rest of the lead line
   * @param importance each hyperparameter's share of the variance, or empty when there is none
   * @param settings the main settings, name to value, shown in this order
   * @param specification the search's settings as its journal records them, shown whole as JSON
   * @param journal the journal's file name, which the specification's heading names
   */
  public static String render(
      String title,
      String headline,
      String detail,
      List<Image> images,
      Map<String, Double> importance,
      Table trials,
      Map<String, Object> settings,
      Map<String, Object> specification,
      String journal) {
    StringBuilder h = new StringBuilder(HtmlReport.head(title));
    h.append("<p class=\"lead\"><strong>")
        .append(HtmlReport.esc(headline))
        .append("</strong> ")
        .append(HtmlReport.esc(detail))
        .append("</p>\n");
    for (Image image : images) {
      h.append("<h2>")
          .append(HtmlReport.esc(image.title()))
          .append("</h2>\n<img src=\"data:image/png;base64,")
          .append(Base64.getEncoder().encodeToString(image.png()))
          .append("\" alt=\"")
          .append(HtmlReport.esc(image.title()))
          .append("\">\n");
    }
    h.append("<h2>Each hyperparameter's share of the validation accuracy's variance</h2>\n");
    if (importance.isEmpty()) {
      h.append(
          "<p>None: it needs at least 2 trials that ran to the end with different scores.</p>\n");
    } else {
      h.append("<table id=\"importance\">\n");
      importance.forEach(
          (name, share) ->
              h.append("<tr><th>")
                  .append(HtmlReport.esc(name))
                  .append("</th><td>")
                  .append(Numbers.percent(share))
                  .append("</td></tr>\n"));
      h.append("</table>\n");
    }
    h.append("<h2>Trials, best first</h2>\n<table id=\"trials\">\n<tr>");
    trials.columns().forEach(c -> h.append("<th>").append(HtmlReport.esc(c)).append("</th>"));
    h.append("</tr>\n");
    for (List<Object> row : trials.rows()) {
      h.append("<tr>");
      row.forEach(v -> h.append("<td>").append(HtmlReport.esc(Numbers.format(v))).append("</td>"));
      h.append("</tr>\n");
    }
    h.append("</table>\n<h2>Settings</h2>\n");
    HtmlReport.settings(h, settings, "search settings (" + journal + " line 1)", specification);
    return h.append(HtmlReport.tail()).toString();
  }
}
