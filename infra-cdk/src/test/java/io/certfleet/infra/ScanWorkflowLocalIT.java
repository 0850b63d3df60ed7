package io.certfleet.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.certfleet.adapters.aws.dynamodb.DynamoDbFindingStore;
import io.certfleet.adapters.aws.dynamodb.DynamoDbInventoryRepository;
import io.certfleet.core.discovery.ScanScope;
import io.certfleet.core.finding.FindingCode;
import io.certfleet.adapters.aws.dynamodb.InventoryTable;
import io.certfleet.core.inventory.InventoryQuery;
import io.certfleet.local.FleetSeeder;
import io.certfleet.local.LocalLambdaRuntime;
import io.certfleet.local.LocalStateMachine;
import io.certfleet.local.pki.CertificateBuilder;
import io.certfleet.local.pki.IssuedCertificate;
import io.certfleet.testing.AwsEmulator;
import io.certfleet.testing.AwsEmulatorExtension;
import io.certfleet.testing.SampleEvents;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awssdk.regions.Region;

/**
 * The scan workflow as CDK synthesizes it, executed by a real ASL interpreter (aws-local-stepfunctions on Node 22)
 * whose Lambda tasks are served by the real handlers in the deployed jar, exactly as shrunk for Lambda (a
 * {@code LocalLambdaRuntime} in its own JVM, with each function's environment from the template), against the
 * emulator. Only the runtime's two classes come from the local module; every handler class comes from the jar.
 */
@ExtendWith(AwsEmulatorExtension.class)
class ScanWorkflowLocalIT {

    private static final Path LOCALSTACK = Path.of("..", "localstack");
    private static final String TABLE = "workflow-local-it";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path RUNTIME_LOG = Path.of("target", "local-lambda-runtime.log");

    private final AwsEmulator emulator;
    private final Template template = SynthesizedTemplates.central();
    private String member;

    ScanWorkflowLocalIT(AwsEmulator emulator) {
        this.emulator = emulator;
    }

    @BeforeEach
    void seedAnOrganization() {
        emulator.resetNow();
        new InventoryTable(emulator.clients().dynamoDb(), TABLE).ensureExists();
        FleetSeeder seeder = new FleetSeeder(emulator.clients());
        seeder.ensureOrganization();
        member = seeder.ensureAccount("workflow-member", Map.of("owner", "member-team"));
        IssuedCertificate ca = CertificateBuilder.certificate("Workflow CA").certificateAuthority().build();
        for (String account : List.of(AwsEmulator.ACCOUNT_ID, member)) {
            for (Region region : List.of(Region.US_EAST_1, Region.EU_WEST_1)) {
                try (FleetSeeder.Account seed = seeder.in(account, region)) {
                    String name = account + "." + region.id() + ".workflow.test";
                    seed.importCertificate(CertificateBuilder.certificate(name).dnsNames(name).issuedBy(ca)
                            .validFor(Instant.now(), Duration.ofDays(300)).build(), Map.of());
                }
            }
        }
    }

    @Test
    void theSynthesizedWorkflowScansTheOrganizationOnTheScheduledEvent() throws Exception {
        LocalStateMachine.Execution execution = runWorkflow(handlersFromTheTemplate());

        assertThat(execution.succeeded()).as("execution log:%n%s", execution.log()).isTrue();
        JsonNode summary = JSON.readTree(execution.output());
        assertThat(summary.path("accountsPlanned").asInt()).isEqualTo(2);
        assertThat(summary.path("accountRegionsPlanned").asInt()).isEqualTo(4);
        assertThat(summary.path("accountRegionsScanned").asInt()).isEqualTo(4);
        assertThat(summary.path("certificates").asInt()).isEqualTo(4);
        assertThat(summary.path("errors")).isEmpty();
        assertThat(summary.path("apiCalls").path("sts:AssumeRole").asInt()).as("entering the member account")
                .isEqualTo(2);
        assertThat(new DynamoDbInventoryRepository(emulator.clients().dynamoDbEnhanced(), emulator.clients().dynamoDb(),
                TABLE).find(InventoryQuery.ALL_PRESENT)).extracting(r -> r.location().accountId())
                .containsOnly(AwsEmulator.ACCOUNT_ID, member).hasSize(4);
        // JudgeOne ran for every item: each certificate lives 300 days, beyond public-web's 200.
        DynamoDbFindingStore findings = new DynamoDbFindingStore(emulator.clients().dynamoDb(), TABLE);
        for (String account : List.of(AwsEmulator.ACCOUNT_ID, member)) {
            for (Region region : List.of(Region.US_EAST_1, Region.EU_WEST_1)) {
                assertThat(findings.open(new ScanScope(account, region.id())))
                        .extracting(stored -> stored.finding().code()).as(account + "/" + region)
                        .containsExactly(FindingCode.VALIDITY_TOO_LONG);
            }
        }
    }

    @Test
    void aWorkerThatKeepsFailingIsRetriedCaughtAndCountedAsNotScanned() throws Exception {
        Map<String, String> handlers = handlersFromTheTemplate();
        handlers.replaceAll((function, handler) -> handler.equals(FleetScan.WORKER)
                ? "io.certfleet.handlers.NoSuchHandler::handleRequest" : handler);

        LocalStateMachine.Execution execution = runWorkflow(handlers);

        assertThat(execution.succeeded()).as("the Map catches the failures; execution log:%n%s", execution.log())
                .isTrue();
        JsonNode summary = JSON.readTree(execution.output());
        assertThat(summary.path("accountRegionsPlanned").asInt()).isEqualTo(4);
        assertThat(summary.path("accountRegionsScanned").asInt()).isZero();
        assertThat(summary.path("errors")).hasSize(4).allSatisfy(error ->
                assertThat(error.path("message").asText()).contains("the worker failed or timed out"));
        long failedInvocations = Files.readAllLines(RUNTIME_LOG).stream()
                .filter(line -> line.contains("FleetScanWorker") && line.contains(" failed: ")).count();
        assertThat(failedInvocations).as("4 items x (1 attempt + 2 retries)").isEqualTo(12);
    }

    @Test
    void theSynthesizedDefinitionIsValidAmazonStatesLanguage() throws Exception {
        Path definition = Files.createTempFile("fleet-scan", ".asl.json");
        Files.writeString(definition, SynthesizedTemplates.definition(template, "FleetScanStateMachine").toString());
        Process validator = new ProcessBuilder(LOCALSTACK.resolve("node_modules/.bin/node").toString(),
                LOCALSTACK.resolve("node_modules/.bin/asl-validator").toString(), "--json-path", definition.toString())
                .redirectErrorStream(true).start();
        String report = new String(validator.getInputStream().readAllBytes());

        assertThat(validator.waitFor()).as(report).isZero();
        assertThat(report).contains("is valid");
        Files.deleteIfExists(definition);
    }

    /** Handler by function name, as the template declares them. */
    private Map<String, String> handlersFromTheTemplate() {
        Map<String, String> handlers = DeployedFunctions.handlers(template, "FleetScan");
        assertThat(handlers.values()).contains(FleetScan.PLANNER, FleetScan.WORKER, FleetScan.SUMMARY);
        return handlers;
    }

    private LocalStateMachine.Execution runWorkflow(Map<String, String> handlers) throws Exception {
        Path definition = Files.createTempFile("fleet-scan", ".asl.json");
        Files.writeString(definition, SynthesizedTemplates.definition(template, "FleetScanStateMachine").toString());
        Map<String, String> environment = new HashMap<>(DeployedFunctions.literalEnvironment(template,
                "FleetScanWorker"));
        assertThat(environment).containsKeys("CERTFLEET_ACCOUNTS", "CERTFLEET_SCANNER_ROLE", "JAVA_TOOL_OPTIONS");
        environment.putAll(Map.of(
                "AWS_ENDPOINT_URL", emulator.endpoint().toString(),
                "AWS_REGION", "us-east-1",
                "CERTFLEET_TABLE", TABLE,
                "CERTFLEET_REGIONS", "us-east-1,eu-west-1",
                "CERTFLEET_RATE_LIMITS", "off"));
        try (DeployedFunctions functions = DeployedFunctions.start(handlers, environment, RUNTIME_LOG)) {
            return new LocalStateMachine(LOCALSTACK).run(definition,
                    SampleEvents.read("scan-planner-scheduled-event.json"), functions.endpoint(),
                    Map.of("ScanOne", 0), Duration.ofMinutes(3));
        } finally {
            Files.deleteIfExists(definition);
        }
    }
}
