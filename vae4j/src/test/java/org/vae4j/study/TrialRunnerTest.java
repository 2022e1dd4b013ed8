package org.vae4j.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vae4j.api.ConfigurationException;

class TrialRunnerTest {
    @TempDir
    Path dir;

    /** A factory the test registers only in a child class loader, as spark-submit loads vae-spark. */
    public static final class TestFactory implements TrialRunner.Factory {
        @Override
        public TrialRunner create(String master) {
            TrialRunner inner = TrialRunner.inProcess(1);
            return new TrialRunner() {
                @Override
                public String describe() {
                    return "test runner for " + master;
                }

                @Override
                public void run(Study study, List<Study.Trial> trials, Listener listener) {
                    inner.run(study, trials, listener);
                }
            };
        }
    }

    @Test
    void withoutAFactoryTheErrorSaysWhatToAdd() {
        assertThatThrownBy(() -> TrialRunner.forMaster("local[2]"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("master local[2] needs the vae-spark module on the class path: run ./vae from a vae4j"
                        + " checkout (it adds the module when master is given), or see docs/distributed.md for"
                        + " spark-submit");
    }

    @Test
    void aFactoryVisibleOnlyToTheContextClassLoaderIsFound() throws Exception {
        Path services = Files.createDirectories(dir.resolve("META-INF/services"));
        Files.writeString(services.resolve(TrialRunner.Factory.class.getName()), TestFactory.class.getName() + "\n");
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        try (URLClassLoader child =
                new URLClassLoader(new URL[] {dir.toUri().toURL()}, TrialRunner.class.getClassLoader())) {
            thread.setContextClassLoader(child);
            assertThat(TrialRunner.forMaster("spark://head:7077").describe())
                    .isEqualTo("test runner for spark://head:7077");
        } finally {
            thread.setContextClassLoader(before);
        }
    }

    @Test
    void inProcessNeedsAWorker() {
        assertThatThrownBy(() -> TrialRunner.inProcess(0)).hasMessage("workers must be >= 1, got 0");
        assertThat(TrialRunner.inProcess(3).describe()).isEqualTo("3 at a time in this process");
    }
}
