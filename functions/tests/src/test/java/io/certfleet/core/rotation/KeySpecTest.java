package io.certfleet.core.rotation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.certfleet.adapters.x509.BouncyCastleCertificateParser;
import io.certfleet.core.certificate.CertificateFacts;
import io.certfleet.core.policy.TlsPolicy;
import io.certfleet.core.rotation.issuer.KeySpec;
import io.certfleet.local.pki.CertificateBuilder;
import io.certfleet.local.pki.KeyType;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The key an issued replacement gets: the old one's when the profile allows it, else the profile's, in ACM's sizes. */
class KeySpecTest {

    private static CertificateFacts old(KeyType type) throws Exception {
        return new BouncyCastleCertificateParser().parse(CertificateBuilder.certificate("k.example.com")
                .dnsNames("k.example.com").keyType(type).build().certificatePem(), null);
    }

    @Test
    void aSoundKeyIsKeptTypeAndSize() throws Exception {
        assertThat(KeySpec.forReplacement(old(KeyType.RSA_3072), TlsPolicy.PUBLIC_WEB))
                .isEqualTo(new KeySpec("RSA", 3072));
        assertThat(KeySpec.forReplacement(old(KeyType.EC_P384), TlsPolicy.PUBLIC_WEB))
                .isEqualTo(new KeySpec("EC", 384));
        assertThat(new KeySpec("EC", 384).upgrades(old(KeyType.EC_P384))).isFalse();
    }

    @Test
    void aWeakKeyGrowsToTheProfilesMinimumAndADisallowedTypeMovesToOneTheProfileAllows() throws Exception {
        KeySpec grown = KeySpec.forReplacement(old(KeyType.RSA_1024), TlsPolicy.PUBLIC_WEB);
        assertThat(grown).isEqualTo(new KeySpec("RSA", 2048));
        assertThat(grown.upgrades(old(KeyType.RSA_1024))).isTrue();

        TlsPolicy ecOnly = TlsPolicy.PUBLIC_WEB.toBuilder().name("ec-only").allowedKeyTypes(Set.of("EC")).build();
        assertThat(KeySpec.forReplacement(old(KeyType.RSA_2048), ecOnly)).isEqualTo(new KeySpec("EC", 256));
        assertThat(KeySpec.forReplacement(old(KeyType.ED25519), TlsPolicy.PUBLIC_WEB)).as("ACM holds no Ed25519")
                .isEqualTo(new KeySpec("EC", 256));
        TlsPolicy strongEc = ecOnly.toBuilder().minEcBits(300).build();
        assertThat(KeySpec.forReplacement(old(KeyType.EC_P256), strongEc)).isEqualTo(new KeySpec("EC", 384));
    }

    @Test
    void aProfileThatAllowsNothingAcmHoldsIsRefusedNamingWhy() {
        TlsPolicy edwardsOnly = TlsPolicy.PUBLIC_WEB.toBuilder().name("edwards").allowedKeyTypes(Set.of("Ed25519"))
                .build();

        assertThatThrownBy(() -> KeySpec.forReplacement(old(KeyType.ED25519), edwardsOnly))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("profile edwards allows no key ACM can hold (keyTypes [Ed25519], minRsaBits 2048, "
                        + "minEcBits 256; ACM holds RSA [2048, 3072, 4096], EC [256, 384])");
        assertThatThrownBy(() -> new KeySpec("EC", 521)).hasMessageContaining("not a key size ACM holds");
    }
}
