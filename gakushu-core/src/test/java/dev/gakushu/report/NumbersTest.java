package dev.gakushu.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NumbersTest {
  @Test
  void threeSignificantDigitsPlainOrScientific() {
    assertThat(Numbers.sig3(0.24567891234)).isEqualTo("0.246");
    assertThat(Numbers.sig3(2.302585092994046)).isEqualTo("2.3");
    assertThat(Numbers.sig3(-0.0020004)).isEqualTo("-0.002");
    assertThat(Numbers.sig3(1234.5)).isEqualTo("1230");
    assertThat(Numbers.sig3(1.2345e-8)).isEqualTo("1.23e-8");
    assertThat(Numbers.sig3(3e7)).isEqualTo("3e7");
    assertThat(Numbers.sig3(0)).isEqualTo("0");
    assertThat(Numbers.sig3(Double.NaN)).isEqualTo("NaN");
  }

  @Test
  void structuresAreWrittenCompactlyWithEveryFloatRounded() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("gap", 0.24512345678);
    m.put("order", List.of("sgd", "adam"));
    m.put("std", new double[] {0.0123456, 1.0});
    m.put("counts", new long[] {3, 4});
    m.put("scales", 16);
    assertThat(Numbers.format(m))
        .isEqualTo(
            "{gap: 0.245, order: [sgd, adam], std: [0.0123, 1], counts: [3, 4], scales: 16}");
  }

  @Test
  void aFindingTooShortToTestHasNoYesOrNoInItsJson() throws Exception {
    ObjectMapper json = new ObjectMapper();
    Finding held = Finding.of("a", "claim", "result", Map.of("x", 1.0), true);
    JsonNode h = json.valueToTree(held);
    assertThat(h.get("holds").asBoolean()).isTrue();
    assertThat(h.get("verdict").asText()).isEqualTo("holds");
    assertThat(held.needsFullSize(false)).isSameAs(held);
    JsonNode quick = json.valueToTree(held.needsFullSize(true));
    assertThat(quick.get("holds").isNull()).isTrue();
    assertThat(quick.get("verdict").asText()).isEqualTo("quick run too short to test");
    assertThat(held.needsFullSize(true).holds()).isFalse();
    JsonNode failed = json.valueToTree(Finding.of("b", "c", "r", Map.of(), false));
    assertThat(failed.get("holds").asBoolean()).isFalse();
    assertThat(failed.get("verdict").asText()).isEqualTo("does not hold");
  }

  @Test
  void theReportShowsClaimResultVerdictAndRoundedNumbers() {
    ExperimentResult r =
        new ExperimentResult(
            "x",
            "X",
            null,
            null,
            List.of(
                Finding.of(
                    "a", "the claim", "gap 0.245 → 0.119", Map.of("gap", 0.24512345678), true),
                Finding.of("b", "another", "r", Map.of(), true).needsFullSize(true)),
            Map.of("lr", 0.0012345678),
            1.0);
    String html = HtmlReport.render("t", List.of(r), List.of("x.png"), "");
    assertThat(html)
        .contains("the claim")
        .contains("gap 0.245 → 0.119")
        .contains("{gap: 0.245}")
        .contains("lr: 0.00123")
        .contains("quick run too short to test")
        .doesNotContain("0.24512345678");
  }

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
