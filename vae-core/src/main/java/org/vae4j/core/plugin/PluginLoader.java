package org.vae4j.core.plugin;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.vae4j.api.ConfigurationException;
import org.vae4j.api.VaeException;
import org.vae4j.api.metrics.DisentanglementMetric;
import org.vae4j.spi.DatasetSource;
import org.vae4j.spi.ModelProvider;
import org.vae4j.spi.VaePlugin;

/**
 * Discovers {@link VaePlugin}s with {@link ServiceLoader} on a class loader (the application's, plus
 * the jars of an optional plugin directory). A plugin that throws while it is instantiated or asked
 * for its providers is recorded as a {@link PluginFailure} naming its class; the others still load.
 */
public final class PluginLoader {
    private PluginLoader() {}

    /**
     * The plugin jars opened on a class loader: the loader, which jar declares each plugin class, and
     * the jars that could not be read (each reported by file name; the others still load).
     *
     * @param loader {@code parent} plus the readable plugin jars
     * @param declaredBy plugin class name to the file name of the jar whose services file lists it
     * @param failures jars that are not readable zip files
     */
    public record PluginPath(ClassLoader loader, Map<String, String> declaredBy, List<PluginFailure> failures) {
        public PluginPath {
            declaredBy = Map.copyOf(declaredBy);
            failures = List.copyOf(failures);
        }
    }

    /**
     * The class loader for plugins: {@code parent} plus the plugin jars at {@code pluginPath}, if
     * given: every jar in a folder, or one jar file. A jar that declares no plugin gets a warning.
     */
    public static ClassLoader classLoader(ClassLoader parent, Path pluginPath) {
        return open(parent, pluginPath, m -> {}).loader();
    }

    /** As {@link #classLoader(ClassLoader, Path)}, sending warnings to {@code warn}. */
    public static ClassLoader classLoader(ClassLoader parent, Path pluginPath, Consumer<String> warn) {
        return open(parent, pluginPath, warn).loader();
    }

    /**
     * Opens the plugin jars at {@code pluginPath} (a folder of jars, one jar, or null for none). A jar
     * that is not a readable zip file is left out and reported by name, so one damaged download does
     * not take the built-in models and the other plugins down with it.
     */
    public static PluginPath open(ClassLoader parent, Path pluginPath, Consumer<String> warn) {
        if (pluginPath == null) {
            return new PluginPath(parent, Map.of(), List.of());
        }
        List<Path> candidates = new ArrayList<>();
        try {
            if (Files.isRegularFile(pluginPath)) {
                if (!pluginPath.toString().endsWith(".jar")) {
                    throw new VaeException("plugin file " + pluginPath
                            + " is not a .jar; pass a jar or a folder of jars" + " to {pluginDirectory}");
                }
                candidates.add(pluginPath);
            } else if (Files.isDirectory(pluginPath)) {
                try (Stream<Path> files = Files.list(pluginPath)) {
                    files.filter(f -> f.toString().endsWith(".jar")).sorted().forEach(candidates::add);
                }
            } else {
                throw new VaeException(
                        "plugin directory " + pluginPath + " does not exist; create it or fix {pluginDirectory}");
            }
        } catch (IOException e) {
            throw new VaeException("cannot list plugin directory " + pluginPath + ": " + e.getMessage());
        }
        List<URL> jars = new ArrayList<>();
        List<PluginFailure> failures = new ArrayList<>();
        Map<Path, List<String>> declared = new java.util.LinkedHashMap<>();
        for (Path jar : candidates) {
            String name = jar.getFileName().toString();
            try (java.util.jar.JarFile file = new java.util.jar.JarFile(jar.toFile())) {
                var entry = file.getJarEntry(SERVICES);
                List<String> classes = entry == null ? List.of() : declarations(file.getInputStream(entry));
                if (classes.isEmpty()) {
                    warn.accept(
                            "plugin jar " + name + " declares no plugin (no " + SERVICES + " entry); it adds nothing");
                }
                URL url = jar.toUri().toURL();
                jars.add(url);
                declared.put(jar, classes);
            } catch (IOException | SecurityException e) {
                PluginFailure f = new PluginFailure(
                        null, name, "not a readable jar (" + rootMessage(e) + "); remove or replace it");
                failures.add(f);
                warn.accept("plugin jar " + name + " is " + f.cause());
            }
        }
        Map<String, String> declaredBy = rejectRepeatedDeclarations(parent, declared, pluginPath);
        ClassLoader loader = jars.isEmpty() ? parent : new URLClassLoader(jars.toArray(URL[]::new), parent);
        return new PluginPath(loader, declaredBy, failures);
    }

    private static final String SERVICES = "META-INF/services/" + VaePlugin.class.getName();

    /**
     * Two jars declaring the same plugin class (two copies or versions of one plugin, or a copy of a
     * built-in one) would silently resolve to whichever comes first; fail naming both instead.
     *
     * @return each plugin jar's declared classes, by class name, to the jar's file name
     */
    private static Map<String, String> rejectRepeatedDeclarations(
            ClassLoader parent, Map<Path, List<String>> jars, Path pluginDir) {
        Map<String, String> declaredBy = new HashMap<>();
        Map<String, String> inJars = new HashMap<>();
        try {
            for (URL builtIn : java.util.Collections.list(parent.getResources(SERVICES))) {
                try (var in = builtIn.openStream()) {
                    for (String c : declarations(in)) {
                        declaredBy.putIfAbsent(c, "the application class path");
                    }
                }
            }
            for (var e : jars.entrySet()) {
                String where = e.getKey().getFileName().toString();
                for (String c : e.getValue()) {
                    String previous = declaredBy.putIfAbsent(c, where);
                    if (previous != null) {
                        throw new ConfigurationException("plugin class " + c + " is declared both by " + previous
                                + " and by " + where + " in " + pluginDir + "; keep one copy");
                    }
                    inJars.put(c, where);
                }
            }
        } catch (IOException e) {
            throw new VaeException("cannot read the plugins in " + pluginDir + ": " + e.getMessage());
        }
        return inJars;
    }

    private static List<String> declarations(java.io.InputStream stream) throws IOException {
        List<String> classes = new ArrayList<>();
        try (var in = new java.io.BufferedReader(
                new java.io.InputStreamReader(stream, java.nio.charset.StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                int hash = line.indexOf('#');
                String c = (hash >= 0 ? line.substring(0, hash) : line).strip();
                if (!c.isEmpty()) {
                    classes.add(c);
                }
            }
        }
        return classes;
    }

    /** The models on {@code loader} (see {@link #discover}). */
    public static ModelRegistry load(ClassLoader loader) {
        return new ModelRegistry(discover(loader).models());
    }

    /**
     * Everything the plugins on {@code loader} contribute: models, metrics, dataset sources and
     * Guice modules. A plugin that throws while it is instantiated or asked for its contributions
     * is recorded as a {@link PluginFailure} and contributes nothing; the others still load.
     */
    public static Plugins discover(ClassLoader loader) {
        return discover(new PluginPath(loader, Map.of(), List.of()));
    }

    /**
     * As {@link #discover(ClassLoader)} on an opened plugin path: its unreadable jars are among the
     * failures, and each contribution names the jar that declares its plugin.
     */
    public static Plugins discover(PluginPath path) {
        ClassLoader loader = path.loader();
        List<Contribution<ModelProvider>> models = new ArrayList<>();
        List<Contribution<DisentanglementMetric>> metrics = new ArrayList<>();
        List<Contribution<DatasetSource>> datasets = new ArrayList<>();
        List<Contribution<Object>> modules = new ArrayList<>();
        List<PluginFailure> failures = new ArrayList<>(path.failures());
        Iterator<ServiceLoader.Provider<VaePlugin>> it =
                ServiceLoader.load(VaePlugin.class, loader).stream().iterator();
        while (true) {
            ServiceLoader.Provider<VaePlugin> candidate;
            try {
                if (!it.hasNext()) {
                    break;
                }
                candidate = it.next();
            } catch (ServiceConfigurationError e) {
                failures.add(new PluginFailure(classNameFrom(e), rootMessage(e)));
                continue;
            }
            String className = candidate.type().getName();
            String jar = path.declaredBy().getOrDefault(className, NamedRegistry.codeSource(candidate.type()));
            try {
                VaePlugin plugin = candidate.get();
                // collect everything first, so that a plugin failing half-way contributes nothing
                List<Contribution<ModelProvider>> m = new ArrayList<>();
                for (ModelProvider p : plugin.modelProviders()) {
                    String name = p.name();
                    // asked now, so that a provider that cannot describe itself is reported here, by jar
                    if (p.optionSchema() == null) {
                        throw new IllegalStateException("model provider " + name + " has no option schema (null)");
                    }
                    p.description();
                    m.add(new Contribution<>(name, p, className, jar));
                }
                List<Contribution<DisentanglementMetric>> s = new ArrayList<>();
                for (DisentanglementMetric metric : plugin.metrics()) {
                    s.add(new Contribution<>(metric.name(), metric, className, jar));
                }
                List<Contribution<DatasetSource>> d = new ArrayList<>();
                for (DatasetSource source : plugin.datasetSources()) {
                    d.add(new Contribution<>(source.name(), source, className, jar));
                }
                Object module = plugin.guiceModule();
                if (module != null && !(module instanceof com.google.inject.Module)) {
                    throw new IllegalStateException("guiceModule() returned a "
                            + module.getClass().getName() + ", not a com.google.inject.Module");
                }
                models.addAll(m);
                metrics.addAll(s);
                datasets.addAll(d);
                if (module != null) {
                    modules.add(new Contribution<>(className, module, className, jar));
                }
            } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
                failures.add(new PluginFailure(className, jar, rootMessage(e)));
            }
        }
        return new Plugins(
                new NamedRegistry<>("model", models, failures, true),
                new NamedRegistry<>("metric", metrics, failures),
                new NamedRegistry<>("dataset", datasets, failures),
                modules,
                failures);
    }

    private static final java.util.regex.Pattern PROVIDER = java.util.regex.Pattern.compile("Provider (\\S+)");

    /** The class a ServiceLoader error names ("org.vae4j.spi.VaePlugin: Provider com.example.Broken not found"). */
    static String classNameFrom(ServiceConfigurationError e) {
        java.util.regex.Matcher m = PROVIDER.matcher(String.valueOf(e.getMessage()));
        return m.find() ? m.group(1) : "unknown plugin";
    }

    public static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String msg = root.getMessage();
        return root.getClass().getSimpleName()
                + (msg == null ? "" : ": " + msg.strip().replaceAll("\\s+", " "));
    }
}
