package io.certfleet.adapters.aws.apigateway;

import io.certfleet.adapters.aws.AwsFailures;
import io.certfleet.core.discovery.BindingType;
import io.certfleet.core.discovery.DiscoveredBinding;
import io.certfleet.core.discovery.EndpointSource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.DomainName;
import software.amazon.awssdk.services.apigatewayv2.ApiGatewayV2Client;
import software.amazon.awssdk.services.apigatewayv2.model.DomainNameConfiguration;
import software.amazon.awssdk.services.apigatewayv2.model.GetDomainNamesResponse;

/**
 * API Gateway custom domain names of REST APIs ({@code apigateway}) and HTTP APIs ({@code apigatewayv2}): the edge
 * certificate (ACM us-east-1) and the regional one, the security policy, the AWS host name clients reach, and the
 * domain's tags (returned with the listing). A domain both APIs list is reported once.
 */
public final class ApiGatewayEndpointSource implements EndpointSource {

    private final ApiGatewayClient restApis;
    private final ApiGatewayV2Client httpApis;

    public ApiGatewayEndpointSource(ApiGatewayClient restApis, ApiGatewayV2Client httpApis) {
        this.restApis = restApis;
        this.httpApis = httpApis;
    }

    @Override
    public String name() {
        return "apigateway";
    }

    @Override
    public BindingType type() {
        return BindingType.APIGATEWAY_DOMAIN;
    }

    @Override
    public List<DiscoveredBinding> listBindings() {
        try {
            List<DiscoveredBinding> bindings = new ArrayList<>();
            Set<String> domains = new LinkedHashSet<>();
            for (DomainName domain : restApis.getDomainNamesPaginator(request -> { }).items()) {
                domains.add(domain.domainName());
                Map<String, String> tags = domain.tags();
                String scheme = domain.endpointConfiguration() != null
                        && domain.endpointConfiguration().typesAsStrings().contains("PRIVATE")
                        ? DiscoveredBinding.INTERNAL : DiscoveredBinding.INTERNET_FACING;
                add(bindings, domain.domainName(), domain.certificateArn(), domain.distributionDomainName(), scheme,
                        domain.securityPolicyAsString(), tags);
                add(bindings, domain.domainName(), domain.regionalCertificateArn(), domain.regionalDomainName(), scheme,
                        domain.securityPolicyAsString(), tags);
            }
            for (software.amazon.awssdk.services.apigatewayv2.model.DomainName domain : httpApiDomains()) {
                if (domains.add(domain.domainName())) {
                    for (DomainNameConfiguration configuration : domain.domainNameConfigurations()) {
                        add(bindings, domain.domainName(), configuration.certificateArn(),
                                configuration.apiGatewayDomainName(), DiscoveredBinding.INTERNET_FACING,
                                configuration.securityPolicyAsString(), domain.tags());
                    }
                }
            }
            return bindings;
        } catch (SdkException failure) {
            throw AwsFailures.translate(failure);
        }
    }

    /** HTTP API domains, page by page (the SDK has no paginator for this operation). */
    private List<software.amazon.awssdk.services.apigatewayv2.model.DomainName> httpApiDomains() {
        List<software.amazon.awssdk.services.apigatewayv2.model.DomainName> domains = new ArrayList<>();
        String nextToken = null;
        do {
            String token = nextToken;
            GetDomainNamesResponse page = httpApis.getDomainNames(request -> request.nextToken(token));
            domains.addAll(page.items());
            nextToken = page.nextToken();
        } while (nextToken != null && !nextToken.isEmpty());
        return domains;
    }

    private static void add(List<DiscoveredBinding> bindings, String domainName, String certificateArn,
                            String awsHostName, String scheme, String securityPolicy, Map<String, String> tags) {
        if (certificateArn != null && !certificateArn.isBlank()) {
            bindings.add(new DiscoveredBinding(BindingType.APIGATEWAY_DOMAIN, domainName, certificateArn, true,
                    awsHostName, scheme, 443, securityPolicy, tags == null ? Map.of() : tags));
        }
    }
}
