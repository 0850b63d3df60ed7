package io.certfleet.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Template;

/**
 * {@code certfleet rotate} runs the rotation workflow locally from {@code localstack/rotation-workflow.asl.json}
 * (the CLI carries no CDK): that file is the synthesized definition, each function named after its handler class.
 * This test keeps the two equal; {@code -Dcertfleet.writeDefinitions=true} rewrites the file.
 */
class LocalRotationDefinitionTest {

    static final Path FILE = Path.of("..", "localstack", "rotation-workflow.asl.json");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theLocalDefinitionIsTheSynthesizedOne() throws Exception {
        Template template = SynthesizedTemplates.central();
        Map<String, String> handlers = DeployedFunctions.handlers(template, "StagedRotation");
        JsonNode synthesized = SynthesizedTemplates.definition(template, "StagedRotationStateMachine",
                logicalId -> simpleName(handlers.get(logicalId)));
        String text = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(synthesized) + "\n";
        if (Boolean.getBoolean("certfleet.writeDefinitions")) {
            Files.writeString(FILE, text);
        }
        assertThat(Files.exists(FILE) ? JSON.readTree(Files.readString(FILE)) : null)
                .as("%s differs from the synthesized definition: rewrite it with ./mvnw -B test -pl infra-cdk -am "
                        + "-Dtest=LocalRotationDefinitionTest -Dsurefire.failIfNoSpecifiedTests=false "
                        + "-Dcertfleet.writeDefinitions=true", FILE)
                .isEqualTo(synthesized);
        assertThat(handlers.values()).extracting(LocalRotationDefinitionTest::simpleName)
                .containsExactlyInAnyOrder("RotationStartHandler", "RotationIssueHandler", "RotationSwapHandler",
                        "RotationCanaryHandler", "RotationFinishHandler", "RotationSignalHandler", "RotationRetireHandler");
    }

    /** {@code io.certfleet.handlers.RotationSwapHandler::handleRequest} -> {@code RotationSwapHandler}. */
    static String simpleName(String handler) {
        String className = handler.substring(0, handler.indexOf("::"));
        return className.substring(className.lastIndexOf('.') + 1);
    }
}
