package io.certfleet.bench;

import io.certfleet.adapters.aws.ApiCallRecorder;
import io.certfleet.adapters.aws.AwsClients;
import io.certfleet.adapters.aws.acm.AcmCertificateStore;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.acm.model.CertificateSummary;
import software.amazon.awssdk.services.acm.model.Filters;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * The baseline certfleet is measured against: how a straightforward inventory tool discovers certificates (Lemur's
 * way): one account-region at a time, and every certificate described, read and tagged on every run, with no memory
 * of earlier runs; load balancers' listeners and listener certificates listed one by one. It finds the same
 * certificates and bindings (SNI included, which Lemur itself does not).
 */
final class NaiveBaselineScanner {

    private final AwsClients management;
    private final String managementAccount;

    NaiveBaselineScanner(AwsClients management) {
        this.management = management;
        this.managementAccount = management.sts().getCallerIdentity().account();
    }

    /** What one account-region's scan found and how many calls it made. */
    record ItemResult(int certificates, int bindings, Map<String, Long> apiCalls) {
    }

    ItemResult scan(String accountId, Region region) {
        ApiCallRecorder recorder = new ApiCallRecorder();
        try (AwsClients clients = clientsFor(accountId, region, recorder)) {
            int certificates = 0;
            for (CertificateSummary summary : clients.acm().listCertificatesPaginator(request -> request
                    .includes(Filters.builder().keyTypes(AcmCertificateStore.ALL_KEY_TYPES).build()))
                    .certificateSummaryList()) {
                String arn = summary.certificateArn();
                clients.acm().describeCertificate(request -> request.certificateArn(arn));
                clients.acm().getCertificate(request -> request.certificateArn(arn));
                clients.acm().listTagsForCertificate(request -> request.certificateArn(arn));
                certificates++;
            }
            int bindings = 0;
            for (LoadBalancer loadBalancer : clients.elasticLoadBalancingV2().describeLoadBalancersPaginator(r -> { })
                    .loadBalancers()) {
                clients.elasticLoadBalancingV2().describeTags(request -> request
                        .resourceArns(loadBalancer.loadBalancerArn()));
                for (Listener listener : clients.elasticLoadBalancingV2().describeListenersPaginator(request -> request
                        .loadBalancerArn(loadBalancer.loadBalancerArn())).listeners()) {
                    bindings += clients.elasticLoadBalancingV2().describeListenerCertificatesPaginator(request ->
                            request.listenerArn(listener.listenerArn())).certificates().stream().toList().size();
                }
            }
            return new ItemResult(certificates, bindings, recorder.snapshot());
        }
    }

    private AwsClients clientsFor(String accountId, Region region, ApiCallRecorder recorder) {
        if (accountId.equals(managementAccount)) {
            return management.derive(management.settings().withRegion(region), List.of(recorder));
        }
        Credentials session;
        try (AwsClients sts = management.derive(management.settings(), List.of(recorder))) {
            session = sts.sts().assumeRole(request -> request
                    .roleArn("arn:aws:iam::" + accountId + ":role/certfleet-scanner")
                    .roleSessionName("naive-baseline")).credentials();
        }
        return management.derive(management.settings().withRegion(region).withCredentials(
                StaticCredentialsProvider.create(AwsSessionCredentials.create(session.accessKeyId(),
                        session.secretAccessKey(), session.sessionToken()))), List.of(recorder));
    }
}
