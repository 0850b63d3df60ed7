package io.certfleet.adapters.aws.elb;

import io.certfleet.adapters.aws.AwsFailures;
import io.certfleet.adapters.aws.tagging.ResourceTags;
import io.certfleet.core.discovery.BindingType;
import io.certfleet.core.discovery.DiscoveredBinding;
import io.certfleet.core.discovery.EndpointSource;
import io.certfleet.core.discovery.ScanScope;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.elasticloadbalancing.ElasticLoadBalancingClient;
import software.amazon.awssdk.services.elasticloadbalancing.model.Listener;
import software.amazon.awssdk.services.elasticloadbalancing.model.ListenerDescription;
import software.amazon.awssdk.services.elasticloadbalancing.model.LoadBalancerDescription;

/**
 * Classic Load Balancers: every HTTPS/SSL listener's certificate (ACM or IAM ARN), with the listener's policy
 * names (a Classic listener's TLS settings live in such a policy), the DNS name and the load balancer's tags.
 */
public final class ClassicElbEndpointSource implements EndpointSource {

    private static final Set<String> TLS_PROTOCOLS = Set.of("HTTPS", "SSL");

    private final ElasticLoadBalancingClient elb;
    private final ResourceTags tags;
    private final ScanScope scope;

    public ClassicElbEndpointSource(ElasticLoadBalancingClient elb, ResourceTags tags, ScanScope scope) {
        this.elb = elb;
        this.tags = tags;
        this.scope = scope;
    }

    @Override
    public String name() {
        return "elb";
    }

    @Override
    public BindingType type() {
        return BindingType.ELB_LISTENER;
    }

    @Override
    public List<DiscoveredBinding> listBindings() {
        try {
            List<LoadBalancerDescription> loadBalancers = elb.describeLoadBalancersPaginator(request -> { })
                    .loadBalancerDescriptions().stream().toList();
            if (loadBalancers.isEmpty()) {
                return List.of();
            }
            Map<String, Map<String, String>> tagsByArn = tags.of("elasticloadbalancing");
            List<DiscoveredBinding> bindings = new ArrayList<>();
            for (LoadBalancerDescription loadBalancer : loadBalancers) {
                Map<String, String> loadBalancerTags = tagsByArn.getOrDefault(arn(loadBalancer), Map.of());
                for (ListenerDescription description : loadBalancer.listenerDescriptions()) {
                    Listener listener = description.listener();
                    if (TLS_PROTOCOLS.contains(listener.protocol().toUpperCase(Locale.ROOT))
                            && listener.sslCertificateId() != null) {
                        String policy = description.policyNames().isEmpty() ? null
                                : String.join(",", description.policyNames());
                        bindings.add(new DiscoveredBinding(BindingType.ELB_LISTENER,
                                "loadbalancer/" + loadBalancer.loadBalancerName() + ":" + listener.loadBalancerPort(),
                                listener.sslCertificateId(), true, loadBalancer.dnsName(),
                                listener.loadBalancerPort(), policy, loadBalancerTags));
                    }
                }
            }
            return bindings;
        } catch (SdkException failure) {
            throw AwsFailures.translate(failure);
        }
    }

    private String arn(LoadBalancerDescription loadBalancer) {
        return "arn:aws:elasticloadbalancing:" + scope.region() + ":" + scope.accountId() + ":loadbalancer/"
                + loadBalancer.loadBalancerName();
    }
}
