package io.certfleet.adapters.aws.cloudfront;

import io.certfleet.adapters.aws.AwsFailures;
import io.certfleet.core.discovery.BindingType;
import io.certfleet.core.discovery.ScanScope;
import io.certfleet.core.rotation.swap.BindingSwitch;
import io.certfleet.core.rotation.swap.ServedState;
import io.certfleet.core.rotation.swap.SwapException;
import io.certfleet.core.rotation.swap.SwapTarget;
import java.util.function.Function;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;
import software.amazon.awssdk.services.cloudfront.model.DistributionConfig;
import software.amazon.awssdk.services.cloudfront.model.GetDistributionConfigResponse;
import software.amazon.awssdk.services.cloudfront.model.PreconditionFailedException;
import software.amazon.awssdk.services.cloudfront.model.ViewerCertificate;

/**
 * A CloudFront distribution's viewer certificate: the configuration is read with its {@code ETag} and written back
 * with it as {@code IfMatch}, changing only the certificate (SNI support and minimum protocol stay); a concurrent
 * change (HTTP 412) is read again and retried. A distribution on an IAM server certificate moves to ACM this way.
 */
public final class CloudFrontViewerSwitch implements BindingSwitch {

    /** {@link ServedState#certificate()} of a distribution on an IAM server certificate: this prefix and its id. */
    public static final String IAM_PREFIX = "iam:";
    private static final int ATTEMPTS = 5;

    private final Function<ScanScope, CloudFrontClient> clients;

    public CloudFrontViewerSwitch(Function<ScanScope, CloudFrontClient> clients) {
        this.clients = clients;
    }

    @Override
    public BindingType type() {
        return BindingType.CLOUDFRONT;
    }

    @Override
    public ServedState read(SwapTarget target) {
        return ServedState.of(served(config(target).distributionConfig().viewerCertificate()));
    }

    private static String served(ViewerCertificate viewer) {
        if (viewer == null) {
            return "";
        }
        if (viewer.acmCertificateArn() != null && !viewer.acmCertificateArn().isBlank()) {
            return viewer.acmCertificateArn();
        }
        return viewer.iamCertificateId() != null ? IAM_PREFIX + viewer.iamCertificateId() : "";
    }

    @Override
    public ServedState swap(SwapTarget target, String replacementArn) {
        return set(target, replacementArn);
    }

    @Override
    public ServedState restore(SwapTarget target, String replacementArn, ServedState before) {
        return set(target, before.certificate());
    }

    @Override
    public boolean settled(SwapTarget target) {
        try {
            return "Deployed".equals(clients.apply(target.scope()).getDistribution(request -> request
                    .id(target.resourceId())).distribution().status());
        } catch (SdkException failure) {
            throw AwsFailures.swapFailure("cannot read the status of " + target.describe(), failure);
        }
    }

    private ServedState set(SwapTarget target, String certificate) {
        for (int attempt = 1; ; attempt++) {
            GetDistributionConfigResponse current = config(target);
            ViewerCertificate viewer = current.distributionConfig().viewerCertificate();
            if (served(viewer).equals(certificate)) {
                return ServedState.of(certificate);
            }
            ViewerCertificate.Builder changed = viewer.toBuilder().cloudFrontDefaultCertificate(false)
                    .certificate(null).certificateSource((String) null);
            if (certificate.startsWith(IAM_PREFIX)) {
                changed.iamCertificateId(certificate.substring(IAM_PREFIX.length())).acmCertificateArn(null);
            } else {
                changed.acmCertificateArn(certificate).iamCertificateId(null);
            }
            DistributionConfig config = current.distributionConfig().toBuilder().viewerCertificate(changed.build())
                    .build();
            try {
                clients.apply(target.scope()).updateDistribution(request -> request.id(target.resourceId())
                        .ifMatch(current.eTag()).distributionConfig(config));
                return read(target);
            } catch (PreconditionFailedException concurrent) {
                if (attempt == ATTEMPTS) {
                    throw new SwapException(target.describe() + " kept changing while certfleet updated it ("
                            + ATTEMPTS + " attempts)", true, concurrent);
                }
            } catch (SdkException failure) {
                throw AwsFailures.swapFailure("cannot set the certificate of " + target.describe(), failure);
            }
        }
    }

    private GetDistributionConfigResponse config(SwapTarget target) {
        try {
            return clients.apply(target.scope()).getDistributionConfig(request -> request.id(target.resourceId()));
        } catch (SdkException failure) {
            throw AwsFailures.swapFailure("cannot read the configuration of " + target.describe(), failure);
        }
    }
}
