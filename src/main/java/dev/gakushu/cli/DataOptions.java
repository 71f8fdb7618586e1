package dev.gakushu.cli;

import dev.gakushu.BadInputException;
import dev.gakushu.data.Dataset;
import dev.gakushu.data.EmbeddedDigits;
import dev.gakushu.data.Split;
import dev.gakushu.tensor.Seeds;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Which data to use and how to split and scale it. */
final class DataOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--data", defaultValue = "digits", paramLabel = "NAME",
            description = "Data set (default: ${DEFAULT-VALUE}). 'digits' is embedded: 1,797 8x8 handwritten digits "
                    + "from the UCI Optical Recognition of Handwritten Digits set (Alpaydin and Kaynak, 1998; CC BY 4.0).")
    String data;

    @Option(names = "--validation-split", defaultValue = "0.2", paramLabel = "SHARE",
            description = "Share of the data held out for validation, in [0, 1) (default: ${DEFAULT-VALUE}).")
    double validationSplit;

    @Option(names = "--test-split", defaultValue = "0.2", paramLabel = "SHARE",
            description = "Share of the data held out for the final test, in [0, 1) (default: ${DEFAULT-VALUE}).")
    double testSplit;

    @Option(names = "--no-standardize",
            description = "Keep the features as they are instead of standardising them with the training split's mean and deviation.")
    boolean noStandardize;

    void validate() {
        Checks.share(spec, "--validation-split", validationSplit);
        Checks.share(spec, "--test-split", testSplit);
        if (validationSplit + testSplit >= 1) {
            throw Checks.invalid(spec, "--validation-split", validationSplit,
                    "a share that leaves training data beside --test-split " + testSplit);
        }
        if (!data.equalsIgnoreCase(EmbeddedDigits.NAME)) {
            throw Checks.invalid(spec, "--data", "'" + data + "'", "digits");
        }
    }

    /** Loads the data and splits it (seeded, stratified), standardising unless told not to. */
    Split load(long seed) {
        Dataset all = EmbeddedDigits.load();
        if (all.size() == 0) {
            throw new BadInputException("data set '" + data + "' has no rows");
        }
        Split split = Split.stratified(all, validationSplit, testSplit, Seeds.derive(seed, "split"));
        return noStandardize ? split : split.standardized();
    }

    Map<String, Object> settings() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("data", data.toLowerCase(java.util.Locale.ROOT));
        s.put("validation_split", validationSplit);
        s.put("test_split", testSplit);
        s.put("standardize", !noStandardize);
        return s;
    }
}
