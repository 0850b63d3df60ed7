package io.certfleet.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.certfleet.core.policy.InvalidPolicyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Template;

/** A deployment's policy file: validated at synth, shipped as a layer to the functions that judge. */
class PolicyLayerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path directory;

    private Template synth(String policy) throws Exception {
        Path file = directory.resolve("policy.yaml");
        Files.writeString(file, policy);
        return Template.fromStack(new CertfleetStack(new App(), "WithPolicy", StackProps.builder()
                .env(Environment.builder().account(SynthesizedTemplates.ACCOUNT).region(SynthesizedTemplates.REGION)
                        .build()).build(), CertfleetStack.Settings.defaults().withPolicyFile(file)));
    }

    @Test
    void theFunctionsThatJudgeGetThePolicyFileThroughALayer() throws Exception {
        Template template = synth("""
                version: 1
                default: web
                environments: {prod: web}
                profiles:
                  web: {extends: public-web, maxValidityDays: 90}
                """);

        String layer = SynthesizedTemplates.resource(template, "AWS::Lambda::LayerVersion", "PolicyLayer").getKey();
        for (String function : List.of("FleetScanProber", "FleetScanJudge", "ExpiryAlertsAlerter",
                "ExpiryAlertsAcmEvents")) {
            JsonNode properties = SynthesizedTemplates.resource(template, "AWS::Lambda::Function", function)
                    .getValue().path("Properties");
            assertThat(properties.path("Layers").toString()).as(function).contains(layer);
            assertThat(properties.path("Environment").path("Variables").path("CERTFLEET_POLICY_FILE").asText())
                    .isEqualTo(PolicyLayer.MOUNTED);
        }
        for (String function : List.of("FleetScanPlanner", "FleetScanWorker", "FleetScanSummary")) {
            JsonNode properties = SynthesizedTemplates.resource(template, "AWS::Lambda::Function", function)
                    .getValue().path("Properties");
            assertThat(properties.has("Layers")).as(function).isFalse();
        }
        Map<String, Map<String, Object>> layers = template.findResources("AWS::Lambda::LayerVersion");
        assertThat(JSON.valueToTree(layers).toString()).contains("1 profile(s), default web");
    }

    @Test
    void aBrokenPolicyFileFailsSynthWithFileLineAndField() {
        assertThatThrownBy(() -> synth("""
                version: 1
                profiles:
                  web: {extends: public-web, securityPolicies: [ELBSecurityPolicy-Old]}
                """)).isInstanceOf(InvalidPolicyException.class)
                .hasMessageContaining("policy.yaml:3: profiles.web.securityPolicies[0]: unknown security policy "
                        + "'ELBSecurityPolicy-Old'");
    }
}
