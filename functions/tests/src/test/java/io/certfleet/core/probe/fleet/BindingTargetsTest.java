package io.certfleet.core.probe.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import io.certfleet.core.discovery.BindingType;
import io.certfleet.core.inventory.InventoryRecord;
import io.certfleet.core.probe.ProbeTarget;
import io.certfleet.testing.InventoryFixtures;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BindingTargetsTest {

    private static final String ARN = "arn:aws:acm:eu-west-1:111122223333:certificate/1";
    private static final BindingTargets TARGETS = new BindingTargets(false);

    private static InventoryRecord record(String name) {
        return InventoryFixtures.record(ARN).facts(InventoryFixtures.facts(name, Instant.parse("2027-03-01T00:00:00Z")))
                .build();
    }

    @Test
    void aLoadBalancerIsProbedAtItsDnsNameAndPortWithTheCertificatesNameAndFingerprint() {
        InventoryRecord record = record("shop.example.com");
        PlannedProbe plan = TARGETS.plan(InventoryFixtures.binding("listener/1", ARN)
                .endpoint("my-alb-123.eu-west-1.elb.amazonaws.com.", 8443, "internet-facing").build(),
                Optional.of(record));

        assertThat(plan.target()).contains(new ProbeTarget("my-alb-123.eu-west-1.elb.amazonaws.com", 8443,
                Optional.of("shop.example.com")));
        assertThat(plan.expectedSha256()).contains(record.facts().sha256());
        assertThat(plan.environment()).isEqualTo("public-web");
    }

    @Test
    void aWildcardCertificateIsAskedForWithANameItCovers() {
        PlannedProbe plan = TARGETS.plan(InventoryFixtures.binding("listener/1", ARN)
                .endpoint("alb.example", 443, "internet-facing").build(), Optional.of(record("*.example.com")));

        assertThat(plan.target().orElseThrow().sni()).contains("certfleet-probe.example.com");
    }

    @Test
    void anApiGatewayDomainIsAskedForByItsOwnNameOnPort443() {
        PlannedProbe plan = TARGETS.plan(InventoryFixtures.binding("api.example.com", ARN)
                .type(BindingType.APIGATEWAY_DOMAIN).endpoint("d-abc.execute-api.eu-west-1.amazonaws.com", null,
                        "internet-facing").build(), Optional.empty());

        assertThat(plan.target()).contains(new ProbeTarget("d-abc.execute-api.eu-west-1.amazonaws.com", 443,
                Optional.of("api.example.com")));
        assertThat(plan.expectedSha256()).isEmpty();
    }

    @Test
    void whatCannotBeProbedSaysWhy() {
        assertThat(TARGETS.plan(InventoryFixtures.binding("listener/1", ARN).endpoint("lb", 443, "internal").build(),
                Optional.of(record("a.example.com"))).skippedReason()).hasValueSatisfying(reason ->
                assertThat(reason).startsWith("internal endpoint"));
        assertThat(new BindingTargets(true).plan(InventoryFixtures.binding("listener/1", ARN)
                .endpoint("lb", 443, "internal").build(), Optional.of(record("a.example.com"))).target()).isPresent();
        assertThat(TARGETS.plan(InventoryFixtures.binding("E1", ARN).type(BindingType.CLOUDFRONT)
                .endpoint("d1.cloudfront.net", null, "internet-facing").build(), Optional.of(record("*.example.com")))
                .skippedReason()).contains("the certificate names only wildcards, and CloudFront answers only for "
                + "its own aliases");
        assertThat(TARGETS.plan(InventoryFixtures.binding("listener/1", ARN).endpoint(null, 443, "internet-facing")
                .build(), Optional.of(record("a.example.com"))).skippedReason())
                .contains("no DNS name recorded for this endpoint");
        assertThat(TARGETS.plan(InventoryFixtures.binding("listener/1", ARN).endpoint("lb", 443, "internet-facing")
                .build(), Optional.empty()).skippedReason()).contains("the certificate is not in the inventory (or "
                + "unreadable): no server name to ask for");
    }
}
