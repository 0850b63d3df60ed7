package io.certfleet.adapters.aws.acm;

import io.certfleet.adapters.aws.AwsFailures;
import io.certfleet.core.discovery.CertificateArn;
import io.certfleet.core.discovery.ScanScope;
import io.certfleet.core.rotation.CertificateRetirer;
import java.util.List;
import java.util.function.Function;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.acm.AcmClient;
import software.amazon.awssdk.services.acm.model.ResourceInUseException;
import software.amazon.awssdk.services.acm.model.ResourceNotFoundException;

/**
 * Deletes an ACM certificate in its own account and region. ACM itself refuses to delete a certificate any AWS
 * service still uses ({@code ResourceInUseException}, reported as in use): that refusal is the guard, not a read of
 * {@code InUseBy} first (moto's list only ever grows: listeners that moved on stay in it; real ACM's refusal is
 * exact and covers services certfleet does not discover).
 */
public final class AcmCertificateRetirer implements CertificateRetirer {

    private final Function<ScanScope, AcmClient> clients;

    public AcmCertificateRetirer(Function<ScanScope, AcmClient> clients) {
        this.clients = clients;
    }

    @Override
    public Outcome retire(String certificateArn) {
        AcmClient acm = clients.apply(CertificateArn.parse(certificateArn).filter(CertificateArn::isAcm)
                .orElseThrow(() -> new IllegalArgumentException("not an ACM certificate ARN: " + certificateArn))
                .scope());
        try {
            acm.deleteCertificate(request -> request.certificateArn(certificateArn));
            return new Outcome(Result.DELETED, List.of());
        } catch (ResourceNotFoundException gone) {
            return new Outcome(Result.ALREADY_GONE, List.of());
        } catch (ResourceInUseException inUse) {
            return new Outcome(Result.IN_USE, List.of(inUse.awsErrorDetails() == null ? "(ACM did not say)"
                    : inUse.awsErrorDetails().errorMessage()));
        } catch (SdkException failure) {
            throw AwsFailures.translate("acm:DeleteCertificate " + certificateArn, failure);
        }
    }
}
