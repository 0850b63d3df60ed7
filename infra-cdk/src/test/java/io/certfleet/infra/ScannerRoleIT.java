package io.certfleet.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.certfleet.adapters.aws.AwsClients;
import io.certfleet.adapters.aws.AwsSettings;
import io.certfleet.adapters.aws.RateLimits;
import io.certfleet.core.discovery.BindingType;
import io.certfleet.core.fleet.AccountSelection;
import io.certfleet.core.fleet.FleetScanResult;
import io.certfleet.core.inventory.InventoryQuery;
import io.certfleet.local.FleetSeeder;
import io.certfleet.local.pki.CertificateBuilder;
import io.certfleet.local.pki.IssuedCertificate;
import io.certfleet.testing.AwsEmulator;
import io.certfleet.testing.AwsEmulatorExtension;
import io.certfleet.wiring.CertfleetSettings;
import io.certfleet.wiring.Wiring;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.model.AccessKey;

/**
 * The scanner role exactly as the member template deploys it is enough for a complete scan: its inline policy is
 * created in a member account of an Organization on moto, moto evaluates IAM policies, and a scan through
 * AssumeRole reads every source (ACM, ELBv2 with SNI, Classic ELB, IAM, CloudFront, API Gateway REST and HTTP)
 * with no error. moto names two actions differently from AWS; each is granted under moto's name beside AWS's, and
 * nothing else is added.
 */
@ExtendWith(AwsEmulatorExtension.class)
class ScannerRoleIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** AWS's action name (in the template) and the one moto evaluates for the same call. */
    private static final Map<String, String> MOTO_NAMES = Map.of("tag:GetResources", "tagging:GetResources",
            "apigateway:GET", "apigateway:GetDomainNames");
    private static final IssuedCertificate CA = CertificateBuilder.certificate("Scanner IT CA").certificateAuthority()
            .validFor(Instant.now(), Duration.ofDays(365)).build();

    private final AwsEmulator emulator;

    ScannerRoleIT(AwsEmulator emulator) {
        this.emulator = emulator;
    }

    @Test
    void theDeployedScannerRoleReadsEverySourceOfAMemberAccount() throws Exception {
        emulator.resetNow();
        JsonNode role = SynthesizedTemplates.resource(SynthesizedTemplates.member(), "AWS::IAM::Role", "ScannerRole")
                .getValue().path("Properties");
        assertThat(role.path("RoleName").asText()).isEqualTo("certfleet-scanner");
        ObjectNode policy = (ObjectNode) role.path("Policies").get(0).path("PolicyDocument").deepCopy();
        for (JsonNode statement : policy.path("Statement")) {
            ArrayNode actions = (ArrayNode) statement.path("Action");
            List<String> granted = JSON.convertValue(actions, JSON.getTypeFactory().constructCollectionType(List.class,
                    String.class));
            granted.stream().filter(MOTO_NAMES::containsKey).forEach(action -> actions.add(MOTO_NAMES.get(action)));
        }

        FleetSeeder seeder = new FleetSeeder(emulator.clients());
        seeder.ensureOrganization();
        String member = seeder.ensureAccount("scanned", Map.of("owner", "team"));
        try (FleetSeeder.Account east = seeder.in(member, Region.US_EAST_1)) {
            String web = east.importCertificate(leaf("web.scan.test"), Map.of());
            String sni = east.importCertificate(leaf("sni.scan.test"), Map.of());
            String cdn = east.importCertificate(leaf("cdn.scan.test"), Map.of());
            String api = east.importCertificate(leaf("api.scan.test"), Map.of());
            String http = east.importCertificate(leaf("http.scan.test"), Map.of());
            east.httpsLoadBalancer("alb", Map.of(), 443, "ELBSecurityPolicy-TLS13-1-2-2021-06", web, List.of(sni));
            east.distribution("cdn.scan.test", cdn, Map.of());
            east.restApiDomain("api.scan.test", api, Map.of());
            east.httpApiDomain("http.scan.test", http, Map.of());
            String legacy = east.uploadServerCertificate("legacy", leaf("legacy.scan.test"), Map.of());
            east.classicLoadBalancer("classic", Map.of(), 443, legacy);
            east.clients().iam().createRole(r -> r.roleName("certfleet-scanner").assumeRolePolicyDocument(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"*\"},"
                            + "\"Action\":\"sts:AssumeRole\"}]}"));
            east.clients().iam().putRolePolicy(r -> r.roleName("certfleet-scanner").policyName("certfleet-discovery")
                    .policyDocument(policy.toString()));
        }
        Wiring reading = new Wiring(emulator.clients(), Clock.systemUTC(), CertfleetSettings.defaults()
                .withTableName("scanner-it"));
        reading.inventoryTable().ensureExists();
        AccessKey scanner = scannerUser();
        AwsSettings asScanner = emulator.clients().settings().withCredentials(StaticCredentialsProvider.create(
                AwsBasicCredentials.create(scanner.accessKeyId(), scanner.secretAccessKey())));
        FleetScanResult result;
        Wiring wiring;
        try (AwsClients clients = emulator.clients().derive(asScanner, List.of());
             AutoCloseable enforcing = emulator.enforcingIamPolicies()) {
            wiring = new Wiring(clients, Clock.systemUTC(), CertfleetSettings.defaults().withTableName("scanner-it")
                    .withRateLimits(RateLimits.UNLIMITED));
            result = wiring.scanFleet().run(wiring.planScan().plan(new AccountSelection.Listed(List.of(member)),
                    List.of("us-east-1")), 2);
        }

        assertThat(result.errors()).as("the deployed role's actions must be enough").isEmpty();
        assertThat(result.coverage()).isEqualTo(1.0);
        assertThat(result.certificates()).isEqualTo(6);
        assertThat(reading.inventory().find(InventoryQuery.ALL_PRESENT).stream()
                .flatMap(record -> reading.inventory().bindingsOf(record.location().arn()).stream())
                .map(binding -> binding.type()).distinct())
                .containsExactlyInAnyOrder(BindingType.ELBV2_LISTENER, BindingType.ELB_LISTENER,
                        BindingType.CLOUDFRONT, BindingType.APIGATEWAY_DOMAIN);
    }

    /** The central scanner: a user of the management account that may do anything there (it assumes the role). */
    private AccessKey scannerUser() {
        var iam = emulator.clients().iam();
        iam.createUser(r -> r.userName("certfleet"));
        iam.putUserPolicy(r -> r.userName("certfleet").policyName("all").policyDocument(
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}"));
        return iam.createAccessKey(r -> r.userName("certfleet")).accessKey();
    }

    private static IssuedCertificate leaf(String name) {
        return CertificateBuilder.certificate(name).dnsNames(name).issuedBy(CA)
                .validFor(Instant.now(), Duration.ofDays(60)).build();
    }
}
