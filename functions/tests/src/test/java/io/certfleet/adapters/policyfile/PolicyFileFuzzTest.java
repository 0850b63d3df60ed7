package io.certfleet.adapters.policyfile;

import static org.assertj.core.api.Assertions.assertThat;

import io.certfleet.core.policy.InvalidPolicyException;
import io.certfleet.core.policy.PolicySet;
import io.certfleet.fuzz.Mutations;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The policy-file reader on mutated YAML: a policy set, or an {@link InvalidPolicyException} that names the file
 * (and, where one is at fault, the line) — never a YAML library's exception or a crash.
 */
class PolicyFileFuzzTest {

    static final String FILE = """
            version: 1
            default: strict
            profiles:
              strict:
                extends: public-web
                minProtocol: TLSv1.3
                maxProtocol: "1.3"
                cipherSuites: [TLS_AES_256_GCM_SHA384, TLS_CHACHA20_POLY1305_SHA256]
                minRsaBits: 3072
                minEcBits: 384
                weakSignatureHashes: [SHA-1, md5]
                expiryAlertDays: [21, 7, 2]
                requireOcspStapling: yes
                keyTypes: [EC, RSA]
                maxValidityDays: 90
                severity:
                  EXPIRING_SOON: critical
            environments:
              prod: strict
              dev: strict
            """;

    @Provide
    Arbitrary<String> mutatedFiles() {
        return Mutations.ofText(FILE, 4);
    }

    @Property(tries = 3_000)
    void aMutatedFileIsReadOrRefusedWithItsPlace(@ForAll("mutatedFiles") String text) {
        try {
            PolicySet policies = YamlPolicyFile.parse("policy.yaml", text);
            assertThat(policies.defaultPolicy()).isNotNull();
        } catch (InvalidPolicyException refused) {
            assertThat(refused.getMessage()).startsWith("policy.yaml");
        }
    }

    @Property(tries = 1)
    void theUnmutatedFileIsValid() {
        assertThat(YamlPolicyFile.parse("policy.yaml", FILE).defaultProfile()).isEqualTo("strict");
    }
}
