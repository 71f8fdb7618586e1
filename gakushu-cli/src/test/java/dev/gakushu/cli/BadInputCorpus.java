package dev.gakushu.cli;

import dev.gakushu.data.IdxSet;
import dev.gakushu.io.SafeTensors;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.GZIPOutputStream;

/**
 * The project's corpus of bad input: malformed IDX, gzip, CSV, safetensors model and checkpoint
 * files, search journals, options and search spaces, each with the command that reads it and a
 * fragment that the one line of the error must hold. The files are written by {@link Case#setUp}
 * into a folder of the case's own; {@code {dir}} in the arguments stands for that folder, {@code
 * {base}} for a trained run and {@code {tune}} for a finished search that the test prepares.
 */
final class BadInputCorpus {
  static final int IMAGES = 0x00000803;
  static final int LABELS = 0x00000801;

  /** Writes a case's files into its folder. */
  interface SetUp {
    void into(Path dir) throws IOException;
  }

  /**
   * @param subprocess run in a JVM of its own limited to 512 MiB of heap
   */
  record Case(String name, SetUp setUp, List<String> args, String expected, boolean subprocess) {
    @Override
    public String toString() {
      return name;
    }
  }

  private final List<Case> cases = new ArrayList<>();

  private BadInputCorpus() {}

  private void add(String name, SetUp setUp, String expected, String... args) {
    cases.add(new Case(name, setUp, List.of(args), expected, false));
  }

  private void addBig(String name, SetUp setUp, String expected, String... args) {
    cases.add(new Case(name, setUp, List.of(args), expected, true));
  }

  /** Every case. */
  static List<Case> all() {
    BadInputCorpus c = new BadInputCorpus();
    c.idx();
    c.csv();
    c.models();
    c.checkpoints();
    c.journals();
    c.options();
    c.configs();
    return c.cases;
  }

  // ---------------------------------------------------------------- IDX and gzip

  static byte[] idx(int magic, int[] dims, byte[] data) {
    ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + data.length);
    b.putInt(magic);
    for (int d : dims) {
      b.putInt(d);
    }
    b.put(data);
    return b.array();
  }

  static byte[] gzip(byte[] bytes) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
        gz.write(bytes);
      }
      return out.toByteArray();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A valid set of 12 training and 6 test images of 3x3 pixels in two classes, gzipped. */
  static void validSet(Path dir) throws IOException {
    Files.createDirectories(dir);
    byte[] pixels = new byte[12 * 9];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = (byte) (i * 37);
    }
    byte[] labels = new byte[12];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = (byte) (i % 2);
    }
    write(dir, 0, gzip(idx(IMAGES, new int[] {12, 3, 3}, pixels)));
    write(dir, 1, gzip(idx(LABELS, new int[] {12}, labels)));
    write(dir, 2, gzip(idx(IMAGES, new int[] {6, 3, 3}, Arrays.copyOf(pixels, 54))));
    write(dir, 3, gzip(idx(LABELS, new int[] {6}, Arrays.copyOf(labels, 6))));
  }

  private static void write(Path dir, int file, byte[] bytes) throws IOException {
    Files.write(dir.resolve(IdxSet.FILES.get(file)), bytes);
  }

  /** A valid set in {dir}/set whose file {@code file} is replaced by {@code bytes}. */
  private static SetUp setWith(int file, byte[] bytes) {
    return dir -> {
      validSet(dir.resolve("set"));
      write(dir.resolve("set"), file, bytes);
    };
  }

  private void idxCase(String name, int file, byte[] bytes, String expected) {
    add(name, setWith(file, bytes), expected, trainOn("{dir}/set"));
  }

  /** Both image files replaced by {@code bytes}, so that their sizes agree. */
  private static SetUp imagesWith(byte[] bytes) {
    return dir -> {
      setWith(0, bytes).into(dir);
      write(dir.resolve("set"), 2, bytes);
    };
  }

  private void imagesCase(String name, byte[] bytes, String expected) {
    add(name, imagesWith(bytes), expected, trainOn("{dir}/set"));
  }

  private static String[] trainOn(String data, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "train",
                "--data",
                data,
                "--epochs",
                "1",
                "--hidden",
                "4",
                "--no-progress",
                "--out",
                "{dir}/out"));
    args.addAll(List.of(more));
    return args.toArray(String[]::new);
  }

  private void idx() {
    byte[] pixels = new byte[9];
    idxCase("idx images magic", 0, gzip(idx(0x0803_0000, new int[] {1, 3, 3}, pixels)), "magic");
    idxCase("idx labels magic", 1, gzip(idx(IMAGES, new int[] {1, 3, 3}, pixels)), "magic");
    idxCase("idx header cut", 0, gzip(new byte[] {0, 0, 8, 3, 0, 0}), "truncated at byte 4");
    idxCase("idx empty file", 0, new byte[0], "truncated at byte 0");
    idxCase("idx empty gzip", 0, gzip(new byte[0]), "truncated at byte 0");
    imagesCase(
        "idx 46340x46340 images",
        gzip(idx(IMAGES, new int[] {1000, 46340, 46340}, new byte[0])),
        "budget");
    imagesCase(
        "idx size product wraps",
        idx(IMAGES, new int[] {65536, 65536, 65536}, new byte[0]),
        "budget");
    imagesCase(
        "idx size product beyond a long",
        idx(IMAGES, new int[] {1 << 21, 1 << 21, 1 << 22}, new byte[0]),
        "budget");
    idxCase(
        "idx negative count", 0, idx(IMAGES, new int[] {-1, 3, 3}, new byte[0]), "header says -1");
    imagesCase("idx zero rows", idx(IMAGES, new int[] {1, 0, 3}, new byte[0]), "1 images of 0x3");
    idxCase("idx negative columns", 0, idx(IMAGES, new int[] {1, 3, -7}, new byte[0]), "of 3x-7");
    imagesCase(
        "idx 1x16384x16384 holding 64 bytes, plain",
        idx(IMAGES, new int[] {1, 16384, 16384}, new byte[64]),
        "truncated at byte 80");
    imagesCase(
        "idx 1x16384x16384 holding 64 bytes, gzip",
        gzip(idx(IMAGES, new int[] {1, 16384, 16384}, new byte[64])),
        "truncated at byte 80");
    idxCase(
        "idx truncated pixels",
        0,
        idx(IMAGES, new int[] {12, 3, 3}, new byte[100]),
        "truncated at byte 116");
    idxCase(
        "idx trailing pixels",
        0,
        idx(IMAGES, new int[] {12, 3, 3}, new byte[109]),
        "more data after byte 124");
    idxCase(
        "idx trailing gzip pixels",
        0,
        gzip(idx(IMAGES, new int[] {12, 3, 3}, new byte[120])),
        "more data after byte 124");
    byte[] gz = gzip(idx(IMAGES, new int[] {12, 3, 3}, new byte[108]));
    idxCase("idx gzip cut short", 0, Arrays.copyOf(gz, gz.length - 12), "train-images");
    byte[] corrupt = gz.clone();
    for (int i = 12; i < corrupt.length - 8; i++) {
      corrupt[i] = (byte) (corrupt[i] ^ 0x5a);
    }
    idxCase("idx corrupt gzip", 0, corrupt, "train-images");
    byte[] badCrc = gz.clone();
    badCrc[badCrc.length - 6] ^= 1;
    idxCase("idx gzip crc", 0, badCrc, "train-images");
    idxCase(
        "idx 2^31-1 labels",
        1,
        idx(LABELS, new int[] {Integer.MAX_VALUE}, new byte[4]),
        "labels, expected a count");
    idxCase(
        "idx labels truncated",
        1,
        idx(LABELS, new int[] {12}, new byte[5]),
        "truncated at byte 13");
    idxCase(
        "idx labels fewer than images",
        1,
        gzip(idx(LABELS, new int[] {11}, new byte[11])),
        "11 labels, but");
    idxCase(
        "idx zero training images",
        0,
        gzip(idx(IMAGES, new int[] {0, 3, 3}, new byte[0])),
        "holds 0 images");
    idxCase(
        "idx test images 7x7 beside 8x8",
        2,
        gzip(idx(IMAGES, new int[] {6, 2, 2}, new byte[24])),
        "expected training and test images of one size");
    idxCase(
        "idx test label beyond the training classes",
        3,
        gzip(idx(LABELS, new int[] {6}, new byte[] {0, 1, 0, 1, 0, 12})),
        "outside the");
    add(
        "idx folder lacks a file",
        dir -> {
          validSet(dir.resolve("set"));
          Files.delete(dir.resolve("set").resolve(IdxSet.FILES.get(3)));
        },
        "lacks t10k-labels",
        trainOn("{dir}/set"));
    addBig(
        "idx 46340x46340 declared, in 512 MiB",
        imagesWith(idx(IMAGES, new int[] {1, 46340, 46340}, new byte[16])),
        "budget",
        trainOn("{dir}/set"));
    addBig(
        "idx 1x16384x16384 gzip, in 512 MiB",
        imagesWith(gzip(idx(IMAGES, new int[] {1, 16384, 16384}, new byte[64]))),
        "truncated at byte 80",
        trainOn("{dir}/set"));
    addBig(
        "idx 2^31-1 labels gzip, in 512 MiB",
        setWith(1, gzip(idx(LABELS, new int[] {Integer.MAX_VALUE - 1}, new byte[1 << 20]))),
        "labels, expected a count",
        trainOn("{dir}/set"));
  }

  // ---------------------------------------------------------------- CSV

  private static SetUp text(String name, String content) {
    return dir -> Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
  }

  private static final String GOOD_CSV = "a,b,label\n1,2,x\n3,4,y\n5,6,x\n7,8,y\n9,1,x\n2,3,y\n";

  private void csvCase(String name, String content, String expected, String... more) {
    add(name, text("d.csv", content), expected, trainOn("{dir}/d.csv", more));
  }

  private void csv() {
    csvCase("csv empty", "", "empty");
    csvCase("csv blank lines only", "\n\n\n", "empty");
    csvCase("csv header only", "a,b,label\n", "no data rows");
    csvCase("csv one column", "1\n2\n3\n", "1 column");
    csvCase("csv ragged row", "1,2,0\n3,4\n5,6,1\n", "line 2: 2 fields, expected 3");
    csvCase("csv long row", "1,2,0\n3,4,1,9\n", "line 2: 4 fields");
    csvCase("csv text feature", "a,b,label\n1,x,0\n3,4,1\n", "'x' is not a number");
    csvCase("csv NaN feature", "1,NaN,0\n3,4,1\n", "not finite");
    csvCase("csv infinite feature", "1,Infinity,0\n3,4,1\n", "not finite");
    csvCase("csv overflowing feature", "1,1e400,0\n3,4,1\n", "not finite");
    csvCase("csv empty feature", "a,b,label\n1,,0\n3,4,1\n", "is not a number");
    csvCase("csv one class", "1,2,0\n3,4,0\n5,6,0\n", "at least two classes");
    csvCase(
        "csv label 99999999999999999999 alone",
        "1,2,99999999999999999999\n3,4,99999999999999999999\n",
        "at least two classes");
    csvCase("csv unterminated quote", "a,b,label\n1,\"2,0\n3,4,1\n", "d.csv");
    csvCase("csv label name unknown", GOOD_CSV, "label column 'nope'", "--label", "nope");
    csvCase("csv label index too big", GOOD_CSV, "label column '7'", "--label", "7");
    csvCase("csv label index too small", GOOD_CSV, "label column '-9'", "--label", "-9");
    add(
        "csv binary garbage",
        dir -> {
          byte[] junk = new byte[4096];
          new java.util.Random(7).nextBytes(junk);
          Files.write(dir.resolve("d.csv"), junk);
        },
        "d.csv",
        trainOn("{dir}/d.csv"));
    add(
        "csv test file with other columns",
        dir -> {
          text("d.csv", GOOD_CSV).into(dir);
          text("t.csv", "a,label\n1,x\n2,y\n").into(dir);
        },
        "2 columns, but the training file has 3",
        trainOn("{dir}/d.csv", "--test", "{dir}/t.csv"));
    add(
        "csv test label not a training class",
        dir -> {
          text("d.csv", GOOD_CSV).into(dir);
          text("t.csv", "a,b,label\n1,2,x\n2,3,z\n").into(dir);
        },
        "label 'z' is not one of the training classes",
        trainOn("{dir}/d.csv", "--test", "{dir}/t.csv"));
    add(
        "csv test file missing",
        text("d.csv", GOOD_CSV),
        "no such file",
        trainOn("{dir}/d.csv", "--test", "{dir}/none.csv"));
    add(
        "csv test feature not a number",
        dir -> {
          text("d.csv", GOOD_CSV).into(dir);
          text("t.csv", "a,b,label\n1,2,x\n2,?,y\n").into(dir);
        },
        "'?' is not a number",
        trainOn("{dir}/d.csv", "--test", "{dir}/t.csv"));
    csvCase("csv a row of blanks", "1,2,0\n , ,1\n", "'' is not a number");
    csvCase(
        "csv continuous target",
        regression(1437, r -> String.valueOf(Math.sin(r) * 0.05)),
        "column \"target\" has 1,437 distinct values in 1,437 rows");
    csvCase(
        "csv a whole-number target of one row each",
        regression(1437, r -> String.valueOf(100_000 + 37 * r)),
        "Gakushu classifies");
  }

  /** A table of {@code rows} rows of two features and a target column of the given values. */
  private static String regression(int rows, java.util.function.IntFunction<String> target) {
    StringBuilder text = new StringBuilder("a,b,target\n");
    for (int r = 0; r < rows; r++) {
      text.append(r % 7)
          .append(',')
          .append(r % 11)
          .append(',')
          .append(target.apply(r))
          .append('\n');
    }
    return text.toString();
  }

  // ---------------------------------------------------------------- models (safetensors)

  /** A safetensors file of the given header and data bytes. */
  static byte[] safetensors(String header, byte[] data) {
    byte[] json = header.getBytes(StandardCharsets.UTF_8);
    ByteBuffer b =
        ByteBuffer.allocate(8 + json.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
    b.putLong(json.length).put(json).put(data);
    return b.array();
  }

  private static byte[] floats(float... values) {
    ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
    for (float v : values) {
      b.putFloat(v);
    }
    return b.array();
  }

  /** The predict command on a model {dir}/m.safetensors and a valid input of 64 features. */
  private static String[] predict() {
    return new String[] {"predict", "--model", "{dir}/m.safetensors", "--input", "{dir}/in.csv"};
  }

  private static void input(Path dir) throws IOException {
    Files.writeString(dir.resolve("in.csv"), "0,".repeat(63) + "16\n");
  }

  private void rawModel(String name, byte[] bytes, String expected) {
    add(
        name,
        dir -> {
          input(dir);
          Files.write(dir.resolve("m.safetensors"), bytes);
        },
        expected,
        predict());
  }

  /** A copy of the trained model, edited. */
  private void editedModel(
      String name,
      Consumer<Map<String, SafeTensors.Tensor>> tensors,
      Consumer<Map<String, String>> metadata,
      String expected,
      String... args) {
    add(
        name,
        dir -> {
          input(dir);
          SafeTensors.Contents base = SafeTensors.read(baseRun(dir).resolve("model.safetensors"));
          Map<String, SafeTensors.Tensor> t = new LinkedHashMap<>(base.tensors());
          Map<String, String> m = new LinkedHashMap<>(base.metadata());
          tensors.accept(t);
          metadata.accept(m);
          SafeTensors.write(dir.resolve("m.safetensors"), t, m);
        },
        expected,
        args.length == 0 ? predict() : args);
  }

  private void metadataCase(String name, String key, String value, String expected) {
    editedModel(name, t -> {}, m -> m.put(key, value), expected);
  }

  /** The trained run the test prepares: {base} is replaced by the test, read through this. */
  static Path baseRun(Path caseDir) {
    return caseDir.getParent().resolve("base");
  }

  private void models() {
    rawModel("model empty", new byte[0], "too short");
    rawModel("model 7 bytes", new byte[7], "too short");
    rawModel("model header length huge", floats(1e30f, 1e30f), "does not fit");
    rawModel(
        "model header length past the end",
        ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(4000).array(),
        "does not fit");
    rawModel("model header not JSON", safetensors("{nope", new byte[0]), "not valid JSON");
    rawModel("model header an array", safetensors("[1,2]", new byte[0]), "not a JSON object");
    rawModel(
        "model dtype F16",
        safetensors(
            "{\"w\":{\"dtype\":\"F16\",\"shape\":[1],\"data_offsets\":[0,2]}}", new byte[2]),
        "expected F32");
    rawModel(
        "model shape of three dimensions",
        safetensors(
            "{\"w\":{\"dtype\":\"F32\",\"shape\":[1,1,1],\"data_offsets\":[0,4]}}", new byte[4]),
        "1 or 2 dimensions");
    rawModel(
        "model negative shape",
        safetensors(
            "{\"w\":{\"dtype\":\"F32\",\"shape\":[-1],\"data_offsets\":[0,4]}}", new byte[4]),
        "non-negative whole numbers");
    rawModel(
        "model huge shape",
        safetensors(
            "{\"w\":{\"dtype\":\"F32\",\"shape\":[2147483647,2147483647],\"data_offsets\":[0,4]}}",
            new byte[4]),
        "too large");
    rawModel(
        "model offsets outside the data",
        safetensors(
            "{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,8]}}", new byte[4]),
        "outside the 4 bytes");
    rawModel(
        "model offsets reversed",
        safetensors(
            "{\"w\":{\"dtype\":\"F32\",\"shape\":[0],\"data_offsets\":[4,0]}}", new byte[4]),
        "data_offsets");
    rawModel(
        "model offsets not numbers",
        safetensors(
            "{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[\"a\",4]}}", new byte[4]),
        "two whole numbers");
    rawModel(
        "model shape and range disagree",
        safetensors(
            "{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,4]}}", new byte[4]),
        "needs 8 bytes");
    rawModel(
        "model tensors overlap",
        safetensors(
            "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}",
            new byte[8]),
        "overlaps");
    rawModel(
        "model hole in the data",
        safetensors(
            "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", new byte[8]),
        "belong to no tensor");
    rawModel(
        "model NaN weight",
        safetensors(
            "{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", floats(Float.NaN)),
        "expected finite values");
    rawModel(
        "model infinite weight",
        safetensors(
            "{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}",
            floats(Float.NEGATIVE_INFINITY)),
        "expected finite values");
    rawModel(
        "model metadata not an object",
        safetensors("{\"__metadata__\":[1]}", new byte[0]),
        "__metadata__ is not an object");
    rawModel(
        "model metadata value a number",
        safetensors("{\"__metadata__\":{\"format\":1}}", new byte[0]),
        "is not a string");
    rawModel(
        "model without format",
        safetensors("{\"__metadata__\":{\"x\":\"y\"}}", new byte[0]),
        "not a Gakushu model");
    rawModel(
        "model entry not an object",
        safetensors("{\"w\":3}", new byte[0]),
        "entry 'w' is not an object");
    add("model file missing", dir -> input(dir), "--model", predict());
    metadataCase("model format version 9", "format_version", "9", "format version 9");
    metadataCase("model architecture not JSON", "architecture", "{", "unusable architecture");
    metadataCase(
        "model architecture of 25,000,000 inputs with BatchNorm",
        "architecture",
        "{\"inputs\":25000000,\"conventions\":\"pytorch\",\"layers\":[{\"type\":\"batchnorm\","
            + "\"momentum\":0.1,\"epsilon\":1e-5},{\"type\":\"dense\",\"units\":10}]}",
        "needs more than");
    metadataCase(
        "model architecture of a huge dense layer",
        "architecture",
        "{\"inputs\":64,\"conventions\":\"pytorch\",\"layers\":[{\"type\":\"dense\","
            + "\"units\":2000000000}]}",
        "needs more than");
    metadataCase(
        "model with no dense layer",
        "architecture",
        "{\"inputs\":64,\"conventions\":\"pytorch\",\"layers\":[{\"type\":\"relu\"}]}",
        "expected a dense layer");
    metadataCase(
        "model with no layer",
        "architecture",
        "{\"inputs\":64,\"conventions\":\"pytorch\",\"layers\":[]}",
        "ends in no layer");
    metadataCase(
        "model with 0 inputs",
        "architecture",
        "{\"inputs\":0,\"conventions\":\"pytorch\",\"layers\":[{\"type\":\"dense\",\"units\":2}]}",
        "0 inputs");
    metadataCase(
        "model dense of 0 units",
        "architecture",
        "{\"inputs\":64,\"conventions\":\"pytorch\",\"layers\":[{\"type\":\"dense\",\"units\":0}]}",
        "0 units");
    metadataCase(
        "model unknown layer",
        "architecture",
        "{\"inputs\":64,\"conventions\":\"pytorch\",\"layers\":[{\"type\":\"conv\"},"
            + "{\"type\":\"dense\",\"units\":10}]}",
        "unknown layer type");
    metadataCase(
        "model unknown conventions",
        "architecture",
        "{\"inputs\":64,\"conventions\":\"keras\",\"layers\":[{\"type\":\"dense\",\"units\":10}]}",
        "unknown conventions");
    metadataCase(
        "model BatchNorm momentum 5",
        "architecture",
        "{\"inputs\":64,\"conventions\":\"pytorch\",\"layers\":[{\"type\":\"dense\",\"units\":8},"
            + "{\"type\":\"batchnorm\",\"momentum\":5.0,\"epsilon\":1e-5},"
            + "{\"type\":\"dense\",\"units\":10}]}",
        "momentum");
    metadataCase("model classes not JSON", "classes", "[", "unusable architecture");
    metadataCase(
        "model three classes for ten outputs", "classes", "[\"a\",\"b\",\"c\"]", "3 class");
    editedModel(
        "model negative running variance",
        t -> {
          SafeTensors.Tensor v = t.get("bn1.running_var");
          float[] values = v.values().clone();
          values[3] = -0.5f;
          t.put("bn1.running_var", new SafeTensors.Tensor(v.rows(), v.cols(), values));
        },
        m -> {},
        "expected variances >= 0");
    editedModel(
        "model lacks a tensor", t -> t.remove("dense2.W"), m -> {}, "lacks tensor 'dense2.W'");
    editedModel(
        "model tensor of the wrong shape",
        t -> t.put("dense2.b", new SafeTensors.Tensor(1, 3, new float[3])),
        m -> {},
        "'dense2.b' is 1x3");
    editedModel(
        "model standard deviation 0",
        t -> {
          SafeTensors.Tensor s = t.get("preprocess.std");
          t.put("preprocess.std", new SafeTensors.Tensor(1, s.cols(), new float[s.cols()]));
        },
        m -> {},
        "expected deviations > 0");
    editedModel(
        "model seed a string, evaluate",
        t -> {},
        m -> m.put("config", m.get("config").replaceFirst("\"seed\":\\d+", "\"seed\":\"abc\"")),
        "the model's run specification: seed must be an integer, got \"abc\"",
        "evaluate",
        "--model",
        "{dir}/m.safetensors",
        "--data",
        "digits",
        "--out",
        "{dir}/out");
    add(
        "predict input of 3 columns",
        dir -> {
          Files.copy(baseRun(dir).resolve("model.safetensors"), dir.resolve("m.safetensors"));
          Files.writeString(dir.resolve("in.csv"), "1,2,3\n");
        },
        "expected the model's 64 features",
        predict());
    add(
        "predict input not numbers",
        dir -> {
          Files.copy(baseRun(dir).resolve("model.safetensors"), dir.resolve("m.safetensors"));
          Files.writeString(
              dir.resolve("in.csv"), "0" + ",0".repeat(63) + "\n0" + ",x".repeat(63) + "\n");
        },
        "is not a number",
        predict());
    add(
        "predict input missing",
        dir -> Files.copy(baseRun(dir).resolve("model.safetensors"), dir.resolve("m.safetensors")),
        "no such file",
        predict());
    add(
        "predict output into a missing folder",
        dir -> {
          Files.copy(baseRun(dir).resolve("model.safetensors"), dir.resolve("m.safetensors"));
          input(dir);
        },
        "--output",
        "predict",
        "--model",
        "{dir}/m.safetensors",
        "--input",
        "{dir}/in.csv",
        "--output",
        "{dir}/no/such/p.csv");
    add(
        "predict output onto a folder",
        dir -> {
          Files.copy(baseRun(dir).resolve("model.safetensors"), dir.resolve("m.safetensors"));
          input(dir);
          Files.createDirectory(dir.resolve("folder"));
        },
        "--output",
        "predict",
        "--model",
        "{dir}/m.safetensors",
        "--input",
        "{dir}/in.csv",
        "--output",
        "{dir}/folder");
    add(
        "evaluate on data of other features",
        dir -> {
          Files.copy(baseRun(dir).resolve("model.safetensors"), dir.resolve("m.safetensors"));
          text("d.csv", GOOD_CSV).into(dir);
        },
        "features",
        "evaluate",
        "--model",
        "{dir}/m.safetensors",
        "--data",
        "{dir}/d.csv",
        "--out",
        "{dir}/out");
    add(
        "evaluate split unknown",
        dir -> Files.copy(baseRun(dir).resolve("model.safetensors"), dir.resolve("m.safetensors")),
        "--split",
        "evaluate",
        "--model",
        "{dir}/m.safetensors",
        "--split",
        "middle",
        "--out",
        "{dir}/out");
    addBig(
        "model of 3 GiB (sparse), in 512 MiB",
        dir -> {
          input(dir);
          byte[] head =
              safetensors(
                  "{\"w\":{\"dtype\":\"F32\",\"shape\":[805306368],"
                      + "\"data_offsets\":[0,3221225472]}}    ",
                  new byte[0]);
          try (RandomAccessFile f =
              new RandomAccessFile(dir.resolve("m.safetensors").toFile(), "rw")) {
            f.write(head);
            f.setLength(head.length + 3221225472L);
          }
        },
        "the reader's budget",
        predict());
    addBig(
        "model of 25,000,000 inputs with BatchNorm, in 512 MiB",
        dir -> {
          input(dir);
          SafeTensors.Contents base = SafeTensors.read(baseRun(dir).resolve("model.safetensors"));
          Map<String, String> m = new LinkedHashMap<>(base.metadata());
          m.put(
              "architecture",
              "{\"inputs\":25000000,\"conventions\":\"pytorch\",\"layers\":[{\"type\":\"batchnorm\","
                  + "\"momentum\":0.1,\"epsilon\":1e-5},{\"type\":\"dense\",\"units\":10}]}");
          SafeTensors.write(dir.resolve("m.safetensors"), base.tensors(), m);
        },
        "needs more than",
        predict());
  }

  // ---------------------------------------------------------------- checkpoints

  /** A copy of the trained run as {dir}/run, its checkpoint edited. */
  private void checkpointCase(
      String name,
      Consumer<Map<String, SafeTensors.Tensor>> tensors,
      Consumer<Map<String, String>> metadata,
      String expected) {
    add(
        name,
        dir -> {
          copyRun(baseRun(dir), dir.resolve("run"));
          Path file = dir.resolve("run").resolve("checkpoint.safetensors");
          SafeTensors.Contents c = SafeTensors.read(file);
          Map<String, SafeTensors.Tensor> t = new LinkedHashMap<>(c.tensors());
          Map<String, String> m = new LinkedHashMap<>(c.metadata());
          tensors.accept(t);
          metadata.accept(m);
          SafeTensors.write(file, t, m);
        },
        expected,
        "train",
        "--resume",
        "{dir}/run",
        "--no-progress");
  }

  static void copyRun(Path from, Path to) throws IOException {
    Files.createDirectories(to);
    try (var files = Files.list(from)) {
      for (Path f : files.toList()) {
        Files.copy(f, to.resolve(f.getFileName()));
      }
    }
  }

  private void checkpoints() {
    checkpointCase(
        "checkpoint without its optimizer state",
        t -> t.keySet().removeIf(k -> k.startsWith("optimizer/")),
        m -> {},
        "lacks the optimizer state");
    checkpointCase(
        "checkpoint without one moment",
        t -> t.remove("optimizer/dense1.W.v"),
        m -> {},
        "lacks the optimizer state 'optimizer/dense1.W.v'");
    checkpointCase(
        "checkpoint with a short moment",
        t -> t.put("optimizer/dense1.b.m", new SafeTensors.Tensor(1, 1, new float[1])),
        m -> {},
        "it holds 1");
    checkpointCase(
        "checkpoint with a stranger's state",
        t -> t.put("optimizer/dense9.W.m", new SafeTensors.Tensor(1, 1, new float[1])),
        m -> {},
        "does not use here");
    checkpointCase(
        "checkpoint steps not a number",
        t -> {},
        m -> m.put("optimizer_steps", "many"),
        "unusable optimizer, early-stopping or training state");
    checkpointCase(
        "checkpoint negative steps",
        t -> {},
        m -> m.put("optimizer_steps", "-3"),
        "expected a count >= 0");
    checkpointCase(
        "checkpoint train state not JSON",
        t -> {},
        m -> m.put("train_state", "{"),
        "unusable training state");
    checkpointCase(
        "checkpoint dropout state for two layers",
        t -> {},
        m -> m.put("train_state", m.get("train_state").replaceFirst("\\[(\\d+)\\]", "[$1,$1]")),
        "dropout layers");
    checkpointCase(
        "checkpoint negative running variance",
        t -> {
          SafeTensors.Tensor v = t.get("bn1.running_var");
          t.put(
              "bn1.running_var",
              new SafeTensors.Tensor(v.rows(), v.cols(), new float[v.values().length]));
          float[] values = t.get("bn1.running_var").values();
          values[0] = -1;
        },
        m -> {},
        "expected variances >= 0");
    checkpointCase(
        "checkpoint of another architecture",
        t -> {},
        m ->
            m.put(
                "architecture",
                m.get("architecture").replace("\"momentum\":0.1", "\"momentum\":0.2")),
        "differs from this run's");
    add(
        "resume without a checkpoint",
        dir -> {
          copyRun(baseRun(dir), dir.resolve("run"));
          Files.delete(dir.resolve("run").resolve("checkpoint.safetensors"));
        },
        "with config.json and checkpoint.safetensors",
        "train",
        "--resume",
        "{dir}/run");
    add(
        "resume with config.json not JSON",
        dir -> {
          copyRun(baseRun(dir), dir.resolve("run"));
          Files.writeString(dir.resolve("run").resolve("config.json"), "{");
        },
        "config.json: not a run specification: invalid JSON at line 1",
        "train",
        "--resume",
        "{dir}/run");
    add(
        "resume a folder that is not a run",
        dir -> Files.createDirectory(dir.resolve("run")),
        "the run directory of a train run",
        "train",
        "--resume",
        "{dir}/run");
    add(
        "resume with a torn metrics log",
        dir -> {
          copyRun(baseRun(dir), dir.resolve("run"));
          Files.writeString(dir.resolve("run").resolve("metrics.jsonl"), "{\"epoch\":\n");
          Files.delete(dir.resolve("run").resolve("summary.json"));
        },
        "metrics.jsonl line 1",
        "train",
        "--resume",
        "{dir}/run",
        "--no-progress");
  }

  // ---------------------------------------------------------------- search journals

  static final String[] TUNE = {
    "tune", "--trials", "2", "--epochs", "1", "--hidden", "4", "--space", "lr=log(0.001,0.1)"
  };

  private void journalCase(
      String name, java.util.function.UnaryOperator<List<String>> edit, String expected) {
    List<String> args = new ArrayList<>(List.of(TUNE));
    args.addAll(List.of("--resume", "{dir}/search"));
    add(
        name,
        dir -> {
          copyRun(dir.getParent().resolve("tune"), dir.resolve("search"));
          Path journal = dir.resolve("search").resolve("journal.jsonl");
          Files.write(journal, edit.apply(new ArrayList<>(Files.readAllLines(journal))));
        },
        expected,
        args.toArray(String[]::new));
  }

  private static List<String> editTrial(List<String> lines, String from, String to) {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains("\"type\":\"trial\"")) {
        lines.set(i, lines.get(i).replaceFirst(from, to));
        return lines;
      }
    }
    throw new IllegalStateException("no trial line");
  }

  private void journals() {
    journalCase(
        "journal first line not JSON",
        l -> {
          l.set(0, "not json");
          return l;
        },
        "line 1");
    journalCase(
        "journal first line a trial",
        l -> {
          l.set(0, "{\"type\":\"trial\"}");
          return l;
        },
        "line 1");
    journalCase("journal empty", l -> new ArrayList<>(), "journal.jsonl is empty");
    journalCase(
        "journal damaged line before the last",
        l -> {
          l.add(1, "{\"type\":\"start\",\"tri");
          return l;
        },
        "journal.jsonl line 2: damaged");
    journalCase(
        "journal trial seed of another search",
        l -> editTrial(l, "\"seed\":-?\\d+", "\"seed\":5"),
        "belongs to a different search");
    journalCase(
        "journal of another search",
        l -> {
          l.set(0, l.get(0).replace("\"seed\":42", "\"seed\":7"));
          return l;
        },
        "belongs to a different search");
    journalCase(
        "journal trial without seed",
        l -> editTrial(l, "\"seed\":-?\\d+,", ""),
        "a trial line lacks a field");
    journalCase(
        "journal trial params not an object",
        l -> editTrial(l, "\"params\":\\{[^}]*\\}", "\"params\":[1]"),
        "a trial line lacks a field");
    journalCase(
        "journal trial params of an unknown setting",
        l -> editTrial(l, "\"params\":\\{\"lr\"", "\"params\":{\"speed\""),
        "a trial line lacks a field");
    journalCase(
        "journal trial lr negative",
        l -> editTrial(l, "\"params\":\\{\"lr\":[^}]*\\}", "\"params\":{\"lr\":-1}"),
        "a trial line lacks a field");
    journalCase(
        "journal trial accuracies not numbers",
        l -> editTrial(l, "\"validation_accuracy\":\\[[^]]*\\]", "\"validation_accuracy\":[\"a\"]"),
        "a trial line lacks a field");
    journalCase(
        "journal trial number negative",
        l -> editTrial(l, "\"trial\":\\d+", "\"trial\":-4"),
        "a trial line lacks a field");
    journalCase(
        "journal trial status missing",
        l -> editTrial(l, ",\"status\":\"[a-z]+\"", ""),
        "a trial line lacks a field");
    add(
        "tune resume without a journal",
        dir -> Files.createDirectory(dir.resolve("search")),
        "no journal.jsonl",
        "tune",
        "--space",
        "lr=log(0.001,0.1)",
        "--resume",
        "{dir}/search");
    add(
        "tune resume with another --lr",
        dir -> copyRun(dir.getParent().resolve("tune"), dir.resolve("search")),
        "--lr",
        "tune",
        "--lr",
        "0.5",
        "--resume",
        "{dir}/search");
    add(
        "tune resume with another --space",
        dir -> copyRun(dir.getParent().resolve("tune"), dir.resolve("search")),
        "--space",
        "tune",
        "--space",
        "lr=log(0.01,1)",
        "--resume",
        "{dir}/search");
  }

  // ---------------------------------------------------------------- options and spaces

  private void option(String name, String expected, String... args) {
    add(name, dir -> {}, expected, args);
  }

  private void options() {
    addBig(
        "train --hidden 100000000, in 512 MiB",
        dir -> {},
        "'--hidden': [100000000] (expected a network that fits in memory: the network needs about",
        "train",
        "--hidden",
        "100000000",
        "--out",
        "{dir}/out");
    option("train --hidden 0", "--hidden", "train", "--hidden", "0", "--out", "{dir}/out");
    option("train --hidden abc", "--hidden", "train", "--hidden", "abc", "--out", "{dir}/out");
    option("train --hidden 1,,2", "--hidden", "train", "--hidden", "1,,2", "--out", "{dir}/out");
    option(
        "train --hidden 99999999999",
        "--hidden",
        "train",
        "--hidden",
        "99999999999",
        "--out",
        "{dir}/out");
    option(
        "train --hidden 100000000",
        "'--hidden': [100000000] (expected a network that fits in memory: the network needs about",
        "train",
        "--hidden",
        "100000000",
        "--out",
        "{dir}/out");
    option(
        "train --hidden 300000,300000",
        "the network needs about",
        "train",
        "--hidden",
        "300000,300000",
        "--out",
        "{dir}/out");
    option("train --epochs 0", "--epochs", "train", "--epochs", "0", "--out", "{dir}/out");
    option("train --epochs x", "--epochs", "train", "--epochs", "x", "--out", "{dir}/out");
    option(
        "train --batch-size -1",
        "--batch-size",
        "train",
        "--batch-size",
        "-1",
        "--out",
        "{dir}/out");
    option("train --lr -1", "--lr", "train", "--lr", "-1", "--out", "{dir}/out");
    option("train --lr NaN", "--lr", "train", "--lr", "NaN", "--out", "{dir}/out");
    option("train --lr fast", "--lr", "train", "--lr", "fast", "--out", "{dir}/out");
    option("tune --lr auto", "--lr", "tune", "--lr", "auto", "--out", "{dir}/out");
    option("tune --sampler grid", "--sampler", "tune", "--sampler", "grid", "--out", "{dir}/out");
    option(
        "tune --tpe-gamma 2",
        "--tpe-gamma",
        "tune",
        "--sampler",
        "tpe",
        "--tpe-gamma",
        "2",
        "--out",
        "{dir}/out");
    option(
        "tune --tpe-lag with random", "--sampler", "tune", "--tpe-lag", "2", "--out", "{dir}/out");
    option("lr-find --lr auto", "--lr", "lr-find", "--lr", "auto", "--out", "{dir}/out");
    option(
        "lr-find --end-lr below --start-lr",
        "--end-lr",
        "lr-find",
        "--end-lr",
        "1e-8",
        "--out",
        "{dir}/out");
    option("lr-find --steps 3", "--steps", "lr-find", "--steps", "3", "--out", "{dir}/out");
    option("train --seed abc", "--seed", "train", "--seed", "abc", "--out", "{dir}/out");
    option("train --threads 0", "--threads", "train", "--threads", "0", "--out", "{dir}/out");
    option("train --threads 5000", "--threads", "train", "--threads", "5000", "--out", "{dir}/out");
    option(
        "train --validation-split 1.5",
        "--validation-split",
        "train",
        "--validation-split",
        "1.5",
        "--out",
        "{dir}/out");
    option(
        "train shares summing past 1",
        "--validation-split",
        "train",
        "--validation-split",
        "0.6",
        "--test-split",
        "0.5",
        "--out",
        "{dir}/out");
    option("train unknown option", "--colour", "train", "--colour", "red");
    option(
        "train --data nowhere",
        "no such data set",
        "train",
        "--data",
        "{dir}/nowhere",
        "--out",
        "{dir}/out");
    option("train --data blank", "--data", "train", "--data", " ", "--out", "{dir}/out");
    option("train --optimizer foo", "foo", "train", "--optimizer", "foo", "--out", "{dir}/out");
    option(
        "train --activation foo",
        "--activation",
        "train",
        "--activation",
        "foo",
        "--out",
        "{dir}/out");
    option(
        "train --init normal without std",
        "--init",
        "train",
        "--init",
        "normal",
        "--out",
        "{dir}/out");
    option("train --init foo", "--init", "train", "--init", "foo", "--out", "{dir}/out");
    option(
        "train --init-std -1",
        "--init-std",
        "train",
        "--init",
        "normal",
        "--init-std",
        "-1",
        "--out",
        "{dir}/out");
    option("train --dropout 1", "--dropout", "train", "--dropout", "1", "--out", "{dir}/out");
    option(
        "train --bn-eps without --batch-norm",
        "--bn-eps",
        "train",
        "--bn-eps",
        "0.1",
        "--out",
        "{dir}/out");
    option(
        "train --bn-momentum 2",
        "--bn-momentum",
        "train",
        "--batch-norm",
        "--bn-momentum",
        "2",
        "--out",
        "{dir}/out");
    option(
        "train --conventions keras",
        "--conventions",
        "train",
        "--conventions",
        "keras",
        "--out",
        "{dir}/out");
    option(
        "train --checkpoint-every -1",
        "--checkpoint-every",
        "train",
        "--checkpoint-every",
        "-1",
        "--out",
        "{dir}/out");
    option(
        "train --init-from missing",
        "--init-from",
        "train",
        "--init-from",
        "{dir}/none.safetensors",
        "--out",
        "{dir}/out");
    add("train --out a file", text("taken", "x"), "is a file", "train", "--out", "{dir}/taken");
    add(
        "train --out a folder that is not empty",
        text("keep.txt", "x"),
        "not empty",
        "train",
        "--out",
        "{dir}");
    option("train --resume missing", "--resume", "train", "--resume", "{dir}/none");
    option(
        "tune --space hidden=int(1,99999999999)",
        "from 1 to 2147483647",
        "tune",
        "--space",
        "hidden=int(1,99999999999)",
        "--out",
        "{dir}/out");
    option(
        "tune --space hidden=int(1,2000000000)",
        "--space hidden=int(1,2000000000): expected a network that fits in memory",
        "tune",
        "--space",
        "hidden=int(1,2000000000)",
        "--out",
        "{dir}/out");
    option(
        "tune --space hidden=choice(50,2000000000) with 4 workers",
        "(4 at once)",
        "tune",
        "--workers",
        "4",
        "--space",
        "hidden=choice(50,2000000000)",
        "--out",
        "{dir}/out");
    option(
        "tune --space nonsense",
        "search dimension 'nonsense'",
        "tune",
        "--space",
        "nonsense",
        "--out",
        "{dir}/out");
    option(
        "tune --space speed",
        "not 'speed'",
        "tune",
        "--space",
        "speed=log(1,2)",
        "--out",
        "{dir}/out");
    option(
        "tune --space log(0,1)",
        "search dimension 'lr=log(0,1)'",
        "tune",
        "--space",
        "lr=log(0,1)",
        "--out",
        "{dir}/out");
    option(
        "tune --space uniform(2,1)",
        "search dimension 'dropout=uniform(0.5,0.1)'",
        "tune",
        "--space",
        "dropout=uniform(0.5,0.1)",
        "--out",
        "{dir}/out");
    option(
        "tune --space dropout 1.5",
        "search dimension 'dropout=uniform(0,1.5)'",
        "tune",
        "--space",
        "dropout=uniform(0,1.5)",
        "--out",
        "{dir}/out");
    option(
        "tune --space twice",
        "'lr' is given twice",
        "tune",
        "--space",
        "lr=log(1e-3,1e-1)",
        "--space",
        "lr=log(1e-3,1e-1)",
        "--out",
        "{dir}/out");
    option(
        "tune --space choice()",
        "search dimension 'hidden=choice()'",
        "tune",
        "--space",
        "hidden=choice()",
        "--out",
        "{dir}/out");
    option(
        "tune --space int(a,b)",
        "search dimension 'hidden=int(a,b)'",
        "tune",
        "--space",
        "hidden=int(a,b)",
        "--out",
        "{dir}/out");
    option(
        "tune --scheduler foo",
        "--scheduler",
        "tune",
        "--space",
        "lr=log(1e-3,1e-1)",
        "--scheduler",
        "foo",
        "--out",
        "{dir}/out");
    option(
        "tune --workers 0",
        "--workers",
        "tune",
        "--space",
        "lr=log(1e-3,1e-1)",
        "--workers",
        "0",
        "--out",
        "{dir}/out");
    option(
        "tune --trials 0",
        "--trials",
        "tune",
        "--space",
        "lr=log(1e-3,1e-1)",
        "--trials",
        "0",
        "--out",
        "{dir}/out");
    option(
        "tune --executor nope", "--executor", "tune", "--executor", "nope", "--out", "{dir}/out");
    option(
        "tune --spark-master without --executor spark",
        "--spark-master",
        "tune",
        "--spark-master",
        "local[2]",
        "--out",
        "{dir}/out");
    option("evaluate without --model", "--model", "evaluate");
    option(
        "predict --format xml",
        "--format",
        "predict",
        "--model",
        "{dir}/m",
        "--input",
        "{dir}/i",
        "--format",
        "xml");
    option("experiment unknown", "nope", "experiment", "nope", "--out", "{dir}/out");
    option("unknown command", "frobnicate", "frobnicate");
    option("gradcheck --threshold -1", "--threshold", "gradcheck", "--threshold", "-1");
    option("bench --threads 0", "--threads", "bench", "--threads", "0");
  }

  // ---------------------------------------------------------------- configs written by hand

  /** train --config {dir}/c.json holding {@code json}. */
  private void config(String name, String json, String expected, String... more) {
    List<String> args =
        new ArrayList<>(List.of("train", "--config", "{dir}/c.json", "--out", "{dir}/out"));
    args.addAll(List.of(more));
    add(name, text("c.json", json), expected, args.toArray(String[]::new));
  }

  private void configs() {
    config("config empty", "", "c.json: empty; expected a run specification");
    config("config not JSON", "{\"loop\": {", "c.json: not a run specification: invalid JSON");
    config("config a list", "[1, 2]", "c.json: not a run specification: expected a JSON object");
    config(
        "config a field twice",
        "{\"seed\": 1, \"seed\": 2}",
        "c.json: not a run specification: invalid JSON at line 1");
    config(
        "config misspelt field",
        "{\"loop\": {\"epoch\": 3}}",
        "c.json: unknown field \"loop.epoch\"; did you mean \"loop.epochs\"?");
    config(
        "config unknown field",
        "{\"network\": {\"colour\": \"red\"}}",
        "c.json: unknown field \"network.colour\"; expected one of hidden, activation");
    config(
        "config setting of another optimizer",
        "{\"optimizer\": {\"name\": \"sgd\", \"momentum\": 0.9}}",
        "c.json: optimizer.momentum: no momentum with optimizer sgd; it applies to momentum");
    config(
        "config misspelt optimizer",
        "{\"optimizer\": {\"name\": \"adma\"}}",
        "got \"adma\"; did you mean \"adam\"?");
    config(
        "config epochs a word",
        "{\"loop\": {\"epochs\": \"ten\"}}",
        "c.json: loop.epochs must be an integer, got \"ten\"");
    config(
        "config epochs a fraction",
        "{\"loop\": {\"epochs\": 2.5}}",
        "c.json: loop.epochs must be an integer, got 2.5");
    config(
        "config hidden not a list",
        "{\"network\": {\"hidden\": 100}}",
        "c.json: network.hidden must be a list, got 100");
    config(
        "config activation unknown",
        "{\"network\": {\"activation\": \"gelu\"}}",
        "c.json: network.activation must be one of relu, sigmoid, tanh, got \"gelu\"");
    config(
        "config epochs 0",
        "{\"loop\": {\"epochs\": 0}}",
        "c.json: loop.epochs = 0: expected a whole number >= 1");
    config(
        "config epochs 0 overridden by a bad option",
        "{\"loop\": {\"epochs\": 3}}",
        "'--epochs': -1 (expected a whole number >= 1)",
        "--epochs",
        "-1");
    config(
        "config early stopping without patience",
        "{\"loop\": {\"early_stopping\": {\"min_delta\": 0.1}}}",
        "c.json: loop.early_stopping needs patience");
    config(
        "config early stopping without validation data",
        "{\"data\": {\"validation_split\": 0}, \"loop\": {\"early_stopping\": {\"patience\": 2}}}",
        "c.json: loop.early_stopping.patience = 2: expected validation data to monitor");
    config(
        "config network too large",
        "{\"network\": {\"hidden\": [100000000]}}",
        "c.json: network.hidden = [100000000]: expected a network that fits in memory");
    config(
        "config schedule warm-up negative",
        "{\"schedule\": {\"warmup\": -1}}",
        "c.json: schedule: warm-up = -1");
  }
}
