package dev.gakushu.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NumbersTest {
  @ParameterizedTest
  @CsvSource({
    "0.009367393375124954, 0.00937",
    "0.001, 0.001",
    "0.5, 0.5",
    "0.98765, 0.988",
    "12.345, 12.3",
    "255.6, 256",
    "1234.5, 1230",
    "0.0001, 0.0001",
    "0.00001234567, 1.23e-5",
    "3.0E7, 3e7",
    "-0.0123456, -0.0123",
    "0, 0"
  })
  void threeSignificantDigits(double value, String expected) {
    assertThat(Numbers.sig3(value)).isEqualTo(expected);
  }

  @Test
  void wholeNumbersStayWhole() {
    assertThat(Numbers.shown(1234)).isEqualTo("1234");
    assertThat(Numbers.shown(64L)).isEqualTo("64");
    assertThat(Numbers.shown(1234.5)).isEqualTo("1230");
  }

  @ParameterizedTest
  @CsvSource({
    "0.84, 0.84 s",
    "12.44, 12.4 s",
    "125, 2 min 05 s",
    "3599.4, 59 min 59 s",
    "3720, 1 h 02 min",
    "-1, -"
  })
  void durations(double seconds, String expected) {
    assertThat(Numbers.duration(seconds)).isEqualTo(expected);
  }

  @Test
  void sharesCountsAndRates() {
    assertThat(Numbers.percent(0.97214)).isEqualTo("97.2 %");
    assertThat(Numbers.count(1234567)).isEqualTo("1,234,567");
    assertThat(Numbers.rate(2616.6)).isEqualTo("2,617");
    assertThat(Numbers.rate(Double.NaN)).isEqualTo("-");
  }
}
