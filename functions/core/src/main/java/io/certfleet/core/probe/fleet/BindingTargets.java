package io.certfleet.core.probe.fleet;

import io.certfleet.core.discovery.BindingType;
import io.certfleet.core.discovery.DiscoveredBinding;
import io.certfleet.core.inventory.BindingRecord;
import io.certfleet.core.inventory.InventoryRecord;
import io.certfleet.core.probe.ProbeTarget;
import java.util.List;
import java.util.Optional;

/**
 * Turns an inventory binding into a probe target: the AWS host name clients connect to, the port (443 for
 * CloudFront and API Gateway), and a server name the certificate covers, so that the endpoint selects this
 * certificate and the served leaf can be checked against the inventory's fingerprint.
 *
 * <ul>
 *   <li>API Gateway: the custom domain name is the SNI name;</li>
 *   <li>load balancers and CloudFront: the certificate's first exact DNS name; for a wildcard
 *       {@code *.example.com}, {@code certfleet-probe.example.com} (load balancers only: CloudFront answers only
 *       for its configured aliases, which its list API does not return);</li>
 *   <li>internal load balancers are skipped unless the prober runs where it can reach them.</li>
 * </ul>
 */
public final class BindingTargets {

    /** The label put in front of a wildcard's domain to make a name the wildcard covers. */
    public static final String WILDCARD_LABEL = "certfleet-probe";
    private static final int HTTPS = 443;

    private final boolean reachesInternalEndpoints;

    public BindingTargets(boolean reachesInternalEndpoints) {
        this.reachesInternalEndpoints = reachesInternalEndpoints;
    }

    public PlannedProbe plan(BindingRecord binding, Optional<InventoryRecord> record) {
        String environment = record.map(r -> r.ownership().environment()).orElse("");
        if (binding.dnsName() == null || binding.dnsName().isBlank()) {
            return PlannedProbe.skip(binding, environment, "no DNS name recorded for this endpoint");
        }
        if (DiscoveredBinding.INTERNAL.equals(binding.scheme()) && !reachesInternalEndpoints) {
            return PlannedProbe.skip(binding, environment, "internal endpoint: the prober is outside its network "
                    + "(deploy the prober into the VPC to probe it)");
        }
        Optional<String> sni = serverName(binding, record);
        if (sni.isEmpty()) {
            return PlannedProbe.skip(binding, environment, record.isEmpty() || !record.get().isReadable()
                    ? "the certificate is not in the inventory (or unreadable): no server name to ask for"
                    : "the certificate names only wildcards, and CloudFront answers only for its own aliases");
        }
        int port = binding.port() != null ? binding.port() : HTTPS;
        String host = binding.dnsName().endsWith(".") ? binding.dnsName().substring(0, binding.dnsName().length() - 1)
                : binding.dnsName();
        ProbeTarget target;
        try {
            target = new ProbeTarget(host, port, sni);
        } catch (IllegalArgumentException e) {
            return PlannedProbe.skip(binding, environment, "not a probe target: " + e.getMessage());
        }
        Optional<String> expected = record.filter(InventoryRecord::isReadable).map(r -> r.facts().sha256());
        return PlannedProbe.probe(binding, target, expected, environment);
    }

    private static Optional<String> serverName(BindingRecord binding, Optional<InventoryRecord> record) {
        if (binding.type() == BindingType.APIGATEWAY_DOMAIN) {
            return Optional.of(binding.resourceId());
        }
        List<String> names = record.filter(InventoryRecord::isReadable).map(r -> r.facts().sans()).orElse(List.of())
                .stream().filter(name -> !isIpAddress(name)).toList();
        Optional<String> exact = names.stream().filter(name -> !name.startsWith("*.")).findFirst();
        if (exact.isPresent() || binding.type() == BindingType.CLOUDFRONT) {
            return exact;
        }
        return names.stream().filter(name -> name.startsWith("*.")).findFirst()
                .map(wildcard -> WILDCARD_LABEL + wildcard.substring(1));
    }

    private static boolean isIpAddress(String name) {
        return name.contains(":") || name.matches("\\d{1,3}(\\.\\d{1,3}){3}");
    }
}
