package io.certfleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.certfleet.adapters.aws.RateLimits;
import io.certfleet.core.discovery.BindingType;
import io.certfleet.core.fleet.AccountSelection;
import io.certfleet.local.FleetSeeder;
import io.certfleet.local.LocalAlertRouting;
import io.certfleet.local.pki.CertificateBuilder;
import io.certfleet.local.pki.IssuedCertificate;
import io.certfleet.local.tls.EmulatedEndpoint;
import io.certfleet.testing.AwsEmulator;
import io.certfleet.testing.AwsEmulatorExtension;
import io.certfleet.testing.CliProcess;
import io.certfleet.wiring.CertfleetSettings;
import io.certfleet.wiring.Wiring;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code certfleet rotate} and {@code certfleet rotation} as a user runs them, against the emulator, with a TLS
 * stand-in that serves what the emulated listener holds: the deployed workflow's definition runs in the local Step
 * Functions runner with the handlers in the CLI's process.
 */
@ExtendWith(AwsEmulatorExtension.class)
class RotateCliIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TABLE = "rotate-cli-it";
    private static final Instant NOW = Instant.now();

    private final AwsEmulator emulator;
    private final IssuedCertificate root = CertificateBuilder.certificate("Rotate CLI Root").certificateAuthority()
            .validFor(NOW.minus(Duration.ofDays(1)), Duration.ofDays(3650)).build();
    private final IssuedCertificate old = leaf(NOW.plus(Duration.ofDays(4)));
    private final IssuedCertificate replacement = leaf(NOW.plus(Duration.ofDays(90)));
    private EmulatedEndpoint endpoint;
    private String listener;
    private String oldArn;
    private String newArn;
    private Path caFile;
    private Map<String, String> environment;

    RotateCliIT(AwsEmulator emulator) {
        this.emulator = emulator;
    }

    private IssuedCertificate leaf(Instant notAfter) {
        return CertificateBuilder.certificate("shop.rotate-cli.test").dnsNames("shop.rotate-cli.test")
                .issuedBy(root).validity(NOW.minus(Duration.ofDays(30)), notAfter).build();
    }

    @BeforeEach
    void fleet(@TempDir Path directory) throws Exception {
        emulator.resetNow();
        new LocalAlertRouting(emulator.clients()).ensure();
        FleetSeeder.Account account = new FleetSeeder(emulator.clients()).in(AwsEmulator.ACCOUNT_ID,
                AwsEmulator.REGION);
        oldArn = account.importCertificate(old, Map.of("owner", "shop-team"));
        newArn = account.importCertificate(replacement, Map.of("owner", "shop-team"));
        listener = account.httpsLoadBalancer("shop", Map.of(), 443, "ELBSecurityPolicy-TLS13-1-2-Res-2021-06",
                oldArn, List.of());
        Wiring wiring = new Wiring(emulator.clients(), Clock.systemUTC(), CertfleetSettings.defaults()
                .withTableName(TABLE).withRateLimits(RateLimits.UNLIMITED));
        wiring.inventoryTable().ensureExists();
        wiring.scanFleet().run(wiring.planScan().plan(new AccountSelection.Caller(),
                List.of(AwsEmulator.REGION.id())), 1);
        caFile = Files.writeString(directory.resolve("root.pem"), root.certificatePem());
        environment = Map.of("AWS_ENDPOINT_URL", emulator.endpoint().toString(), "AWS_REGION",
                AwsEmulator.REGION.id());
    }

    @AfterEach
    void stop() throws Exception {
        if (endpoint != null) {
            endpoint.close();
        }
    }

    private CliProcess.Result rotate(String... extra) {
        String loadBalancer = emulator.clients().elasticLoadBalancingV2().describeLoadBalancers().loadBalancers()
                .getFirst().dnsName();
        List<String> args = new ArrayList<>(List.of("rotate", "--table", TABLE, "--certificate", oldArn,
                "--waves", "1,100%", "--bake-seconds", "0", "--canary-checks", "1", "--connect-to",
                loadBalancer + ":443:127.0.0.1:" + endpoint.port(), "--ca-file", caFile.toString(),
                "--requested-by", "alice"));
        args.addAll(List.of(extra));
        return CliProcess.run(environment, args.toArray(String[]::new));
    }

    @Test
    void rotateSwapsProvesAndPrintsOneJsonObject() throws Exception {
        endpoint = EmulatedEndpoint.start(emulator.clients(), BindingType.ELBV2_LISTENER, listener,
                new EmulatedEndpoint.Keys().add(old).add(replacement));

        CliProcess.Result result = rotate("--to", newArn, "--json");

        assertThat(result.exitCode()).as(result.err()).isZero();
        JsonNode rotation = JSON.readTree(result.out());
        assertThat(rotation.path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(rotation.path("certificate").path("arn").asText()).isEqualTo(oldArn);
        assertThat(rotation.path("replacement").path("arn").asText()).isEqualTo(newArn);
        JsonNode binding = rotation.path("waves").get(0).path("bindings").get(0);
        assertThat(binding.path("type").asText()).isEqualTo("ELBV2_LISTENER");
        assertThat(binding.path("result").asText()).isEqualTo("SWAPPED");
        assertThat(binding.path("canary").path("ok").asBoolean()).isTrue();
        assertThat(rotation.path("events")).extracting(JsonNode::asText).contains("RotationStarted",
                "RotationSucceeded");

        CliProcess.Result shown = CliProcess.run(environment, "rotation", "show", "--table", TABLE,
                rotation.path("rotationId").asText());
        assertThat(shown.exitCode()).isZero();
        assertThat(shown.out()).contains("SUCCEEDED").contains("SWAPPED").contains("ok (1 check(s))");
        assertThat(CliProcess.run(environment, "rotation", "list", "--table", TABLE).out())
                .contains(rotation.path("rotationId").asText());
    }

    @Test
    void aStaleEndpointRollsBackExitsOneAndADryRunChangesNothing() throws Exception {
        endpoint = EmulatedEndpoint.startStale(emulator.clients(), BindingType.ELBV2_LISTENER, listener,
                new EmulatedEndpoint.Keys().add(old).add(replacement));

        CliProcess.Result planned = rotate("--to", newArn, "--dry-run");
        CliProcess.Result rolledBack = rotate("--to", newArn);

        assertThat(planned.exitCode()).as(planned.err()).isZero();
        assertThat(planned.out()).contains("PLANNED");
        assertThat(rolledBack.exitCode()).as(rolledBack.err()).isEqualTo(ExitCode.FINDINGS);
        assertThat(rolledBack.out()).contains("ROLLED_BACK").contains("WRONG_CERTIFICATE");
    }

    @Test
    void aRotationWaitingForApprovalGoesOnWithResumeOnceSomeoneElseApproves() throws Exception {
        endpoint = EmulatedEndpoint.start(emulator.clients(), BindingType.ELBV2_LISTENER, listener,
                new EmulatedEndpoint.Keys().add(old).add(replacement));
        emulator.clients().acm().addTagsToCertificate(request -> request.certificateArn(oldArn)
                .tags(software.amazon.awssdk.services.acm.model.Tag.builder().key("environment").value("iot")
                        .build()));
        Wiring wiring = new Wiring(emulator.clients(), Clock.systemUTC(), CertfleetSettings.defaults()
                .withTableName(TABLE).withRateLimits(RateLimits.UNLIMITED));
        wiring.scanFleet().run(wiring.planScan().plan(new AccountSelection.Caller(),
                List.of(AwsEmulator.REGION.id())), 1);

        CliProcess.Result waiting = rotate("--to", newArn, "--json");
        String id = JSON.readTree(waiting.out()).path("rotationId").asText();
        CliProcess.Result byRequester = CliProcess.run(environment, "rotation", "approve", "--table", TABLE, id,
                "--by", "alice");
        CliProcess.Result approved = CliProcess.run(environment, "rotation", "approve", "--table", TABLE, id,
                "--by", "bob");
        CliProcess.Result resumed = CliProcess.run(environment, "rotate", "--table", TABLE, "--resume", id,
                "--connect-to", emulator.clients().elasticLoadBalancingV2().describeLoadBalancers().loadBalancers()
                        .getFirst().dnsName() + ":443:127.0.0.1:" + endpoint.port(), "--ca-file", caFile.toString(),
                "--json");

        assertThat(waiting.exitCode()).as(waiting.err()).isEqualTo(ExitCode.FINDINGS);
        assertThat(JSON.readTree(waiting.out()).path("status").asText()).isEqualTo("WAITING_APPROVAL");
        assertThat(byRequester.exitCode()).isEqualTo(ExitCode.FINDINGS);
        assertThat(byRequester.err()).contains("alice requested this rotation and cannot approve it");
        assertThat(approved.exitCode()).as(approved.err()).isZero();
        assertThat(approved.out()).contains("approved by bob");
        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        assertThat(JSON.readTree(resumed.out()).path("status").asText()).isEqualTo("SUCCEEDED");
    }

    @Test
    void badCommandLinesExitTwoWithTheReason() {
        CliProcess.Result noCertificate = CliProcess.run(environment, "rotate", "--to", "arn:x");
        CliProcess.Result badWaves = CliProcess.run(environment, "rotate", "--certificate", "arn:x", "--waves",
                "50%,20%");
        CliProcess.Result both = CliProcess.run(environment, "rotate", "--certificate", "arn:x", "--to", "arn:y",
                "--issuer", "acm-public");

        assertThat(noCertificate.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(noCertificate.err()).contains("--certificate");
        assertThat(badWaves.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(badWaves.err()).contains("20% after 50% goes no further");
        assertThat(both.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(both.err()).contains("--to and --issuer exclude each other");
    }
}
