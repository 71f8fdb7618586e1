package dev.gakushu.cli;

import dev.gakushu.nn.NetworkSummary;
import dev.gakushu.report.Numbers;
import java.util.Locale;

/** A network's summary as a table, as Keras' {@code model.summary()} prints it. */
final class SummaryTable {
  private SummaryTable() {}

  static String of(NetworkSummary summary) {
    int nameWidth =
        Math.max(20, summary.rows().stream().mapToInt(r -> r.layer().length()).max().orElse(0));
    String row = "%-" + nameWidth + "s  %-14s  %12s%n";
    String rule = "-".repeat(nameWidth + 30) + System.lineSeparator();
    StringBuilder t = new StringBuilder();
    t.append(String.format(Locale.ROOT, row, "Layer", "Output shape", "Params")).append(rule);
    t.append(
        String.format(Locale.ROOT, row, "input", shape(summary.inputs()), "").stripTrailing()
            + System.lineSeparator());
    for (NetworkSummary.Row r : summary.rows()) {
      t.append(
          String.format(
              Locale.ROOT,
              row,
              r.layer(),
              shape(r.outputs()),
              Numbers.count(r.trainable() + r.nonTrainable())));
    }
    long total = summary.trainable() + summary.nonTrainable();
    t.append(rule)
        .append(
            String.format(
                Locale.ROOT,
                "Total params: %s (%.1f KiB as float32)%n"
                    + "Trainable params: %s%n"
                    + "Non-trainable params: %s%n",
                Numbers.count(total),
                4 * total / 1024.0,
                Numbers.count(summary.trainable()),
                Numbers.count(summary.nonTrainable())));
    return t.toString();
  }

  private static String shape(int width) {
    return "(batch, " + width + ")";
  }
}
