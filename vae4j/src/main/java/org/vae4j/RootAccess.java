package org.vae4j;

import org.vae4j.internal.Internals;
import org.vae4j.internal.ModelHandle;
import org.vae4j.internal.Session;

/** What this package gives its sibling packages through {@link Internals}, installed when {@link Vae4j} loads. */
final class RootAccess implements Internals.Access {
    @Override
    public Session session(Vae4j vae) {
        return vae.session();
    }

    @Override
    public ModelHandle handle(TrainedVae model) {
        return model.handle();
    }

    @Override
    public ModelTrainer trainer(Session session, String model) {
        return new ModelTrainer(session, model);
    }
}
