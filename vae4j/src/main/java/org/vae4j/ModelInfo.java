package org.vae4j;

import java.util.List;
import org.vae4j.core.plugin.Contribution;
import org.vae4j.spi.ModelProvider;
import org.vae4j.spi.OptionSpec;

/**
 * A registered model: its name, description, options with their defaults, and the plugin it comes
 * from.
 *
 * @param name the stable name, e.g. {@code beta-vae}
 * @param description one line
 * @param options the options it accepts, in display order
 * @param plugin the plugin class that contributed it
 * @param jar the jar (or class folder) it was loaded from, or null when unknown
 */
public record ModelInfo(String name, String description, List<Option> options, String plugin, String jar) {

    /**
     * Copies the option list.
     *
     * @param name the registered name
     * @param description one line
     * @param options the options
     * @param plugin the plugin class
     * @param jar the jar or class folder, or null
     */
    public ModelInfo {
        options = List.copyOf(options);
    }

    /**
     * One model option.
     *
     * @param name the key of {@code option("name", value)} and {@code --option name=value}
     * @param type int, double, string, boolean or int-list
     * @param defaultValue its default, as text
     * @param description one line
     */
    public record Option(String name, String type, String defaultValue, String description) {}

    /**
     * {@return the option named {@code name}, if the model has it}
     *
     * @param name the option's name
     */
    public java.util.Optional<Option> option(String name) {
        return options.stream().filter(o -> o.name().equals(name)).findFirst();
    }

    static ModelInfo of(Contribution<ModelProvider> c) {
        ModelProvider p = c.value();
        List<Option> options =
                p.optionSchema().options().stream().map(ModelInfo::option).toList();
        return new ModelInfo(p.name(), p.description(), options, c.pluginClass(), c.jar());
    }

    private static Option option(OptionSpec s) {
        return new Option(
                s.name(),
                s.type().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'),
                s.defaultValue(),
                s.description());
    }
}
