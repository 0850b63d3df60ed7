package io.certfleet.adapters.aws.elb;

import io.certfleet.adapters.aws.AwsFailures;
import io.certfleet.adapters.aws.tagging.ResourceTags;
import io.certfleet.core.discovery.BindingType;
import io.certfleet.core.discovery.DiscoveredBinding;
import io.certfleet.core.discovery.EndpointSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Certificate;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;

/**
 * Application and Network Load Balancers: every HTTPS/TLS listener with its default <b>and</b> SNI certificates
 * ({@code DescribeListenerCertificates}: {@code DescribeListeners} shows only the default), the listener's security
 * policy, the load balancer's DNS name and scheme, and its tags (one tagging-API call for all).
 */
public final class Elbv2EndpointSource implements EndpointSource {

    private static final Set<String> TLS_PROTOCOLS = Set.of("HTTPS", "TLS");

    private final ElasticLoadBalancingV2Client elb;
    private final ResourceTags tags;

    public Elbv2EndpointSource(ElasticLoadBalancingV2Client elb, ResourceTags tags) {
        this.elb = elb;
        this.tags = tags;
    }

    @Override
    public String name() {
        return "elbv2";
    }

    @Override
    public BindingType type() {
        return BindingType.ELBV2_LISTENER;
    }

    @Override
    public List<DiscoveredBinding> listBindings() {
        try {
            List<LoadBalancer> loadBalancers = elb.describeLoadBalancersPaginator(request -> { })
                    .loadBalancers().stream().toList();
            if (loadBalancers.isEmpty()) {
                return List.of();
            }
            Map<String, Map<String, String>> tagsByArn = tags.of("elasticloadbalancing");
            List<DiscoveredBinding> bindings = new ArrayList<>();
            for (LoadBalancer loadBalancer : loadBalancers) {
                for (Listener listener : elb.describeListenersPaginator(request -> request
                        .loadBalancerArn(loadBalancer.loadBalancerArn())).listeners()) {
                    if (TLS_PROTOCOLS.contains(listener.protocolAsString())) {
                        bindings.addAll(bindingsOf(loadBalancer, listener,
                                tagsByArn.getOrDefault(loadBalancer.loadBalancerArn(), Map.of())));
                    }
                }
            }
            return bindings;
        } catch (SdkException failure) {
            throw AwsFailures.translate(failure);
        }
    }

    private static String scheme(LoadBalancer loadBalancer) {
        return loadBalancer.scheme() == null ? DiscoveredBinding.INTERNET_FACING : loadBalancer.schemeAsString();
    }

    private List<DiscoveredBinding> bindingsOf(LoadBalancer loadBalancer, Listener listener,
                                               Map<String, String> loadBalancerTags) {
        Map<String, Boolean> certificates = new LinkedHashMap<>();
        for (Certificate certificate : elb.describeListenerCertificatesPaginator(request -> request
                .listenerArn(listener.listenerArn())).certificates()) {
            certificates.merge(certificate.certificateArn(), Boolean.TRUE.equals(certificate.isDefault()),
                    Boolean::logicalOr);
        }
        // The listing's IsDefault is authoritative. Should it name no default, the listener's first certificate is
        // it (DescribeListeners shows only the default on AWS; moto lists every certificate there).
        if (!certificates.containsValue(Boolean.TRUE) && !listener.certificates().isEmpty()) {
            certificates.put(listener.certificates().getFirst().certificateArn(), true);
        }
        List<DiscoveredBinding> bindings = new ArrayList<>();
        certificates.forEach((arn, isDefault) -> bindings.add(new DiscoveredBinding(BindingType.ELBV2_LISTENER,
                listener.listenerArn(), arn, isDefault, loadBalancer.dnsName(), scheme(loadBalancer), listener.port(),
                listener.sslPolicy(), loadBalancerTags)));
        return bindings;
    }
}
