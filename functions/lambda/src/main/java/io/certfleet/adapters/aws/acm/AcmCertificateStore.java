package io.certfleet.adapters.aws.acm;

import io.certfleet.adapters.aws.AwsFailures;
import io.certfleet.adapters.aws.tagging.ResourceTags;
import io.certfleet.core.certificate.CertificateSource;
import io.certfleet.core.discovery.CertificateLocation;
import io.certfleet.core.discovery.CertificateStore;
import io.certfleet.core.discovery.ListedCertificate;
import io.certfleet.core.discovery.ScanScope;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.acm.AcmClient;
import software.amazon.awssdk.services.acm.model.CertificateStatus;
import software.amazon.awssdk.services.acm.model.CertificateSummary;
import software.amazon.awssdk.services.acm.model.Filters;
import software.amazon.awssdk.services.acm.model.GetCertificateResponse;
import software.amazon.awssdk.services.acm.model.KeyAlgorithm;
import software.amazon.awssdk.services.acm.model.ResourceNotFoundException;

/**
 * ACM of one account and region as a {@link CertificateStore}.
 *
 * <p>Lists with every key type in {@code Includes.keyTypes} (the API default hides EC and RSA &gt; 2048) and every
 * status that has a certificate body, across all pages. A certificate whose summary shows the version the inventory
 * holds (type, validity, import and issue times) is not read again; the others are read with
 * {@code GetCertificate}. Tags come from the tagging API, one paginated call for all certificates.
 */
public final class AcmCertificateStore implements CertificateStore {

    /** Statuses whose certificates have a body to read. */
    static final List<CertificateStatus> STATUSES_WITH_BODY = List.of(
            CertificateStatus.ISSUED, CertificateStatus.EXPIRED, CertificateStatus.INACTIVE,
            CertificateStatus.REVOKED);

    /** Every key type this SDK knows; the API returns only RSA_1024/RSA_2048 when none is given. */
    public static final List<KeyAlgorithm> ALL_KEY_TYPES = Arrays.stream(KeyAlgorithm.values())
            .filter(k -> k != KeyAlgorithm.UNKNOWN_TO_SDK_VERSION)
            .toList();

    private final AcmClient acm;
    private final ResourceTags tags;
    private final ScanScope scope;

    public AcmCertificateStore(AcmClient acm, ResourceTags tags, ScanScope scope) {
        this.acm = Objects.requireNonNull(acm, "acm");
        this.tags = Objects.requireNonNull(tags, "tags");
        this.scope = Objects.requireNonNull(scope, "scope");
    }

    @Override
    public String name() {
        return "acm";
    }

    @Override
    public CertificateSource source() {
        return CertificateSource.ACM;
    }

    @Override
    public List<ListedCertificate> list(Map<String, String> knownVersions) {
        try {
            List<CertificateSummary> summaries = acm.listCertificatesPaginator(request -> request
                            .certificateStatuses(STATUSES_WITH_BODY)
                            .includes(Filters.builder().keyTypes(ALL_KEY_TYPES).build()))
                    .certificateSummaryList().stream().toList();
            if (summaries.isEmpty()) {
                return List.of();
            }
            Map<String, Map<String, String>> tagsByArn = tags.of("acm");
            List<ListedCertificate> listed = new ArrayList<>();
            for (CertificateSummary summary : summaries) {
                String arn = summary.certificateArn();
                Map<String, String> certificateTags = tagsByArn.getOrDefault(arn, Map.of());
                String version = version(summary);
                CertificateLocation location = new CertificateLocation(CertificateSource.ACM, arn, scope.accountId(),
                        scope.region());
                if (!version.isEmpty() && version.equals(knownVersions.get(arn))) {
                    listed.add(new ListedCertificate.Unchanged(location, summary.statusAsString(), version,
                            certificateTags));
                } else {
                    read(location, summary, version, certificateTags).ifPresent(listed::add);
                }
            }
            return listed;
        } catch (SdkException failure) {
            throw AwsFailures.translate(failure);
        }
    }

    private Optional<ListedCertificate> read(CertificateLocation location, CertificateSummary summary,
                                                       String version, Map<String, String> certificateTags) {
        try {
            GetCertificateResponse body = acm.getCertificate(request -> request.certificateArn(location.arn()));
            return Optional.of(new ListedCertificate.Fetched(location, summary.statusAsString(), version,
                    certificateTags, body.certificate(), body.certificateChain()));
        } catch (ResourceNotFoundException deletedSinceListed) {
            return Optional.empty(); // gone between list and read: as if not listed
        }
    }

    /**
     * What changes whenever the certificate at this ARN changes: type, validity, import/issue/creation times. Empty
     * (always read) when the summary lacks {@code NotAfter}, as older API versions' summaries do.
     */
    static String version(CertificateSummary summary) {
        if (summary.notAfter() == null) {
            return "";
        }
        return String.join("|", summary.typeAsString(), String.valueOf(summary.notBefore()),
                String.valueOf(summary.notAfter()), String.valueOf(summary.importedAt()),
                String.valueOf(summary.issuedAt()), String.valueOf(summary.createdAt()));
    }
}
