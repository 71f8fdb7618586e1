package dev.gakushu.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One self-contained HTML page: every experiment's figure (a local PNG next to the page), its
 * findings (claim, measured result, and whether it held, did not, or the run was too short to test
 * it), numbers to three significant digits, its configuration and time. No script or style is
 * fetched from anywhere. A short inline script records on the body how many images loaded, for the
 * browser check.
 */
public final class HtmlReport {
  private static final ObjectMapper JSON = new ObjectMapper();

  private HtmlReport() {}

  /**
   * @param imagePaths each result's PNG, relative to the page, in the same order
   * @param note a line shown under the title (e.g. which data was used), or empty
   */
  public static String render(
      String title, List<ExperimentResult> results, List<String> imagePaths, String note) {
    StringBuilder h = new StringBuilder(head(title));
    if (!note.isEmpty()) {
      h.append("<p>").append(esc(note)).append("</p>\n");
    }
    for (int i = 0; i < results.size(); i++) {
      ExperimentResult r = results.get(i);
      h.append("<section id=\"")
          .append(esc(r.name()))
          .append("\">\n<h2>")
          .append(esc(r.title()))
          .append(" <small>(")
          .append(esc(r.name()))
          .append(String.format(Locale.ROOT, ", %.1f s", r.seconds()))
          .append(")</small></h2>\n");
      h.append("<img src=\"")
          .append(esc(imagePaths.get(i)))
          .append("\" alt=\"")
          .append(esc(r.title()))
          .append("\">\n");
      if (!r.findings().isEmpty()) {
        h.append("<table><tr><th>claim</th><th>measured</th><th>holds</th></tr>\n");
      }
      for (Finding f : r.findings()) {
        h.append("<tr><td>")
            .append(esc(f.claim()))
            .append("</td><td>")
            .append(esc(f.result()))
            .append("<br><code>")
            .append(esc(Numbers.format(f.measured())))
            .append("</code></td><td class=\"")
            .append(
                switch (f.verdict()) {
                  case HOLDS -> "holds\">yes";
                  case DOES_NOT_HOLD -> "fails\">no";
                  case TOO_SHORT -> "untested\">" + esc(f.verdict().words());
                })
            .append("</td></tr>\n");
      }
      h.append(r.findings().isEmpty() ? "" : "</table>\n")
          .append("<details><summary>configuration</summary><pre>");
      r.config()
          .forEach(
              (key, value) ->
                  h.append(esc(key)).append(": ").append(esc(Numbers.format(value))).append('\n'));
      h.append("</pre></details>\n</section>\n");
    }
    return h.append(tail()).toString();
  }

  /** The page up to its title heading, with the style every page shares. */
  static String head(String title) {
    return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>"
        + esc(title)
        + "</title>\n<style>body{font-family:sans-serif;max-width:1300px;margin:2em auto;color:#222}"
        + "img{max-width:100%;border:1px solid #ddd}table{border-collapse:collapse;margin:.5em 0}"
        + "td,th{border:1px solid #ccc;padding:.3em .6em;text-align:left;vertical-align:top}"
        + "td code{word-break:break-all}td:first-child{min-width:22em}#trials td:first-child{min-width:0}"
        + ".holds{color:#1a7f37}.fails{color:#b42318}.untested{color:#8a6d00}pre{background:#f6f8fa;padding:.6em;overflow-x:auto}"
        + ".lead{font-size:1.25em}"
        + "</style></head>\n<body>\n<h1>"
        + esc(title)
        + "</h1>\n";
  }

  /** The end of the page: the script that records how many images loaded, for the browser check. */
  static String tail() {
    return "<script>window.addEventListener('load',function(){var i=document.images,n=0;"
        + "for(var k=0;k<i.length;k++){if(i[k].complete&&i[k].naturalWidth>0)n++;}"
        + "document.body.setAttribute('data-images-loaded',n+'/'+i.length);});</script>\n</body></html>\n";
  }

  /** A table of settings, name to value (numbers for people), then the whole specification. */
  static void settings(
      StringBuilder h,
      Map<String, Object> settings,
      String specificationName,
      Map<String, Object> specification) {
    h.append("<table>\n");
    settings.forEach(
        (name, value) ->
            h.append("<tr><th>")
                .append(esc(name))
                .append("</th><td>")
                .append(esc(Numbers.format(value)))
                .append("</td></tr>\n"));
    h.append("</table>\n<details><summary>")
        .append(esc(specificationName))
        .append("</summary><pre>")
        .append(esc(indented(specification)))
        .append("</pre></details>\n");
  }

  private static String indented(Map<String, Object> specification) {
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(specification);
    } catch (JsonProcessingException e) {
      return String.valueOf(specification);
    }
  }

  static String esc(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
