package io.certfleet.adapters.aws.apigateway;

import io.certfleet.adapters.aws.AwsFailures;
import io.certfleet.core.discovery.BindingType;
import io.certfleet.core.discovery.ScanScope;
import io.certfleet.core.rotation.swap.BindingSwitch;
import io.certfleet.core.rotation.swap.ServedState;
import io.certfleet.core.rotation.swap.SwapException;
import io.certfleet.core.rotation.swap.SwapTarget;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.Op;
import software.amazon.awssdk.services.apigatewayv2.ApiGatewayV2Client;
import software.amazon.awssdk.services.apigatewayv2.model.DomainNameConfiguration;

/**
 * An API Gateway custom domain's certificate ({@code UpdateDomainName}). A REST API domain (API Gateway v1) holds
 * it in {@code regionalCertificateArn} (regional endpoint) or {@code certificateArn} (edge-optimized), replaced with
 * a JSON Patch operation on that path only; an HTTP API domain (v2) in each of its {@code DomainNameConfigurations},
 * sent back whole with only the configuration that held the old certificate changed. A domain name is in one of the
 * two APIs (discovery lists the REST one first).
 */
public final class ApiGatewayDomainSwitch implements BindingSwitch {

    private static final String REGIONAL = "/regionalCertificateArn";
    private static final String EDGE = "/certificateArn";

    private final Function<ScanScope, ApiGatewayClient> restApis;
    private final Function<ScanScope, ApiGatewayV2Client> httpApis;

    public ApiGatewayDomainSwitch(Function<ScanScope, ApiGatewayClient> restApis,
                                  Function<ScanScope, ApiGatewayV2Client> httpApis) {
        this.restApis = restApis;
        this.httpApis = httpApis;
    }

    @Override
    public BindingType type() {
        return BindingType.APIGATEWAY_DOMAIN;
    }

    @Override
    public ServedState read(SwapTarget target) {
        try {
            Optional<RestDomain> rest = restDomain(target);
            if (rest.isPresent()) {
                return ServedState.of(restField(rest.get(), target.certificateArn()).equals(REGIONAL)
                        ? rest.get().regionalCertificateArn() : rest.get().certificateArn());
            }
            List<DomainNameConfiguration> configurations = httpDomain(target);
            return ServedState.of(configurations.stream().map(DomainNameConfiguration::certificateArn)
                    .filter(target.certificateArn()::equals).findFirst()
                    .orElse(configurations.isEmpty() ? "" : configurations.getFirst().certificateArn()));
        } catch (SdkException failure) {
            throw AwsFailures.swapFailure("cannot read " + target.describe(), failure);
        }
    }

    @Override
    public ServedState swap(SwapTarget target, String replacementArn) {
        return set(target, target.certificateArn(), replacementArn);
    }

    @Override
    public ServedState restore(SwapTarget target, String replacementArn, ServedState before) {
        return set(target, replacementArn, before.certificate());
    }

    /** Puts {@code to} where {@code from} is served (nothing to do when {@code to} is there already). */
    private ServedState set(SwapTarget target, String from, String to) {
        try {
            Optional<RestDomain> rest = restDomain(target);
            if (rest.isPresent()) {
                String path = restField(rest.get(), from);
                String now = path.equals(REGIONAL) ? rest.get().regionalCertificateArn() : rest.get().certificateArn();
                if (!to.equals(now)) {
                    restApis.apply(target.scope()).updateDomainName(request -> request.domainName(target.resourceId())
                            .patchOperations(patch -> patch.op(Op.REPLACE).path(path).value(to)));
                }
                return readAfter(target, to);
            }
            List<DomainNameConfiguration> configurations = httpDomain(target);
            // Sent back whole (UpdateDomainName replaces the list), with only the input fields of each.
            if (configurations.stream().anyMatch(configuration -> to.equals(configuration.certificateArn()))) {
                return readAfter(target, to);
            }
            List<DomainNameConfiguration> changed = configurations.stream().map(configuration -> DomainNameConfiguration
                    .builder().certificateArn(from.equals(configuration.certificateArn()) ? to
                            : configuration.certificateArn())
                    .endpointType(configuration.endpointType()).securityPolicy(configuration.securityPolicy())
                    .ownershipVerificationCertificateArn(configuration.ownershipVerificationCertificateArn())
                    .build()).toList();
            if (configurations.stream().noneMatch(configuration -> from.equals(configuration.certificateArn()))) {
                throw new SwapException(target.describe() + " serves neither " + from + " nor " + to);
            }
            httpApis.apply(target.scope()).updateDomainName(request -> request.domainName(target.resourceId())
                    .domainNameConfigurations(changed));
            return readAfter(target, to);
        } catch (SdkException failure) {
            throw AwsFailures.swapFailure("cannot set the certificate of " + target.describe(), failure);
        }
    }

    /** What the domain serves after a change to {@code expected} (read where it was put). */
    private ServedState readAfter(SwapTarget target, String expected) {
        SwapTarget there = new SwapTarget(target.type(), target.scope(), target.resourceId(), target.isDefault(),
                expected);
        return read(there);
    }

    /** A REST API domain's two certificate fields (edge-optimized, regional). */
    private record RestDomain(String certificateArn, String regionalCertificateArn) {
    }

    /** The REST domain of that name, if it is one (an HTTP API domain is not found there). */
    private Optional<RestDomain> restDomain(SwapTarget target) {
        try {
            var domain = restApis.apply(target.scope()).getDomainName(request -> request
                    .domainName(target.resourceId()));
            return Optional.of(new RestDomain(domain.certificateArn(), domain.regionalCertificateArn()));
        } catch (software.amazon.awssdk.services.apigateway.model.NotFoundException notRest) {
            return Optional.empty();
        }
    }

    private List<DomainNameConfiguration> httpDomain(SwapTarget target) {
        try {
            return httpApis.apply(target.scope()).getDomainName(request -> request.domainName(target.resourceId()))
                    .domainNameConfigurations();
        } catch (software.amazon.awssdk.services.apigatewayv2.model.NotFoundException missing) {
            throw new SwapException(target.describe() + ": no such custom domain name (REST or HTTP API)");
        }
    }

    /** Which field of a REST domain holds {@code arn}: the regional one unless only the edge one does. */
    private static String restField(RestDomain domain, String arn) {
        if (arn.equals(domain.certificateArn()) && !arn.equals(domain.regionalCertificateArn())) {
            return EDGE;
        }
        return domain.regionalCertificateArn() != null || domain.certificateArn() == null ? REGIONAL : EDGE;
    }
}
