package io.certfleet.adapters.aws.elb;

import io.certfleet.adapters.aws.AwsFailures;
import io.certfleet.core.discovery.BindingType;
import io.certfleet.core.discovery.ScanScope;
import io.certfleet.core.rotation.swap.BindingSwitch;
import io.certfleet.core.rotation.swap.ServedState;
import io.certfleet.core.rotation.swap.SwapException;
import io.certfleet.core.rotation.swap.SwapTarget;
import java.util.function.Function;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.elasticloadbalancing.ElasticLoadBalancingClient;
import software.amazon.awssdk.services.elasticloadbalancing.model.ListenerDescription;

/** A Classic ELB listener's one certificate: {@code SetLoadBalancerListenerSSLCertificate}. */
public final class ClassicElbListenerSwitch implements BindingSwitch {

    private final Function<ScanScope, ElasticLoadBalancingClient> clients;

    public ClassicElbListenerSwitch(Function<ScanScope, ElasticLoadBalancingClient> clients) {
        this.clients = clients;
    }

    @Override
    public BindingType type() {
        return BindingType.ELB_LISTENER;
    }

    /** {@code loadbalancer/NAME:PORT}, as discovery records a Classic listener. */
    record Listener(String loadBalancerName, int port) {
        static Listener of(SwapTarget target) {
            String id = target.resourceId();
            int colon = id.lastIndexOf(':');
            if (!id.startsWith("loadbalancer/") || colon < 0) {
                throw new SwapException("not a Classic ELB listener id: " + id + " (loadbalancer/NAME:PORT)");
            }
            try {
                return new Listener(id.substring("loadbalancer/".length(), colon),
                        Integer.parseInt(id.substring(colon + 1)));
            } catch (NumberFormatException e) {
                throw new SwapException("not a Classic ELB listener id: " + id + " (loadbalancer/NAME:PORT)");
            }
        }
    }

    @Override
    public ServedState read(SwapTarget target) {
        Listener listener = Listener.of(target);
        try {
            return clients.apply(target.scope()).describeLoadBalancers(request -> request
                            .loadBalancerNames(listener.loadBalancerName())).loadBalancerDescriptions().stream()
                    .flatMap(description -> description.listenerDescriptions().stream())
                    .map(ListenerDescription::listener)
                    .filter(candidate -> candidate.loadBalancerPort() == listener.port())
                    .findFirst()
                    .map(found -> ServedState.of(found.sslCertificateId()))
                    .orElseThrow(() -> new SwapException(target.describe() + ": the load balancer has no listener "
                            + "on port " + listener.port()));
        } catch (SdkException failure) {
            throw AwsFailures.swapFailure("cannot read " + target.describe(), failure);
        }
    }

    @Override
    public ServedState swap(SwapTarget target, String replacementArn) {
        return set(target, replacementArn);
    }

    @Override
    public ServedState restore(SwapTarget target, String replacementArn, ServedState before) {
        return set(target, before.certificate());
    }

    private ServedState set(SwapTarget target, String certificateArn) {
        if (read(target).certificate().equals(certificateArn)) {
            return ServedState.of(certificateArn);
        }
        Listener listener = Listener.of(target);
        try {
            clients.apply(target.scope()).setLoadBalancerListenerSSLCertificate(request -> request
                    .loadBalancerName(listener.loadBalancerName()).loadBalancerPort(listener.port())
                    .sslCertificateId(certificateArn));
        } catch (SdkException failure) {
            throw AwsFailures.swapFailure("cannot set the certificate of " + target.describe(), failure);
        }
        return read(target);
    }
}
