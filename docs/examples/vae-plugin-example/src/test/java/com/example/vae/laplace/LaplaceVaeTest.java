package com.example.vae.laplace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.vae4j.core.testkit.GradientCheck;
import org.vae4j.core.testkit.ProviderConformance;

class LaplaceVaeTest {
    @TempDir
    Path dir;

    @Test
    void priorAndDivergenceGradientsCheckOut() {
        GradientCheck.checkPrior(new LaplacePrior(3, 0.7), 4, 1);
        GradientCheck.checkDivergence(new SampledKl(new LaplacePrior(3, 0.7)), 5, 3, 2);
    }

    @Test
    void priorIsANormalisedLaplaceDensityAndSamplesHaveItsVariance() {
        LaplacePrior prior = new LaplacePrior(1, 0.5);
        INDArray z = Nd4j.createFromArray(new double[][] {{0.0}, {1.0}});
        INDArray out = Nd4j.create(DataType.DOUBLE, 2);
        prior.logDensity(z, out);
        assertThat(out.getDouble(0)).isCloseTo(-Math.log(1.0), within(1e-12));   // 1/(2b) = 1
        assertThat(out.getDouble(1)).isCloseTo(-2.0, within(1e-12));             // exp(-|z|/b)
        INDArray samples = Nd4j.create(DataType.DOUBLE, 200_000, 1);
        prior.sample(samples, Nd4j.getRandomFactory().getNewRandomInstance(3));
        assertThat(samples.meanNumber().doubleValue()).isCloseTo(0, within(0.01));
        assertThat(samples.varNumber().doubleValue()).isCloseTo(2 * 0.25, within(0.01));
    }

    @Test
    void providerPassesTheVae4jConformanceKit() {
        new ProviderConformance(new LaplaceVaeProvider(), Map.of("hidden", "8")).runAll(dir);
    }
}
