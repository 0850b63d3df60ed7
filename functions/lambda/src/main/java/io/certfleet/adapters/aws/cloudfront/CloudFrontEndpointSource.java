package io.certfleet.adapters.aws.cloudfront;

import io.certfleet.adapters.aws.AwsFailures;
import io.certfleet.adapters.aws.iam.IamServerCertificates;
import io.certfleet.adapters.aws.tagging.ResourceTags;
import io.certfleet.core.discovery.BindingType;
import io.certfleet.core.discovery.DiscoveredBinding;
import io.certfleet.core.discovery.EndpointSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;
import software.amazon.awssdk.services.cloudfront.model.DistributionList;
import software.amazon.awssdk.services.cloudfront.model.DistributionSummary;
import software.amazon.awssdk.services.cloudfront.model.ViewerCertificate;

/**
 * CloudFront distributions (a global service) with their viewer certificate: an ACM certificate (us-east-1) or an
 * IAM server certificate, and the minimum protocol version. Distributions on the default *.cloudfront.net
 * certificate bind no certificate of the account. Where the list summary lacks the viewer certificate (moto's does;
 * AWS's carries it) the distribution's configuration is read.
 */
public final class CloudFrontEndpointSource implements EndpointSource {

    private final CloudFrontClient cloudFront;
    private final ResourceTags globalTags;
    private final IamServerCertificates iamCertificates;

    /**
     * @param globalTags tags read in us-east-1, where the tagging API answers for CloudFront
     */
    public CloudFrontEndpointSource(CloudFrontClient cloudFront, ResourceTags globalTags,
                                    IamServerCertificates iamCertificates) {
        this.cloudFront = cloudFront;
        this.globalTags = globalTags;
        this.iamCertificates = iamCertificates;
    }

    @Override
    public String name() {
        return "cloudfront";
    }

    @Override
    public BindingType type() {
        return BindingType.CLOUDFRONT;
    }

    @Override
    public boolean isGlobal() {
        return true;
    }

    @Override
    public List<DiscoveredBinding> listBindings() {
        try {
            List<DistributionSummary> distributions = distributions();
            if (distributions.isEmpty()) {
                return List.of();
            }
            Map<String, Map<String, String>> tagsByArn = globalTags.of("cloudfront");
            List<DiscoveredBinding> bindings = new ArrayList<>();
            for (DistributionSummary distribution : distributions) {
                ViewerCertificate viewer = viewerCertificate(distribution);
                String certificateArn = certificateArn(viewer);
                if (certificateArn != null) {
                    bindings.add(new DiscoveredBinding(BindingType.CLOUDFRONT, distribution.id(), certificateArn,
                            true, distribution.domainName(), DiscoveredBinding.INTERNET_FACING, 443,
                            viewer.minimumProtocolVersionAsString(),
                            tagsByArn.getOrDefault(distribution.arn(), Map.of())));
                }
            }
            return bindings;
        } catch (SdkException failure) {
            throw AwsFailures.translate(failure);
        }
    }

    /** Every distribution, page by page (the SDK has no paginator for this operation). */
    private List<DistributionSummary> distributions() {
        List<DistributionSummary> distributions = new ArrayList<>();
        String marker = null;
        while (true) {
            String pageMarker = marker;
            DistributionList page = cloudFront.listDistributions(request -> request.marker(pageMarker))
                    .distributionList();
            if (page == null) {
                return distributions;
            }
            distributions.addAll(page.items());
            if (!Boolean.TRUE.equals(page.isTruncated()) || page.nextMarker() == null) {
                return distributions;
            }
            marker = page.nextMarker();
        }
    }

    private ViewerCertificate viewerCertificate(DistributionSummary distribution) {
        if (distribution.viewerCertificate() != null) {
            return distribution.viewerCertificate();
        }
        return cloudFront.getDistributionConfig(request -> request.id(distribution.id()))
                .distributionConfig().viewerCertificate();
    }

    private String certificateArn(ViewerCertificate viewer) {
        if (viewer == null) {
            return null;
        }
        if (viewer.acmCertificateArn() != null && !viewer.acmCertificateArn().isBlank()) {
            return viewer.acmCertificateArn();
        }
        if (viewer.iamCertificateId() != null && !viewer.iamCertificateId().isBlank()) {
            return iamCertificates.arnsById().getOrDefault(viewer.iamCertificateId(),
                    "iam-server-certificate-id:" + viewer.iamCertificateId());
        }
        return null; // the default *.cloudfront.net certificate
    }
}
