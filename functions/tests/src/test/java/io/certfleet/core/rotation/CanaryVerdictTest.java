package io.certfleet.core.rotation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.certfleet.core.certificate.CertificateFacts;
import io.certfleet.core.finding.Finding;
import io.certfleet.core.finding.FindingCode;
import io.certfleet.core.finding.Severity;
import io.certfleet.core.policy.rotation.NegotiationSpike;
import io.certfleet.core.probe.Diagnosis;
import io.certfleet.core.probe.ProbeTarget;
import io.certfleet.core.probe.TlsVersion;
import io.certfleet.testing.InventoryFixtures;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A canary passes on the new leaf with nothing serious new; otherwise every cause is named. */
class CanaryVerdictTest {

    private static final NegotiationSpike SPIKE = NegotiationSpike.DEFAULT;

    private static final CertificateFacts NEW = InventoryFixtures.facts("shop.example.com",
            Instant.parse("2027-06-01T00:00:00Z"));
    private static final CertificateFacts OLD = InventoryFixtures.facts("shop.example.com",
            Instant.parse("2026-12-02T00:00:00Z"));
    private static final Finding WEAK_CIPHERS = new Finding(FindingCode.WEAK_CIPHER_ENABLED, Severity.MEDIUM, "CBC");

    private static Diagnosis served(CertificateFacts leaf, Finding... findings) {
        return new Diagnosis(new ProbeTarget("shop.example.com", 443, Optional.of("shop.example.com")),
                List.of(findings), Optional.of(TlsVersion.TLS_1_3), Optional.empty(), List.of(), Optional.of(leaf),
                List.of(), false, 12, Optional.empty());
    }

    @Test
    void everyCheckSeeingTheNewLeafWithNothingSeriousNewPasses() {
        CanaryVerdict.Outcome outcome = CanaryVerdict.judge(NEW.sha256(), List.of(WEAK_CIPHERS),
                List.of(served(NEW, WEAK_CIPHERS), served(NEW, WEAK_CIPHERS)), new CanaryVerdict.NegotiationErrors(4, 6), SPIKE);

        assertThat(outcome.passed()).isTrue();
        assertThat(outcome.causes()).isEmpty();
    }

    @Test
    void theOldLeafOnAnyCheckFailsIt() {
        CanaryVerdict.Outcome outcome = CanaryVerdict.judge(NEW.sha256(), List.of(),
                List.of(served(NEW), served(OLD)), null, SPIKE);

        assertThat(outcome.passed()).isFalse();
        assertThat(outcome.causes()).singleElement().asString().startsWith("WRONG_CERTIFICATE (check 2/2: served");
    }

    @Test
    void aSeriousFindingTheBindingDidNotHaveFailsItOneItAlreadyHadDoesNot() {
        Finding incomplete = new Finding(FindingCode.INCOMPLETE_CHAIN, Severity.CRITICAL, "intermediate not sent");
        Finding lowNew = new Finding(FindingCode.OCSP_STAPLE_MISSING, Severity.LOW, "no staple");

        assertThat(CanaryVerdict.judge(NEW.sha256(), List.of(), List.of(served(NEW, incomplete, lowNew)), null, SPIKE)
                .causes()).singleElement().asString().startsWith("INCOMPLETE_CHAIN (new since the swap");
        assertThat(CanaryVerdict.judge(NEW.sha256(), List.of(incomplete), List.of(served(NEW, incomplete)), null, SPIKE)
                .passed()).as("not made worse by the swap").isTrue();
    }

    @Test
    void aSpikeOfFailedClientNegotiationsFailsItASmallRiseDoesNot() {
        assertThat(new CanaryVerdict.NegotiationErrors(5, 15).spiked(SPIKE)).isTrue();
        assertThat(new CanaryVerdict.NegotiationErrors(0, 9).spiked(SPIKE)).as("fewer than 10 more").isFalse();
        assertThat(new CanaryVerdict.NegotiationErrors(20, 50).spiked(SPIKE)).as("less than 3x").isFalse();
        assertThat(new CanaryVerdict.NegotiationErrors(20, 50).spiked(new NegotiationSpike(2, 10)))
                .as("a profile's own threshold").isTrue();
        assertThat(CanaryVerdict.judge(NEW.sha256(), List.of(), List.of(served(NEW)),
                new CanaryVerdict.NegotiationErrors(2, 40), SPIKE).causes()).singleElement().asString()
                .contains("rose from 2 to 40");
    }

    @Test
    void aFailedHandshakeAndNothingServedAreCauses() {
        Diagnosis refused = new Diagnosis(new ProbeTarget("shop.example.com", 443, Optional.empty()),
                List.of(new Finding(FindingCode.CONNECTION_REFUSED, Severity.CRITICAL, "refused")), Optional.empty(),
                Optional.empty(), List.of(), Optional.empty(), List.of(), false, 1, Optional.of("connection refused"));

        assertThat(CanaryVerdict.judge(NEW.sha256(), List.of(), List.of(refused), null, SPIKE).causes())
                .containsExactly("check 1/1: connection refused", "check 1/1: no certificate was served",
                        "CONNECTION_REFUSED (new since the swap: refused)");
        assertThatThrownBy(() -> CanaryVerdict.judge(NEW.sha256(), List.of(), List.of(), null, SPIKE))
                .hasMessageContaining("at least one check");
    }
}
