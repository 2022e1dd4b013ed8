package org.vae4j.core.plugin;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.stream.Stream;
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
        return jars.isEmpty() ? parent : new URLClassLoader(jars.toArray(URL[]::new), parent);
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
