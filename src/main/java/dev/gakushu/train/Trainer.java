package dev.gakushu.train;

import dev.gakushu.data.Batches;
import dev.gakushu.data.Dataset;
import dev.gakushu.nn.Mode;
import dev.gakushu.nn.Network;
import dev.gakushu.optim.GradientClipping;
import dev.gakushu.optim.LearningRateSchedule;
import dev.gakushu.optim.Optimizer;
import dev.gakushu.tensor.Seeds;
import java.util.ArrayList;
import java.util.List;

/**
 * The training loop: for each epoch and each mini-batch, forward, loss, backward, (clip),
 * step; then an evaluation on the validation data. The learning rate follows the configured
 * schedule, set before each epoch or each step. Everything else happens in
 * {@link TrainListener}s.
 */
public final class Trainer {
    private final TrainConfig config;
    private final List<TrainListener> listeners;

    public Trainer(TrainConfig config, List<TrainListener> listeners) {
        this.config = config;
        this.listeners = List.copyOf(listeners);
    }

    /**
     * Trains {@code network} in place.
     *
     * @param validation evaluated after each epoch; may have no rows
     * @throws TrainingDivergedException as soon as a batch's loss is not finite
     */
    public TrainResult fit(Network network, Optimizer optimizer, Dataset train, Dataset validation) {
        Batches batches = new Batches(train, config.batchSize(), config.shuffle(), Seeds.derive(config.seed(), "shuffle"));
        listeners.forEach(l -> l.onTrainStart(config.epochs(), batches.batchesPerEpoch()));
        List<EpochMetrics> history = new ArrayList<>();
        long start = System.nanoTime();
        long step = 0;
        double baseRate = optimizer.learningRate();
        LearningRateSchedule schedule = config.schedule();
        boolean perStep = schedule.unit() == LearningRateSchedule.Unit.STEP;
        long totalSteps = (long) config.epochs() * batches.batchesPerEpoch();
        for (int epoch = 1; epoch <= config.epochs(); epoch++) {
            long epochStart = System.nanoTime();
            int currentEpoch = epoch;
            listeners.forEach(l -> l.onEpochStart(currentEpoch));
            batches.beginEpoch(epoch);
            if (!perStep) {
                optimizer.setLearningRate(schedule.learningRate(baseRate, epoch - 1, config.epochs()));
            }
            double lossSum = 0;
            long correct = 0;
            for (int b = 0; b < batches.batchesPerEpoch(); b++) {
                Batches.Batch batch = batches.batch(b);
                double loss = network.loss(batch.features(), batch.labels(), Mode.TRAIN);
                if (!Double.isFinite(loss)) {
                    throw new TrainingDivergedException(epoch, step + 1, loss);
                }
                correct += network.lastCorrect(batch.labels());
                network.backward();
                if (config.clipNorm() > 0) {
                    GradientClipping.clipGlobalNorm(network.params(), config.clipNorm());
                }
                if (perStep) {
                    optimizer.setLearningRate(schedule.learningRate(baseRate, step, totalSteps));
                }
                optimizer.step(network.params());
                step++;
                lossSum += loss * batch.size();
                long currentStep = step;
                listeners.forEach(l -> l.onBatchEnd(currentEpoch, currentStep, loss));
            }
            Evaluation val = Evaluation.of(network, validation);
            EpochMetrics metrics = new EpochMetrics(epoch, step, optimizer.learningRate(), lossSum / train.size(),
                    network.penalty(), (double) correct / train.size(), val.loss(), val.accuracy(), (System.nanoTime() - epochStart) / 1e9);
            history.add(metrics);
            listeners.forEach(l -> l.onEpochEnd(metrics));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        TrainResult result = new TrainResult(history, step, seconds, (double) train.size() * config.epochs() / seconds);
        listeners.forEach(l -> l.onTrainEnd(result));
        return result;
    }
}
