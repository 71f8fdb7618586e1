package dev.gakushu.report;

import de.erichseifert.vectorgraphics2d.Document;
import de.erichseifert.vectorgraphics2d.VectorGraphics2D;
import de.erichseifert.vectorgraphics2d.svg.SVGProcessor;
import de.erichseifert.vectorgraphics2d.util.PageSize;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import javax.imageio.ImageIO;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * A figure made of one or more XChart panels laid out in a grid, rendered as PNG (through the JDK)
 * and as SVG (through VectorGraphics2D). Its public signatures name XChart's public chart types
 * only, never its {@code internal} package.
 */
public final class Figure {
  /** Something that draws itself into a box of the given size, from its top-left corner. */
  @FunctionalInterface
  public interface Panel {
    void paint(Graphics2D g, int width, int height);
  }

  private final List<Panel> panels;
  private final int columns;
  private final int panelWidth;
  private final int panelHeight;

  /**
   * @param panels drawn left to right, top to bottom
   * @param columns panels per row
   */
  public Figure(List<? extends XYChart> panels, int columns, int panelWidth, int panelHeight) {
    if (panels.isEmpty() || columns < 1) {
      throw new IllegalArgumentException("a figure needs at least one panel and one column");
    }
    this.panels = panels.stream().<Panel>map(chart -> chart::paint).toList();
    this.columns = columns;
    this.panelWidth = panelWidth;
    this.panelHeight = panelHeight;
  }

  private Figure(Panel panel, int width, int height) {
    this.panels = List.of(panel);
    this.columns = 1;
    this.panelWidth = width;
    this.panelHeight = height;
  }

  /** A figure of one chart, at the chart's own size. */
  public static Figure of(XYChart chart) {
    return ofChart(chart);
  }

  /** A figure of one chart, at the chart's own size. */
  public static Figure of(CategoryChart chart) {
    return ofChart(chart);
  }

  private static Figure ofChart(Chart<?, ?> chart) {
    return new Figure(chart::paint, chart.getWidth(), chart.getHeight());
  }

  /** A figure drawn by {@code panel} (Java2D) into a box of the given size. */
  public static Figure drawn(int width, int height, Panel panel) {
    if (width < 1 || height < 1) {
      throw new IllegalArgumentException("a figure needs a positive size");
    }
    return new Figure(panel, width, height);
  }

  public int width() {
    return Math.min(columns, panels.size()) * panelWidth;
  }

  public int height() {
    return ((panels.size() + columns - 1) / columns) * panelHeight;
  }

  private void paint(Graphics2D g) {
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, width(), height());
    for (int i = 0; i < panels.size(); i++) {
      Graphics2D panel =
          (Graphics2D)
              g.create(
                  (i % columns) * panelWidth, (i / columns) * panelHeight, panelWidth, panelHeight);
      try {
        panels.get(i).paint(panel, panelWidth, panelHeight);
      } finally {
        panel.dispose();
      }
    }
  }

  /**
   * The figure as PNG bytes.
   *
   * @throws FigureException when it cannot be drawn (e.g. no font at all)
   */
  public byte[] png() {
    Fonts.ensureUsable();
    try {
      return encodePng();
    } catch (RuntimeException e) {
      throw new FigureException("cannot draw the figure: " + e, e);
    }
  }

  private byte[] encodePng() {
    BufferedImage image = new BufferedImage(width(), height(), BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      paint(g);
    } finally {
      g.dispose();
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode PNG", e);
    }
    return out.toByteArray();
  }

  /**
   * The figure as SVG bytes.
   *
   * @throws FigureException when it cannot be drawn (e.g. no font at all)
   */
  public byte[] svg() {
    Fonts.ensureUsable();
    try {
      return encodeSvg();
    } catch (RuntimeException e) {
      throw new FigureException("cannot draw the figure: " + e, e);
    }
  }

  private byte[] encodeSvg() {
    VectorGraphics2D g = new VectorGraphics2D();
    paint(g);
    Document document =
        new SVGProcessor().getDocument(g.getCommands(), new PageSize(0, 0, width(), height()));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      document.writeTo(out);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode SVG", e);
    }
    return out.toByteArray();
  }
}
