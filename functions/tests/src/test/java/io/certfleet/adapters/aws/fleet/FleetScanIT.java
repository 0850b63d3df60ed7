package io.certfleet.adapters.aws.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.certfleet.adapters.aws.AwsClients;
import io.certfleet.adapters.aws.AwsSettings;
import io.certfleet.adapters.aws.RateLimits;
import io.certfleet.core.discovery.BindingType;
import io.certfleet.core.discovery.FailureReason;
import io.certfleet.core.discovery.ScanError;
import io.certfleet.core.discovery.ScanScope;
import io.certfleet.core.fleet.AccountSelection;
import io.certfleet.core.fleet.FleetScanResult;
import io.certfleet.core.inventory.BindingRecord;
import io.certfleet.core.inventory.InventoryQuery;
import io.certfleet.core.inventory.InventoryRecord;
import io.certfleet.core.ownership.OwnershipSource;
import io.certfleet.local.FleetSeeder;
import io.certfleet.local.pki.CertificateBuilder;
import io.certfleet.local.pki.IssuedCertificate;
import io.certfleet.local.pki.KeyType;
import io.certfleet.testing.AwsEmulator;
import io.certfleet.testing.AwsEmulatorExtension;
import io.certfleet.wiring.CertfleetSettings;
import io.certfleet.wiring.Wiring;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;

/** Fleet scans through the real adapters, against a moto server holding an Organization of three accounts. */
@ExtendWith(AwsEmulatorExtension.class)
class FleetScanIT {

    private static final String TABLE = "fleet-it";
    private static final List<String> REGIONS = List.of("us-east-1", "eu-west-1");
    private static final IssuedCertificate CA = CertificateBuilder.certificate("Fleet IT CA").keyType(KeyType.EC_P384)
            .certificateAuthority().validFor(Instant.now(), Duration.ofDays(3650)).build();

    private final AwsEmulator emulator;
    private FleetSeeder seeder;
    private Wiring wiring;
    private String payments;
    private String sandbox;
    private final Map<String, String> arns = new HashMap<>();

    FleetScanIT(AwsEmulator emulator) {
        this.emulator = emulator;
    }

    @BeforeEach
    void seedTheFleet() {
        emulator.resetNow();
        seeder = new FleetSeeder(emulator.clients());
        seeder.ensureOrganization();
        payments = seeder.ensureAccount("payments", Map.of("owner", "payments-team", "environment", "prod"));
        sandbox = seeder.ensureAccount("sandbox", Map.of());
        try (FleetSeeder.Account east = seeder.in(payments, Region.US_EAST_1)) {
            arns.put("checkout", east.importCertificate(leaf("checkout.pay.test", KeyType.RSA_2048, 20),
                    Map.of("owner", "checkout-team")));
            arns.put("sni", east.importCertificate(leaf("sni.pay.test", KeyType.EC_P256, 40), Map.of()));
            arns.put("cdn", east.importCertificate(leaf("cdn.pay.test", KeyType.EC_P384, 60), Map.of()));
            arns.put("listener", east.httpsLoadBalancer("pay-alb", Map.of("owner", "lb-team"), 443,
                    "ELBSecurityPolicy-TLS13-1-2-2021-06", arns.get("checkout"), List.of(arns.get("sni"))));
            arns.put("distribution", east.distribution("cdn.pay.test", arns.get("cdn"), Map.of("owner", "cdn-team")));
            arns.put("iam", east.uploadServerCertificate("legacy", leaf("legacy.pay.test", KeyType.RSA_2048, 90),
                    Map.of()));
            east.classicLoadBalancer("legacy-elb", Map.of("team", "legacy-team"), 443, arns.get("iam"));
        }
        try (FleetSeeder.Account west = seeder.in(payments, Region.EU_WEST_1)) {
            arns.put("rest", west.importCertificate(leaf("api.pay.test", KeyType.RSA_3072, 100), Map.of()));
            arns.put("http", west.importCertificate(leaf("http.pay.test", KeyType.EC_P256, 120), Map.of()));
            west.restApiDomain("api.pay.test", arns.get("rest"), Map.of("owner", "api-team"));
            west.httpApiDomain("http.pay.test", arns.get("http"), Map.of());
        }
        try (FleetSeeder.Account sandboxWest = seeder.in(sandbox, Region.EU_WEST_1)) {
            arns.put("orphan", sandboxWest.importCertificate(leaf("orphan.sandbox.test", KeyType.EC_P256, 5), Map.of()));
        }
        wiring = wiring(emulator.clients());
        wiring.inventoryTable().ensureExists();
    }

    @Test
    void everySourceEveryBindingAcrossAccountsAndRegions() {
        FleetScanResult result = scanOrganization();

        assertThat(result.errors()).isEmpty();
        assertThat(result.accountsPlanned()).isEqualTo(3);
        assertThat(result.accountRegionsPlanned()).isEqualTo(6);
        assertThat(result.coverage()).isEqualTo(1.0);
        assertThat(result.certificates()).isEqualTo(7);
        assertThat(result.certificatesAdded()).isEqualTo(7);
        assertThat(present()).extracting(r -> r.location().source() + ":" + r.facts().keyDescription())
                .containsExactlyInAnyOrder("ACM:RSA-2048", "ACM:EC-256", "ACM:EC-384", "IAM:RSA-2048",
                        "ACM:RSA-3072", "ACM:EC-256", "ACM:EC-256");
        assertThat(record("iam").location().scope()).isEqualTo(new ScanScope(payments, ScanScope.GLOBAL_REGION));
        assertThat(record("rest").location().scope()).isEqualTo(new ScanScope(payments, "eu-west-1"));

        assertThat(bindings("checkout")).singleElement().satisfies(b -> {
            assertThat(b.type()).isEqualTo(BindingType.ELBV2_LISTENER);
            assertThat(b.resourceId()).isEqualTo(arns.get("listener"));
            assertThat(b.isDefault()).isTrue();
            assertThat(b.port()).isEqualTo(443);
            assertThat(b.sslPolicy()).isEqualTo("ELBSecurityPolicy-TLS13-1-2-2021-06");
            assertThat(b.dnsName()).contains("pay-alb");
            assertThat(b.scheme()).isEqualTo("internet-facing");
        });
        assertThat(bindings("sni")).singleElement().satisfies(b -> {
            assertThat(b.resourceId()).isEqualTo(arns.get("listener"));
            assertThat(b.isDefault()).as("an SNI certificate").isFalse();
        });
        assertThat(bindings("cdn")).singleElement().satisfies(b -> {
            assertThat(b.type()).isEqualTo(BindingType.CLOUDFRONT);
            assertThat(b.resourceId()).isEqualTo(arns.get("distribution"));
            assertThat(b.sslPolicy()).isEqualTo("TLSv1.2_2021");
            assertThat(b.scope().region()).isEqualTo(ScanScope.GLOBAL_REGION);
        });
        assertThat(bindings("iam")).singleElement().satisfies(b -> {
            assertThat(b.type()).isEqualTo(BindingType.ELB_LISTENER);
            assertThat(b.resourceId()).isEqualTo("loadbalancer/legacy-elb:443");
        });
        assertThat(bindings("rest")).singleElement().satisfies(b -> {
            assertThat(b.type()).isEqualTo(BindingType.APIGATEWAY_DOMAIN);
            assertThat(b.resourceId()).isEqualTo("api.pay.test");
            assertThat(b.sslPolicy()).isEqualTo("TLS_1_2");
        });
        assertThat(bindings("http")).extracting(BindingRecord::resourceId).containsExactly("http.pay.test");
        assertThat(bindings("orphan")).isEmpty();
        assertThat(result.bindings()).isEqualTo(6);
    }

    @Test
    void ownerAndEnvironmentFollowTheFallbackChain() {
        scanOrganization();

        assertThat(List.of("checkout", "sni", "cdn", "iam", "rest", "http", "orphan"))
                .extracting(name -> {
                    InventoryRecord r = record(name);
                    return tuple(name, r.ownership().owner(), r.ownership().ownerSource());
                })
                .containsExactly(
                        tuple("checkout", "checkout-team", OwnershipSource.CERTIFICATE_TAG),
                        tuple("sni", "lb-team", OwnershipSource.RESOURCE_TAG),
                        tuple("cdn", "cdn-team", OwnershipSource.RESOURCE_TAG),
                        tuple("iam", "legacy-team", OwnershipSource.RESOURCE_TAG),
                        tuple("rest", "api-team", OwnershipSource.RESOURCE_TAG),
                        tuple("http", "payments-team", OwnershipSource.ACCOUNT_TAG),
                        tuple("orphan", "unowned", OwnershipSource.DEFAULT));
        assertThat(record("http").ownership().environment()).isEqualTo("prod");
        assertThat(record("orphan").ownership().environment()).isEqualTo("public-web");
    }

    @Test
    void aRescanOfTheUnchangedFleetChangesOnlyLastSeenAndReadsNoCertificateAgain() {
        FleetScanResult first = scanOrganization();
        Map<String, Map<String, AttributeValue>> before = tableItems();

        FleetScanResult again = scanOrganization();

        assertThat(again.errors()).isEmpty();
        assertThat(again.certificatesAdded() + again.certificatesRemoved() + again.bindingsRemoved()).isZero();
        // ACM certificates are not read again; IAM server certificates are, on purpose (few, untrusted metadata).
        assertThat(again.certificatesUnchanged()).isEqualTo(6);
        assertThat(again.apiCalls()).doesNotContainKey("acm:GetCertificate")
                .containsEntry("iam:GetServerCertificate", 1L);
        assertThat(first.apiCalls().get("acm:GetCertificate")).isEqualTo(6);
        Map<String, Map<String, AttributeValue>> after = tableItems();
        assertThat(after.keySet()).isEqualTo(before.keySet());
        after.forEach((key, item) -> assertThat(withoutLastSeen(item)).as(key).isEqualTo(withoutLastSeen(before.get(key))));
        String firstSeen = before.values().stream().filter(item -> item.containsKey("firstSeen")).findFirst()
                .orElseThrow().get("firstSeen").s();
        assertThat(after.values()).as("every certificate and binding seen again; the binding lists and the table's "
                        + "mark are bookkeeping, unchanged")
                .filteredOn(item -> !item.get("sk").s().equals("#KEYS") && !item.get("pk").s().equals("META#"))
                .allSatisfy(item -> assertThat(item.get("lastSeen").s()).isGreaterThan(firstSeen))
                .hasSizeGreaterThan(10);
        assertThat(after.keySet()).as("a list per certificate with bindings, and the mark").anyMatch(key ->
                key.endsWith("|#KEYS")).contains("META#|bindingKeys");
        System.out.printf("[fleet-it] API calls: first scan %d (%s), re-scan %d (%s)%n", first.totalApiCalls(),
                first.apiCalls(), again.totalApiCalls(), again.apiCalls());
    }

    @Test
    void vanishedCertificatesAndBindingsAreMarkedRemoved() {
        scanOrganization();
        try (FleetSeeder.Account west = seeder.in(sandbox, Region.EU_WEST_1)) {
            west.clients().acm().deleteCertificate(request -> request.certificateArn(arns.get("orphan")));
        }
        try (FleetSeeder.Account east = seeder.in(payments, Region.US_EAST_1)) {
            east.clients().elasticLoadBalancingV2().removeListenerCertificates(request -> request
                    .listenerArn(arns.get("listener")).certificates(c -> c.certificateArn(arns.get("sni"))));
        }

        FleetScanResult result = scanOrganization();

        assertThat(result.certificatesRemoved()).isEqualTo(1);
        assertThat(result.bindingsRemoved()).isEqualTo(1);
        assertThat(wiring.inventory().find(new InventoryQuery(Optional.empty(), Optional.empty(),
                Optional.of(sandbox), true))).singleElement()
                .satisfies(gone -> assertThat(gone.removedAt()).isNotNull());
        assertThat(wiring.inventory().bindingsOf(arns.get("sni"))).singleElement()
                .satisfies(gone -> assertThat(gone.removedAt()).isNotNull());
        assertThat(bindings("checkout")).singleElement().satisfies(kept -> assertThat(kept.removedAt()).isNull());
    }

    @Test
    void aMalformedCertificateBodyIsRecordedAndTheScanGoesOn() {
        try (FleetSeeder.Account east = seeder.in(payments, Region.US_EAST_1)) {
            east.clients().iam().uploadServerCertificate(request -> request.serverCertificateName("truncated")
                    .certificateBody("-----BEGIN CERTIFICATE-----\nMIIBkTCB+wIJAKHHIG\n")
                    .privateKey("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n"));
        }

        FleetScanResult result = scanOrganization();

        assertThat(result.errors()).isEmpty();
        assertThat(result.malformed()).isEqualTo(1);
        assertThat(result.certificates()).isEqualTo(8);
        assertThat(present()).filteredOn(r -> !r.isReadable()).singleElement().satisfies(garbage -> {
            assertThat(garbage.location().arn()).endsWith(":server-certificate/truncated");
            assertThat(garbage.malformedReason()).contains("truncated");
        });
    }

    @Test
    void anAccountThatDeniesAccessIsRecordedAndTheRestIsScanned() throws Exception {
        // AWS names two of these actions differently from moto: tag:GetResources and apigateway:GET are AWS's
        // (as in the CDK role), tagging:GetResources and apigateway:GetDomainNames are what moto evaluates.
        AccessKey scanner = scannerUserWithRolesIn(Map.of(payments, List.of("acm:ListCertificates",
                "acm:GetCertificate", "elasticloadbalancing:Describe*", "iam:ListServerCertificates",
                "iam:GetServerCertificate", "cloudfront:ListDistributions", "cloudfront:GetDistributionConfig",
                "apigateway:GET", "tag:GetResources", "tagging:GetResources", "apigateway:GetDomainNames"),
                sandbox, List.of("s3:ListAllMyBuckets")));
        AwsSettings asScanner = emulator.clients().settings().withCredentials(StaticCredentialsProvider.create(
                AwsBasicCredentials.create(scanner.accessKeyId(), scanner.secretAccessKey())));
        FleetScanResult result;
        try (AwsClients clients = emulator.clients().derive(asScanner, List.of());
             AutoCloseable enforcing = emulator.enforcingIamPolicies()) {
            Wiring asTheScanner = wiring(clients);
            result = asTheScanner.scanFleet().run(asTheScanner.planScan().plan(new AccountSelection.Organization(),
                    REGIONS), 4);
        }

        assertThat(result.accountRegionsPlanned()).isEqualTo(6);
        assertThat(result.accountRegionsScanned()).as("all but the sandbox's two; errors: %s", result.errors()).isEqualTo(4);
        assertThat(result.coverage()).isLessThan(1.0);
        assertThat(result.errors()).isNotEmpty().allSatisfy(error -> {
            assertThat(error.accountId()).isEqualTo(sandbox);
            assertThat(error.reason()).isEqualTo(FailureReason.ACCESS_DENIED);
            assertThat(error.region()).isIn("us-east-1", "eu-west-1", ScanScope.GLOBAL_REGION);
        });
        assertThat(result.errors()).extracting(ScanError::operation).contains("acm:ListCertificates");
        assertThat(result.certificates()).isEqualTo(6);
        assertThat(present()).extracting(r -> r.location().accountId()).containsOnly(payments);
    }

    private AccessKey scannerUserWithRolesIn(Map<String, List<String>> allowedActionsByAccount) {
        IamClient iam = emulator.clients().iam();
        iam.createUser(r -> r.userName("certfleet"));
        iam.putUserPolicy(r -> r.userName("certfleet").policyName("all").policyDocument(
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}"));
        allowedActionsByAccount.forEach((account, actions) -> {
            try (FleetSeeder.Account member = seeder.in(account, Region.US_EAST_1)) {
                member.clients().iam().createRole(r -> r.roleName(CertfleetSettings.DEFAULT_ROLE_NAME)
                        .assumeRolePolicyDocument("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                                + "\"Principal\":{\"AWS\":\"*\"},\"Action\":\"sts:AssumeRole\"}]}"));
                member.clients().iam().putRolePolicy(r -> r.roleName(CertfleetSettings.DEFAULT_ROLE_NAME)
                        .policyName("scan").policyDocument("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":"
                                + "\"Allow\",\"Action\":[" + actions.stream().map(a -> "\"" + a + "\"")
                                .collect(Collectors.joining(",")) + "],\"Resource\":\"*\"}]}"));
            }
        });
        return iam.createAccessKey(r -> r.userName("certfleet")).accessKey();
    }

    private Wiring wiring(AwsClients clients) {
        return new Wiring(clients, Clock.systemUTC(), CertfleetSettings.defaults().withTableName(TABLE)
                .withRateLimits(RateLimits.UNLIMITED));
    }

    private FleetScanResult scanOrganization() {
        return wiring.scanFleet().run(wiring.planScan().plan(new AccountSelection.Organization(), REGIONS), 4);
    }

    private List<InventoryRecord> present() {
        return wiring.inventory().find(InventoryQuery.ALL_PRESENT);
    }

    private InventoryRecord record(String name) {
        return present().stream().filter(r -> r.location().arn().equals(arns.get(name))).findFirst()
                .orElseThrow(() -> new AssertionError("no present record for " + name));
    }

    private List<BindingRecord> bindings(String name) {
        return wiring.inventory().bindingsOf(arns.get(name));
    }

    private Map<String, Map<String, AttributeValue>> tableItems() {
        return emulator.clients().dynamoDb().scan(r -> r.tableName(TABLE)).items().stream()
                .collect(Collectors.toMap(item -> item.get("pk").s() + "|" + item.get("sk").s(), item -> item));
    }

    private static Map<String, AttributeValue> withoutLastSeen(Map<String, AttributeValue> item) {
        return item.entrySet().stream().filter(e -> !e.getKey().equals("lastSeen"))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private static IssuedCertificate leaf(String name, KeyType type, int daysLeft) {
        return CertificateBuilder.certificate(name).dnsNames(name).keyType(type).issuedBy(CA)
                .validFor(Instant.now(), Duration.ofDays(daysLeft)).build();
    }
}
