package io.certfleet.adapters.aws.issuer;

import io.certfleet.core.rotation.IssueReplacement;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.acm.AcmClient;
import software.amazon.awssdk.services.acm.model.CertificateStatus;
import software.amazon.awssdk.services.acm.model.CertificateSummary;
import software.amazon.awssdk.services.acm.model.KeyAlgorithm;
import software.amazon.awssdk.services.acm.model.Tag;

/** ACM calls the issuers share: the certificate a rotation put somewhere already, and imports. */
final class AcmImports {

    private AcmImports() {
    }

    /** The certificate for {@code commonName} tagged {@code certfleet:rotation=<rotationId>}, if one is there. */
    static Optional<String> issuedFor(AcmClient acm, String rotationId, String commonName) {
        return tagged(acm, commonName, List.of(), tags -> rotationId.equals(tags.get(IssueReplacement.ROTATION_TAG)));
    }

    /**
     * A certificate an earlier rotation requested to replace {@code oldArn} that is still usable (pending or issued,
     * not rejected): asked about again rather than requested anew, so an owner who has not created the DNS records
     * yet gets one pending request, not one a day.
     */
    static Optional<String> requestedToReplace(AcmClient acm, String oldArn, String commonName) {
        return tagged(acm, commonName, List.of(CertificateStatus.PENDING_VALIDATION, CertificateStatus.ISSUED),
                tags -> oldArn.equals(tags.get(IssueReplacement.REPLACES_TAG))
                        && !"rejected".equals(tags.get("certfleet:status")));
    }

    private static Optional<String> tagged(AcmClient acm, String commonName, List<CertificateStatus> statuses,
                                           Predicate<Map<String, String>> wanted) {
        for (CertificateSummary summary : acm.listCertificatesPaginator(request -> {
            request.includes(filters -> filters.keyTypes(KeyAlgorithm.knownValues()));
            if (!statuses.isEmpty()) {
                request.certificateStatuses(statuses);
            }
        }).certificateSummaryList()) {
            if (!commonName.equalsIgnoreCase(summary.domainName())) {
                continue;
            }
            Map<String, String> tags = acm.listTagsForCertificate(request -> request.certificateArn(
                    summary.certificateArn())).tags().stream().collect(Collectors.toMap(Tag::key,
                    tag -> tag.value() == null ? "" : tag.value(), (first, second) -> second));
            if (wanted.test(tags)) {
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
