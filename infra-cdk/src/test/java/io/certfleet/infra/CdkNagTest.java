package io.certfleet.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.cxapi.CloudAssembly;

/**
 * cdk-nag's AWS Solutions checks over the app exactly as {@code cdk synth} builds it: no error and no warning is
 * left unsuppressed, and every suppression says why (cdk-nag refuses a reason under 10 characters).
 */
class CdkNagTest {

    private static CertfleetApp.Stacks stacks;

    @BeforeAll
    static void synthesizeTheApp() {
        App app = new App();
        stacks = CertfleetApp.build(app, Environment.builder()
                .account(SynthesizedTemplates.ACCOUNT).region(SynthesizedTemplates.REGION).build());
        CloudAssembly assembly = app.synth();
        assertThat(assembly.getStacks()).hasSize(3);
    }

    private static List<String> findings(Stack stack, boolean errors) {
        Annotations annotations = Annotations.fromStack(stack);
        var found = errors
                ? annotations.findError("*", Match.stringLikeRegexp("AwsSolutions-.*"))
                : annotations.findWarning("*", Match.stringLikeRegexp("AwsSolutions-.*"));
        List<String> lines = new ArrayList<>();
        found.forEach(message -> lines.add(message.getId() + ": " + message.getEntry().getData()));
        return lines;
    }

    @Test
    void theCentralStackHasNoUnsuppressedFinding() {
        assertThat(findings(stacks.central(), true)).as("cdk-nag errors").isEmpty();
        assertThat(findings(stacks.central(), false)).as("cdk-nag warnings").isEmpty();
    }

    @Test
    void theMemberStackHasNoUnsuppressedFinding() {
        assertThat(findings(stacks.member(), true)).as("cdk-nag errors").isEmpty();
        assertThat(findings(stacks.member(), false)).as("cdk-nag warnings").isEmpty();
    }

    /** The README says how many suppressions there are: one per rule per resource it is applied to. */
    @Test
    void theReadmeCountsTheSuppressions() throws Exception {
        int suppressions = 0;
        for (Stack stack : List.of(stacks.central(), stacks.member(), stacks.rotation())) {
            var resources = new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(
                    software.amazon.awscdk.assertions.Template.fromStack(stack).toJSON()).path("Resources");
            for (var resource : resources) {
                suppressions += resource.path("Metadata").path("cdk_nag").path("rules_to_suppress").size();
            }
        }
        String readme = java.nio.file.Files.readString(java.nio.file.Path.of("..", "README.md"));
        assertThat(readme).contains("**" + suppressions + " suppressions**");
    }
}
