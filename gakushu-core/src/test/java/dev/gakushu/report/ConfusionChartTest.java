package dev.gakushu.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class ConfusionChartTest {
  private static final long[][] CONFUSION = {{90, 10, 0}, {5, 45, 50}, {0, 0, 0}};

  @Test
  void theScaleRunsFromWhiteToDarkBlueGettingDarkerAllTheWay() {
    assertThat(ConfusionChart.colour(0)).isEqualTo(Color.WHITE);
    assertThat(ConfusionChart.colour(1)).isEqualTo(new Color(8, 48, 107));
    int previous = Integer.MAX_VALUE;
    for (int i = 0; i <= 100; i++) {
      Color c = ConfusionChart.colour(i / 100.0);
      int brightness = c.getRed() + c.getGreen() + c.getBlue();
      assertThat(brightness).isLessThan(previous);
      previous = brightness;
    }
  }

  @Test
  void sharesAreRowNormalisedAndZeroForAnEmptyClass() {
    assertThat(ConfusionChart.share(CONFUSION, 0, 0)).isEqualTo(0.9);
    assertThat(ConfusionChart.share(CONFUSION, 1, 2)).isEqualTo(0.5);
    assertThat(ConfusionChart.share(CONFUSION, 2, 2)).isZero();
  }

  /** Each cell is coloured by its row share: a zero cell is white, a 90 % cell dark. */
  @Test
  void cellsAndColourBarAreColouredByTheirShare() throws Exception {
    Figure figure = ConfusionChart.of(List.of("a", "b", "c"), CONFUSION, "test");
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(figure.png()));
    int cell = 120; // 360 / 3 classes
    assertThat(image.getWidth()).isEqualTo(150 + 3 * cell + 130);
    assertThat(image.getHeight()).isEqualTo(50 + 3 * cell + 120);
    // a corner of each cell, away from its text
    assertThat(pixel(image, 150 + 4, 50 + 4)).isEqualTo(ConfusionChart.colour(0.9));
    assertThat(pixel(image, 150 + cell + 4, 50 + 4)).isEqualTo(ConfusionChart.colour(0.1));
    assertThat(pixel(image, 150 + 2 * cell + 4, 50 + 4)).isEqualTo(Color.WHITE);
    assertThat(pixel(image, 150 + 2 * cell + 4, 50 + cell + 4))
        .isEqualTo(ConfusionChart.colour(0.5));
    // the colour bar: dark at the top (100 %), white at the bottom (0 %)
    int barX = 150 + 3 * cell + 30 + 9;
    assertThat(brightness(pixel(image, barX, 50 + 2))).isLessThan(200);
    assertThat(brightness(pixel(image, barX, 50 + 3 * cell - 2))).isGreaterThan(740);
  }

  private static Color pixel(BufferedImage image, int x, int y) {
    return new Color(image.getRGB(x, y));
  }

  private static int brightness(Color c) {
    return c.getRed() + c.getGreen() + c.getBlue();
  }
}
