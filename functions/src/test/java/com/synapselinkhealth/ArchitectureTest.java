package com.synapselinkhealth;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package rules of docs/architecture.md, checked on the compiled main classes (so a fully qualified name counts as
 * much as an import): the top-level packages form no cycle, the domain imports neither Jackson nor the Functions
 * library, the adapters are reached only through the composition root ({@code app}), and the entry points
 * ({@code functions}) do not depend on it. Also, on the sources: every
 * package says what it is in a {@code package-info.java}, and no main source file is longer than 400 lines.
 */
class ArchitectureTest {
    private static final String ROOT = "com.synapselinkhealth";
    private static final Path SOURCES = Path.of("functions/src/main/java/com/synapselinkhealth");

    /** The domain: pure types and rules, free of any wire format and host. */
    private static final String[] DOMAIN = {
        ROOT + ".statetables..", ROOT + ".health..", ROOT + ".history..", ROOT + ".subscriptions..",
        ROOT + ".ingest..", ROOT + ".readback..", ROOT + ".reconcile..", ROOT + ".store.."};
    /** The wire formats inside the domain's packages, which may use Jackson. */
    private static final String[] FORMATS = {ROOT + ".health.cloudevents.."};
    /** The adapters, grouped by technology. */
    private static final String[] ADAPTERS = {ROOT + ".azure..", ROOT + ".memory..", ROOT + ".webapi.."};

    private static JavaClasses main;

    @BeforeAll
    static void importMainClasses() {
        main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);
    }

    @Test
    void topLevelPackagesFormNoCycle() {
        slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(main);
    }

    @Test
    void theDomainImportsNeitherJacksonNorTheFunctionsLibrary() {
        noClasses().that().resideInAnyPackage(DOMAIN).and().resideOutsideOfPackages(FORMATS)
            .should().dependOnClassesThat().resideInAnyPackage("com.fasterxml..", "com.microsoft.azure.functions..")
            .because("the domain is plain Java: the wire formats and the Functions host stay at the edges")
            .check(main);
    }

    @Test
    void theCallbackModelIsFreeOfItsJsonFormat() {
        noClasses().that().resideInAPackage(ROOT + ".dataverse")
            .should().dependOnClassesThat().resideInAnyPackage("com.fasterxml..", ROOT + ".dataverse.json..")
            .check(main);
    }

    @Test
    void adaptersAreReachedOnlyThroughTheCompositionRoot() {
        List<String> allowed = new ArrayList<>(List.of(ADAPTERS));
        allowed.add(ROOT + ".app..");
        noClasses().that().resideOutsideOfPackages(allowed.toArray(String[]::new))
            .should().dependOnClassesThat().resideInAnyPackage(ADAPTERS)
            .because("app wires the adapters to the ports; everything else sees the ports only")
            .check(main);
    }

    @Test
    void entryPointsReceiveTheirUseCasesRatherThanAskTheCompositionRoot() {
        noClasses().that().resideInAPackage(ROOT + ".functions..")
            .should().dependOnClassesThat().resideInAPackage(ROOT + ".app..")
            .because("entry points receive their use cases (app.EntryPoints makes them); no entry point looks them up")
            .check(main);
    }

    @Test
    void theDomainDoesNotReachUpIntoEntryPointsOrTheCompositionRoot() {
        noClasses().that().resideOutsideOfPackages(ROOT + ".app..", ROOT + ".functions..", ROOT + ".local..")
            .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".app..", ROOT + ".functions..", ROOT + ".local..")
            .check(main);
    }

    @Test
    void everyPackageSaysWhatItIs() throws IOException {
        List<String> missing = new ArrayList<>();
        try (Stream<Path> dirs = Files.walk(SOURCES)) {
            for (Path dir : dirs.filter(Files::isDirectory).toList()) {
                boolean hasTypes;
                try (Stream<Path> files = Files.list(dir)) {
                    hasTypes = files.anyMatch(f -> f.toString().endsWith(".java"));
                }
                if (hasTypes && !Files.exists(dir.resolve("package-info.java"))) {
                    missing.add(SOURCES.relativize(dir).toString());
                }
            }
        }
        assertEquals(List.of(), missing, "packages without a package-info.java");
    }

    @Test
    void noMainSourceFileIsLongerThan400Lines() throws IOException {
        List<String> tooLong = new ArrayList<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                long lines;
                try (Stream<String> l = Files.lines(file)) {
                    lines = l.count();
                }
                if (lines > 400) {
                    tooLong.add(SOURCES.relativize(file) + " (" + lines + " lines)");
                }
            }
        }
        assertEquals(List.of(), tooLong, "main source files over 400 lines");
    }
}
