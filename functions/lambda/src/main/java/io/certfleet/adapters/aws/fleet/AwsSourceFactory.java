package io.certfleet.adapters.aws.fleet;

import io.certfleet.adapters.aws.ApiCallRecorder;
import io.certfleet.adapters.aws.AwsClients;
import io.certfleet.adapters.aws.AwsFailures;
import io.certfleet.adapters.aws.RateLimiter;
import io.certfleet.adapters.aws.RateLimits;
import io.certfleet.adapters.aws.acm.AcmCertificateStore;
import io.certfleet.adapters.aws.apigateway.ApiGatewayEndpointSource;
import io.certfleet.adapters.aws.cloudfront.CloudFrontEndpointSource;
import io.certfleet.adapters.aws.elb.ClassicElbEndpointSource;
import io.certfleet.adapters.aws.elb.Elbv2EndpointSource;
import io.certfleet.adapters.aws.iam.IamServerCertificateStore;
import io.certfleet.adapters.aws.iam.IamServerCertificates;
import io.certfleet.adapters.aws.tagging.ResourceTags;
import io.certfleet.core.discovery.CertificateStore;
import io.certfleet.core.discovery.EndpointSource;
import io.certfleet.core.discovery.ScanScope;
import io.certfleet.core.discovery.ScanSources;
import io.certfleet.core.discovery.SourceFactory;
import io.certfleet.core.discovery.WorkItem;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * Opens the sources of a work item in AWS: in another account, assumes {@code arn:aws:iam::<account>:role/<role>}
 * with the scanner's own credentials (in the caller's own account, uses them directly); builds that account's
 * clients for the item's region with an API-call recorder and a rate limiter of their own (AWS counts quotas per
 * account and region); and lists ACM, ELBv2, Classic ELB and API Gateway, plus IAM and CloudFront in the account's
 * home item.
 */
public final class AwsSourceFactory implements SourceFactory {

    private static final Region GLOBAL_REGION = Region.US_EAST_1;

    private final AwsClients base;
    private final String roleName;
    private final Supplier<String> callerAccountId;
    private final RateLimits rateLimits;

    /**
     * @param base            clients with the scanner's own credentials (the caller)
     * @param roleName        the role to assume in other accounts
     * @param callerAccountId the account of the scanner's credentials (asked once, lazily)
     */
    public AwsSourceFactory(AwsClients base, String roleName, Supplier<String> callerAccountId,
                            RateLimits rateLimits) {
        this.base = Objects.requireNonNull(base, "base");
        this.roleName = Objects.requireNonNull(roleName, "roleName");
        this.callerAccountId = Objects.requireNonNull(callerAccountId, "callerAccountId");
        this.rateLimits = Objects.requireNonNull(rateLimits, "rateLimits");
    }

    @Override
    public ScanSources open(WorkItem item) {
        ScanScope scope = item.scope();
        ApiCallRecorder recorder = new ApiCallRecorder();
        List<ExecutionInterceptor> interceptors = List.of(recorder, new RateLimiter(rateLimits));
        AwsCredentialsProvider credentials = credentialsFor(scope.accountId(), item.scanId(), recorder);
        AwsClients regional = base.deriveWith(
                base.settings().withRegion(Region.of(scope.region())).withCredentials(credentials), interceptors);
        List<AwsClients> opened = new ArrayList<>(List.of(regional));
        ResourceTags tags = new ResourceTags(regional.tagging());
        List<CertificateStore> stores = new ArrayList<>(List.of(new AcmCertificateStore(regional.acm(), tags, scope)));
        List<EndpointSource> endpoints = new ArrayList<>(List.of(
                new Elbv2EndpointSource(regional.elasticLoadBalancingV2(), tags),
                new ClassicElbEndpointSource(regional.elasticLoadBalancing()),
                new ApiGatewayEndpointSource(regional.apiGateway(), regional.apiGatewayV2())));
        if (item.includesGlobalSources()) {
            AwsClients global = regional;
            if (!GLOBAL_REGION.id().equals(scope.region())) {
                global = base.deriveWith(base.settings().withRegion(GLOBAL_REGION).withCredentials(credentials),
                        interceptors);
                opened.add(global);
            }
            IamServerCertificates iam = new IamServerCertificates(regional.iam());
            stores.add(new IamServerCertificateStore(iam, scope.accountId()));
            endpoints.add(new CloudFrontEndpointSource(regional.cloudFront(), new ResourceTags(global.tagging()), iam));
        }
        return new AwsScanSources(stores, endpoints, recorder, opened);
    }

    private AwsCredentialsProvider credentialsFor(String accountId, String scanId, ApiCallRecorder recorder) {
        if (accountId.equals(callerAccountId.get())) {
            return base.settings().credentials();
        }
        String roleArn = "arn:aws:iam::" + accountId + ":role/" + roleName;
        try (AwsClients stsClients = base.deriveWith(base.settings(), List.of(recorder))) {
            Credentials session = stsClients.sts().assumeRole(request -> request
                    .roleArn(roleArn)
                    .roleSessionName(sessionName(scanId))
                    .durationSeconds(3600)).credentials();
            return StaticCredentialsProvider.create(AwsSessionCredentials.create(
                    session.accessKeyId(), session.secretAccessKey(), session.sessionToken()));
        } catch (SdkException failure) {
            throw AwsFailures.translate("sts:AssumeRole", failure);
        }
    }

    /** Role session names allow 2-64 of [\w+=,.@-]. */
    static String sessionName(String scanId) {
        String name = ("certfleet-" + scanId).replaceAll("[^\\w+=,.@-]", "-");
        return name.length() > 64 ? name.substring(0, 64) : name;
    }
}
