package org.vae4j.metrics.score;

import java.util.Collection;
import java.util.List;
import org.vae4j.api.metrics.DisentanglementMetric;
import org.vae4j.metrics.morpho.MorphoDatasets;
import org.vae4j.spi.DatasetSource;
import org.vae4j.spi.VaePlugin;

/** The built-in disentanglement scores, contributed like any plugin's: MIG, SAP, DCI, modularity, explicitness, MIG, SAP, DCI, modularity and explicitness as disentanglement_lib defines them, and the BetaVAE and FactorVAE intervention scores. */
public final class MetricsPlugin implements VaePlugin {
    /** Morpho-MNIST's sets and MNIST at set levels, derived from MNIST by the morphometrics' perturbations. */
    @Override
    public Collection<DatasetSource> datasetSources() {
        return MorphoDatasets.sources();
    }

    @Override
    public Collection<DisentanglementMetric> metrics() {
        return List.of(
                new Mig(),
                new Sap(),
                new Dci(),
                new Modularity(),
                new Explicitness(),
                new DlibMig(),
                new DlibSap(),
                new DlibDci(),
                new DlibModularity(),
                new DlibExplicitness(),
                new BetaVaeScore(),
                new FactorVaeScore());
    }
}
