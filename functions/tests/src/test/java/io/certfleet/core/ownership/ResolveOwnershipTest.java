package io.certfleet.core.ownership;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResolveOwnershipTest {

    private final ResolveOwnership resolve = new ResolveOwnership(OwnershipRules.DEFAULTS);

    @Test
    void theCertificatesOwnTagWins() {
        Ownership ownership = resolve.resolve(Map.of("owner", "payments", "environment", "prod"),
                List.of(Map.of("owner", "lb-team")), Map.of("owner", "account-team"));

        assertThat(ownership).isEqualTo(new Ownership("payments", OwnershipSource.CERTIFICATE_TAG, "prod",
                OwnershipSource.CERTIFICATE_TAG));
    }

    @Test
    void thenTheFirstServingResourceThatHasOne() {
        Ownership ownership = resolve.resolve(Map.of(),
                List.of(Map.of("Name", "no owner here"), Map.of("Team", "edge"), Map.of("owner", "later")),
                Map.of("owner", "account-team"));

        assertThat(ownership.owner()).isEqualTo("edge");
        assertThat(ownership.ownerSource()).isEqualTo(OwnershipSource.RESOURCE_TAG);
    }

    @Test
    void thenTheAccountThenTheDefault() {
        assertThat(resolve.resolve(Map.of(), List.of(), Map.of("owner", "account-team")).ownerSource())
                .isEqualTo(OwnershipSource.ACCOUNT_TAG);
        Ownership nothing = resolve.resolve(Map.of(), List.of(), Map.of());
        assertThat(nothing).isEqualTo(new Ownership("unowned", OwnershipSource.DEFAULT, "public-web",
                OwnershipSource.DEFAULT));
    }

    @Test
    void ownerAndEnvironmentFallBackIndependently() {
        Ownership ownership = resolve.resolve(Map.of("owner", "payments"), List.of(Map.of("env", "staging")),
                Map.of("environment", "prod"));

        assertThat(ownership.ownerSource()).isEqualTo(OwnershipSource.CERTIFICATE_TAG);
        assertThat(ownership.environment()).isEqualTo("staging");
        assertThat(ownership.environmentSource()).isEqualTo(OwnershipSource.RESOURCE_TAG);
    }

    @Test
    void keysMatchWhateverTheirCaseAndBlankValuesDoNotCount() {
        Ownership ownership = resolve.resolve(Map.of("OWNER", "  ", "Owner", "Payments "), List.of(), Map.of());

        assertThat(ownership.owner()).isEqualTo("Payments");
    }

    @Test
    void configuredKeysAndDefaultsApply() {
        ResolveOwnership custom = new ResolveOwnership(new OwnershipRules(List.of("cost-center"),
                List.of("stage"), "platform", "internal-api"));

        assertThat(custom.resolve(Map.of("owner", "ignored"), List.of(), Map.of()))
                .isEqualTo(new Ownership("platform", OwnershipSource.DEFAULT, "internal-api", OwnershipSource.DEFAULT));
        assertThat(custom.resolve(Map.of("Cost-Center", "cc-42"), List.of(), Map.of()).owner()).isEqualTo("cc-42");
    }
}
