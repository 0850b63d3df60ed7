package io.certfleet.adapters.aws.acm;

import io.certfleet.core.certificate.CertificateSource;
import io.certfleet.core.discovery.CertificateLocation;
import io.certfleet.core.discovery.CertificateStore;
import io.certfleet.core.discovery.ScanScope;
import io.certfleet.core.discovery.StoredCertificate;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.services.acm.AcmClient;
import software.amazon.awssdk.services.acm.model.CertificateStatus;
import software.amazon.awssdk.services.acm.model.CertificateSummary;
import software.amazon.awssdk.services.acm.model.Filters;
import software.amazon.awssdk.services.acm.model.GetCertificateResponse;
import software.amazon.awssdk.services.acm.model.KeyAlgorithm;

/**
 * ACM of one account and region as a {@link CertificateStore}.
 *
 * <p>Lists with every key type in {@code Includes.keyTypes} (the API default hides EC and RSA &gt; 2048) and every
 * status that has a certificate body, across all pages; reads each body and chain with {@code GetCertificate}.
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
    private final ScanScope scope;

    public AcmCertificateStore(AcmClient acm, ScanScope scope) {
        this.acm = Objects.requireNonNull(acm, "acm");
        this.scope = Objects.requireNonNull(scope, "scope");
    }

    @Override
    public ScanScope scope() {
        return scope;
    }

    @Override
    public List<StoredCertificate> listCertificates() {
        return acm.listCertificatesPaginator(request -> request
                        .certificateStatuses(STATUSES_WITH_BODY)
                        .includes(Filters.builder().keyTypes(ALL_KEY_TYPES).build()))
                .certificateSummaryList().stream()
                .map(this::read)
                .toList();
    }

    private StoredCertificate read(CertificateSummary summary) {
        GetCertificateResponse body = acm.getCertificate(request -> request.certificateArn(summary.certificateArn()));
        CertificateLocation location = new CertificateLocation(
                CertificateSource.ACM, summary.certificateArn(), scope.accountId(), scope.region());
        return new StoredCertificate(location, body.certificate(), body.certificateChain());
    }
}
