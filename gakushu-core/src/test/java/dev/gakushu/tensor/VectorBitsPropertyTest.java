package dev.gakushu.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gakushu.BadInputException;
import org.junit.jupiter.api.Test;

class VectorBitsPropertyTest {
  @Test
  void unsetMeansTheJvmsPreferredSize() {
    assertThat(VectorBitsProperty.parse(null)).isZero();
    assertThat(VectorBitsProperty.parse("")).isZero();
  }

  @Test
  void theThreeSizesAreTakenAsTheyAre() {
    assertThat(VectorBitsProperty.parse("128")).isEqualTo(128);
    assertThat(VectorBitsProperty.parse("256")).isEqualTo(256);
    assertThat(VectorBitsProperty.parse("512")).isEqualTo(512);
  }

  @Test
  void anythingElseIsBadInputNamingThePropertyTheValueAndTheSizes() {
    for (String bad : new String[] {"100", "1024", "64", "256 ", "avx2", "-512"}) {
      assertThatThrownBy(() -> VectorBitsProperty.parse(bad))
          .isInstanceOf(BadInputException.class)
          .hasMessage(
              "the system property gakushu.vectorBits is \""
                  + bad
                  + "\"; expected 128, 256 or 512 (vector bits), or leave it unset");
    }
  }
}
