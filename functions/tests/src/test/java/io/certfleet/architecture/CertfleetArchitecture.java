package io.certfleet.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.lang.ArchRule;

/** certfleet's layering, as rules. {@link ArchitectureTest} checks them; its self-test proves they can fail. */
final class CertfleetArchitecture {

    /** The headline rule: the core never imports the AWS SDK (v1 or v2) or the Lambda runtime. */
    static final ArchRule CORE_HAS_NO_AWS_SDK = noClasses()
            .that().resideInAPackage("io.certfleet.core..")
            .should().dependOnClassesThat()
            .resideInAnyPackage("software.amazon.awssdk..", "com.amazonaws..", "software.amazon.lambda..")
            .because("the core is plain Java: AWS lives in io.certfleet.adapters.aws, behind core ports");

    /** Stricter: the core depends on the JDK and itself only (no Bouncy Castle, Jackson, picocli either). */
    static final ArchRule CORE_IS_PLAIN_JAVA = noClasses()
            .that().resideInAPackage("io.certfleet.core..")
            .should().dependOnClassesThat()
            .resideOutsideOfPackages("java..", "javax.security..", "io.certfleet.core..")
            .because("the core holds domain, use cases, policy and diagnosis; libraries belong to adapters");

    static final ArchRule LAYERS = layeredArchitecture()
            .consideringOnlyDependenciesInLayers()
            .layer("Core").definedBy("io.certfleet.core..")
            .layer("Adapters").definedBy("io.certfleet.adapters..")
            .layer("Wiring").definedBy("io.certfleet.wiring..")
            .layer("Api").definedBy("io.certfleet.api..")
            .layer("Local").definedBy("io.certfleet.local..")
            .layer("Handlers").definedBy("io.certfleet.handlers..")
            .layer("Cli").definedBy("io.certfleet.cli..")
            .layer("Report").definedBy("io.certfleet.report..")
            .whereLayer("Cli").mayNotBeAccessedByAnyLayer()
            .whereLayer("Handlers").mayOnlyBeAccessedByLayers("Local")
            .whereLayer("Local").mayOnlyBeAccessedByLayers("Cli")
            .whereLayer("Report").mayOnlyBeAccessedByLayers("Cli", "Local")
            .whereLayer("Api").mayOnlyBeAccessedByLayers("Handlers", "Cli", "Report")
            .whereLayer("Wiring").mayOnlyBeAccessedByLayers("Handlers", "Cli", "Local")
            .whereLayer("Adapters").mayOnlyBeAccessedByLayers("Wiring", "Cli", "Local")
            .whereLayer("Core").mayOnlyBeAccessedByLayers("Adapters", "Wiring", "Api", "Local", "Handlers", "Cli",
                    "Report");

    /** Handlers are thin: they reach AWS only through the wiring and use cases. */
    static final ArchRule HANDLERS_DO_NOT_TOUCH_THE_SDK = noClasses()
            .that().resideInAPackage("io.certfleet.handlers..")
            .should().dependOnClassesThat().resideInAnyPackage("software.amazon.awssdk..")
            .because("handlers parse the event, call one use case and format the result");

    private CertfleetArchitecture() {
    }
}
