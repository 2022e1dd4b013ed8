package org.vae4j.study;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.vae4j.analysis.Attributes;
import org.vae4j.api.ConfigurationException;
import org.vae4j.api.data.FactorSpace;
import org.vae4j.internal.Session;

/**
 * What a study description names, checked against what is registered before the first trial trains:
 * its models (and their options), metrics, and the attributes or factors it scores.
 */
final class StudyChecks {
    private StudyChecks() {}

    /**
     * Checks {@code spec} for a study on dataset source {@code source}; a ConfigurationException
     * naming {@code where} and the fix otherwise.
     */
    static void check(Session session, StudySpec spec, String source, Path where) {
        List<String> models = new ArrayList<>();
        models.add(spec.sensitivity().model());
        models.addAll(spec.tradeoff().models());
        for (String model : models) {
            List<String> options = session.models().get(model).optionSchema().options().stream()
                    .map(o -> o.name())
                    .toList();
            if (spec.tradeoff().models().contains(model) && !options.contains("beta")) {
                throw new ConfigurationException("tradeoff model '" + model + "' has no 'beta' option to vary; use"
                        + " models such as beta-vae or cvae (./vae models lists their options)");
            }
            for (String option : spec.optionsOrEmpty().keySet()) {
                if (!options.contains(option)) {
                    throw new ConfigurationException(where + ": model option '" + option + "' is not an option of "
                            + model + "; its options are " + String.join(", ", options)
                            + " (the study's options apply to every model it trains)");
                }
            }
        }
        spec.scoring().metrics().forEach(session::metric);
        Optional<FactorSpace> factors = session.datasets().get(source).factors();
        if (factors.isPresent()) {
            for (String a : spec.scoring().attributes()) {
                if (!factors.get().names().contains(a)) {
                    throw new ConfigurationException(
                            where + ": scoring attribute '" + a + "' is no factor of " + source + "; its factors are "
                                    + String.join(", ", factors.get().names()));
                }
            }
        } else {
            Attributes.checkNames(spec.scoring().attributes(), where.toString());
        }
    }
}
