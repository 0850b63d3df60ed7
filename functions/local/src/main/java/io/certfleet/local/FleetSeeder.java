package io.certfleet.local;

import io.certfleet.adapters.aws.AwsClients;
import io.certfleet.local.pki.IssuedCertificate;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.acm.model.Tag;
import software.amazon.awssdk.services.apigateway.model.EndpointType;
import software.amazon.awssdk.services.cloudfront.model.Aliases;
import software.amazon.awssdk.services.cloudfront.model.CookiePreference;
import software.amazon.awssdk.services.cloudfront.model.DefaultCacheBehavior;
import software.amazon.awssdk.services.cloudfront.model.DistributionConfig;
import software.amazon.awssdk.services.cloudfront.model.ForwardedValues;
import software.amazon.awssdk.services.cloudfront.model.Origin;
import software.amazon.awssdk.services.cloudfront.model.OriginProtocolPolicy;
import software.amazon.awssdk.services.cloudfront.model.Origins;
import software.amazon.awssdk.services.cloudfront.model.Tags;
import software.amazon.awssdk.services.cloudfront.model.TrustedSigners;
import software.amazon.awssdk.services.cloudfront.model.ViewerCertificate;
import software.amazon.awssdk.services.cloudfront.model.ViewerProtocolPolicy;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Certificate;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerNotFoundException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;
import software.amazon.awssdk.services.organizations.model.AlreadyInOrganizationException;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * Builds a fleet in an AWS emulator (moto): an Organization with tagged member accounts, and, in any account and
 * region, ACM and IAM certificates and the endpoints that serve them (ALBs with default and SNI certificates,
 * Classic ELBs, CloudFront distributions, API Gateway domains). Member accounts are entered through
 * {@code OrganizationAccountAccessRole}, as on AWS. Used by the demo, the integration tests and the benchmark;
 * never meant for a real AWS account.
 */
public final class FleetSeeder {

    private final AwsClients management;

    /** @param management clients of the organization's management account, pointed at the emulator */
    /** A private CA: its ARN and its certificate (PEM), the root its certificates chain to. */
    public record PrivateCa(String arn, String certificatePem) {
    }

    public FleetSeeder(AwsClients management) {
        this.management = Objects.requireNonNull(management, "management");
    }

    /** Creates the organization unless the management account already has one; returns its id. */
    public String ensureOrganization() {
        try {
            management.organizations().createOrganization(request -> request.featureSet("ALL"));
        } catch (AlreadyInOrganizationException existing) {
            // reuse it
        }
        return management.organizations().describeOrganization().organization().id();
    }

    /** The id of the organization's account with this name, if there is one. */
    public Optional<String> findAccount(String name) {
        return management.organizations().listAccountsPaginator().stream()
                .flatMap(page -> page.accounts().stream())
                .filter(account -> account.name().equals(name))
                .map(software.amazon.awssdk.services.organizations.model.Account::id)
                .findFirst();
    }

    /** The id of the member account with this name, created (with the tags) when there is none. */
    public String ensureAccount(String name, Map<String, String> tags) {
        Optional<String> existing = findAccount(name);
        if (existing.isPresent()) {
            return existing.get();
        }
        return management.organizations().createAccount(request -> request
                        .accountName(name)
                        .email(name.replaceAll("[^A-Za-z0-9]", "-") + "@certfleet.example")
                        .tags(tags.entrySet().stream().map(e -> software.amazon.awssdk.services.organizations.model.Tag
                                .builder().key(e.getKey()).value(e.getValue()).build()).toList()))
                .createAccountStatus().accountId();
    }

    /** A seeder for one account and region; the caller closes it. */
    public Account in(String accountId, Region region) {
        String callerAccount = management.sts().getCallerIdentity().account();
        AwsClients clients;
        if (accountId.equals(callerAccount)) {
            clients = management.derive(management.settings().withRegion(region));
        } else {
            Credentials session = management.sts().assumeRole(request -> request
                    .roleArn("arn:aws:iam::" + accountId + ":role/OrganizationAccountAccessRole")
                    .roleSessionName("certfleet-seed")).credentials();
            clients = management.derive(management.settings().withRegion(region).withCredentials(
                    StaticCredentialsProvider.create(AwsSessionCredentials.create(session.accessKeyId(),
                            session.secretAccessKey(), session.sessionToken()))));
        }
        return new Account(accountId, region, clients);
    }

    /** Seeds one account and region. */
    public static final class Account implements AutoCloseable {
        private final String accountId;
        private final Region region;
        private final AwsClients clients;

        private Account(String accountId, Region region, AwsClients clients) {
            this.accountId = accountId;
            this.region = region;
            this.clients = clients;
        }

        public String accountId() {
            return accountId;
        }

        public AwsClients clients() {
            return clients;
        }

        /** Imports into ACM; returns the ARN. */
        public String importCertificate(IssuedCertificate certificate, Map<String, String> tags) {
            return clients.acm().importCertificate(request -> request
                            .certificate(bytes(certificate.certificatePem()))
                            .privateKey(bytes(certificate.privateKeyPem()))
                            .certificateChain(certificate.chainPem() == null ? null : bytes(certificate.chainPem()))
                            .tags(tags.isEmpty() ? null : tags.entrySet().stream()
                                    .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList()))
                    .certificateArn();
        }

        /** An AWS Private CA (a root, RSA 2048) made ACTIVE with its own self-signed certificate. */
        public PrivateCa privateCertificateAuthority(String commonName) {
            var pca = clients.acmPca();
            String arn = pca.createCertificateAuthority(request -> request
                    .certificateAuthorityType(software.amazon.awssdk.services.acmpca.model.CertificateAuthorityType.ROOT)
                    .certificateAuthorityConfiguration(configuration -> configuration
                            .keyAlgorithm(software.amazon.awssdk.services.acmpca.model.KeyAlgorithm.RSA_2048)
                            .signingAlgorithm(software.amazon.awssdk.services.acmpca.model.SigningAlgorithm
                                    .SHA256_WITHRSA)
                            .subject(subject -> subject.commonName(commonName))))
                    .certificateAuthorityArn();
            String csr = pca.getCertificateAuthorityCsr(request -> request.certificateAuthorityArn(arn)).csr();
            String issued = pca.issueCertificate(request -> request.certificateAuthorityArn(arn)
                    .csr(bytes(csr)).signingAlgorithm(software.amazon.awssdk.services.acmpca.model.SigningAlgorithm
                            .SHA256_WITHRSA)
                    .templateArn("arn:aws:acm-pca:::template/RootCACertificate/V1")
                    .validity(validity -> validity.type("YEARS").value(10L))).certificateArn();
            String certificate = pca.getCertificate(request -> request.certificateAuthorityArn(arn)
                    .certificateArn(issued)).certificate();
            pca.importCertificateAuthorityCertificate(request -> request.certificateAuthorityArn(arn)
                    .certificate(bytes(certificate)));
            return new PrivateCa(arn, certificate);
        }

        /** Re-imports into an existing ACM ARN (a renewal of an imported certificate). */
        public void reimportCertificate(String arn, IssuedCertificate certificate) {
            clients.acm().importCertificate(request -> request
                    .certificateArn(arn)
                    .certificate(bytes(certificate.certificatePem()))
                    .privateKey(bytes(certificate.privateKeyPem()))
                    .certificateChain(certificate.chainPem() == null ? null : bytes(certificate.chainPem())));
        }

        /** Uploads an IAM server certificate unless one has this name; returns its ARN. */
        public String uploadServerCertificate(String name, IssuedCertificate certificate, Map<String, String> tags) {
            try {
                return clients.iam().getServerCertificate(request -> request.serverCertificateName(name))
                        .serverCertificate().serverCertificateMetadata().arn();
            } catch (software.amazon.awssdk.services.iam.model.NoSuchEntityException absent) {
                return clients.iam().uploadServerCertificate(request -> request
                                .serverCertificateName(name)
                                .certificateBody(certificate.certificatePem())
                                .privateKey(certificate.privateKeyPem())
                                .certificateChain(certificate.chainPem())
                                .tags(tags.entrySet().stream().map(e -> software.amazon.awssdk.services.iam.model.Tag
                                        .builder().key(e.getKey()).value(e.getValue()).build()).toList()))
                        .serverCertificateMetadata().arn();
            }
        }

        /**
         * An internet-facing ALB (created unless one has this name) with an HTTPS listener on {@code port} serving
         * {@code defaultCertificate} and the SNI certificates; returns the listener ARN.
         */
        public String httpsLoadBalancer(String name, Map<String, String> tags, int port, String sslPolicy,
                                        String defaultCertificate, List<String> sniCertificates) {
            LoadBalancer loadBalancer = loadBalancer(name, tags);
            String listenerArn = clients.elasticLoadBalancingV2().createListener(request -> request
                            .loadBalancerArn(loadBalancer.loadBalancerArn())
                            .protocol(ProtocolEnum.HTTPS)
                            .port(port)
                            .sslPolicy(sslPolicy)
                            .certificates(Certificate.builder().certificateArn(defaultCertificate).build())
                            .defaultActions(Action.builder().type(ActionTypeEnum.FIXED_RESPONSE)
                                    .fixedResponseConfig(c -> c.statusCode("200").contentType("text/plain"))
                                    .build()))
                    .listeners().getFirst().listenerArn();
            if (!sniCertificates.isEmpty()) {
                clients.elasticLoadBalancingV2().addListenerCertificates(request -> request
                        .listenerArn(listenerArn)
                        .certificates(sniCertificates.stream()
                                .map(arn -> Certificate.builder().certificateArn(arn).build()).toList()));
            }
            return listenerArn;
        }

        private LoadBalancer loadBalancer(String name, Map<String, String> tags) {
            try {
                return clients.elasticLoadBalancingV2().describeLoadBalancers(request -> request.names(name))
                        .loadBalancers().getFirst();
            } catch (LoadBalancerNotFoundException absent) {
                List<String> subnets = EmulatorSubnets.of(clients).stream().limit(2).toList();
                return clients.elasticLoadBalancingV2().createLoadBalancer(request -> request
                                .name(name)
                                .subnets(subnets)
                                .tags(tags.entrySet().stream().map(e -> software.amazon.awssdk.services
                                        .elasticloadbalancingv2.model.Tag.builder().key(e.getKey())
                                        .value(e.getValue()).build()).toList()))
                        .loadBalancers().getFirst();
            }
        }

        /** A Classic Load Balancer with an HTTPS listener on {@code port} (created unless the name exists). */
        public void classicLoadBalancer(String name, Map<String, String> tags, int port, String certificateArn) {
            boolean exists = clients.elasticLoadBalancing().describeLoadBalancers().loadBalancerDescriptions()
                    .stream().anyMatch(lb -> lb.loadBalancerName().equals(name));
            if (exists) {
                return;
            }
            clients.elasticLoadBalancing().createLoadBalancer(request -> request
                    .loadBalancerName(name)
                    .availabilityZones(region.id() + "a")
                    .listeners(listener -> listener.protocol("HTTPS").loadBalancerPort(port)
                            .instanceProtocol("HTTP").instancePort(8080).sslCertificateId(certificateArn))
                    .tags(tags.entrySet().stream().map(e -> software.amazon.awssdk.services.elasticloadbalancing
                            .model.Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList()));
        }

        /** A CloudFront distribution for {@code alias} with an ACM viewer certificate; returns its id. */
        public String distribution(String alias, String acmCertificateArn, Map<String, String> tags) {
            DistributionConfig config = DistributionConfig.builder()
                    .callerReference(alias + "-" + UUID.randomUUID())
                    .aliases(Aliases.builder().quantity(1).items(alias).build())
                    .origins(Origins.builder().quantity(1).items(Origin.builder().id("origin")
                            .domainName("origin.certfleet.example")
                            .customOriginConfig(c -> c.httpPort(80).httpsPort(443)
                                    .originProtocolPolicy(OriginProtocolPolicy.HTTPS_ONLY)).build()).build())
                    .defaultCacheBehavior(DefaultCacheBehavior.builder().targetOriginId("origin")
                            .viewerProtocolPolicy(ViewerProtocolPolicy.REDIRECT_TO_HTTPS).minTTL(0L)
                            .forwardedValues(ForwardedValues.builder().queryString(false)
                                    .cookies(CookiePreference.builder().forward("none").build()).build())
                            .trustedSigners(TrustedSigners.builder().enabled(false).quantity(0).build()).build())
                    .comment("certfleet demo")
                    .enabled(true)
                    .viewerCertificate(ViewerCertificate.builder().acmCertificateArn(acmCertificateArn)
                            .sslSupportMethod("sni-only").minimumProtocolVersion("TLSv1.2_2021").build())
                    .build();
            return clients.cloudFront().createDistributionWithTags(request -> request
                            .distributionConfigWithTags(c -> c.distributionConfig(config).tags(Tags.builder()
                                    .items(tags.entrySet().stream().map(e -> software.amazon.awssdk.services.cloudfront
                                            .model.Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList())
                                    .build())))
                    .distribution().id();
        }

        /** A regional REST API custom domain (created unless it exists). */
        public void restApiDomain(String domainName, String certificateArn, Map<String, String> tags) {
            boolean exists = clients.apiGateway().getDomainNames().items().stream()
                    .anyMatch(domain -> domain.domainName().equals(domainName));
            if (!exists) {
                clients.apiGateway().createDomainName(request -> request
                        .domainName(domainName)
                        .regionalCertificateArn(certificateArn)
                        .endpointConfiguration(c -> c.types(EndpointType.REGIONAL))
                        .securityPolicy("TLS_1_2")
                        .tags(tags));
            }
        }

        /** A regional HTTP API custom domain (created unless it exists). */
        public void httpApiDomain(String domainName, String certificateArn, Map<String, String> tags) {
            boolean exists = clients.apiGatewayV2().getDomainNames(request -> { }).items().stream()
                    .anyMatch(domain -> domain.domainName().equals(domainName));
            if (!exists) {
                clients.apiGatewayV2().createDomainName(request -> request
                        .domainName(domainName)
                        .domainNameConfigurations(c -> c.certificateArn(certificateArn).endpointType("REGIONAL")
                                .securityPolicy("TLS_1_2"))
                        .tags(tags));
            }
        }

        private static SdkBytes bytes(String pem) {
            return SdkBytes.fromString(pem, StandardCharsets.US_ASCII);
        }

        @Override
        public void close() {
            clients.close();
        }
    }
}
