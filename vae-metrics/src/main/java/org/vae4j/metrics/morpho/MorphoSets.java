package org.vae4j.metrics.morpho;

import java.util.Locale;
import java.util.Optional;
import org.vae4j.api.VaeException;
import org.vae4j.api.data.Dataset;
import org.vae4j.api.data.DatasetPair;
import org.vae4j.api.data.Factor;
import org.vae4j.api.data.FactorSampler;
import org.vae4j.api.data.FactorSpace;
import org.vae4j.api.data.GroundTruth;
import org.vae4j.metrics.score.NumpyRandom;
import org.vae4j.spi.DatasetRequest;
import org.vae4j.spi.DatasetSource;

/**
 * Morpho-MNIST's own data sets, made from MNIST with vae4j's port of its perturbations as its
 * {@code scripts/generate_all.py} makes them: {@code morpho-global}, each digit plain, thinned
 * ({@code Thinning(0.7)}) or thickened ({@code Thickening(1.0)}), and {@code morpho-local}, each digit
 * plain, swollen ({@code Swelling(3, 7)}) or fractured ({@code Fracture(num_frac=3)}), chosen
 * uniformly. The choice of image i is the i-th draw of numpy's {@code RandomState(0)} (training
 * split) or {@code RandomState(1)} (test split); swelling and fracture centres come from
 * {@code RandomState(i)}. Factors: {@code perturbation} (with Morpho-MNIST's labels 0 plain,
 * 1 thin, 2 thick, 3 swollen, 4 fractured as its level values) and {@code digit}; the class label is
 * the digit. Computed once (about a minute on two cores) and cached. For the intervention scores,
 * a combination of levels is drawn as one of the split's images that has it.
 */
final class MorphoSets implements DatasetSource {
    private final boolean global;

    MorphoSets(boolean global) {
        this.global = global;
    }

    @Override
    public String name() {
        return global ? "morpho-global" : "morpho-local";
    }

    @Override
    public String description() {
        return "Morpho-MNIST's "
                + (global
                        ? "global set: each MNIST digit plain, thinned or thickened"
                        : "local set: each MNIST digit plain, swollen or fractured")
                + " (vae4j's port of its perturbations; computed once from MNIST and cached)";
    }

    @Override
    public String sizes() {
        return "60,000 train + 10,000 test, 28x28";
    }

    private FactorSpace space() {
        return FactorSpace.of(
                new Factor("perturbation", global ? new double[] {0, 1, 2} : new double[] {0, 3, 4}),
                Factor.levels("digit", 10));
    }

    @Override
    public Optional<FactorSpace> factors() {
        return Optional.of(space());
    }

    @Override
    public DatasetPair load(DatasetRequest request) {
        DerivedMnist mnist = DerivedMnist.load(request);
        int threads = Runtime.getRuntime().availableProcessors();
        java.nio.file.Path folder = mnist.cacheFolder(request.cacheDirectory(), name());
        Dataset train =
                split(mnist.train, mnist.mnist.train(), 0, folder.resolve("train-images.bin"), threads, request);
        Dataset test = split(mnist.test, mnist.mnist.test(), 1, folder.resolve("t10k-images.bin"), threads, request);
        return new DatasetPair(
                name(),
                train,
                test,
                "MNIST (" + mnist.mnist.source() + ") perturbed by vae4j's port of Morpho-MNIST",
                mnist.mnist.sha256());
    }

    private Dataset split(
            int[][] images, Dataset source, long seed, java.nio.file.Path file, int threads, DatasetRequest request) {
        int n = images.length;
        NumpyRandom choice = new NumpyRandom(seed);
        int[] kinds = new int[n];
        for (int i = 0; i < n; i++) {
            kinds[i] = choice.nextInt(3);
        }
        ThreadLocal<Morphometrics> morpho = ThreadLocal.withInitial(Morphometrics::new);
        ThreadLocal<Perturbations> perturb = ThreadLocal.withInitial(Perturbations::new);
        byte[] bytes = DerivedMnist.cached(
                file,
                n,
                784,
                i -> DerivedMnist.toBytes(perturb(morpho.get(), perturb.get(), images[i], kinds[i], i)),
                threads,
                request.log(),
                name() + " " + (seed == 0 ? "train" : "test"));
        int[] digits = source.labels().orElseThrow();
        int[][] levels = new int[n][];
        for (int i = 0; i < n; i++) {
            levels[i] = new int[] {kinds[i], digits[i]};
        }
        Dataset plain = Dataset.builder(name(), n, 28, 28)
                .pixels(DerivedMnist.floats(bytes))
                .labels(digits, 10)
                .groundTruth(GroundTruth.of(space(), levels))
                .build();
        // the intervention scores draw, for given levels, one of this split's images that has them
        return Dataset.builder(name(), n, 28, 28)
                .pixels(plain.pixels())
                .labels(digits, 10)
                .groundTruth(GroundTruth.of(space(), levels).withSampler(FactorSampler.matching(plain)))
                .build();
    }

    private int[] perturb(Morphometrics morpho, Perturbations p, int[] image, int kind, int i) {
        DigitMorphology m = morpho.morphology(image, 28, 28);
        try {
            return switch (kind) {
                case 0 -> p.plain(m);
                case 1 -> global ? p.thin(m, 0.7) : p.swell(m, 3, 7, Perturbations.swellCentre(m, new NumpyRandom(i)));
                default ->
                    global
                            ? p.thicken(m, 1.0)
                            : p.fracture(m, 1.5, Perturbations.fractureCentres(m, 2, 3, new NumpyRandom(i)));
            };
        } catch (IllegalArgumentException e) {
            throw new VaeException(
                    String.format(Locale.ROOT, "%s: MNIST image %d has no stroke to perturb", name(), i));
        }
    }
}
