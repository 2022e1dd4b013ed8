package org.vae4j.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vae4j.Vae4j;
import org.vae4j.architecture.planted.LeakyModel;

/**
 * The library's layout, held by the build: what a consumer can see of the engine (nothing), how the
 * library's packages depend on each other (no cycles: report and study on analysis, analysis on the
 * model), and that the library's objects hold the engine's session, never the public entry object.
 */
class ArchitectureTest {
    /** Packages whose public types a consumer programs against. */
    static final List<String> LIBRARY =
            List.of("org.vae4j", "org.vae4j.analysis", "org.vae4j.study", "org.vae4j.report");
    /** Packages the contracts for plugin authors live in. */
    static final List<String> CONTRACTS = List.of("org.vae4j.api", "org.vae4j.spi");
    /** What the library's public signatures must never mention. */
    static final List<String> ENGINE =
            List.of("org.vae4j.core", "org.vae4j.internal", "org.nd4j", "org.bytedeco", "com.google.inject");
    /** What the contracts must not mention: ND4J arrays are how numbers flow through a plugin, by design. */
    static final List<String> CONTRACT_FORBIDDEN = List.of("org.vae4j.core", "org.vae4j.internal", "com.google.inject");

    private static JavaClasses library;
    private static JavaClasses contracts;

    @BeforeAll
    static void importClasses() {
        library = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.vae4j");
        contracts = new ClassFileImporter().importPackages(CONTRACTS.toArray(String[]::new));
    }

    @Test
    void publicSignaturesOfTheLibraryMentionNoEngineType() {
        List<String> leaks = leaks(library.stream().filter(c -> LIBRARY.contains(c.getPackageName())), ENGINE);
        assertThat(leaks)
                .as("public signatures of the library that name an engine, ND4J or Guice type; move"
                        + " the member out of the public API or give it a public type")
                .isEmpty();
    }

    @Test
    void publicSignaturesOfTheContractsMentionNoEngineOrGuiceType() {
        List<String> leaks = leaks(
                contracts.stream()
                        .filter(c -> CONTRACTS.stream()
                                .anyMatch(p -> c.getPackageName().equals(p)
                                        || c.getPackageName().startsWith(p + "."))),
                CONTRACT_FORBIDDEN);
        assertThat(leaks)
                .as("public signatures of vae-api that name a vae-core or Guice type")
                .isEmpty();
    }

    @Test
    void theCheckCatchesAPlantedLeak() {
        // the rule itself can fail: a public accessor returning the engine's runner is reported by name
        JavaClasses planted = new ClassFileImporter().importClasses(LeakyModel.class);
        assertThat(leaks(planted.stream(), ENGINE))
                .containsExactly("org.vae4j.architecture.planted.LeakyModel.runner() returns or takes"
                        + " org.vae4j.core.engine.ModelRunner");
    }

    @Test
    void thePackagesDependOneWayOnly() {
        // the root package and its internal half are one slice: internal serves the root's siblings
        SliceAssignment byConcern = new SliceAssignment() {
            @Override
            public SliceIdentifier getIdentifierOf(JavaClass c) {
                String p = c.getPackageName();
                if (p.equals("org.vae4j") || p.equals("org.vae4j.internal")) {
                    return SliceIdentifier.of("model");
                }
                for (String s : List.of("analysis", "study", "report")) {
                    if (p.equals("org.vae4j." + s)) {
                        return SliceIdentifier.of(s);
                    }
                }
                return SliceIdentifier.ignore();
            }

            @Override
            public String getDescription() {
                return "the library's packages by concern";
            }
        };
        slices().assignedFrom(byConcern).should().beFreeOfCycles().check(library);
        noClasses()
                .that()
                .resideInAPackage("org.vae4j")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.vae4j.analysis", "org.vae4j.study", "org.vae4j.report")
                .check(library);
        noClasses()
                .that()
                .resideInAPackage("org.vae4j.analysis")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.vae4j.study", "org.vae4j.report")
                .check(library);
        noClasses()
                .that()
                .resideInAPackage("org.vae4j.report")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.vae4j.study")
                .check(library);
    }

    @Test
    void noLibraryClassHoldsTheEntryObject() {
        List<String> holders = new ArrayList<>();
        for (JavaClass c : library) {
            if (!c.getPackageName().startsWith("org.vae4j")
                    || c.getPackageName().startsWith("org.vae4j.core")) {
                continue;
            }
            for (JavaField f : c.getFields()) {
                if (f.getRawType().isEquivalentTo(Vae4j.class)
                        && !f.getModifiers().contains(JavaModifier.SYNTHETIC)) {
                    holders.add(c.getName() + "." + f.getName());
                }
            }
        }
        assertThat(holders)
                .as("library objects hold the Session (org.vae4j.internal), not the Vae4j facade")
                .isEmpty();
    }

    @Test
    void publicConstructorsTakeAtMostSixArguments() {
        // StudySpec mirrors the study description file field for field (Jackson reads it through the
        // canonical constructor; grouping its fields would change the file format); programs build it
        // from JSON (parse, read, profile), never positionally
        Set<String> pending = Set.of("org.vae4j.study.StudySpec");
        List<String> wide = new ArrayList<>();
        for (JavaClass c : library) {
            if (!LIBRARY.contains(c.getPackageName()) || !visible(c)) {
                continue;
            }
            c.getConstructors().stream()
                    .filter(k -> visible(k.getModifiers())
                            && k.getRawParameterTypes().size() > 6)
                    .forEach(k -> wide.add(
                            c.getName() + " (" + k.getRawParameterTypes().size() + " arguments)"));
        }
        assertThat(wide.stream()
                        .filter(w -> !pending.contains(w.substring(0, w.indexOf(' '))))
                        .toList())
                .as("public constructors over 6 arguments: give the type a builder or named factories")
                .isEmpty();
        assertThat(pending.stream()
                        .filter(p -> wide.stream().noneMatch(w -> w.startsWith(p + " ")))
                        .toList())
                .as("types converted since: take them off the pending list")
                .isEmpty();
    }

    /** Members of public classes, visible to a consumer, whose signature names a type of {@code forbidden}. */
    static List<String> leaks(Stream<JavaClass> classes, List<String> forbidden) {
        Predicate<JavaClass> bad = t -> forbidden.stream()
                .anyMatch(
                        p -> t.getPackageName().equals(p) || t.getPackageName().startsWith(p + "."));
        List<String> out = new ArrayList<>();
        classes.filter(ArchitectureTest::visible).forEach(c -> {
            Stream.concat(Stream.ofNullable(c.getSuperclass().orElse(null)), c.getInterfaces().stream())
                    .flatMap(t -> t.getAllInvolvedRawTypes().stream())
                    .filter(bad)
                    .forEach(t -> out.add(c.getName() + " extends or implements " + t.getName()));
            for (JavaField f : c.getFields()) {
                if (visible(f.getModifiers())) {
                    f.getType().getAllInvolvedRawTypes().stream()
                            .filter(bad)
                            .forEach(t -> out.add(c.getName() + "." + f.getName() + " is of " + t.getName()));
                }
            }
            for (JavaCodeUnit m : c.getCodeUnits()) {
                if (!visible(m.getModifiers())
                        || m.getModifiers().contains(JavaModifier.SYNTHETIC)
                        || m.getModifiers().contains(JavaModifier.BRIDGE)
                        || m.getName().equals("<clinit>")) {
                    continue;
                }
                List<JavaType> types = new ArrayList<>(m.getParameterTypes());
                types.add(m.getReturnType());
                types.addAll(m.getThrowsClause().getTypes());
                types.stream()
                        .flatMap(t -> t.getAllInvolvedRawTypes().stream())
                        .filter(bad)
                        .map(JavaClass::getName)
                        .distinct()
                        .forEach(
                                t -> out.add(c.getName() + "." + (m.getName().equals("<init>") ? "<init>" : m.getName())
                                        + "() returns or takes " + t));
            }
        });
        return out;
    }

    /** A public class whose enclosing classes are public too: what a consumer can name. */
    private static boolean visible(JavaClass c) {
        for (JavaClass k = c; k != null; k = k.getEnclosingClass().orElse(null)) {
            if (!k.getModifiers().contains(JavaModifier.PUBLIC) || k.isAnonymousClass() || k.isLocalClass()) {
                return false;
            }
        }
        return true;
    }

    private static boolean visible(Set<JavaModifier> modifiers) {
        return modifiers.contains(JavaModifier.PUBLIC) || modifiers.contains(JavaModifier.PROTECTED);
    }
}
