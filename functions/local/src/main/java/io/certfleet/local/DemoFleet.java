package io.certfleet.local;

import io.certfleet.adapters.aws.acm.AcmCertificateStore;
import io.certfleet.core.discovery.BindingType;
import io.certfleet.local.pki.CertificateBuilder;
import io.certfleet.local.pki.IssuedCertificate;
import io.certfleet.local.pki.KeyType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.acm.AcmClient;
import software.amazon.awssdk.services.acm.model.Filters;
import software.amazon.awssdk.services.cloudfront.model.DistributionSummary;

/**
 * The demo's fleet: an Organization with three member accounts tagged differently (so that every rule of the
 * ownership chain shows), two regions, RSA and EC certificates from a private CA at various distances from
 * expiry, and every kind of endpoint: an ALB with a default and an SNI certificate, Classic ELBs (one serving an
 * IAM server certificate), a CloudFront distribution and an API Gateway domain, and a staging load balancer the
 * demo's drill breaks on purpose. Everything it makes is named
 * {@code demo-*} or tagged {@value #DEMO_TAG}, so that a later run can remove it first from a shared emulator.
 */
public final class DemoFleet {

    public static final String DEMO_TAG = "certfleet:demo";
    /** Which demo host an ACM certificate is for: a re-run re-imports into the same ARN. */
    static final String HOST_TAG = "certfleet:demo-host";
    public static final List<Region> REGIONS = List.of(Region.US_EAST_1, Region.EU_WEST_1);
    static final String PAYMENTS = "demo-payments";
    static final String WEB = "demo-web";
    static final String SANDBOX = "demo-sandbox";
    private static final String DOMAIN = ".demo.certfleet.test";
    private static final String TLS13_POLICY = "ELBSecurityPolicy-TLS13-1-2-2021-06";

    /**
     * What seeding made; {@code certificates} by host name (keys included, in memory only: the demo's local TLS
     * endpoints serve them), and the private root that issued them.
     */
    public record Seeded(int accounts, int certificateCount, int endpoints, IssuedCertificate root,
                         IssuedCertificate issuingCa, Map<String, IssuedCertificate> certificates,
                         Map<String, Placement> placements) {
        public Seeded {
            certificates = Map.copyOf(certificates);
            placements = Map.copyOf(placements);
        }

        public Placement placement(String host) {
            return Objects.requireNonNull(placements.get(host), () -> "the demo has no endpoint for " + host);
        }

        public IssuedCertificate certificate(String host) {
            return Objects.requireNonNull(certificates.get(host), () -> "the demo has no certificate for " + host);
        }
    }

    /**
     * Where a demo host's endpoint lives: the resource (as discovery names it), its account and region (CloudFront:
     * us-east-1), and the ARN of the certificate it serves.
     */
    public record Placement(BindingType type, String resourceId, String accountId, Region region,
                            String certificateArn) {
    }

    public static String name(String host) {
        return host + DOMAIN;
    }

    private final FleetSeeder seeder;
    private final Clock clock;
    private final Map<String, IssuedCertificate> issued = new LinkedHashMap<>();
    private final Map<FleetSeeder.Account, Map<String, String>> hostArns = new HashMap<>();
    private final Map<String, Placement> placements = new LinkedHashMap<>();

    public DemoFleet(FleetSeeder seeder, Clock clock) {
        this.seeder = Objects.requireNonNull(seeder, "seeder");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Deletes what an earlier demo run made in the demo accounts; returns how many resources. */
    public int removePreviousSeed() {
        seeder.ensureOrganization();
        int removed = 0;
        for (String name : List.of(PAYMENTS, WEB, SANDBOX)) {
            Optional<String> existing = seeder.findAccount(name);
            if (existing.isEmpty()) {
                continue;
            }
            String account = existing.get();
            for (Region region : REGIONS) {
                try (FleetSeeder.Account seed = seeder.in(account, region)) {
                    removed += removeRegional(seed);
                    if (region.equals(Region.US_EAST_1)) {
                        removed += removeGlobal(seed);
                    }
                }
            }
        }
        return removed;
    }

    public Seeded seed() {
        seeder.ensureOrganization();
        String payments = seeder.ensureAccount(PAYMENTS, Map.of("owner", "payments-team", "environment", "prod"));
        String web = seeder.ensureAccount(WEB, Map.of("environment", "prod"));
        String sandbox = seeder.ensureAccount(SANDBOX, Map.of());
        // The fleet is a function of the day: a re-run the same day imports the same certificates into the same
        // ARNs, so it finds what it already alerted on; a re-run on a later day renews them all.
        Instant day = day();
        IssuedCertificate root = CertificateBuilder.certificate("certfleet Demo Root CA").organization("certfleet demo")
                .keyType(KeyType.EC_P384).certificateAuthority().validFor(day, Duration.ofDays(3650))
                .deterministic("certfleet-demo/root/" + day).build();
        IssuedCertificate issuer = CertificateBuilder.certificate("certfleet Demo Issuing CA 1")
                .organization("certfleet demo").keyType(KeyType.EC_P384).certificateAuthority().issuedBy(root)
                .validFor(day, Duration.ofDays(1825)).deterministic("certfleet-demo/issuer/" + day).build();
        Map<String, String> demo = Map.of(DEMO_TAG, "true");
        issued.clear();
        hostArns.clear();
        placements.clear();

        try (FleetSeeder.Account east = seeder.in(payments, Region.US_EAST_1)) {
            String checkout = importOrReimport(east, leaf(issuer, "checkout", KeyType.RSA_2048, 2), "checkout",
                    Map.of(DEMO_TAG, "true", "owner", "checkout-team"));
            String pay = importOrReimport(east, leaf(issuer, "pay", KeyType.EC_P256, 12), "pay", demo);
            String listener = east.httpsLoadBalancer("demo-checkout", Map.of("owner", "payments-web"), 443,
                    TLS13_POLICY, checkout, List.of(pay));
            place("checkout", BindingType.ELBV2_LISTENER, listener, payments, Region.US_EAST_1, checkout);
            place("pay", BindingType.ELBV2_LISTENER, listener, payments, Region.US_EAST_1, pay);
        }
        try (FleetSeeder.Account west = seeder.in(payments, Region.EU_WEST_1)) {
            // Imported without its intermediate, as happens: the load balancer serves an incomplete chain.
            IssuedCertificate partnersLeaf = leaf(issuer, "partners", KeyType.RSA_3072, 29);
            // A partner integration: the partner profile asks for an approval before a rotation.
            String partners = importOrReimport(west, new IssuedCertificate(partnersLeaf.certificate(),
                    partnersLeaf.keyPair(), List.of()), "partners", Map.of(DEMO_TAG, "true", "environment",
                    "partner"));
            west.classicLoadBalancer("demo-partners", Map.of(), 443, partners);
            place("partners", BindingType.ELB_LISTENER, "loadbalancer/demo-partners:443", payments,
                    Region.EU_WEST_1, partners);
        }
        try (FleetSeeder.Account east = seeder.in(web, Region.US_EAST_1)) {
            String www = importOrReimport(east, leaf(issuer, "www", KeyType.EC_P384, 75), "www", demo);
            String distribution = east.distribution("www" + DOMAIN, www, Map.of("owner", "cdn-team", DEMO_TAG,
                    "true"));
            place("www", BindingType.CLOUDFRONT, distribution, web, Region.US_EAST_1, www);
            IssuedCertificate legacyLeaf = leaf(issuer, "legacy", KeyType.RSA_2048, 200);
            removeIfChanged(east, "demo-legacy", legacyLeaf);
            String legacy = east.uploadServerCertificate("demo-legacy", legacyLeaf, demo);
            east.classicLoadBalancer("demo-legacy", Map.of(), 443, legacy);
            place("legacy", BindingType.ELB_LISTENER, "loadbalancer/demo-legacy:443", web, Region.US_EAST_1, legacy);
        }
        try (FleetSeeder.Account west = seeder.in(web, Region.EU_WEST_1)) {
            String api = importOrReimport(west, leaf(issuer, "api", KeyType.RSA_2048, 45), "api", demo);
            west.restApiDomain("api" + DOMAIN, api, Map.of("owner", "api-team"));
        }
        try (FleetSeeder.Account west = seeder.in(sandbox, Region.EU_WEST_1)) {
            importOrReimport(west, leaf(issuer, "sandbox", KeyType.EC_P256, 5), "sandbox", demo);
            // A staging endpoint: its environment is drillable, and the demo's drill breaks it on purpose.
            String staging = importOrReimport(west, leaf(issuer, "staging", KeyType.EC_P256, 60), "staging",
                    Map.of(DEMO_TAG, "true", "owner", "platform-team", "environment", "staging"));
            String listener = west.httpsLoadBalancer("demo-staging", Map.of(), 443, TLS13_POLICY, staging,
                    List.of());
            place("staging", BindingType.ELBV2_LISTENER, listener, sandbox, Region.EU_WEST_1, staging);
        }
        return new Seeded(3, 8, 7, root, issuer, issued, placements);
    }

    private void place(String host, BindingType type, String resourceId, String account, Region region,
                       String certificateArn) {
        placements.put(host, new Placement(type, resourceId, account, region, certificateArn));
    }

    /**
     * A replacement for a demo host's certificate: same name and key type, a fresh 90 days, issued by the same CA,
     * imported with its chain next to the old one and tagged as the demo's (a later run removes it).
     */
    public IssuedCertificate replacement(Seeded seeded, String host, KeyType type) {
        Instant day = day();
        String name = host + DOMAIN;
        return CertificateBuilder.certificate(name).organization("certfleet demo").dnsNames(name).keyType(type)
                .issuedBy(seeded.issuingCa()).validity(day.minus(Duration.ofHours(1)), day.plus(Duration.ofDays(90)))
                .deterministic("certfleet-demo/" + host + "/replacement/" + day).build();
    }

    private Instant day() {
        return clock.instant().truncatedTo(ChronoUnit.DAYS);
    }

    /**
     * A leaf for {@code host} with {@code daysLeft} whole days left all day long (it expires a minute before the
     * end of that day), remembered for the demo's local endpoints.
     */
    private IssuedCertificate leaf(IssuedCertificate issuer, String host, KeyType type, int daysLeft) {
        String name = host + DOMAIN;
        Instant day = day();
        IssuedCertificate leaf = CertificateBuilder.certificate(name).organization("certfleet demo").dnsNames(name)
                .keyType(type).issuedBy(issuer)
                .validity(day.minus(Duration.ofHours(1)), day.plus(Duration.ofDays(daysLeft + 1L)).minusSeconds(60))
                .deterministic("certfleet-demo/" + host + "/" + day).build();
        issued.put(host, leaf);
        return leaf;
    }

    /**
     * Imports the host's certificate, or re-imports it into the ARN an earlier run imported it to when it changed
     * (a later day); the same certificate is left alone, as an unchanged fleet would be.
     */
    private String importOrReimport(FleetSeeder.Account seed, IssuedCertificate leaf, String host,
                                    Map<String, String> tags) {
        String existing = hostArns.computeIfAbsent(seed, DemoFleet::demoHostArns).get(host);
        if (existing != null) {
            AcmClient acm = seed.clients().acm();
            String current = acm.getCertificate(request -> request.certificateArn(existing)).certificate();
            if (!current.strip().equals(leaf.certificatePem().strip())) {
                seed.reimportCertificate(existing, leaf);
            }
            return existing;
        }
        Map<String, String> tagged = new LinkedHashMap<>(tags);
        tagged.put(HOST_TAG, host);
        String arn = seed.importCertificate(leaf, tagged);
        hostArns.get(seed).put(host, arn);
        return arn;
    }

    /** The ACM certificates an earlier run imported in this account-region, by demo host (read once). */
    private static Map<String, String> demoHostArns(FleetSeeder.Account seed) {
        AcmClient acm = seed.clients().acm();
        Map<String, String> byHost = new HashMap<>();
        for (var summary : acm.listCertificates(request -> request.includes(Filters.builder()
                .keyTypes(AcmCertificateStore.ALL_KEY_TYPES).build())).certificateSummaryList()) {
            acm.listTagsForCertificate(request -> request.certificateArn(summary.certificateArn())).tags().stream()
                    .filter(tag -> HOST_TAG.equals(tag.key()))
                    .forEach(tag -> byHost.put(tag.value(), summary.certificateArn()));
        }
        return byHost;
    }

    /** IAM cannot replace a server certificate's body: a changed one is deleted and uploaded again. */
    private static void removeIfChanged(FleetSeeder.Account seed, String name, IssuedCertificate leaf) {
        try {
            String body = seed.clients().iam().getServerCertificate(request -> request.serverCertificateName(name))
                    .serverCertificate().certificateBody();
            if (!body.strip().equals(leaf.certificatePem().strip())) {
                seed.clients().iam().deleteServerCertificate(request -> request.serverCertificateName(name));
            }
        } catch (software.amazon.awssdk.services.iam.model.NoSuchEntityException absent) {
            // uploaded below
        }
    }

    private static int removeRegional(FleetSeeder.Account seed) {
        int removed = 0;
        var elbv2 = seed.clients().elasticLoadBalancingV2();
        for (var loadBalancer : elbv2.describeLoadBalancers().loadBalancers()) {
            if (loadBalancer.loadBalancerName().startsWith("demo-")) {
                elbv2.deleteLoadBalancer(request -> request.loadBalancerArn(loadBalancer.loadBalancerArn()));
                removed++;
            }
        }
        var elb = seed.clients().elasticLoadBalancing();
        for (var loadBalancer : elb.describeLoadBalancers().loadBalancerDescriptions()) {
            if (loadBalancer.loadBalancerName().startsWith("demo-")) {
                elb.deleteLoadBalancer(request -> request.loadBalancerName(loadBalancer.loadBalancerName()));
                removed++;
            }
        }
        var apiGateway = seed.clients().apiGateway();
        for (var domain : apiGateway.getDomainNames().items()) {
            if (domain.domainName().endsWith(DOMAIN)) {
                apiGateway.deleteDomainName(request -> request.domainName(domain.domainName()));
                removed++;
            }
        }
        AcmClient acm = seed.clients().acm();
        for (var summary : acm.listCertificates(request -> request.includes(Filters.builder()
                .keyTypes(AcmCertificateStore.ALL_KEY_TYPES).build())).certificateSummaryList()) {
            var tags = acm.listTagsForCertificate(request -> request.certificateArn(summary.certificateArn())).tags();
            boolean seeded = tags.stream().anyMatch(tag -> DEMO_TAG.equals(tag.key()));
            boolean reused = tags.stream().anyMatch(tag -> HOST_TAG.equals(tag.key()));
            if (seeded && !reused) {
                acm.deleteCertificate(request -> request.certificateArn(summary.certificateArn()));
                removed++;
            }
        }
        return removed;
    }

    private static int removeGlobal(FleetSeeder.Account seed) {
        int removed = 0;
        var cloudFront = seed.clients().cloudFront();
        var list = cloudFront.listDistributions().distributionList();
        for (DistributionSummary distribution : list == null ? List.<DistributionSummary>of() : list.items()) {
            // The configuration, not the summary: list summaries may lack the aliases (moto's do).
            var current = cloudFront.getDistribution(request -> request.id(distribution.id()));
            var aliases = current.distribution().distributionConfig().aliases();
            if (aliases != null && aliases.items().stream().anyMatch(alias -> alias.endsWith(DOMAIN))) {
                cloudFront.deleteDistribution(request -> request.id(distribution.id()).ifMatch(current.eTag()));
                removed++;
            }
        }
        // IAM server certificates stay: seeding replaces one only when its body changed.
        return removed;
    }
}
