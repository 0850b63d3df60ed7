package io.certfleet.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.EvaluationResult;
import io.certfleet.core.archfixture.CoreClassThatImportsTheAwsSdk;
import io.certfleet.testing.FunctionsModules;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    private static JavaClasses production;

    @BeforeAll
    static void importProductionClasses() {
        production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.certfleet");
        assertThat(production.stream().filter(c -> c.getPackageName().startsWith("io.certfleet.core"))).isNotEmpty();
    }

    @Test
    void coreHasNoAwsSdkImport() {
        CertfleetArchitecture.CORE_HAS_NO_AWS_SDK.check(production);
    }

    @Test
    void coreDependsOnTheJdkAndItselfOnly() {
        CertfleetArchitecture.CORE_IS_PLAIN_JAVA.check(production);
    }

    @Test
    void layersAreRespected() {
        CertfleetArchitecture.LAYERS.check(production);
    }

    @Test
    void handlersDoNotTouchTheSdk() {
        CertfleetArchitecture.HANDLERS_DO_NOT_TOUCH_THE_SDK.check(production);
    }

    /** Proves the rule bites: a core class (test fixture) that imports the SDK is reported, by name. */
    @Test
    void coreRuleFailsWhenACoreClassImportsTheAwsSdk() {
        JavaClasses offender = new ClassFileImporter().importClasses(CoreClassThatImportsTheAwsSdk.class);

        EvaluationResult result = CertfleetArchitecture.CORE_HAS_NO_AWS_SDK.evaluate(offender);

        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().getDetails())
                .anySatisfy(detail -> assertThat(detail)
                        .contains(CoreClassThatImportsTheAwsSdk.class.getName())
                        .contains("software.amazon.awssdk.services.acm.AcmClient"));
        assertThat(CertfleetArchitecture.CORE_IS_PLAIN_JAVA.evaluate(offender).hasViolation()).isTrue();
    }

    /** Bytecode rules miss an import that is never used; the sources must not even mention the SDK. */
    @Test
    void coreSourcesImportNoAwsSdk() throws IOException {
        List<String> offending;
        try (Stream<Path> files = Files.walk(FunctionsModules.sources("core", "io/certfleet/core"))) {
            offending = files.filter(file -> file.toString().endsWith(".java"))
                    .flatMap(ArchitectureTest::awsSdkImports)
                    .toList();
        }
        assertThat(offending).as("AWS SDK imports in the core").isEmpty();
    }

    private static Stream<String> awsSdkImports(Path source) {
        try {
            return Files.readAllLines(source).stream()
                    .filter(line -> AWS_IMPORT.matcher(line).find())
                    .map(line -> source + ": " + line.strip());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final Pattern AWS_IMPORT = Pattern.compile(
            "^\\s*import\\s+(static\\s+)?(software\\.amazon\\.|com\\.amazonaws\\.)");

    /** Handlers stay thin adapters: at most ~30 lines of code each (imports, comments and blanks not counted). */
    @Test
    void handlersAreThin() throws IOException {
        Path handlers = FunctionsModules.sources("lambda", "io/certfleet/handlers");
        List<Path> sources;
        try (Stream<Path> files = Files.list(handlers)) {
            sources = files.filter(file -> file.getFileName().toString().endsWith("Handler.java")).toList();
        }
        assertThat(sources).isNotEmpty();
        for (Path source : sources) {
            assertThat(codeLines(source)).as("lines of code in %s", source.getFileName()).isLessThanOrEqualTo(30);
        }
    }

    private static long codeLines(Path source) throws IOException {
        boolean inComment = false;
        long count = 0;
        for (String raw : Files.readAllLines(source)) {
            String line = raw.strip();
            if (inComment) {
                inComment = !line.contains("*/");
                continue;
            }
            if (line.startsWith("/*")) {
                inComment = !line.contains("*/");
                continue;
            }
            boolean code = !line.isEmpty() && !line.startsWith("//") && !line.startsWith("import ")
                    && !line.startsWith("package ") && !line.equals("}");
            if (code) {
                count++;
            }
        }
        return count;
    }
}
