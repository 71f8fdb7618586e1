package dev.gakushu.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TrainCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void theDefaultRunReachesTheDocumentedAccuracyAndWritesItsFiles() throws IOException {
        Path out = tmp.resolve("run");
        CliRunner r = CliRunner.run("train", "--out", out.toString());
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).contains("epoch 30/30").contains("test accuracy").contains("run directory: " + out);

        JsonNode summary = JSON.readTree(out.resolve("summary.json").toFile());
        assertThat(summary.get("test_accuracy").asDouble()).isGreaterThanOrEqualTo(0.95);
        assertThat(summary.get("test_rows").asInt()).isEqualTo(359);
        assertThat(summary.get("samples_per_second").asDouble()).isPositive();

        JsonNode config = JSON.readTree(out.resolve("config.json").toFile());
        assertThat(config.get("seed").asLong()).isEqualTo(42);
        assertThat(config.get("gakushu_version").asText()).isNotBlank().isNotEqualTo("unknown");
        assertThat(config.get("network").asText()).isEqualTo("dense(64->100) relu dense(100->100) relu dense(100->10)");
        assertThat(config.get("init").asText()).isEqualTo("he");

        List<String> metrics = Files.readAllLines(out.resolve("metrics.jsonl"));
        assertThat(metrics).hasSize(30);
        JsonNode last = JSON.readTree(metrics.get(29));
        assertThat(last.get("epoch").asInt()).isEqualTo(30);
        assertThat(last.get("step").asLong()).isEqualTo(30L * 34); // 1079 rows in batches of 32
        assertThat(last.get("validation_accuracy").asDouble()).isGreaterThan(0.9);
        assertThat(last.fieldNames()).toIterable().containsExactly("epoch", "step", "train_loss", "train_accuracy",
                "validation_loss", "validation_accuracy", "seconds");
    }

    @Test
    void sameSeedSameMetricsWithOneOrTwoThreads() throws IOException {
        String[] common = {"train", "--epochs", "3", "--hidden", "30", "--no-progress"};
        CliRunner.run(concat(common, "--threads", "1", "--out", tmp.resolve("a").toString()));
        CliRunner.run(concat(common, "--threads", "2", "--out", tmp.resolve("b").toString()));
        assertThat(withoutSeconds(tmp.resolve("b"))).isEqualTo(withoutSeconds(tmp.resolve("a")));
    }

    private static List<String> withoutSeconds(Path run) throws IOException {
        return Files.readAllLines(run.resolve("metrics.jsonl")).stream()
                .map(line -> line.replaceAll(",\"seconds\":[^}]*", "")).toList();
    }

    @Test
    void withoutValidationDataTheValidationFiguresAreNull() throws IOException {
        Path out = tmp.resolve("noval");
        CliRunner r = CliRunner.run("train", "--epochs", "1", "--validation-split", "0", "--out", out.toString());
        assertThat(r.status()).as(r.err()).isZero();
        JsonNode line = JSON.readTree(Files.readAllLines(out.resolve("metrics.jsonl")).get(0));
        assertThat(line.get("validation_accuracy").isNull()).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "--hidden|100,,x|'--hidden': '100,,x' (expected whole numbers >= 1",
            "--lr|-1|'--lr': -1.0 (expected a finite number > 0)",
            "--lr|abc|'--lr': 'abc' is not a double",
            "--batch-size|0|'--batch-size': 0 (expected a whole number >= 1)",
            "--epochs|0|'--epochs': 0 (expected a whole number >= 1)",
            "--init|kaiming|'--init': 'kaiming' (expected one of zeros, normal, xavier",
            "--activation|swish|'--activation': 'swish' (expected one of relu, sigmoid, tanh)",
            "--init-std|-0.5|'--init-std': -0.5 (expected a finite number >= 0)",
            "--validation-split|1.5|'--validation-split': 1.5 (expected a share in [0, 1))",
            "--threads|0|'--threads': 0 (expected a whole number >= 1)",
            "--optimizer|adagrad9|'--optimizer': 'adagrad9' (expected sgd)",
            "--data|nowhere|'--data': 'nowhere' (expected digits)",
            "--bogus|1|Unknown options: '--bogus'",
    })
    void badInputGetsOneLineExitTwoAndNoRunDirectory(String option, String value, String expected) {
        Path out = tmp.resolve("never");
        CliRunner r = CliRunner.run("train", option, value, "--out", out.toString());
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains(expected);
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(r.out()).isEmpty();
        assertThat(out).doesNotExist();
    }

    @Test
    void initNormalNeedsItsStd() {
        CliRunner r = CliRunner.run("train", "--init", "normal", "--out", tmp.resolve("x").toString());
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("--init-std");
    }

    @Test
    void aNonEmptyOutputFolderIsNeverOverwritten() throws IOException {
        Path out = Files.createDirectories(tmp.resolve("used"));
        Files.writeString(out.resolve("keep.txt"), "precious");
        CliRunner r = CliRunner.run("train", "--epochs", "1", "--out", out.toString());
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("not empty");
        try (var files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).containsExactly("keep.txt");
        }
    }

    @Test
    void helpListsEveryOptionWithItsDefault() {
        CliRunner r = CliRunner.run("train", "--help");
        assertThat(r.status()).isZero();
        for (String option : List.of("--data", "--validation-split", "--test-split", "--no-standardize", "--hidden",
                "--activation", "--init", "--init-std", "--optimizer", "--lr", "--epochs", "--batch-size",
                "--no-shuffle", "--seed", "--threads", "--out")) {
            assertThat(r.out()).contains(option);
        }
        assertThat(r.out()).contains("default: 100,100").contains("default: 42").contains("default: 0.1");
    }

    @Test
    void topLevelHelpAndVersion() {
        assertThat(CliRunner.run("--help").out()).contains("train").contains("gradcheck");
        assertThat(CliRunner.run("--version").out()).startsWith("gakushu ");
    }

    private static String[] concat(String[] a, String... b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
