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
import java.util.stream.Stream;
import org.vae4j.api.ConfigurationException;
import org.vae4j.api.VaeException;
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

    /** The class loader for plugins: {@code parent} plus every jar in {@code pluginDir}, if given. */
    public static ClassLoader classLoader(ClassLoader parent, Path pluginDir) {
        if (pluginDir == null) {
            return parent;
        }
        if (!Files.isDirectory(pluginDir)) {
            throw new VaeException("plugin directory " + pluginDir + " does not exist; create it or fix --plugins");
        }
        List<URL> jars = new ArrayList<>();
        try (Stream<Path> files = Files.list(pluginDir)) {
            for (Path p : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".jar")).sorted()::iterator) {
                jars.add(p.toUri().toURL());
            }
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new VaeException("cannot list plugin directory " + pluginDir + ": " + e.getMessage());
        }
        if (jars.isEmpty()) {
            return parent;
        }
        rejectRepeatedDeclarations(parent, jars, pluginDir);
        return new URLClassLoader(jars.toArray(URL[]::new), parent);
    }

    private static final String SERVICES = "META-INF/services/" + VaePlugin.class.getName();

    /**
     * Two jars declaring the same plugin class (two copies or versions of one plugin, or a copy of a
     * built-in one) would silently resolve to whichever comes first; fail naming both instead.
     */
    private static void rejectRepeatedDeclarations(ClassLoader parent, List<URL> jars, Path pluginDir) {
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
                    continue;
                }
                String where = Path.of(jar.toURI()).getFileName().toString();
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

    public static ModelRegistry load(ClassLoader loader) {
        List<ModelProvider> providers = new ArrayList<>();
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
            try {
                VaePlugin plugin = candidate.get();
                providers.addAll(plugin.modelProviders());
            } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
                failures.add(new PluginFailure(className, rootMessage(e)));
            }
        }
        return new ModelRegistry(providers, failures);
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
