package org.vae4j.core.plugin;

import java.io.IOException;
import java.net.MalformedURLException;
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
    private PluginLoader() {
    }

    /**
     * The class loader for plugins: {@code parent} plus the plugin jars at {@code pluginPath}, if
     * given: every jar in a folder, or one jar file. A jar that declares no plugin gets a warning.
     */
    public static ClassLoader classLoader(ClassLoader parent, Path pluginPath) {
        return classLoader(parent, pluginPath, m -> { });
    }

    /** As {@link #classLoader(ClassLoader, Path)}, sending warnings to {@code warn}. */
    public static ClassLoader classLoader(ClassLoader parent, Path pluginPath, Consumer<String> warn) {
        if (pluginPath == null) {
            return parent;
        }
        List<URL> jars = new ArrayList<>();
        try {
            if (Files.isRegularFile(pluginPath)) {
                if (!pluginPath.toString().endsWith(".jar")) {
                    throw new VaeException("plugin file " + pluginPath + " is not a .jar; pass a jar or a folder of jars"
                            + " to --plugins");
                }
                jars.add(pluginPath.toUri().toURL());
            } else if (Files.isDirectory(pluginPath)) {
                try (Stream<Path> files = Files.list(pluginPath)) {
                    for (Path p : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".jar")).sorted()::iterator) {
                        jars.add(p.toUri().toURL());
                    }
                }
            } else {
                throw new VaeException("plugin directory " + pluginPath + " does not exist; create it or fix --plugins");
            }
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new VaeException("cannot list plugin directory " + pluginPath + ": " + e.getMessage());
        }
        if (jars.isEmpty()) {
            return parent;
        }
        rejectRepeatedDeclarations(parent, jars, pluginPath, warn);
        return new URLClassLoader(jars.toArray(URL[]::new), parent);
    }

    private static final String SERVICES = "META-INF/services/" + VaePlugin.class.getName();

    /**
     * Two jars declaring the same plugin class (two copies or versions of one plugin, or a copy of a
     * built-in one) would silently resolve to whichever comes first; fail naming both instead.
     */
    private static void rejectRepeatedDeclarations(ClassLoader parent, List<URL> jars, Path pluginDir,
                                                   Consumer<String> warn) {
        Map<String, String> declaredBy = new HashMap<>();
        try {
            for (URL builtIn : java.util.Collections.list(parent.getResources(SERVICES))) {
                for (String c : declarations(builtIn)) {
                    declaredBy.putIfAbsent(c, "the application class path");
                }
            }
            for (URL jar : jars) {
                URL services = new URL("jar:" + jar + "!/" + SERVICES);
                List<String> classes;
                try {
                    classes = declarations(services);
                } catch (java.io.FileNotFoundException | java.util.NoSuchElementException e) {
                    classes = List.of();
                }
                String where = Path.of(jar.toURI()).getFileName().toString();
                if (classes.isEmpty()) {
                    warn.accept("plugin jar " + where + " declares no plugin (no " + SERVICES + " entry); it adds"
                            + " nothing");
                }
                for (String c : classes) {
                    String previous = declaredBy.putIfAbsent(c, where);
                    if (previous != null) {
                        throw new ConfigurationException("plugin class " + c + " is declared both by " + previous
                                + " and by " + where + " in " + pluginDir + "; keep one copy");
                    }
                }
            }
        } catch (IOException | java.net.URISyntaxException e) {
            throw new VaeException("cannot read the plugins in " + pluginDir + ": " + e.getMessage());
        }
    }

    private static List<String> declarations(URL services) throws IOException {
        List<String> classes = new ArrayList<>();
        java.net.URLConnection connection = services.openConnection();
        connection.setUseCaches(false);
        try (var in = new java.io.BufferedReader(new java.io.InputStreamReader(connection.getInputStream(),
                java.nio.charset.StandardCharsets.UTF_8))) {
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
        List<Contribution<ModelProvider>> models = new ArrayList<>();
        List<Contribution<DisentanglementMetric>> metrics = new ArrayList<>();
        List<Contribution<DatasetSource>> datasets = new ArrayList<>();
        List<Contribution<Object>> modules = new ArrayList<>();
        List<PluginFailure> failures = new ArrayList<>();
        Iterator<ServiceLoader.Provider<VaePlugin>> it = ServiceLoader.load(VaePlugin.class, loader).stream().iterator();
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
            String jar = NamedRegistry.codeSource(candidate.type());
            try {
                VaePlugin plugin = candidate.get();
                // collect everything first, so that a plugin failing half-way contributes nothing
                List<Contribution<ModelProvider>> m = new ArrayList<>();
                for (ModelProvider p : plugin.modelProviders()) {
                    m.add(new Contribution<>(p.name(), p, className, jar));
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
                    throw new IllegalStateException("guiceModule() returned a " + module.getClass().getName()
                            + ", not a com.google.inject.Module");
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
        return new Plugins(new NamedRegistry<>("model", models, failures, true), new NamedRegistry<>("metric", metrics, failures),
                new NamedRegistry<>("dataset", datasets, failures), modules, failures);
    }

    private static String classNameFrom(ServiceConfigurationError e) {
        // "org.vae4j.spi.VaePlugin: Provider com.example.Broken not found"
        String m = String.valueOf(e.getMessage());
        int i = m.indexOf("Provider ");
        if (i >= 0) {
            String rest = m.substring(i + "Provider ".length());
            int space = rest.indexOf(' ');
            return space > 0 ? rest.substring(0, space) : rest;
        }
        return "unknown plugin";
    }

    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String msg = root.getMessage();
        return root.getClass().getSimpleName() + (msg == null ? "" : ": " + msg.strip().replaceAll("\\s+", " "));
    }
}
