package io.certfleet.core.rotation;

import static org.assertj.core.api.Assertions.assertThat;

import io.certfleet.core.finding.FindingCode;
import io.certfleet.core.inventory.InventoryRecord;
import io.certfleet.core.policy.rotation.RotationMode;
import io.certfleet.core.policy.rotation.RotationSettings;
import io.certfleet.testing.InventoryFixtures;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** When a certificate should be replaced: the rotation window, a finding a replacement fixes, never ACM's own. */
class RotationTriggerTest {

    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final RotationSettings WEB = RotationSettings.builtIn("public-web");

    private static InventoryRecord expiringIn(Duration left) {
        return InventoryFixtures.record("arn:aws:acm:eu-west-1:111122223333:certificate/c")
                .facts(InventoryFixtures.facts("c.example.com", NOW.plus(left))).build();
    }

    private static RotationTrigger.Decision decide(InventoryRecord record, RotationSettings settings,
                                                   Set<FindingCode> findings) {
        return RotationTrigger.decide(record, settings, false, findings, CLOCK).orElseThrow();
    }

    @Test
    void insideTheRotationWindowItRotatesOutsideItDoesNot() {
        assertThat(decide(expiringIn(Duration.ofDays(30)), WEB, Set.of()).rotate()).isTrue();
        assertThat(decide(expiringIn(Duration.ofDays(31)), WEB, Set.of()).rotate()).isFalse();
        assertThat(decide(expiringIn(Duration.ofDays(40)), RotationSettings.builtIn("partner"), Set.of()).reasons())
                .singleElement().asString().contains("within the rotation window of 45 days");
    }

    @Test
    void findingsAReplacementFixesStartItOthersDoNot() {
        RotationTrigger.Decision weak = decide(expiringIn(Duration.ofDays(150)), WEB,
                Set.of(FindingCode.WEAK_KEY, FindingCode.INCOMPLETE_CHAIN, FindingCode.HOSTNAME_MISMATCH));

        assertThat(weak.rotate()).isTrue();
        assertThat(weak.reasons()).as("in the finding codes' order").containsExactly(
                "INCOMPLETE_CHAIN (a replacement fixes it)", "WEAK_KEY (a replacement fixes it)");
        assertThat(decide(expiringIn(Duration.ofDays(150)), WEB, Set.of(FindingCode.HOSTNAME_MISMATCH,
                FindingCode.WEAK_CIPHER_ENABLED)).rotate()).as("a listener's problem, not the certificate's").isFalse();
    }

    @Test
    void expiredOrWithinTheEmergencyMarginIsAnEmergency() {
        RotationTrigger.Decision expired = decide(expiringIn(Duration.ofDays(-1)), WEB, Set.of(FindingCode.EXPIRED));

        assertThat(expired.emergency()).isTrue();
        assertThat(expired.reasons()).as("EXPIRED is said once").hasSize(1).first().asString().startsWith("expired");
        assertThat(decide(expiringIn(Duration.ofDays(2)), WEB, Set.of()).emergency()).isTrue();
        assertThat(decide(expiringIn(Duration.ofDays(10)), WEB, Set.of()).emergency()).isFalse();
    }

    @Test
    void offOnlyAlertsApproveAsksAndAcmRenewsItsOwn() {
        RotationSettings off = RotationSettings.builtIn("public-web").toBuilder().mode(RotationMode.OFF).build();
        assertThat(decide(expiringIn(Duration.ofDays(5)), off, Set.of()).rotate()).isFalse();
        assertThat(decide(expiringIn(Duration.ofDays(5)), off, Set.of()).reasons()).isNotEmpty();
        assertThat(RotationSettings.builtIn("iot").mode()).isEqualTo(RotationMode.APPROVE);
        assertThat(RotationTrigger.decide(expiringIn(Duration.ofDays(5)), WEB, true, List.of(), CLOCK))
                .as("ACM renews it at the same ARN: nothing to swap").isEmpty();
        assertThat(RotationTrigger.decide(InventoryFixtures.record("arn:x").malformed("not PEM").build(), WEB, false,
                List.of(), CLOCK)).isEmpty();
    }
}
