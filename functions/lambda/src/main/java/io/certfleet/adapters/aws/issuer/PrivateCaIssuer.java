package io.certfleet.adapters.aws.issuer;

import io.certfleet.adapters.aws.AwsFailures;
import io.certfleet.adapters.x509.KeyAndCsr;
import io.certfleet.core.discovery.ScanScope;
import io.certfleet.core.rotation.issuer.IssueOrder;
import io.certfleet.core.rotation.issuer.Issuance;
import io.certfleet.core.rotation.issuer.ReplacementIssuer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.acm.AcmClient;
import software.amazon.awssdk.services.acmpca.AcmPcaClient;
import software.amazon.awssdk.services.acmpca.model.CertificateAuthority;
import software.amazon.awssdk.services.acmpca.model.GetCertificateResponse;
import software.amazon.awssdk.services.acmpca.model.SigningAlgorithm;
import software.amazon.awssdk.services.acmpca.model.ValidityPeriodType;

/**
 * {@code acm-private:CA_ARN}: a key pair and CSR made here (Bouncy Castle, the profile's key type), signed by the
 * AWS Private CA ({@code IssueCertificate}, then {@code GetCertificate} once issued), and imported with its chain
 * into ACM in every account-region the order names: one certificate, one fingerprint, wherever the old one was
 * served. Chosen over ACM's {@code RequestCertificate} with a CA (ACM keeps the key and renews in place) because the
 * same certificate can then live in several accounts and regions (one rotation, one canary expectation), the key type
 * follows the profile, and the issuance is provable end to end on the emulator (moto's ACM-requested private
 * certificates are self-signed). The price: ACM does not renew an imported certificate; certfleet's policy rotates it
 * again {@code rotateBeforeDays} before it ends. A retried step re-imports into the ARNs it created earlier (found by
 * their {@code certfleet:rotation} tag), so it never leaves duplicates.
 */
public final class PrivateCaIssuer implements ReplacementIssuer {

    private final Function<String, AcmPcaClient> caIn;
    private final Function<ScanScope, AcmClient> acmIn;

    /**
     * @param caIn  AWS Private CA in a region (the CA's, with certfleet's own credentials: a CA of another account
     *              is shared with certfleet's through AWS RAM)
     * @param acmIn ACM where a binding lives (a member account's through its rotation role)
     */
    public PrivateCaIssuer(Function<String, AcmPcaClient> caIn, Function<ScanScope, AcmClient> acmIn) {
        this.caIn = caIn;
        this.acmIn = acmIn;
    }

    @Override
    public Issuance issue(IssueOrder order) {
        String caArn = order.issuer().certificateAuthorityArn();
        AcmPcaClient ca = caIn.apply(caArn.split(":")[3]);
        CertificateAuthority authority;
        try {
            authority = ca.describeCertificateAuthority(request -> request.certificateAuthorityArn(caArn))
                    .certificateAuthority();
        } catch (SdkException failure) {
            throw AwsFailures.translate("acm-pca:DescribeCertificateAuthority " + caArn, failure);
        }
        if (!"ACTIVE".equals(authority.statusAsString())) {
            return new Issuance.Refused(List.of("the private CA " + caArn + " is " + authority.statusAsString()
                    + ", not ACTIVE: it issues nothing"));
        }
        KeyAndCsr key = KeyAndCsr.generate(order.key(), order.commonName(), order.dnsNames());
        GetCertificateResponse issued;
        try {
            String certificateArn = ca.issueCertificate(request -> request.certificateAuthorityArn(caArn)
                    .csr(SdkBytes.fromString(key.csrPem(), StandardCharsets.US_ASCII))
                    .signingAlgorithm(signingAlgorithm(authority))
                    .validity(validity -> validity.type(ValidityPeriodType.DAYS).value(order.validity().toDays())))
                    .certificateArn();
            ca.waiter().waitUntilCertificateIssued(request -> request.certificateAuthorityArn(caArn)
                    .certificateArn(certificateArn));
            issued = ca.getCertificate(request -> request.certificateAuthorityArn(caArn)
                    .certificateArn(certificateArn));
        } catch (SdkException failure) {
            throw AwsFailures.translate("acm-pca:IssueCertificate from " + caArn, failure);
        }
        Map<ScanScope, String> arns = new LinkedHashMap<>();
        for (ScanScope location : order.locations()) {
            AcmClient acm = acmIn.apply(location);
            try {
                Optional<String> earlier = AcmImports.issuedFor(acm, order.rotationId(), order.commonName());
                arns.put(location, AcmImports.importCertificate(acm, issued.certificate(),
                        issued.certificateChain(), key.privateKeyPem(), order.tagsIn(location), earlier));
            } catch (SdkException failure) {
                throw AwsFailures.translate("acm:ImportCertificate in account " + location.accountId() + ", region "
                        + location.region(), failure);
            }
        }
        return new Issuance.Issued(arns);
    }

    /** The CA's own key decides the signature: RSA keys sign SHA256WITHRSA, EC keys SHA256WITHECDSA. */
    private static SigningAlgorithm signingAlgorithm(CertificateAuthority authority) {
        String keyAlgorithm = authority.certificateAuthorityConfiguration().keyAlgorithmAsString();
        return keyAlgorithm != null && keyAlgorithm.startsWith("EC") ? SigningAlgorithm.SHA256_WITHECDSA
                : SigningAlgorithm.SHA256_WITHRSA;
    }
}
