package io.certfleet.adapters.aws.elb;

import io.certfleet.adapters.aws.AwsFailures;
import io.certfleet.core.discovery.BindingType;
import io.certfleet.core.discovery.DiscoveredBinding;
import io.certfleet.core.discovery.EndpointSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.elasticloadbalancing.ElasticLoadBalancingClient;
import software.amazon.awssdk.services.elasticloadbalancing.model.Listener;
import software.amazon.awssdk.services.elasticloadbalancing.model.ListenerDescription;
import software.amazon.awssdk.services.elasticloadbalancing.model.LoadBalancerDescription;
import software.amazon.awssdk.services.elasticloadbalancing.model.TagDescription;

/**
 * Classic Load Balancers: every HTTPS/SSL listener's certificate (ACM or IAM ARN), with the listener's policy
 * names (a Classic listener's TLS settings live in such a policy), the DNS name and the load balancer's tags
 * (Classic ELB's own {@code DescribeTags}: the tagging API leaves Classic load balancers out on some emulators).
 */
public final class ClassicElbEndpointSource implements EndpointSource {

    private static final Set<String> TLS_PROTOCOLS = Set.of("HTTPS", "SSL");
    private static final int TAG_BATCH = 20;

    private final ElasticLoadBalancingClient elb;

    public ClassicElbEndpointSource(ElasticLoadBalancingClient elb) {
        this.elb = elb;
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
            Map<String, Map<String, String>> tagsByName = tags(loadBalancers);
            List<DiscoveredBinding> bindings = new ArrayList<>();
            for (LoadBalancerDescription loadBalancer : loadBalancers) {
                Map<String, String> loadBalancerTags =
                        tagsByName.getOrDefault(loadBalancer.loadBalancerName(), Map.of());
                for (ListenerDescription description : loadBalancer.listenerDescriptions()) {
                    Listener listener = description.listener();
                    if (TLS_PROTOCOLS.contains(listener.protocol().toUpperCase(Locale.ROOT))
                            && listener.sslCertificateId() != null) {
                        String policy = description.policyNames().isEmpty() ? null
                                : String.join(",", description.policyNames());
                        bindings.add(new DiscoveredBinding(BindingType.ELB_LISTENER,
                                "loadbalancer/" + loadBalancer.loadBalancerName() + ":" + listener.loadBalancerPort(),
                                listener.sslCertificateId(), true, loadBalancer.dnsName(),
                                loadBalancer.scheme() == null ? DiscoveredBinding.INTERNET_FACING
                                        : loadBalancer.scheme(),
                                listener.loadBalancerPort(), policy, loadBalancerTags));
                    }
                }
            }
            return bindings;
        } catch (SdkException failure) {
            throw AwsFailures.translate(failure);
        }
    }

    /** Tags by load balancer name, {@value #TAG_BATCH} names a call (Classic ELB's own DescribeTags limit). */
    private Map<String, Map<String, String>> tags(List<LoadBalancerDescription> loadBalancers) {
        Map<String, Map<String, String>> tagsByName = new HashMap<>();
        List<String> names = loadBalancers.stream().map(LoadBalancerDescription::loadBalancerName).toList();
        for (int from = 0; from < names.size(); from += TAG_BATCH) {
            List<String> batch = names.subList(from, Math.min(names.size(), from + TAG_BATCH));
            for (TagDescription description : elb.describeTags(request -> request.loadBalancerNames(batch))
                    .tagDescriptions()) {
                Map<String, String> tags = new HashMap<>();
                description.tags().forEach(tag -> tags.put(tag.key(), tag.value()));
                tagsByName.put(description.loadBalancerName(), tags);
            }
        }
        return tagsByName;
    }
}
