package io.certfleet.adapters.aws.issuer;

import io.certfleet.core.rotation.IssueReplacement;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.acm.AcmClient;
import software.amazon.awssdk.services.acm.model.CertificateSummary;
import software.amazon.awssdk.services.acm.model.KeyAlgorithm;
import software.amazon.awssdk.services.acm.model.Tag;

/** ACM calls the issuers share: the certificate a rotation put somewhere already, and imports. */
final class AcmImports {

    private AcmImports() {
    }

    /** The certificate for {@code commonName} tagged {@code certfleet:rotation=<rotationId>}, if one is there. */
    static Optional<String> issuedFor(AcmClient acm, String rotationId, String commonName) {
        for (CertificateSummary summary : acm.listCertificatesPaginator(request -> request.includes(filters ->
                filters.keyTypes(KeyAlgorithm.knownValues()))).certificateSummaryList()) {
            if (!commonName.equalsIgnoreCase(summary.domainName())) {
                continue;
            }
            boolean ours = acm.listTagsForCertificate(request -> request.certificateArn(summary.certificateArn()))
                    .tags().stream().anyMatch(tag -> IssueReplacement.ROTATION_TAG.equals(tag.key())
                            && rotationId.equals(tag.value()));
            if (ours) {
                return Optional.of(summary.certificateArn());
            }
        }
        return Optional.empty();
    }

    /** Imports (or re-imports into {@code existingArn}, keeping its ARN) a certificate with its key and chain. */
    static String importCertificate(AcmClient acm, String certificatePem, String chainPem, String privateKeyPem,
                                    Map<String, String> tags, Optional<String> existingArn) {
        String arn = acm.importCertificate(request -> {
            request.certificate(bytes(certificatePem)).privateKey(bytes(privateKeyPem))
                    .certificateChain(bytes(chainPem));
            existingArn.ifPresentOrElse(request::certificateArn, () -> request.tags(tags.entrySet().stream()
                    .map(tag -> Tag.builder().key(tag.getKey()).value(tag.getValue()).build()).toList()));
        }).certificateArn();
        if (existingArn.isPresent()) { // a re-import keeps the tags the first import put there; make sure
            acm.addTagsToCertificate(request -> request.certificateArn(arn).tags(tags.entrySet().stream()
                    .map(tag -> Tag.builder().key(tag.getKey()).value(tag.getValue()).build()).toList()));
        }
        return arn;
    }

    private static SdkBytes bytes(String pem) {
        return SdkBytes.fromString(pem, StandardCharsets.US_ASCII);
    }
}
