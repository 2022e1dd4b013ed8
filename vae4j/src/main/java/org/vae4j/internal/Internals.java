package org.vae4j.internal;

import java.util.Objects;
import org.vae4j.ModelTrainer;
import org.vae4j.TrainedVae;
import org.vae4j.Vae4j;

/**
 * How the library's packages reach the engine behind the public {@code Vae4j} and
 * {@code TrainedVae} without either exposing it: the root package installs an {@link Access} when
 * its classes load (the JDK's "shared secrets" pattern), and {@code analysis}, {@code report} and
 * {@code study} ask here. Nothing in a public signature mentions this package, and an architecture
 * test holds that.
 */
public final class Internals {
    private static volatile Access access;

    private Internals() {}

    /** What the root package gives its sibling packages. */
    public interface Access {
        /**
         * {@return the session of an instance}
         *
         * @param vae the instance
         */
        Session session(Vae4j vae);

        /**
         * {@return the engine side of a trained model}
         *
         * @param model the model
         */
        ModelHandle handle(TrainedVae model);

        /**
         * {@return a trainer of a registered model in a session}
         *
         * @param session the session
         * @param model the registered name
         */
        ModelTrainer trainer(Session session, String model);
    }

    /**
     * Installs the root package's access; once, when {@code Vae4j} loads.
     *
     * @param a the access
     */
    public static void install(Access a) {
        if (access != null) {
            throw new IllegalStateException("the library's internal access is installed already");
        }
        access = Objects.requireNonNull(a);
    }

    /**
     * {@return the session of an instance (failing once it is closed)}
     *
     * @param vae the instance
     */
    public static Session session(Vae4j vae) {
        Session s = access().session(Objects.requireNonNull(vae, "vae"));
        s.ensureOpen();
        return s;
    }

    /**
     * {@return the engine side of a trained model}
     *
     * @param model the model
     */
    public static ModelHandle handle(TrainedVae model) {
        return access().handle(Objects.requireNonNull(model, "model"));
    }

    /**
     * {@return a trainer of the registered model {@code model}, with the defaults of {@code Vae4j.trainer}}
     *
     * @param session the session it trains in
     * @param model a registered model name
     */
    public static ModelTrainer trainer(Session session, String model) {
        session.models().get(model);
        return access().trainer(session, model);
    }

    private static Access access() {
        Access a = access;
        if (a == null) {
            // an instance exists only once Vae4j has loaded; this guards direct use in tests
            try {
                Class.forName(Vae4j.class.getName(), true, Vae4j.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
            a = access;
        }
        return a;
    }
}
