package io.certfleet.adapters.aws.elb;

import io.certfleet.adapters.aws.AwsFailures;
import io.certfleet.core.discovery.BindingType;
import io.certfleet.core.discovery.ScanScope;
import io.certfleet.core.rotation.swap.BindingSwitch;
import io.certfleet.core.rotation.swap.ServedState;
import io.certfleet.core.rotation.swap.SwapTarget;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Certificate;

/**
 * ELBv2 listener certificates. A default is changed with {@code ModifyListener}, after which the SNI list is read
 * back and every certificate it lost is added again (moto drops the list on {@code ModifyListener}; AWS keeps it,
 * and certfleet does not rely on either). An SNI certificate is changed by adding the replacement first and then
 * removing the old one, so that some certificate answers for the name at every moment.
 */
public final class Elbv2ListenerSwitch implements BindingSwitch {

    private final Function<ScanScope, ElasticLoadBalancingV2Client> clients;

    public Elbv2ListenerSwitch(Function<ScanScope, ElasticLoadBalancingV2Client> clients) {
        this.clients = clients;
    }

    @Override
    public BindingType type() {
        return BindingType.ELBV2_LISTENER;
    }

    /** The listener's default ({@code certificate}) and its SNI certificates. */
    @Override
    public ServedState read(SwapTarget target) {
        ElasticLoadBalancingV2Client elb = clients.apply(target.scope());
        try {
            String defaultArn = null;
            List<String> sni = new ArrayList<>();
            for (Certificate certificate : elb.describeListenerCertificatesPaginator(request -> request
                    .listenerArn(target.resourceId())).certificates()) {
                if (Boolean.TRUE.equals(certificate.isDefault())) {
                    defaultArn = certificate.certificateArn();
                } else if (!sni.contains(certificate.certificateArn())) {
                    sni.add(certificate.certificateArn());
                }
            }
            if (defaultArn == null) {
                defaultArn = elb.describeListeners(request -> request.listenerArns(target.resourceId())).listeners()
                        .getFirst().certificates().getFirst().certificateArn();
            }
            return new ServedState(defaultArn, sni);
        } catch (SdkException failure) {
            throw AwsFailures.swapFailure("cannot read the certificates of " + target.describe(), failure);
        }
    }

    @Override
    public ServedState swap(SwapTarget target, String replacementArn) {
        return target.isDefault() ? setDefault(target, replacementArn)
                : replaceSni(target, target.certificateArn(), replacementArn, true);
    }

    @Override
    public ServedState restore(SwapTarget target, String replacementArn, ServedState before) {
        if (target.isDefault()) {
            return setDefault(target, target.certificateArn());
        }
        // The replacement goes only if this rotation added it: one the listener already had stays.
        return replaceSni(target, replacementArn, target.certificateArn(),
                !before.sniCertificates().contains(replacementArn));
    }

    private ServedState setDefault(SwapTarget target, String certificateArn) {
        ServedState now = read(target);
        if (now.certificate().equals(certificateArn)) {
            return now; // done already (a retried step)
        }
        ElasticLoadBalancingV2Client elb = clients.apply(target.scope());
        try {
            elb.modifyListener(request -> request.listenerArn(target.resourceId())
                    .certificates(Certificate.builder().certificateArn(certificateArn).build()));
            ServedState after = read(target);
            List<String> lost = now.sniCertificates().stream()
                    .filter(arn -> !after.sniCertificates().contains(arn) && !arn.equals(certificateArn)).toList();
            if (lost.isEmpty()) {
                return after;
            }
            elb.addListenerCertificates(request -> request.listenerArn(target.resourceId())
                    .certificates(lost.stream().map(arn -> Certificate.builder().certificateArn(arn).build())
                            .toList()));
        } catch (SdkException failure) {
            throw AwsFailures.swapFailure("cannot set the default certificate of " + target.describe(), failure);
        }
        return read(target);
    }

    private ServedState replaceSni(SwapTarget target, String out, String in, boolean removeOut) {
        ElasticLoadBalancingV2Client elb = clients.apply(target.scope());
        ServedState now = read(target);
        try {
            if (!now.sniCertificates().contains(in) && !now.certificate().equals(in)) {
                elb.addListenerCertificates(request -> request.listenerArn(target.resourceId())
                        .certificates(Certificate.builder().certificateArn(in).build()));
            }
            if (removeOut && now.sniCertificates().contains(out) && !now.certificate().equals(out)) {
                elb.removeListenerCertificates(request -> request.listenerArn(target.resourceId())
                        .certificates(Certificate.builder().certificateArn(out).build()));
            }
        } catch (SdkException failure) {
            throw AwsFailures.swapFailure("cannot change the SNI certificates of " + target.describe(), failure);
        }
        return read(target);
    }
}
