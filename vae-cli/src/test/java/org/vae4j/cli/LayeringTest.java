package org.vae4j.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The command line is a client of the public library: it parses options and calls org.vae4j, nothing deeper. */
class LayeringTest {

    @Test
    void commandsUseThePublicLibraryOnly() {
        noClasses()
                .that()
                .resideInAPackage("org.vae4j.cli..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.vae4j.core..", "org.vae4j.internal..", "com.google.inject..", "org.nd4j..")
                .because("commands parse options and call the library (org.vae4j and its public packages)")
                .check(new ClassFileImporter()
                        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("org.vae4j.cli"));
    }
}
