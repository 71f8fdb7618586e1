package dev.gakushu.data;

import dev.gakushu.BadInputException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The training, validation and test parts of a data set.
 *
 * @param validation empty (zero rows) when no validation share was asked for
 */
public record Split(Dataset train, Dataset validation, Dataset test) {

    /**
     * A seeded stratified split: within each class the rows are shuffled, then
     * round(n_c·testShare) go to the test part, round(n_c·validationShare) to validation and the
     * rest to training. Each part keeps the original row order.
     *
     * @throws BadInputException if the shares are impossible or a class would have no training row
     */
    public static Split stratified(Dataset data, double validationShare, double testShare, long seed) {
        requireShare("validation share", validationShare);
        requireShare("test share", testShare);
        if (validationShare + testShare >= 1) {
            throw new BadInputException("validation share " + validationShare + " plus test share " + testShare
                    + " leaves no training data; expected a sum below 1");
        }
        SplittableRandom random = new SplittableRandom(seed);
        List<Integer> train = new ArrayList<>();
        List<Integer> validation = new ArrayList<>();
        List<Integer> test = new ArrayList<>();
        int[] labels = data.labels();
        for (int c = 0; c < data.classCount(); c++) {
            int[] rows = rowsOfClass(labels, c);
            Shuffle.shuffle(rows, random);
            int nTest = (int) Math.round(rows.length * testShare);
            int nValidation = (int) Math.round(rows.length * validationShare);
            if (rows.length > 0 && nTest + nValidation >= rows.length) {
                throw new BadInputException(data.name() + ": class '" + data.classNames().get(c) + "' has "
                        + rows.length + " rows, too few to split into training, validation and test parts");
            }
            for (int i = 0; i < rows.length; i++) {
                (i < nTest ? test : i < nTest + nValidation ? validation : train).add(rows[i]);
            }
        }
        return new Split(part(data, "train", train), part(data, "validation", validation), part(data, "test", test));
    }

    private static void requireShare(String what, double share) {
        if (!(share >= 0 && share < 1)) {
            throw new BadInputException(what + " " + share + " is outside [0, 1)");
        }
    }

    private static int[] rowsOfClass(int[] labels, int c) {
        return java.util.stream.IntStream.range(0, labels.length).filter(i -> labels[i] == c).toArray();
    }

    private static Dataset part(Dataset data, String name, List<Integer> rows) {
        int[] indices = rows.stream().mapToInt(Integer::intValue).toArray();
        Arrays.sort(indices);
        return data.subset(data.name() + "/" + name, indices);
    }

    /** Standardises all three parts with statistics fitted on the training part only. */
    public Split standardized() {
        Standardizer s = Standardizer.fit(train);
        return new Split(s.apply(train), s.apply(validation), s.apply(test));
    }
}
