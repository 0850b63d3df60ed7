package io.certfleet.adapters.policyfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.certfleet.core.policy.InvalidPolicyException;
import io.certfleet.core.policy.PolicySet;
import io.certfleet.core.policy.TlsPolicy;
import io.certfleet.core.policy.rotation.ChangeWindow;
import io.certfleet.core.policy.rotation.Freeze;
import io.certfleet.core.policy.rotation.IssuerChoice;
import io.certfleet.core.policy.rotation.NegotiationSpike;
import io.certfleet.core.policy.rotation.RotationMode;
import io.certfleet.core.policy.rotation.RotationSettings;
import io.certfleet.core.policy.rotation.WaveSize;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@code rotation:} section of a profile: read, inherited, refused with the line and field, written back. */
class PolicyFileRotationTest {

    private static final Clock NOW = Clock.fixed(Instant.parse("2026-11-30T10:00:00Z"), ZoneOffset.UTC);
    private static final String CA = "arn:aws:acm-pca:eu-west-1:111122223333:certificate-authority/1234abcd-12ab";

    private static PolicySet parse(String text) {
        return YamlPolicyFile.parse("p.yaml", text, NOW);
    }

    @Test
    void everyRotationFieldIsReadAndTheRestComeFromTheBase() {
        PolicySet policies = parse("""
                version: 1
                profiles:
                  shop:
                    extends: partner
                    rotation:
                      mode: AUTO
                      rotateBeforeDays: 40
                      issuer: acm-private:%s
                      waves: [2, 25%%]
                      bakeSeconds: 120
                      canaryChecks: 5
                      changeWindows: ["Tue-Thu 09:00-16:00 Europe/Berlin", "Sat 22:00-02:00 UTC"]
                      freezes: ["2026-12-18/2027-01-04", "2027-03-01"]
                      approvers: [security-lead, ops@example.com]
                      retainOldDays: 30
                      negotiationErrorSpike: {factor: 5}
                """.formatted(CA));

        RotationSettings rules = policies.defaultPolicy().rotation();
        assertThat(rules.mode()).isEqualTo(RotationMode.AUTO);
        assertThat(rules.rotateBefore()).isEqualTo(Duration.ofDays(40));
        assertThat(rules.issuer()).isEqualTo(new IssuerChoice(IssuerChoice.Kind.ACM_PRIVATE, CA));
        assertThat(rules.waves()).containsExactly(new WaveSize(2, false), new WaveSize(25, true),
                new WaveSize(100, true));
        assertThat(rules.bake()).isEqualTo(Duration.ofSeconds(120));
        assertThat(rules.canaryChecks()).isEqualTo(5);
        assertThat(rules.calendar().windows()).containsExactly(ChangeWindow.parse("Tue-Thu 09:00-16:00 Europe/Berlin"),
                ChangeWindow.parse("Sat 22:00-02:00 UTC"));
        assertThat(rules.calendar().freezes()).containsExactly(Freeze.parse("2026-12-18/2027-01-04"),
                Freeze.parse("2027-03-01"));
        assertThat(rules.approvers()).containsExactly("security-lead", "ops@example.com");
        assertThat(rules.retainOld()).isEqualTo(Duration.ofDays(30));
        assertThat(rules.spike()).isEqualTo(new NegotiationSpike(5, 10));
        assertThat(rules.emergency()).as("not given: partner's").isEqualTo(Duration.ofDays(3));
    }

    @Test
    void builtInsRotateByTheirOwnRulesAndAProfileWithoutBaseOnlyAlerts() {
        assertThat(TlsPolicy.BUILT_IN).extracting(policy -> policy.name() + " " + policy.rotation().mode() + " "
                        + policy.rotation().rotateBefore().toDays() + " " + policy.rotation().issuer())
                .containsExactly("public-web AUTO 30 acm-public", "internal-api AUTO 30 provided",
                        "partner APPROVE 45 provided", "iot APPROVE 60 provided");

        PolicySet written = parse(PolicyFileWriter.write(PolicySet.builtIn()).replaceAll("(?m)^    rotation:\\n(      .*\\n)+",
                ""));
        assertThat(written.profiles().values()).as("a file from before rotation existed")
                .allSatisfy(policy -> assertThat(policy.rotation()).isEqualTo(RotationSettings.ALERT_ONLY));
        assertThat(RotationSettings.ALERT_ONLY.mode()).isEqualTo(RotationMode.OFF);
    }

    @Test
    void theWrittenFileReadsBackEqualWithWindowsFreezesAndApprovers() {
        PolicySet policies = parse("""
                version: 1
                profiles:
                  shop:
                    extends: public-web
                    rotation:
                      changeWindows: ["Mon,Wed-Fri 22:30-04:00 America/New_York"]
                      freezes: ["2026-12-18/2027-01-04"]
                      approvers: [alice]
                      issuer: acm-private:%s
                """.formatted(CA));

        String written = PolicyFileWriter.write(policies);

        assertThat(written).contains("      changeWindows: [\"Mon,Wed,Thu,Fri 22:30-04:00 America/New_York\"]",
                "      issuer: acm-private:" + CA, "      waves: [1, 50%, 100%]");
        assertThat(parse(written)).isEqualTo(policies);
    }

    @Test
    void everyWrongRotationFieldIsReportedWithItsLine() {
        assertThatThrownBy(() -> parse("""
                version: 1
                profiles:
                  shop:
                    extends: public-web
                    rotation:
                      mode: sometimes
                      issuer: lets-encrypt
                      waves: [50%, 20%]
                      canaryChecks: 0
                      changeWindows: ["Tue-Thu 09:00-16:00 Europe/Berlin", "weekdays 9-5"]
                      freezes: ["2027-01-04/2026-12-18"]
                      negotiationErrorSpike: {factor: 3, minimum: 10}
                      colour: blue
                """))
                .isInstanceOfSatisfying(InvalidPolicyException.class, e -> assertThat(e.problems())
                        .extracting(InvalidPolicyException::getMessage)
                        .containsExactly(
                                "p.yaml:6: profiles.shop.rotation.mode: 'sometimes' is not a rotation mode (auto, "
                                        + "approve, off)",
                                "p.yaml:7: profiles.shop.rotation.issuer: 'lets-encrypt' is not an issuer: provided, "
                                        + "acm-public or acm-private:CA_ARN",
                                "p.yaml:8: profiles.shop.rotation.waves: waves: 20% after 50% goes no further; each "
                                        + "wave counts from the start (e.g. 1, 50%, 100%)",
                                "p.yaml:9: profiles.shop.rotation.canaryChecks: must be 1 or more, got 0",
                                "p.yaml:10: profiles.shop.rotation.changeWindows[1]: 'weekdays 9-5' is not a change "
                                        + "window: DAYS HH:MM-HH:MM ZONE, e.g. 'Tue-Thu 09:00-16:00 Europe/Berlin'",
                                "p.yaml:11: profiles.shop.rotation.freezes[0]: a freeze ends (2026-12-18) before it "
                                        + "starts (2027-01-04)",
                                "p.yaml:12: profiles.shop.rotation.negotiationErrorSpike.minimum: unknown field "
                                        + "(known: factor, minimumIncrease)",
                                "p.yaml:13: profiles.shop.rotation.colour: unknown field (known: approvers, "
                                        + "bakeSeconds, canaryChecks, changeWindows, emergencyDays, freezes, issuer, "
                                        + "mode, negotiationErrorSpike, retainOldDays, rotateBeforeDays, waves)"));
    }

    @Test
    void rulesThatContradictEachOtherOrNeverOpenAreRefused() {
        assertThatThrownBy(() -> parse("""
                version: 1
                profiles:
                  shop:
                    extends: public-web
                    rotation:
                      rotateBeforeDays: 3
                      emergencyDays: 5
                """)).hasMessage("p.yaml:5: profiles.shop.rotation: emergencyDays (5) must be fewer than "
                + "rotateBeforeDays (3): every rotation would be an emergency that ignores change windows");

        assertThatThrownBy(() -> parse("""
                version: 1
                profiles:
                  shop:
                    extends: public-web
                    rotation:
                      changeWindows: ["Sat-Sun 10:00-12:00 UTC"]
                      freezes: ["2026-01-01/2030-12-31"]
                """)).hasMessage("p.yaml:7: profiles.shop.rotation: no change window opens outside the freezes "
                + "within 800 days: no certificate could be rotated before its emergency margin");

        assertThatThrownBy(() -> parse("""
                version: 1
                profiles:
                  shop:
                    extends: public-web
                    rotation:
                      issuer: acm-private:arn:aws:acm:eu-west-1:111122223333:certificate/abc
                """)).hasMessageContaining("profiles.shop.rotation.issuer: 'arn:aws:acm:eu-west-1:111122223333:"
                + "certificate/abc' is not an AWS Private CA ARN");
    }

    @Test
    void aFreezeThatIsOverIsNoProblem() {
        PolicySet policies = parse("""
                version: 1
                profiles:
                  shop:
                    extends: public-web
                    rotation:
                      freezes: ["2025-12-18/2026-01-04"]
                """);

        assertThat(policies.defaultPolicy().rotation().calendar().freezes()).hasSize(1);
        assertThat(policies.defaultPolicy().rotation().issuer()).isEqualTo(IssuerChoice.ACM_PUBLIC);
        assertThat(List.of(policies.defaultPolicy().rotation().waves())).isNotEmpty();
    }
}
