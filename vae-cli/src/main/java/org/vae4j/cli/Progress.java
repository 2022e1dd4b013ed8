package org.vae4j.cli;

import java.io.PrintStream;
import java.util.Locale;
import org.vae4j.api.Loss;
import org.vae4j.api.TrainingListener;
import org.vae4j.report.Durations;

/**
 * Training progress: a live bar redrawn in place on a terminal, plain log lines (four per epoch
 * and a summary) when output is not a terminal, as in CI or when piped to a file.
 */
final class Progress implements TrainingListener {
    private static final int BAR = 24;
    private final PrintStream out;
    private final boolean interactive;
    private final String objective;
    private final boolean penalty;
    private int epochs;
    private long steps;
    private long epochStart;
    private long images;
    private double sumObjective;
    private double sumD;
    private double sumR;
    private double sumPenalty;
    private long lastDraw;
    private int lastQuarter;

    Progress(PrintStream out, boolean interactive, String objective) {
        this(out, interactive, objective, false);
    }

    /** @param penalty whether the model has a regularizer, whose term is then shown on its own */
    Progress(PrintStream out, boolean interactive, String objective, boolean penalty) {
        this.out = out;
        this.interactive = interactive;
        this.objective = objective;
        this.penalty = penalty;
    }

    @SuppressWarnings("SystemConsoleNull") // Java 17: console() is null exactly when not on a terminal
    static boolean isTerminal() {
        return System.console() != null && System.getenv("CI") == null;
    }

    @Override
    public void onTrainingStart(int totalEpochs, long stepsPerEpoch) {
        this.epochs = totalEpochs;
        this.steps = stepsPerEpoch;
        out.printf(
                Locale.ROOT, "training %d epochs of %d steps; objective %s%n", totalEpochs, stepsPerEpoch, objective);
    }

    @Override
    public void onEpochStart(int epoch) {
        epochStart = System.nanoTime();
        images = 0;
        sumObjective = 0;
        sumD = 0;
        sumR = 0;
        sumPenalty = 0;
        lastDraw = 0;
        lastQuarter = 0;
    }

    @Override
    public void onBatch(int epoch, long stepInEpoch, Loss loss, int batchSize) {
        images += batchSize;
        sumObjective += loss.objective() * batchSize;
        sumD += loss.reconstruction() * batchSize;
        sumR += loss.kl() * batchSize;
        sumPenalty += loss.penalty() * batchSize;
        long now = System.nanoTime();
        double done = (stepInEpoch + 1) / (double) steps;
        double seconds = (now - epochStart) / 1e9;
        double rate = images / Math.max(seconds, 1e-9);
        if (interactive) {
            if (now - lastDraw < 100_000_000L && stepInEpoch + 1 < steps) {
                return;
            }
            lastDraw = now;
            int filled = (int) Math.round(done * BAR);
            double eta = seconds / done - seconds;
            out.printf(
                    Locale.ROOT,
                    "\repoch %d/%d [%s%s] %3.0f%%  objective %.2f%s  -ELBO %.2f (D %.2f + KL %.2f)"
                            + "  %,.0f img/s  ETA %s ",
                    epoch + 1,
                    epochs,
                    "#".repeat(filled),
                    " ".repeat(BAR - filled),
                    100 * done,
                    sumObjective / images,
                    penaltyText(sumPenalty / images),
                    (sumD + sumR) / images,
                    sumD / images,
                    sumR / images,
                    rate,
                    Durations.format(eta));
            out.flush();
        } else {
            int quarter = (int) Math.floor(done * 4 + 1e-9);
            if (quarter > lastQuarter && quarter < 4) {
                lastQuarter = quarter;
                out.printf(
                        Locale.ROOT,
                        "epoch %d/%d %3d%%  objective %.2f%s  -ELBO %.2f (D %.2f + KL %.2f)  %,.0f" + " img/s%n",
                        epoch + 1,
                        epochs,
                        quarter * 25,
                        sumObjective / images,
                        penaltyText(sumPenalty / images),
                        (sumD + sumR) / images,
                        sumD / images,
                        sumR / images,
                        rate);
            }
        }
    }

    @Override
    public void onEpochEnd(int epoch, Loss train, double seconds) {
        if (interactive) {
            out.print("\r" + " ".repeat(140) + "\r");
        }
        out.printf(
                Locale.ROOT,
                "epoch %d/%d done in %.1fs: objective %.2f%s, train -ELBO %.2f (D %.2f + KL %.2f)," + " %,.0f img/s%n",
                epoch + 1,
                epochs,
                seconds,
                train.objective(),
                penaltyText(train.penalty()),
                train.negElbo(),
                train.reconstruction(),
                train.kl(),
                images / seconds);
        out.flush();
    }

    @Override
    public void onTestEvaluation(int epoch, Loss test) {
        out.printf(
                Locale.ROOT,
                "epoch %d/%d test -ELBO %.2f (D %.2f + KL %.2f)%n",
                epoch + 1,
                epochs,
                test.negElbo(),
                test.reconstruction(),
                test.kl());
    }

    @Override
    public void onTrainingEnd() {
        out.println("evaluating on the training and test sets...");
    }

    /** " (penalty 1.23)" for a model with a regularizer, else nothing. */
    private String penaltyText(double value) {
        return penalty ? String.format(Locale.ROOT, " (penalty %.2f)", value) : "";
    }

    /**
     * Progress of long non-training work counted in items (images): redrawn in place on a
     * terminal, otherwise a plain line at each further 10% and at the end.
     */
    static final class Counter {
        private final PrintStream out;
        private final String what;
        private final long total;
        private final boolean interactive = isTerminal();
        private final long started = System.nanoTime();
        private int lastTenth;

        Counter(PrintStream out, String what, long total) {
            this.out = out;
            this.what = what;
            this.total = total;
        }

        void update(long done) {
            double seconds = (System.nanoTime() - started) / 1e9;
            double fraction = total == 0 ? 1 : (double) done / total;
            double eta = fraction > 0 ? seconds / fraction - seconds : 0;
            if (interactive) {
                out.printf(
                        Locale.ROOT,
                        "\r%s: %,d/%,d (%3.0f%%) %s, ETA %s   ",
                        what,
                        done,
                        total,
                        100 * fraction,
                        Durations.format(seconds),
                        Durations.format(eta));
                if (done >= total) {
                    out.println();
                }
                out.flush();
                return;
            }
            int tenth = (int) Math.floor(fraction * 10 + 1e-9);
            if (tenth > lastTenth || done >= total) {
                lastTenth = tenth;
                out.printf(
                        Locale.ROOT,
                        "%s: %,d/%,d (%3.0f%%) %s, ETA %s%n",
                        what,
                        done,
                        total,
                        100 * fraction,
                        Durations.format(seconds),
                        Durations.format(eta));
            }
        }
    }
}
