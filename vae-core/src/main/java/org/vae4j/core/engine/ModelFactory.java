package org.vae4j.core.engine;

import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.vae4j.api.ModelSpec;
import org.vae4j.api.VaeModel;
import org.vae4j.core.plugin.ModelRegistry;
import org.vae4j.spi.Components;
import org.vae4j.spi.ModelContext;
import org.vae4j.spi.ModelProvider;
import org.vae4j.spi.Options;

/** Builds models by provider name: validates options against the provider's schema, then binds parameters. */
public final class ModelFactory {
    private final ModelRegistry registry;
    private final Components components;

    @jakarta.inject.Inject
    public ModelFactory(ModelRegistry registry, Components components) {
        this.registry = registry;
        this.components = components;
    }

    public ModelRegistry registry() {
        return registry;
    }

    /** Validates {@code options} for model {@code name}; throws a ConfigurationException naming the problem. */
    public Options resolveOptions(String name, Map<String, String> options) {
        return registry.get(name).optionSchema().resolve(name, options);
    }

    private VaeModel build(String name, ModelSpec spec, Options options) {
        ModelProvider provider = registry.get(name);
        try {
            return create(provider, spec, options);
        } catch (org.vae4j.api.VaeException e) {
            throw e;
        } catch (RuntimeException | LinkageError e) {
            // a plugin's bug: name the plugin and its jar, not just the exception
            throw new org.vae4j.api.VaeException(
                    "model '" + name + "' of plugin "
                            + registry.contribution(name).origin()
                            + " failed to build: " + org.vae4j.core.plugin.PluginLoader.rootMessage(e)
                            + "; report it to the plugin's author",
                    e);
        }
    }

    private VaeModel create(ModelProvider provider, ModelSpec spec, Options options) {
        return provider.create(new ModelContext() {
            @Override
            public ModelSpec spec() {
                return spec;
            }

            @Override
            public Options options() {
                return options;
            }

            @Override
            public Components components() {
                return components;
            }
        });
    }

    public ModelState create(String name, ModelSpec spec, Map<String, String> options, DataType type, long seed) {
        Options resolved = resolveOptions(name, options);
        return ModelState.initialize(name, resolved.asText(), spec, build(name, spec, resolved), type, seed);
    }

    public ModelState restore(String name, ModelSpec spec, Map<String, String> options, INDArray params) {
        Options resolved = resolveOptions(name, options);
        return ModelState.withParameters(name, resolved.asText(), spec, build(name, spec, resolved), params);
    }

    /**
     * {@return a copy of {@code state}'s model for another thread, sharing its parameters ({@link ModelState#replica})}
     *
     * @param state a built model
     */
    public ModelState replica(ModelState state) {
        Options resolved = resolveOptions(state.provider(), state.options());
        return state.replica(build(state.provider(), state.spec(), resolved));
    }
}
