package io.certfleet.adapters.aws.rotation;

import io.certfleet.adapters.aws.ScopedClients;
import io.certfleet.adapters.aws.apigateway.ApiGatewayDomainSwitch;
import io.certfleet.adapters.aws.cloudfront.CloudFrontViewerSwitch;
import io.certfleet.adapters.aws.elb.ClassicElbListenerSwitch;
import io.certfleet.adapters.aws.elb.Elbv2ListenerSwitch;
import io.certfleet.core.rotation.swap.BindingSwitches;
import java.util.List;

/** The binding switches certfleet has in AWS, acting in each binding's account and region. */
public final class AwsBindingSwitches {

    private AwsBindingSwitches() {
    }

    public static BindingSwitches create(ScopedClients clients) {
        return new BindingSwitches(List.of(
                new Elbv2ListenerSwitch(scope -> clients.forScope(scope).elasticLoadBalancingV2()),
                new ClassicElbListenerSwitch(scope -> clients.forScope(scope).elasticLoadBalancing()),
                new CloudFrontViewerSwitch(scope -> clients.forScope(scope).cloudFront()),
                new ApiGatewayDomainSwitch(scope -> clients.forScope(scope).apiGateway(),
                        scope -> clients.forScope(scope).apiGatewayV2())));
    }
}
