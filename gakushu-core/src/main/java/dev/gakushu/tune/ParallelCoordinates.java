package dev.gakushu.tune;

import dev.gakushu.report.ConfusionChart;
import dev.gakushu.report.Figure;
import dev.gakushu.run.TrialResult;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Every trial as a line across one vertical axis per hyperparameter and a last one for its
 * validation accuracy, coloured by that accuracy (dark violet the lowest, yellow the highest, the
 * viridis scale), the best drawn last. An axis runs as the search samples: log ranges on a log
 * scale, a choice's values evenly spaced. Trials successive halving stopped are dashed.
 */
final class ParallelCoordinates {
  private static final int AXIS_GAP = 170;
  private static final int LEFT = 70;
  private static final int TOP = 50;
  private static final int PLOT_HEIGHT = 340;
  private static final int BOTTOM = 40;
  private static final int BAR = 110;
  private static final Color INK = new Color(34, 34, 34);

  /** Viridis at 0, ¼, ½, ¾ and 1. */
  private static final Color[] VIRIDIS = {
    new Color(68, 1, 84),
    new Color(59, 82, 139),
    new Color(33, 145, 140),
    new Color(94, 201, 98),
    new Color(253, 231, 37)
  };

  private final SearchSpace space;
  private final Coordinates coordinates;
  private final List<TrialResult> results;
  private final double low;
  private final double high;

  private ParallelCoordinates(SearchSpace space, List<TrialResult> results) {
    this.space = space;
    this.coordinates = new Coordinates(space);
    this.results = new ArrayList<>(results);
    this.results.sort(Comparator.comparingDouble(ParallelCoordinates::score));
    this.low = this.results.stream().mapToDouble(ParallelCoordinates::score).min().orElse(0);
    this.high = this.results.stream().mapToDouble(ParallelCoordinates::score).max().orElse(1);
  }

  /** The figure of these trials. */
  static Figure of(SearchSpace space, List<TrialResult> results) {
    ParallelCoordinates p = new ParallelCoordinates(space, results);
    int axes = space.dimensions().size() + 1;
    return Figure.drawn(
        LEFT + (axes - 1) * AXIS_GAP + BAR, TOP + PLOT_HEIGHT + BOTTOM, (g, w, h) -> p.paint(g));
  }

  private static double score(TrialResult r) {
    return Double.isFinite(r.score()) ? r.score() : 0;
  }

  /** A share s in [0, 1] on the viridis scale, interpolated between its anchors. */
  static Color colour(double s) {
    return ConfusionChart.interpolate(VIRIDIS, s);
  }

  private double accuracyShare(double score) {
    return high > low ? (score - low) / (high - low) : 0.5;
  }

  private int y(double unit) {
    return TOP + (int) Math.round((1 - unit) * PLOT_HEIGHT);
  }

  private void paint(Graphics2D g) {
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    int d = space.dimensions().size();
    Stroke strokes = new Stroke();
    for (TrialResult r : results) {
      double[] u = coordinates.unit(r.params());
      Path2D line = new Path2D.Double();
      for (int i = 0; i < d; i++) {
        if (i == 0) {
          line.moveTo(LEFT, y(u[0]));
        } else {
          line.lineTo(LEFT + i * AXIS_GAP, y(u[i]));
        }
      }
      double share = accuracyShare(score(r));
      line.lineTo(LEFT + d * AXIS_GAP, y(share));
      g.setColor(colour(share));
      g.setStroke(r.status().equals("stopped") ? strokes.dashed : strokes.solid);
      g.draw(line);
    }
    g.setStroke(new BasicStroke(1f));
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    for (int i = 0; i <= d; i++) {
      int x = LEFT + i * AXIS_GAP;
      g.setColor(INK);
      g.drawLine(x, TOP, x, TOP + PLOT_HEIGHT);
      if (i == d) {
        label(g, "validation accuracy", x, TOP - 22, true);
        label(g, number(high), x, TOP - 6, false);
        label(g, number(low), x, TOP + PLOT_HEIGHT + 16, false);
      } else {
        SearchSpace.Dimension dim = space.dimensions().get(i);
        label(g, dim.name() + " (" + dim.kind() + ")", x, TOP - 22, true);
        if (dim.kind().equals("choice")) {
          List<String> choices = dim.arguments();
          for (int k = 0; k < choices.size(); k++) {
            int ty = y((k + 0.5) / choices.size());
            g.drawLine(x - 4, ty, x, ty);
            g.drawString(
                choices.get(k), x - 7 - g.getFontMetrics().stringWidth(choices.get(k)), ty + 4);
          }
        } else {
          label(g, dim.arguments().get(1), x, TOP - 6, false);
          label(g, dim.arguments().get(0), x, TOP + PLOT_HEIGHT + 16, false);
        }
      }
    }
    int bx = LEFT + d * AXIS_GAP + 40;
    for (int i = 0; i < PLOT_HEIGHT; i++) {
      g.setColor(colour(1 - (i + 0.5) / PLOT_HEIGHT));
      g.fillRect(bx, TOP + i, 14, 1);
    }
    g.setColor(INK);
    g.drawRect(bx, TOP, 14, PLOT_HEIGHT);
  }

  /** The two strokes of the lines: solid for trials that ran to the end, dashed for stopped. */
  private static final class Stroke {
    final BasicStroke solid = new BasicStroke(1.4f);
    final BasicStroke dashed =
        new BasicStroke(
            1.1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {5f, 3f}, 0f);
  }

  private static String number(double v) {
    return String.format(Locale.ROOT, "%.3f", v);
  }

  /** Text centred on x, its baseline at y, bold for an axis's name. */
  private static void label(Graphics2D g, String text, int x, int y, boolean bold) {
    Font before = g.getFont();
    if (bold) {
      g.setFont(before.deriveFont(Font.BOLD));
    }
    FontMetrics m = g.getFontMetrics();
    g.drawString(text, x - m.stringWidth(text) / 2, y);
    g.setFont(before);
  }
}
