package dev.gakushu.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FontsTest {

  /**
   * A JVM that sees no fonts at all (fontconfig given an empty configuration, a home folder without
   * the JDK's font cache) still draws a chart, with its text, from the bundled font.
   */
  @Test
  void aJvmWithoutFontsDrawsChartsWithTheBundledFont(@TempDir Path dir) throws Exception {
    Path emptyConfiguration = dir.resolve("fonts.conf");
    Files.writeString(emptyConfiguration, "<fontconfig></fontconfig>\n", StandardCharsets.UTF_8);
    Path png = dir.resolve("curves.png");
    ProcessBuilder child =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dgakushu.gemmTuning=off",
                "-Djava.awt.headless=true",
                "-Duser.home=" + dir,
                "-cp",
                System.getProperty("java.class.path"),
                DrawWithoutFonts.class.getName(),
                png.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("child.log").toFile());
    child.environment().put("FONTCONFIG_FILE", emptyConfiguration.toString());
    child.environment().remove("FONTCONFIG_PATH");
    Process process = child.start();
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue())
        .as(Files.readString(dir.resolve("child.log"), StandardCharsets.UTF_8))
        .isZero();

    BufferedImage image = ImageIO.read(png.toFile());
    assertThat(image.getWidth()).isEqualTo(1040);
    assertThat(image.getHeight()).isEqualTo(380);
    // the title sits in the top 30 rows above the plot: text there means a font was drawn
    assertThat(darkPixels(image, 0, 0, image.getWidth(), 30)).isGreaterThan(50);
  }

  /** The bundled font alone draws glyphs: "Gakushu" leaves ink, a space does not. */
  @Test
  void theBundledFontAloneDrawsText() throws Exception {
    Fonts.ensureUsable();
    Font font;
    try (InputStream in = Fonts.open()) {
      font = Font.createFont(Font.TRUETYPE_FONT, in).deriveFont(24f);
    }
    assertThat(font.getFamily(java.util.Locale.ROOT)).isEqualTo("DejaVu Sans");
    assertThat(darkPixels(draw(font, "Gakushu"), 0, 0, 200, 40)).isGreaterThan(100);
    assertThat(darkPixels(draw(font, " "), 0, 0, 200, 40)).isZero();
  }

  @Test
  void theFontShipsWithItsLicence() throws Exception {
    try (InputStream in = Fonts.class.getResourceAsStream("DejaVuSans-LICENSE.txt")) {
      assertThat(in).isNotNull();
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
          .contains("Bitstream Vera", "Permission is hereby granted");
    }
  }

  private static BufferedImage draw(Font font, String text) {
    BufferedImage image = new BufferedImage(200, 40, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, 200, 40);
      g.setColor(Color.BLACK);
      g.setFont(font);
      g.drawString(text, 5, 30);
    } finally {
      g.dispose();
    }
    return image;
  }

  private static int darkPixels(BufferedImage image, int x0, int y0, int width, int height) {
    int dark = 0;
    for (int y = y0; y < y0 + height; y++) {
      for (int x = x0; x < x0 + width; x++) {
        Color c = new Color(image.getRGB(x, y));
        if (c.getRed() + c.getGreen() + c.getBlue() < 3 * 128) {
          dark++;
        }
      }
    }
    return dark;
  }
}
