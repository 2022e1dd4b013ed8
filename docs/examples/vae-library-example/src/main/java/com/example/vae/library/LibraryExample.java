package com.example.vae.library;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.vae4j.Evaluation;
import org.vae4j.ModelInfo;
import org.vae4j.TrainedVae;
import org.vae4j.Vae4j;
import org.vae4j.api.data.Dataset;
import org.vae4j.api.data.DatasetPair;
import org.vae4j.api.metrics.Factors;
import org.vae4j.api.metrics.MetricContext;
import org.vae4j.api.metrics.MetricResult;

/**
 * vae4j from a program: train a beta-VAE for one epoch on a few thousand images, save it, load it
 * back for inference, encode, decode and sample on plain arrays, evaluate it, and score its codes
 * with MIG against the digit labels.
 *
 * <p>Arguments: {@code [DATASET [DATA_DIR [MODEL_DIR]]]}, default {@code mnist}, the data cache
 * (MNIST is fetched and checksum-verified), and a temporary folder.
 */
public final class LibraryExample {
    public static void main(String[] args) throws Exception {
        String dataset = args.length > 0 ? args[0] : "mnist";
        Path dataDir = args.length > 1 ? Path.of(args[1]) : null;
        Path modelDir = args.length > 2 ? Path.of(args[2]) : Files.createTempDirectory("vae4j-example");

        try (Vae4j vae = Vae4j.builder().threads(2).build()) {
            for (ModelInfo m : vae.models()) {
                System.out.println("model " + m.name() + ": " + m.description());
            }
            DatasetPair data = vae.dataset(dataset, dataDir);
            DatasetPair small = new DatasetPair(data.name(), data.train().head(3000), data.test().head(1000),
                    data.source(), data.sha256());

            TrainedVae trained = vae.trainer("beta-vae").option("beta", 4).latentDims(10).epochs(1).seed(42)
                    .train(small);
            trained.save(modelDir);
            System.out.printf("trained %s: test -ELBO %.2f nats, saved to %s%n", trained.title(),
                    trained.summary().orElseThrow().test().negElbo(), modelDir);

            TrainedVae model = vae.load(modelDir);          // inference only: no optimizer state held
            float[][] images = rows(small.test(), 5);
            float[][] mu = model.encode(images);
            float[][] decoded = model.decode(mu);
            float[][] samples = model.sample(16, 7L);
            System.out.printf("encoded %d images to %d-dimensional codes; decoded %d x %d; sampled %d%n", mu.length,
                    mu[0].length, decoded.length, decoded[0].length, samples.length);
            System.out.printf("first code: %s%n", java.util.Arrays.toString(mu[0]));

            Evaluation e = model.evaluate(small.test(), 100);
            System.out.printf("evaluation: -ELBO %.2f (D %.2f + KL %.2f), log p(x) >= %.2f +- %.2f, %d active units%n",
                    e.test().negElbo(), e.test().reconstruction(), e.test().kl(),
                    e.importanceWeighted().logLikelihood(), e.importanceWeighted().standardError(),
                    e.latent().activeUnits());

            float[][] codes = model.posterior(small.test(), small.test().size()).mean();
            int[] labels = small.test().labels().orElseThrow();
            double[][] z = new double[codes.length][];
            double[][] y = new double[codes.length][1];
            for (int i = 0; i < codes.length; i++) {
                z[i] = new double[codes[i].length];
                for (int j = 0; j < codes[i].length; j++) {
                    z[i][j] = codes[i][j];
                }
                y[i][0] = labels[i];
            }
            MetricResult mig = vae.metric("mig").compute(z, new Factors(List.of("digit"), y, new boolean[] {true}),
                    MetricContext.DEFAULT);
            System.out.printf("MIG against the digit labels: %.4f%n", mig.value());
        }
    }

    private static float[][] rows(Dataset d, int n) {
        float[][] out = new float[n][d.dataSize()];
        for (int i = 0; i < n; i++) {
            System.arraycopy(d.pixels(), i * d.dataSize(), out[i], 0, d.dataSize());
        }
        return out;
    }
}
