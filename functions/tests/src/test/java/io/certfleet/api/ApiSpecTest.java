package io.certfleet.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.certfleet.core.finding.FindingCode;
import io.certfleet.core.finding.Severity;
import io.certfleet.testing.OpenApiDocument;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The OpenAPI document names what the code has: every finding code and severity, an operation per route. */
class ApiSpecTest {

    @Test
    void theDocumentsEnumsAreTheCodesAndSeveritiesTheCodeKnows() {
        List<String> codes = new ArrayList<>();
        OpenApiDocument.document().path("components").path("schemas").path("FindingCode").path("enum")
                .forEach(code -> codes.add(code.asText()));
        assertThat(codes).containsExactlyElementsOf(Arrays.stream(FindingCode.values()).map(Enum::name).toList());
        List<String> severities = new ArrayList<>();
        OpenApiDocument.document().path("components").path("parameters").path("severity").path("schema")
                .path("enum").forEach(severity -> severities.add(severity.asText()));
        assertThat(severities).containsExactlyElementsOf(Arrays.stream(Severity.values()).map(Severity::label)
                .toList());
    }

    @Test
    void aBodyThatDoesNotConformIsReported() throws Exception {
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        assertThat(OpenApiDocument.violations("/certificates", 200, json.readTree("{\"items\": 3}")))
                .anySatisfy(message -> assertThat(message).contains("nextCursor"))
                .anySatisfy(message -> assertThat(message).contains("items"));
        assertThat(OpenApiDocument.violations("/certificates", 400, json.readTree(
                "{\"error\": {\"code\": \"Teapot\", \"message\": \"x\"}}"))).isNotEmpty();
        assertThat(OpenApiDocument.violations("/certificates", 200, json.readTree("{\"items\": [{\"id\": \"x\"}], "
                + "\"nextCursor\": null}"))).as("a certificate lacking its fields").isNotEmpty();
        assertThat(OpenApiDocument.violations("/certificates", 200, json.readTree(
                "{\"items\": [], \"nextCursor\": null}"))).isEmpty();
    }

    @Test
    void anIdKeepsItsSlashesWhetherEncodedOrNot() {
        String id = "ab12@arn:aws:acm:us-east-1:123456789012:certificate/0000-1111";
        ApiSpec spec = ApiSpec.load();
        for (String path : List.of("/certificates/ab12%40arn%3Aaws%3Aacm%3Aus-east-1%3A123456789012%3Acertificate"
                + "%2F0000-1111", "/certificates/" + id)) {
            ApiSpec.Route route = spec.route(path).orElseThrow(() -> new AssertionError(path));
            assertThat(route.pathParameters()).as(path).containsEntry("id", id);
            assertThat(route.methods()).containsKey("GET");
        }
        assertThat(spec.route("/certificates")).isPresent();
        assertThat(spec.route("/metrics/extra")).isEmpty();
    }

    @Test
    void everyRouteHasAnOperationTheHandlerKnows() {
        assertThat(ApiSpec.load().operations()).extracting(ApiSpec.Operation::id)
                .containsExactlyInAnyOrder("listCertificates", "getCertificate", "listEndpoints", "listFindings",
                        "listRotations", "getRotation", "getMetrics", "exportCertificates");
    }
}
