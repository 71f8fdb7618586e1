package dev.gakushu.experiments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class FieldsTest {
  @Test
  void keepsTheOrderGiven() {
    assertThat(List.copyOf(Fields.of("z", 1, "a", 2, "m", 3, "b", 4).keySet()))
        .containsExactly("z", "a", "m", "b");
    assertThat(Fields.of("x", 1.5).get("x")).isEqualTo(1.5);
  }

  @Test
  void refusesAKeyWithoutAValueTwiceOrNull() {
    assertThatThrownBy(() -> Fields.of("a", 1, "b")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Fields.of("a", 1, "a", 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("a");
    assertThatThrownBy(() -> Fields.of("a", null)).isInstanceOf(IllegalArgumentException.class);
  }
}
