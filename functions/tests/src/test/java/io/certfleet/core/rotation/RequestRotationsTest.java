package io.certfleet.core.rotation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.certfleet.core.discovery.ScanScope;
import io.certfleet.core.events.CertfleetEvent;
import io.certfleet.core.finding.FindingCode;
import io.certfleet.core.finding.Severity;
import io.certfleet.core.inventory.InventoryRecord;
import io.certfleet.core.policy.PolicyFinding;
import io.certfleet.core.policy.PolicyRun;
import io.certfleet.core.policy.PolicySet;
import io.certfleet.core.policy.Side;
import io.certfleet.core.policy.TlsPolicy;
import io.certfleet.core.policy.rotation.RotationMode;
import io.certfleet.testing.EventSchemas;
import io.certfleet.testing.InMemoryInventoryRepository;
import io.certfleet.testing.InventoryFixtures;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The policy asks for rotations: the certificates that need one, once a day each, and never ACM's own. */
class RequestRotationsTest {

    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
    private static final ScanScope SCOPE = new ScanScope("111122223333", "eu-west-1");

    private final InMemoryInventoryRepository inventory = new InMemoryInventoryRepository();
    private final List<CertfleetEvent> published = new ArrayList<>();
    private final Map<String, Instant> claims = new HashMap<>();
    private final RotationRequestLedger ledger = new RotationRequestLedger() {
        @Override
        public boolean claim(String sha256, Instant now, Duration every) {
            Instant last = claims.get(sha256);
            if (last != null && last.isAfter(now.minus(every))) {
                return false;
            }
            claims.put(sha256, now);
            return true;
        }

        @Override
        public void release(String sha256, Instant claimedAt) {
            claims.remove(sha256, claimedAt);
        }
    };
    private boolean publishFails;

    private RequestRotations requests(PolicySet policies, Clock clock) {
        return new RequestRotations(inventory, policies, ledger, events -> {
            if (publishFails) {
                throw new IllegalStateException("bus unreachable");
            }
            published.addAll(events);
        }, clock);
    }

    private InventoryRecord record(String name, Duration left, String version) {
        InventoryRecord record = InventoryFixtures.record("arn:aws:acm:eu-west-1:111122223333:certificate/" + name)
                .facts(InventoryFixtures.facts(name + ".example.com", NOW.plus(left))).version(version).build();
        inventory.recordSeen(record);
        return record;
    }

    private static PolicyRun run(PolicyFinding... opened) {
        return new PolicyRun(SCOPE, 0, 0, List.of(opened), List.of(), List.of(), 0, List.of());
    }

    @Test
    void certificatesInTheirWindowOrWithAFixableFindingAreRequestedOnceADay() {
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        InventoryRecord soon = record("soon", Duration.ofDays(10), "IMPORTED|a");
        InventoryRecord tooLong = record("long", Duration.ofDays(150), "IMPORTED|b");
        record("later", Duration.ofDays(150), "IMPORTED|c");
        record("amazon", Duration.ofDays(10), "AMAZON_ISSUED|d");
        record("private", Duration.ofDays(10), "PRIVATE|e");
        PolicyRun judged = run(new PolicyFinding(SCOPE, tooLong.location().arn(), PolicyFinding.CERTIFICATE,
                FindingCode.VALIDITY_TOO_LONG, Severity.MEDIUM, "400 days", Side.CONFIGURATION, "public-web", "team",
                "public-web"));

        List<String> first = requests(PolicySet.builtIn(), clock).request(List.of(judged));
        List<String> again = requests(PolicySet.builtIn(), clock).request(List.of(judged));
        List<String> nextDay = requests(PolicySet.builtIn(), Clock.fixed(NOW.plus(Duration.ofDays(1)),
                ZoneOffset.UTC)).request(List.of(judged));

        assertThat(first).containsExactlyInAnyOrder(soon.location().arn(), tooLong.location().arn());
        assertThat(again).as("asked already today").isEmpty();
        assertThat(nextDay).hasSize(2);
        assertThat(published).hasSize(4).allSatisfy(event -> {
            assertThat(event.detailType()).isEqualTo("RotationRequested");
            assertThat(event.detail().get("requestedBy")).isEqualTo("policy");
            EventSchemas.assertValid(event);
        });
        assertThat(published.getFirst().detail().get("reason").toString()).contains("within the rotation window");
        assertThat(published.stream().map(event -> event.detail().get("reason").toString()))
                .anyMatch(reason -> reason.contains("VALIDITY_TOO_LONG (a replacement fixes it)"));
    }

    @Test
    void aProfileInModeOffOnlyAlertsAndAFailedPublishAsksAgainNextRun() {
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        InventoryRecord soon = record("soon", Duration.ofDays(10), "IMPORTED|a");
        TlsPolicy off = TlsPolicy.PUBLIC_WEB.toBuilder().rotation(TlsPolicy.PUBLIC_WEB.rotation().toBuilder()
                .mode(RotationMode.OFF).build()).build();

        assertThat(requests(new PolicySet(1, "public-web", Map.of("public-web", off)), clock)
                .request(List.of(run()))).isEmpty();

        publishFails = true;
        assertThatThrownBy(() -> requests(PolicySet.builtIn(), clock).request(List.of(run())))
                .hasMessage("bus unreachable");
        publishFails = false;
        assertThat(requests(PolicySet.builtIn(), clock).request(List.of(run()))).as("the claim was given back")
                .containsExactly(soon.location().arn());
    }
}
