package dev.gakushu.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.util.List;
import java.util.Locale;

/**
 * A confusion matrix as a heat map: true class down, predicted class across. Each cell shows its
 * count and its share of the true class's rows (the row-normalised rate, i.e. the recall on the
 * diagonal); its colour is that share on a sequential scale from white (0) to dark blue (1), which
 * the colour bar on the right reads off. Predicted-class labels are turned 45 degrees and shortened
 * with an ellipsis when they would not fit.
 */
public final class ConfusionChart {
  /** Anchors of the sequential scale (white to the dark blue of matplotlib's "Blues"). */
  private static final Color[] SCALE = {
    new Color(255, 255, 255),
    new Color(198, 219, 239),
    new Color(107, 174, 214),
    new Color(33, 113, 181),
    new Color(8, 48, 107)
  };

  private static final int TOP = 50;
  private static final int LEFT = 150;
  private static final int BOTTOM = 120;
  private static final int RIGHT = 130;
  private static final int BAR_WIDTH = 18;
  private static final Color INK = new Color(34, 34, 34);

  private final List<String> classNames;
  private final long[][] confusion;
  private final String title;
  private final int cell;

  private ConfusionChart(List<String> classNames, long[][] confusion, String title) {
    this.classNames = List.copyOf(classNames);
    this.confusion = confusion;
    this.title = title;
    this.cell = Math.max(60, 360 / Math.max(1, classNames.size()));
  }

  /**
   * @param confusion {@code confusion[t][p]}: rows of true class t predicted as p
   */
  public static Figure of(List<String> classNames, long[][] confusion, String title) {
    int k = classNames.size();
    if (confusion.length != k) {
      throw new IllegalArgumentException(k + " class names for " + confusion.length + " rows");
    }
    ConfusionChart chart = new ConfusionChart(classNames, confusion, title);
    return Figure.drawn(LEFT + k * chart.cell + RIGHT, TOP + k * chart.cell + BOTTOM, chart::paint);
  }

  /**
   * The colour of a share {@code s} in [0, 1]: linear interpolation between the two neighbouring
   * anchors of {@link #SCALE}.
   */
  static Color colour(double s) {
    return interpolate(SCALE, s);
  }

  /**
   * The colour of {@code s} in [0, 1] (clamped) on a scale of evenly spaced anchors: linear
   * interpolation, channel by channel, between the two neighbouring anchors.
   */
  public static Color interpolate(Color[] anchors, double s) {
    double x = Math.max(0, Math.min(1, s)) * (anchors.length - 1);
    int i = Math.min(anchors.length - 2, (int) Math.floor(x));
    double f = x - i;
    Color a = anchors[i];
    Color b = anchors[i + 1];
    return new Color(
        (int) Math.round(a.getRed() + f * (b.getRed() - a.getRed())),
        (int) Math.round(a.getGreen() + f * (b.getGreen() - a.getGreen())),
        (int) Math.round(a.getBlue() + f * (b.getBlue() - a.getBlue())));
  }

  /** Row {@code t}'s share predicted as {@code p}; 0 for a class with no rows. */
  static double share(long[][] confusion, int t, int p) {
    long total = 0;
    for (long c : confusion[t]) {
      total += c;
    }
    return total == 0 ? 0 : (double) confusion[t][p] / total;
  }

  private void paint(Graphics2D g, int width, int height) {
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(
        RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, width, height);
    int k = classNames.size();
    int grid = k * cell;

    g.setColor(INK);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
    centred(g, title, LEFT + grid / 2, TOP / 2);

    Font count = new Font(Font.SANS_SERIF, Font.BOLD, cell >= 70 ? 15 : 13);
    Font rate = new Font(Font.SANS_SERIF, Font.PLAIN, cell >= 70 ? 12 : 10);
    for (int t = 0; t < k; t++) {
      for (int p = 0; p < k; p++) {
        double s = share(confusion, t, p);
        int x = LEFT + p * cell;
        int y = TOP + t * cell;
        g.setColor(colour(s));
        g.fillRect(x, y, cell, cell);
        g.setColor(s > 0.5 ? Color.WHITE : confusion[t][p] == 0 ? new Color(170, 170, 170) : INK);
        g.setFont(count);
        centred(g, Long.toString(confusion[t][p]), x + cell / 2, y + cell / 2 - 8);
        if (confusion[t][p] != 0) {
          g.setFont(rate);
          centred(g, percent(s), x + cell / 2, y + cell / 2 + 10);
        }
      }
    }
    g.setColor(new Color(200, 200, 200));
    g.setStroke(new BasicStroke(1f));
    for (int i = 0; i <= k; i++) {
      g.drawLine(LEFT, TOP + i * cell, LEFT + grid, TOP + i * cell);
      g.drawLine(LEFT + i * cell, TOP, LEFT + i * cell, TOP + grid);
    }

    Font label = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    g.setFont(label);
    g.setColor(INK);
    FontMetrics m = g.getFontMetrics();
    for (int t = 0; t < k; t++) {
      String name = fit(m, classNames.get(t), LEFT - 40);
      g.drawString(
          name, LEFT - 8 - m.stringWidth(name), TOP + t * cell + cell / 2 + m.getAscent() / 2 - 1);
    }
    if (classNames.stream().allMatch(name -> m.stringWidth(name) <= cell - 8)) {
      for (int p = 0; p < k; p++) {
        centred(g, classNames.get(p), LEFT + p * cell + cell / 2, TOP + grid + 16);
      }
    } else {
      rotatedLabels(g, m, grid);
    }
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
    centred(g, "predicted class", LEFT + grid / 2, TOP + grid + BOTTOM - 12);
    Graphics2D v = (Graphics2D) g.create();
    try {
      v.translate(18, TOP + grid / 2);
      v.rotate(-Math.PI / 2);
      centred(v, "true class", 0, 0);
    } finally {
      v.dispose();
    }
    colourBar(g, LEFT + grid + 30, TOP, grid);
  }

  /** Predicted-class labels turned 45 degrees, each ending under its column's centre. */
  private void rotatedLabels(Graphics2D g, FontMetrics m, int grid) {
    int room = (int) ((BOTTOM - 40) * Math.sqrt(2));
    for (int p = 0; p < classNames.size(); p++) {
      String name = fit(m, classNames.get(p), room);
      Graphics2D r = (Graphics2D) g.create();
      try {
        r.translate(LEFT + p * cell + cell / 2 + m.getAscent() / 3, TOP + grid + 8);
        r.rotate(-Math.PI / 4);
        r.drawString(name, -m.stringWidth(name), m.getAscent());
      } finally {
        r.dispose();
      }
    }
  }

  /** A vertical bar from 0 % (bottom, white) to 100 % (top), with ticks every 20 %. */
  private static void colourBar(Graphics2D g, int x, int y, int height) {
    for (int i = 0; i < height; i++) {
      g.setColor(colour(1 - (i + 0.5) / height));
      g.fillRect(x, y + i, BAR_WIDTH, 1);
    }
    g.setColor(new Color(120, 120, 120));
    g.drawRect(x, y, BAR_WIDTH, height);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    FontMetrics m = g.getFontMetrics();
    for (int tick = 0; tick <= 5; tick++) {
      int ty = y + height - tick * height / 5;
      g.setColor(new Color(120, 120, 120));
      g.drawLine(x + BAR_WIDTH, ty, x + BAR_WIDTH + 4, ty);
      g.setColor(INK);
      g.drawString(tick * 20 + " %", x + BAR_WIDTH + 7, ty + m.getAscent() / 2 - 1);
    }
    Graphics2D v = (Graphics2D) g.create();
    try {
      v.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
      v.translate(x + BAR_WIDTH + 62, y + height / 2);
      v.rotate(Math.PI / 2);
      centred(v, "share of the true class's rows", 0, 0);
    } finally {
      v.dispose();
    }
  }

  private static String percent(double s) {
    return String.format(Locale.ROOT, s >= 0.1 ? "%.0f %%" : "%.1f %%", 100 * s);
  }

  /** {@code text} centred on (x, y), the middle of its ascent at y. */
  private static void centred(Graphics2D g, String text, int x, int y) {
    FontMetrics m = g.getFontMetrics();
    g.drawString(text, x - m.stringWidth(text) / 2, y + m.getAscent() / 2 - 1);
  }

  /** {@code text}, or its start and an ellipsis, at most {@code width} pixels wide. */
  static String fit(FontMetrics m, String text, int width) {
    if (m.stringWidth(text) <= width) {
      return text;
    }
    for (int n = text.length() - 1; n > 0; n--) {
      String s = text.substring(0, n) + "…";
      if (m.stringWidth(s) <= width) {
        return s;
      }
    }
    return "…";
  }
}
