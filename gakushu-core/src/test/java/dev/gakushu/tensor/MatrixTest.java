package dev.gakushu.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MatrixTest {
  @Test
  void valuesAreRowMajorAndWrappedArraysShared() {
    float[] values = {1, 2, 3, 4, 5, 6};
    Matrix m = Matrix.wrap(2, 3, values);
    assertThat(m.get(1, 0)).isEqualTo(4);
    assertThat(m.get(0, 2)).isEqualTo(3);
    m.set(1, 2, 9);
    assertThat(values[5]).isEqualTo(9);
    assertThat(m.size()).isEqualTo(6);
    Matrix copied = Matrix.of(2, 3, values);
    values[0] = -1;
    assertThat(copied.get(0, 0)).isEqualTo(1);
    assertThat(new Matrix(0, 3).size()).isZero();
    assertThat(new Matrix(3, 0).size()).isZero();
  }

  @Test
  void shapesAreCheckedBeforeAnythingIsAllocated() {
    assertThatThrownBy(() -> new Matrix(-1, 2))
        .hasMessage("matrix shape must not be negative: -1x2");
    assertThatThrownBy(() -> new Matrix(2, -1))
        .hasMessage("matrix shape must not be negative: 2x-1");
    assertThatThrownBy(() -> new Matrix(65536, 65536))
        .hasMessage("matrix 65536x65536 exceeds the largest Java array");
    // the largest Java array the JVM grants: the size check passes, the array does not fit
    assertThatThrownBy(() -> Matrix.wrap(1, Integer.MAX_VALUE - 8, new float[3]))
        .hasMessage("array of length 3 cannot hold a 1x2147483639 matrix");
    assertThatThrownBy(() -> Matrix.wrap(1, Integer.MAX_VALUE - 7, new float[3]))
        .hasMessage("matrix 1x2147483640 exceeds the largest Java array");
    assertThatThrownBy(() -> Matrix.wrap(2, 2, new float[3]))
        .hasMessage("array of length 3 cannot hold a 2x2 matrix");
    assertThatThrownBy(() -> new Matrix(2, 3).copyFrom(new Matrix(3, 2)))
        .hasMessage("copyFrom: shapes differ, 2x3 and 3x2");
  }

  @Test
  void aBufferIsReusedOnlyWhenItHasTheShape() {
    Matrix buffer = new Matrix(2, 3);
    buffer.fill(7);
    assertThat(Matrix.reuse(buffer, 2, 3)).isSameAs(buffer);
    Matrix other = Matrix.reuse(buffer, 3, 2);
    assertThat(other).isNotSameAs(buffer);
    assertThat(other.hasShape(3, 2)).isTrue();
    assertThat(other.data()).containsOnly(0f);
    assertThat(Matrix.reuse(null, 1, 1).hasShape(1, 1)).isTrue();
  }

  @Test
  void equalMatricesHaveEqualShapesAndValues() {
    Matrix a = Matrix.of(2, 2, 1, 2, 3, 4);
    Matrix b = a.copy();
    assertThat(b).isEqualTo(a).hasSameHashCodeAs(a).isNotSameAs(a);
    b.set(0, 0, 0);
    assertThat(b).isNotEqualTo(a);
    assertThat(Matrix.of(1, 4, 1, 2, 3, 4)).isNotEqualTo(a);
    assertThat(Matrix.of(4, 1, 1, 2, 3, 4)).isNotEqualTo(a);
    assertThat(a).isNotEqualTo("Matrix[2x2]").hasToString("Matrix[2x2]");
    assertThat(a.sameShape(new Matrix(2, 2))).isTrue();
    assertThat(a.sameShape(new Matrix(2, 1))).isFalse();
    assertThat(a.hasShape(1, 2)).isFalse();
  }

  @Test
  void theHashCodeTellsShapesAndValuesApart() {
    java.util.Set<Integer> hashes = new java.util.HashSet<>();
    hashes.add(Matrix.of(2, 2, 1, 2, 3, 4).hashCode());
    hashes.add(Matrix.of(1, 4, 1, 2, 3, 4).hashCode());
    hashes.add(Matrix.of(4, 1, 1, 2, 3, 4).hashCode());
    hashes.add(Matrix.of(2, 2, 1, 2, 3, 5).hashCode());
    hashes.add(new Matrix(0, 3).hashCode());
    hashes.add(new Matrix(3, 0).hashCode());
    assertThat(hashes).hasSize(6);
  }

  @Test
  void fillSetsEveryEntry() {
    Matrix m = Matrix.of(2, 2, 1f, 2f, 3f, 4f);
    m.fill(-0.5f);
    assertThat(m.data()).containsExactly(-0.5f, -0.5f, -0.5f, -0.5f);
  }
}
