package org.vae4j.spark;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The Spark runner is a client of the public library: it runs trials through org.vae4j.study, nothing deeper. */
class LayeringTest {

    @Test
    void theRunnerUsesThePublicLibraryOnly() {
        noClasses()
                .that()
                .resideInAPackage("org.vae4j.spark..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.vae4j.core..", "org.vae4j.internal..", "com.google.inject..", "org.nd4j..")
                .because("a trial runs through the library's public API, as in this process")
                .check(new ClassFileImporter()
                        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("org.vae4j.spark"));
    }
}
