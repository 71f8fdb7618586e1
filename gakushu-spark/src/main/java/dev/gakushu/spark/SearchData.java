package dev.gakushu.spark;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gakushu.data.Dataset;
import dev.gakushu.io.SafeTensors;
import dev.gakushu.tensor.Matrix;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A search's training and validation splits as the bytes of one safetensors file, which the driver
 * broadcasts and each executor decodes once: the features of each split, its labels (as floats,
 * exact below 2²⁴ classes) and, in the metadata, its name and class names.
 *
 * @param train the split trials train on
 * @param validation the split that scores them
 */
record SearchData(Dataset train, Dataset validation) {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<List<String>> NAMES = new TypeReference<>() {};

  byte[] toBytes() {
    Map<String, SafeTensors.Tensor> tensors = new LinkedHashMap<>();
    Map<String, String> metadata = new LinkedHashMap<>();
    put("train", train, tensors, metadata);
    put("validation", validation, tensors, metadata);
    return SafeTensors.toBytes(tensors, metadata);
  }

  static SearchData fromBytes(byte[] bytes) {
    SafeTensors.Contents c = SafeTensors.fromBytes("the search's data", bytes);
    return new SearchData(get("train", c), get("validation", c));
  }

  private static void put(
      String split,
      Dataset d,
      Map<String, SafeTensors.Tensor> tensors,
      Map<String, String> metadata) {
    Matrix x = d.features();
    tensors.put(split + ".features", new SafeTensors.Tensor(x.rows(), x.cols(), x.data()));
    float[] labels = new float[d.size()];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = d.labels()[i];
    }
    tensors.put(split + ".labels", new SafeTensors.Tensor(1, labels.length, labels));
    metadata.put(split + ".name", d.name());
    try {
      metadata.put(split + ".classes", JSON.writeValueAsString(d.classNames()));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Dataset get(String split, SafeTensors.Contents c) {
    SafeTensors.Tensor x = c.tensors().get(split + ".features");
    float[] labelValues = c.tensors().get(split + ".labels").values();
    int[] labels = new int[labelValues.length];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = (int) labelValues[i];
    }
    Matrix features = new Matrix(x.rows(), x.cols());
    System.arraycopy(x.values(), 0, features.data(), 0, x.values().length);
    try {
      return new Dataset(
          c.metadata().get(split + ".name"),
          features,
          labels,
          JSON.readValue(c.metadata().get(split + ".classes"), NAMES));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the search's data: unreadable class names", e);
    }
  }
}
