package io.certfleet.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.certfleet.adapters.aws.RateLimits;
import io.certfleet.adapters.aws.elb.ElbSecurityPolicyCatalog;
import io.certfleet.core.discovery.ScanScope;
import io.certfleet.core.finding.FindingCode;
import io.certfleet.core.fleet.AccountSelection;
import io.certfleet.core.fleet.ScanPlan;
import io.certfleet.core.policy.PolicyFinding;
import io.certfleet.core.policy.PolicyRun;
import io.certfleet.core.policy.SecurityPolicy;
import io.certfleet.core.policy.SecurityPolicyService;
import io.certfleet.core.policy.Side;
import io.certfleet.core.policy.StoredFinding;
import io.certfleet.core.probe.CipherSuites;
import io.certfleet.core.probe.TlsVersion;
import io.certfleet.adapters.tls.TrustStores;
import io.certfleet.local.FleetSeeder;
import io.certfleet.local.LocalAlertRouting;
import io.certfleet.local.pki.CertificateBuilder;
import io.certfleet.local.pki.IssuedCertificate;
import io.certfleet.local.tls.LocalTlsServer;
import io.certfleet.testing.AwsEmulator;
import io.certfleet.testing.AwsEmulatorExtension;
import io.certfleet.testing.EventSchemas;
import io.certfleet.wiring.CertfleetSettings;
import io.certfleet.wiring.Wiring;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.regions.Region;

/**
 * The policy engine on the emulator: an ALB listener's {@code SslPolicy} expanded through DescribeSSLPolicies, a
 * real TLS endpoint on loopback standing in for it, findings on both sides and their comparison stored in
 * DynamoDB with first/last seen, resolved after the owner fixes the listener; every event checked against its
 * schema.
 */
@ExtendWith(AwsEmulatorExtension.class)
class PolicyEvaluationIT {

    private static final String REGION = "eu-west-1";
    private static final String LEGACY_POLICY = "ELBSecurityPolicy-2016-08";
    private static final String RESTRICTED_POLICY = "ELBSecurityPolicy-TLS13-1-2-Res-2021-06";

    private final AwsEmulator emulator;

    PolicyEvaluationIT(AwsEmulator emulator) {
        this.emulator = emulator;
    }

    @Test
    void elbPoliciesAreExpandedFromDescribeSslPoliciesIntoIanaNames() {
        SecurityPolicy legacy = new ElbSecurityPolicyCatalog(emulator.clients())
                .expand(SecurityPolicyService.ELBV2, LEGACY_POLICY, REGION).orElseThrow();

        assertThat(legacy.protocols()).containsExactly(TlsVersion.TLS_1_0, TlsVersion.TLS_1_1, TlsVersion.TLS_1_2);
        assertThat(legacy.cipherSuites().orElseThrow()).hasSize(18)
                .contains("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_RSA_WITH_AES_128_CBC_SHA")
                .allSatisfy(suite -> assertThat(CipherSuites.byName(suite)).as(suite).isPresent());
        assertThat(new ElbSecurityPolicyCatalog(emulator.clients())
                .expand(SecurityPolicyService.ELBV2, "ELBSecurityPolicy-Nonexistent", REGION)).isEmpty();
    }

    @Test
    void configurationAndWireAreJudgedComparedStoredAndResolved() throws Exception {
        emulator.resetNow();
        Instant now = Instant.now();
        Wiring setup = new Wiring(emulator.clients(), Clock.systemUTC(), CertfleetSettings.defaults());
        LocalAlertRouting routing = new LocalAlertRouting(emulator.clients());
        LocalAlertRouting.Routes routes = routing.ensure();
        Wiring wiring = new Wiring(emulator.clients(), Clock.systemUTC(), CertfleetSettings.defaults()
                .withTableName("policy-it").withRateLimits(RateLimits.UNLIMITED).withAlerts(routes.alertOptions()));
        wiring.inventoryTable().ensureExists();
        IssuedCertificate root = CertificateBuilder.certificate("Policy IT Root").certificateAuthority()
                .validFor(now, Duration.ofDays(3650)).build();
        IssuedCertificate leaf = CertificateBuilder.certificate("shop.policy.test").dnsNames("shop.policy.test")
                .issuedBy(root).validFor(now, Duration.ofDays(150)).build();
        String account = setup.callerAccountId();
        String listener;
        FleetSeeder seeder = new FleetSeeder(emulator.clients());
        try (FleetSeeder.Account seed = seeder.in(account, Region.of(REGION))) {
            String arn = seed.importCertificate(leaf, Map.of("owner", "shop-team"));
            listener = seed.httpsLoadBalancer("policy-shop", Map.of(), 443, LEGACY_POLICY, arn, List.of());
        }
        ScanScope scope = new ScanScope(account, REGION);

        // A JSSE server: TLS 1.2 and 1.3, where the listener's configuration says TLS 1.0 to 1.2.
        try (LocalTlsServer server = LocalTlsServer.serving(leaf).start()) {
            scanAndProbe(wiring, scope, server, root);
            List<PolicyRun> runs = wiring.evaluatePolicy().evaluate(scope, false);
            PolicyRun first = runs.getFirst();

            assertThat(codes(first.opened(), Side.CONFIGURATION)).contains("SECURITY_POLICY_NOT_ALLOWED",
                    "LEGACY_PROTOCOL_ENABLED", "WEAK_CIPHER_ENABLED");
            assertThat(first.opened()).filteredOn(f -> f.code() == FindingCode.CONFIG_WIRE_MISMATCH).singleElement()
                    .satisfies(mismatch -> assertThat(mismatch.detail()).contains(
                            "the wire accepts TLSv1.3, which ELBSecurityPolicy-2016-08 does not enable",
                            "ELBSecurityPolicy-2016-08 enables TLSv1, TLSv1.1, which the wire refuses"));
            assertThat(codes(first.opened(), Side.WIRE)).contains("UNTRUSTED_ROOT");
            assertThat(first.opened()).allSatisfy(f -> assertThat(f.owner()).isEqualTo("shop-team"));
            List<StoredFinding> stored = wiring.findingStore().open(scope);
            assertThat(stored).hasSize(first.opened().size());
            List<JsonNode> events = routing.drainEvents(routes.eventQueueUrl());
            events.forEach(EventSchemas::assertValid);
            assertThat(events).extracting(event -> event.path("detail-type").asText())
                    .contains("PolicyViolation", "HandshakeFailure");
            assertThat(routing.drainAlerts(routes.alertQueueUrl())).singleElement().satisfies(told -> {
                assertThat(told.subject()).startsWith("[certfleet critical] TLS fails at ").endsWith(": UNTRUSTED_ROOT");
                assertThat(told.attribute("owner")).isEqualTo("shop-team");
                assertThat(told.attribute("code")).isEqualTo("UNTRUSTED_ROOT");
            });
            assertThat(events).filteredOn(event -> event.path("detail-type").asText().equals("HandshakeFailure"))
                    .singleElement().satisfies(event -> assertThat(event.path("resources").toString())
                            .contains(listener));

            // The owner moves the listener to the restricted policy: the configuration findings are resolved.
            emulator.clients().derive(emulator.clients().settings().withRegion(Region.of(REGION)), List.of())
                    .elasticLoadBalancingV2().modifyListener(request -> request.listenerArn(listener)
                            .sslPolicy(RESTRICTED_POLICY));
            scanAndProbe(wiring, scope, server, root);
            PolicyRun second = wiring.evaluatePolicy().evaluate(scope);

            assertThat(second.resolved()).extracting(r -> r.finding().code().name()).contains(
                    "SECURITY_POLICY_NOT_ALLOWED", "LEGACY_PROTOCOL_ENABLED", "WEAK_CIPHER_ENABLED",
                    "CONFIG_WIRE_MISMATCH");
            assertThat(second.opened()).isEmpty();
            assertThat(second.stillOpen()).extracting(s -> s.finding().code()).containsOnly(FindingCode.UNTRUSTED_ROOT)
                    .hasSize(1);
            StoredFinding untrusted = second.stillOpen().getFirst();
            assertThat(untrusted.firstSeen()).isBefore(untrusted.lastSeen());
            assertThat(wiring.findingStore().open(scope)).extracting(s -> s.finding().code())
                    .containsExactly(FindingCode.UNTRUSTED_ROOT);
            List<JsonNode> resolved = routing.drainEvents(routes.eventQueueUrl());
            resolved.forEach(EventSchemas::assertValid);
            assertThat(resolved).extracting(event -> event.path("detail-type").asText())
                    .containsOnly("PolicyViolationResolved").hasSize(second.resolved().size());
        }
    }

    private static void scanAndProbe(Wiring wiring, ScanScope scope, LocalTlsServer server, IssuedCertificate root) {
        ScanPlan plan = wiring.planScan().plan(new AccountSelection.Caller(), List.of(scope.region()));
        wiring.scanFleet().run(plan, 1);
        // The listener's DNS name is moto's: the probe goes to the loopback stand-in; the JDK's roots are kept,
        // so the private root is untrusted on the wire (a finding that stays through the fix).
        wiring.probeScope(TrustStores.jdkDefaults(), (target, timeout) -> LocalTlsServer.loopback(server.port()))
                .probe(scope, false);
        assertThat(root).isNotNull();
    }

    private static List<String> codes(List<PolicyFinding> findings, Side side) {
        return findings.stream().filter(f -> f.side() == side).map(f -> f.code().name()).toList();
    }
}
