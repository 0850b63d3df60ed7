package io.certfleet.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.certfleet.adapters.aws.RateLimits;
import io.certfleet.core.compliance.ListCertificates;
import io.certfleet.core.discovery.ScanScope;
import io.certfleet.core.finding.Finding;
import io.certfleet.core.finding.FindingCode;
import io.certfleet.core.finding.Severity;
import io.certfleet.core.inventory.BindingRecord;
import io.certfleet.core.inventory.InventoryEntry;
import io.certfleet.core.inventory.InventoryQuery;
import io.certfleet.core.inventory.ListingOrder;
import io.certfleet.core.probe.TlsVersion;
import io.certfleet.core.probe.fleet.BindingProbe;
import io.certfleet.core.rotation.Rotation;
import io.certfleet.core.policy.rotation.WaveSize;
import io.certfleet.core.rotation.RotationRequest;
import io.certfleet.core.fleet.AccountSelection;
import io.certfleet.handlers.InventoryApiHandler;
import io.certfleet.local.FleetSeeder;
import io.certfleet.local.LocalAlertRouting;
import io.certfleet.local.LocalApiServer;
import io.certfleet.local.pki.CertificateBuilder;
import io.certfleet.local.pki.IssuedCertificate;
import io.certfleet.local.pki.KeyType;
import io.certfleet.testing.AwsEmulator;
import io.certfleet.testing.AwsEmulatorExtension;
import io.certfleet.testing.OpenApiDocument;
import io.certfleet.wiring.CertfleetSettings;
import io.certfleet.wiring.Wiring;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The inventory API over real HTTP ({@code api serve}'s server: real requests become API Gateway proxy events for the
 * deployed handler), on a scanned and judged fleet in the emulator; every response is validated against the OpenAPI
 * document.
 */
@ExtendWith(AwsEmulatorExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InventoryApiIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.now();
    private static final ScanScope SCOPE = new ScanScope(AwsEmulator.ACCOUNT_ID, AwsEmulator.REGION.id());

    private final AwsEmulator emulator;
    private final HttpClient http = HttpClient.newHttpClient();
    private LocalApiServer server;
    private Wiring wiring;
    private String weakArn;
    private String payArn;
    private List<String> shopArns;
    private Rotation plannedRotation;
    private Rotation refusedRotation;

    InventoryApiIT(AwsEmulator emulator) {
        this.emulator = emulator;
    }

    @BeforeAll
    void fleet() throws Exception {
        emulator.resetNow();
        FleetSeeder.Account account = new FleetSeeder(emulator.clients()).in(AwsEmulator.ACCOUNT_ID,
                AwsEmulator.REGION);
        IssuedCertificate ca = CertificateBuilder.certificate("API IT CA").certificateAuthority().build();
        for (int i = 0; i < 5; i++) {
            String name = "shop-" + i + ".api.test";
            account.importCertificate(CertificateBuilder.certificate(name).dnsNames(name).issuedBy(ca)
                    .validFor(NOW.minus(Duration.ofDays(10)), Duration.ofDays(100 + i)).build(),
                    Map.of("owner", "shop-team", "environment", "prod"));
        }
        account.importCertificate(CertificateBuilder.certificate("pay.api.test").dnsNames("pay.api.test")
                .issuedBy(ca).validity(NOW.minus(Duration.ofDays(80)), NOW.plus(Duration.ofDays(5))).build(),
                Map.of("owner", "pay-team"));
        weakArn = account.importCertificate(CertificateBuilder.certificate("old.api.test").dnsNames("old.api.test")
                .keyType(KeyType.RSA_1024).issuedBy(ca).validFor(NOW.minus(Duration.ofDays(1)), Duration.ofDays(90))
                .build(), Map.of("owner", "pay-team"));
        shopArns = new ArrayList<>();
        emulator.clients().acm().listCertificates().certificateSummaryList().forEach(summary -> {
            if (summary.domainName().startsWith("shop-")) {
                shopArns.add(summary.certificateArn());
            }
        });
        shopArns.sort(null);
        payArn = emulator.clients().acm().listCertificates().certificateSummaryList().stream()
                .filter(summary -> summary.domainName().equals("pay.api.test")).findFirst().orElseThrow()
                .certificateArn();
        account.httpsLoadBalancer("shop", Map.of(), 443, "ELBSecurityPolicy-TLS13-1-2-Res-2021-06", shopArns.get(0),
                List.of(payArn, weakArn));
        LocalAlertRouting.Routes routes = new LocalAlertRouting(emulator.clients()).ensure();
        wiring = new Wiring(emulator.clients(), Clock.systemUTC(), CertfleetSettings.defaults()
                .withTableName("api-it").withRateLimits(RateLimits.UNLIMITED).withAlerts(routes.alertOptions()));
        wiring.inventoryTable().ensureExists();
        wiring.runScan().run(wiring.planScan().plan(new AccountSelection.Caller(), List.of(SCOPE.region())), 1);
        wiring.evaluatePolicy().evaluate(SCOPE);
        recordProbes();
        plannedRotation = wiring.rotation().planRotation().plan(new RotationRequest(payArn, shopArns.get(1), null,
                List.of(new WaveSize(100, true)), Duration.ZERO, 2, "alice", List.of("api test"), null));
        refusedRotation = wiring.rotation().planRotation().plan(RotationRequest.of("no-such-certificate", "bob"));
        server = LocalApiServer.start(new InventoryApiHandler(wiring, "a key this test owns, 32 bytes..."
                .getBytes(StandardCharsets.US_ASCII)), 0);
    }

    /** The listener's probes: the default certificate's passed, the weak SNI certificate's failed, pay's none. */
    private void recordProbes() {
        List<BindingProbe> probes = new ArrayList<>();
        for (BindingRecord binding : wiring.inventory().bindingsOf(java.util.Set.of(shopArns.get(0), weakArn))
                .values().stream().flatMap(List::stream).toList()) {
            boolean weak = binding.certificateArn().equals(weakArn);
            probes.add(new BindingProbe(binding.key(), NOW, Optional.of("shop.api.test:443"),
                    Optional.of(weak ? "old.api.test" : "shop-0.api.test"), "public-web",
                    weak ? List.of(new Finding(FindingCode.WEAK_KEY, Severity.HIGH, "RSA 1024")) : List.of(),
                    Optional.of(TlsVersion.TLS_1_3), Optional.of("TLS_AES_128_GCM_SHA256"), List.of(TlsVersion.TLS_1_3),
                    Optional.empty(), 12, Optional.empty(), Optional.empty()));
        }
        wiring.probeResults().record(probes);
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private record Answer(int status, JsonNode body, HttpResponse<String> raw) {
    }

    private Answer get(String pathAndQuery) throws Exception {
        return send("GET", pathAndQuery);
    }

    private Answer send(String method, String pathAndQuery) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + server.port() + pathAndQuery)).method(method, HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), JSON.readTree(response.body()), response);
    }

    /** The answer conforms to the document's schema for that route and status. */
    private static Answer conforming(String route, Answer answer) {
        assertThat(OpenApiDocument.violations(route, answer.status(), answer.body())).as(answer.body().toString())
                .isEmpty();
        return answer;
    }

    @Test
    void pagesWalkEveryCertificateOnceInAStableOrder() throws Exception {
        List<String> walked = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Answer page = conforming("/certificates", get("/certificates?limit=2" + (cursor == null ? ""
                    : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8))));
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.body().path("items").size()).isBetween(1, 2);
            page.body().path("items").forEach(item -> walked.add(item.path("id").asText()));
            cursor = page.body().path("nextCursor").isNull() ? null : page.body().path("nextCursor").asText();
            pages++;
        } while (cursor != null);

        List<String> listed = wiring.listInventory().list(InventoryQuery.ALL_PRESENT).stream()
                .map(InventoryEntry::record).sorted(java.util.Comparator.comparing(ListingOrder::positionOf))
                .map(ListCertificates::idOf).toList();
        assertThat(walked).as("every certificate once, soonest expiry first").isEqualTo(listed).hasSize(7);
        assertThat(walked.getFirst()).as("pay expires in 5 days").endsWith("@" + payArn);
        assertThat(pages).isEqualTo(4);
        assertThat(conforming("/certificates", get("/certificates")).body().path("items").size()).as("default 100")
                .isEqualTo(7);
    }

    @Test
    void filtersSelectByOwnerEnvironmentAccountExpiryAndOpenFindings() throws Exception {
        assertThat(ids("/certificates?owner=shop-team")).hasSize(5);
        assertThat(ids("/certificates?owner=shop-team&environment=prod&account=" + AwsEmulator.ACCOUNT_ID
                + "&region=us-east-1&status=ISSUED")).hasSize(5);
        assertThat(ids("/certificates?expiringWithinDays=30")).singleElement().asString().contains("certificate/");
        assertThat(ids("/certificates?code=WEAK_KEY")).singleElement().asString().endsWith("@" + weakArn);
        assertThat(ids("/certificates?owner=nobody")).isEmpty();
        assertThat(ids("/certificates?severity=low")).as("an open finding of at least low").isNotEmpty()
                .doesNotContainAnyElementsOf(ids("/certificates?owner=shop-team"));
    }

    private List<String> ids(String pathAndQuery) throws Exception {
        Answer answer = conforming("/certificates", get(pathAndQuery));
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        answer.body().path("items").forEach(item -> ids.add(item.path("id").asText()));
        return ids;
    }

    @Test
    void oneCertificateComesWithItsFindingsAndRotations() throws Exception {
        String id = ids("/certificates?code=WEAK_KEY").getFirst();

        Answer answer = conforming("/certificates/{id}", get("/certificates/" + URLEncoder.encode(id,
                StandardCharsets.UTF_8)));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().path("id").asText()).isEqualTo(id);
        assertThat(answer.body().path("findings").toString()).contains("\"code\":\"WEAK_KEY\"")
                .contains("\"open\":true");
        assertThat(answer.body().path("rotations").isArray()).isTrue();
        Answer missing = conforming("/certificates/{id}", get("/certificates/" + URLEncoder.encode(
                "0000@arn:aws:acm:us-east-1:123456789012:certificate/none", StandardCharsets.UTF_8)));
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.body().path("error").path("code").asText()).isEqualTo("NotFound");
    }

    @Test
    void theHandlerAnswersApiGatewaysProxyEvent() throws Exception {
        var output = new java.io.ByteArrayOutputStream();
        new InventoryApiHandler(wiring, new byte[32]).handleRequest(new java.io.ByteArrayInputStream(
                io.certfleet.testing.SampleEvents.read("api-get-certificates.json").getBytes(StandardCharsets.UTF_8)),
                output, new io.certfleet.local.LocalLambdaContext("api", line -> { }));

        JsonNode response = JSON.readTree(output.toByteArray());
        assertThat(response.path("statusCode").asInt()).isEqualTo(200);
        assertThat(response.path("headers").path("Content-Type").asText()).isEqualTo("application/json");
        JsonNode body = JSON.readTree(response.path("body").asText());
        assertThat(OpenApiDocument.violations("/certificates", 200, body)).isEmpty();
        assertThat(body.path("items").size()).isEqualTo(2);
        body.path("items").forEach(item -> assertThat(item.path("owner").asText()).isEqualTo("pay-team"));
    }

    @Test
    void theApiServeCommandServesTheSameApiOnLoopback() throws Exception {
        Map<String, String> environment = Map.of("AWS_ENDPOINT_URL", emulator.endpoint().toString());
        Process serve = io.certfleet.testing.CliProcess.start(environment, "api", "serve", "--port", "0",
                "--table", "api-it");
        try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(serve.getInputStream(),
                StandardCharsets.UTF_8))) {
            String banner = lines.readLine();
            var port = java.util.regex.Pattern.compile("http://127\\.0\\.0\\.1:(\\d+)").matcher(
                    String.valueOf(banner));
            assertThat(port.find()).as(banner).isTrue();
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + port.group(1) + "/certificates?owner=pay-team")).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(response.body()).path("items").size()).isEqualTo(2);
        } finally {
            serve.destroy();
            serve.waitFor();
        }
        var missing = io.certfleet.testing.CliProcess.run(environment, "api", "serve", "--table", "no-such-table");
        assertThat(missing.exitCode()).isEqualTo(3);
        assertThat(missing.err()).contains("inventory table 'no-such-table' does not exist");
    }

    @Test
    void everyBadRequestIsRefusedNamingTheParameter() throws Exception {
        Map<String, String> refused = new java.util.LinkedHashMap<>();
        refused.put("/certificates?colour=blue", "colour");
        refused.put("/certificates?limit=0", "limit");
        refused.put("/certificates?limit=501", "limit");
        refused.put("/certificates?limit=ten", "limit");
        refused.put("/certificates?severity=urgent", "severity");
        refused.put("/certificates?code=EXPIRED%27%20OR%201=1", "code");
        refused.put("/certificates?account=12", "account");
        refused.put("/certificates?expiringWithinDays=-1", "expiringWithinDays");
        refused.put("/certificates?owner=a&owner=b", "owner");
        refused.put("/certificates?cursor=forged.cursor", "cursor");
        String otherFilters = get("/certificates?limit=1&owner=shop-team").body().path("nextCursor").asText();
        refused.put("/certificates?limit=1&owner=pay-team&cursor=" + URLEncoder.encode(otherFilters,
                StandardCharsets.UTF_8), "cursor");
        for (Map.Entry<String, String> request : refused.entrySet()) {
            Answer answer = conforming("/certificates", get(request.getKey()));
            assertThat(answer.status()).as(request.getKey()).isEqualTo(400);
            assertThat(answer.body().path("error").path("code").asText()).isEqualTo("BadRequest");
            assertThat(answer.body().path("error").path("parameter").asText()).as(request.getKey())
                    .isEqualTo(request.getValue());
        }
        assertThat(get("/certificates?limit=ten").body().path("error").path("message").asText())
                .isEqualTo("'limit' is a whole number, not 'ten'");
        assertThat(get("/certificates?cursor=" + URLEncoder.encode(otherFilters, StandardCharsets.UTF_8)
                + "&owner=pay-team").body().path("error").path("message").asText())
                .isEqualTo("the cursor belongs to a listing with other filters");

        Answer unknownRoute = get("/certificate");
        assertThat(unknownRoute.status()).isEqualTo(404);
        assertThat(unknownRoute.body().path("error").path("message").asText()).isEqualTo("no route /certificate");
        Answer wrongMethod = send("DELETE", "/certificates");
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.raw().headers().firstValue("Allow")).hasValue("GET");
        assertThat(wrongMethod.body().path("error").path("code").asText()).isEqualTo("MethodNotAllowed");
    }

    /** Every item of a paged walk, following nextCursor until it is null; each page validated against the route. */
    private List<JsonNode> walk(String route, String pathAndQuery) throws Exception {
        List<JsonNode> items = new ArrayList<>();
        String cursor = null;
        do {
            String separator = pathAndQuery.contains("?") ? "&" : "?";
            Answer page = conforming(route, get(pathAndQuery + (cursor == null ? "" : separator + "cursor="
                    + URLEncoder.encode(cursor, StandardCharsets.UTF_8))));
            assertThat(page.status()).as(page.body().toString()).isEqualTo(200);
            page.body().path("items").forEach(items::add);
            cursor = page.body().path("nextCursor").isNull() ? null : page.body().path("nextCursor").asText();
        } while (cursor != null);
        return items;
    }

    private static List<String> texts(List<JsonNode> items, String field) {
        return items.stream().map(item -> item.path(field).asText()).toList();
    }

    @Test
    void endpointsComeWithTheirCertificateAndLatestProbeAndFilterByOutcome() throws Exception {
        List<JsonNode> all = walk("/endpoints", "/endpoints?limit=1");
        assertThat(all).as("the listener's default and two SNI bindings, one per page").hasSize(3);
        assertThat(texts(all, "type")).containsOnly("ELBV2_LISTENER");
        assertThat(all.stream().map(item -> item.path("certificate").path("arn").asText()))
                .containsExactlyInAnyOrder(shopArns.get(0), payArn, weakArn);
        assertThat(all.getFirst().path("certificate").path("arn").asText()).as("soonest expiry first")
                .isEqualTo(payArn);

        List<JsonNode> passing = walk("/endpoints", "/endpoints?ok=true");
        assertThat(passing).singleElement().satisfies(item -> {
            assertThat(item.path("certificate").path("arn").asText()).isEqualTo(shopArns.get(0));
            assertThat(item.path("lastProbe").path("target").asText()).isEqualTo("shop.api.test:443");
        });
        assertThat(walk("/endpoints", "/endpoints?ok=false")).as("failed, and never probed").hasSize(2);
        assertThat(walk("/endpoints", "/endpoints?owner=pay-team&type=ELBV2_LISTENER&account="
                + AwsEmulator.ACCOUNT_ID + "&region=us-east-1")).hasSize(2);
        assertThat(walk("/endpoints", "/endpoints?type=CLOUDFRONT")).isEmpty();
        Answer bad = conforming("/endpoints", get("/endpoints?ok=yes"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body().path("error").path("message").asText()).isEqualTo("'ok' is true or false, not 'yes'");
    }

    @Test
    void findingsArePagedOldestFirstAndFilteredLikeTheCli() throws Exception {
        List<JsonNode> open = walk("/findings", "/findings?limit=1");
        List<String> expected = wiring.listFindings().list(new io.certfleet.core.policy.FindingQuery(
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                io.certfleet.core.policy.FindingQuery.State.OPEN)).stream()
                .map(history -> history.finding().key()).sorted().toList();
        assertThat(open.stream().map(item -> item.path("certificateArn").asText() + "|" + item.path("subject")
                .asText() + "|" + item.path("side").asText() + "|" + item.path("code").asText()).sorted().toList())
                .as("every open finding once").isEqualTo(expected).isNotEmpty();
        assertThat(texts(open, "state")).containsOnly("open");
        assertThat(texts(open, "firstSeen")).isSorted();
        assertThat(walk("/findings", "/findings?code=WEAK_KEY")).singleElement()
                .satisfies(item -> assertThat(item.path("certificateArn").asText()).isEqualTo(weakArn));
        assertThat(walk("/findings", "/findings?owner=shop-team&severity=high")).isEmpty();
        assertThat(walk("/findings", "/findings?state=resolved")).isEmpty();
        assertThat(walk("/findings", "/findings?state=all")).hasSameSizeAs(open);
        assertThat(conforming("/findings", get("/findings?state=closed")).body().path("error").path("parameter")
                .asText()).isEqualTo("state");
    }

    @Test
    void rotationsAreListedNewestFirstAndReadOneByOne() throws Exception {
        List<JsonNode> all = walk("/rotations", "/rotations?limit=1");
        assertThat(texts(all, "rotationId")).containsExactly(refusedRotation.rotationId(),
                plannedRotation.rotationId());
        assertThat(walk("/rotations", "/rotations?status=REFUSED")).singleElement().satisfies(item -> {
            assertThat(item.path("requestedBy").asText()).isEqualTo("bob");
            assertThat(item.path("reason").asText()).contains("no-such-certificate");
        });
        assertThat(walk("/rotations", "/rotations?owner=pay-team")).singleElement()
                .satisfies(item -> assertThat(item.path("certificateArns").get(0).asText()).isEqualTo(payArn));

        Answer one = conforming("/rotations/{id}", get("/rotations/" + plannedRotation.rotationId()));
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.body().path("certificate").path("arn").asText()).isEqualTo(payArn);
        assertThat(one.body().path("waves").get(0).path("bindings").get(0).path("resourceId").asText())
                .contains("listener");
        String payId = ids("/certificates?owner=pay-team").stream().filter(id -> id.endsWith("@" + payArn))
                .findFirst().orElseThrow();
        assertThat(conforming("/certificates/{id}", get("/certificates/" + URLEncoder.encode(payId,
                StandardCharsets.UTF_8))).body().path("rotations").get(0).path("rotationId").asText())
                .isEqualTo(plannedRotation.rotationId());
        Answer missing = conforming("/rotations/{id}", get("/rotations/nope"));
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.body().path("error").path("message").asText()).isEqualTo("no rotation nope");
    }

    @Test
    void metricsAreTheGovernanceKpisOfTheSeededFleet() throws Exception {
        Answer answer = conforming("/metrics", get("/metrics"));
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200);
        JsonNode kpis = answer.body();

        assertThat(kpis.path("inventory").path("certificates").asInt()).isEqualTo(7);
        assertThat(kpis.path("inventory").path("endpoints").asInt()).as("one listener: default + 2 SNI").isEqualTo(3);
        assertThat(kpis.path("inventory").path("scanCoverage").path("ratio").asDouble()).isEqualTo(1.0);
        assertThat(kpis.path("inventory").path("scanCoverage").path("accountRegionsPlanned").asInt()).isEqualTo(1);
        assertThat(kpis.path("inventory").path("ownedEndpoints").path("ratio").asDouble()).isEqualTo(1.0);
        // probes: shop-0's passed, the weak one's failed, pay's never ran
        assertThat(kpis.path("handshakes").path("success").toString()).isEqualTo(
                "{\"count\":1,\"total\":2,\"ratio\":0.5}");
        assertThat(kpis.path("handshakes").path("byOwner").toString()).isEqualTo(
                "[{\"owner\":\"pay-team\",\"count\":0,\"total\":1,\"ratio\":0.0},"
                        + "{\"owner\":\"shop-team\",\"count\":1,\"total\":1,\"ratio\":1.0}]");
        // validity: pay 85 days and old 90 days (+1 h) are short-lived; shop-0..4 (100-104 days +1 h) are not
        assertThat(kpis.path("lifetimes").path("shortLived").path("count").asInt()).isEqualTo(2);
        assertThat(kpis.path("lifetimes").path("rotationsPerMonth").path("at100Days").asDouble())
                .isEqualTo(2.13); // 7 certificates x 30.44 days / 100 days
        assertThat(kpis.path("lifetimes").path("rotationsPerMonth").path("at47Days").asDouble()).isEqualTo(4.53);
        // days to expiry: pay 4, old 88, shop-0 89, shop-1 90, shop-2..4 91-93
        assertThat(kpis.path("expiry").toString()).isEqualTo("{\"expired\":0,\"days0To7\":1,\"days8To30\":0,"
                + "\"days31To90\":3,\"later\":3,\"unreadable\":0,\"expiredInUse\":0}");
        assertThat(kpis.path("rotations").path("succeeded").asInt()).isZero();
        assertThat(kpis.path("rotations").path("meanSecondsToRotate").isNull()).isTrue();
        assertThat(kpis.path("rotations").path("note").asText()).contains("no rotation has succeeded yet");
        int openFindings = walk("/findings", "/findings").size();
        assertThat(kpis.path("findings").path("open").asInt()).isEqualTo(openFindings).isPositive();
        assertThat(kpis.path("findings").path("byOwner").findValuesAsText("owner")).doesNotContain("shop-team");

        JsonNode pay = conforming("/metrics", get("/metrics?owner=pay-team")).body();
        assertThat(pay.path("inventory").path("certificates").asInt()).isEqualTo(2);
        assertThat(pay.path("inventory").path("endpoints").asInt()).isEqualTo(2);
        assertThat(pay.path("handshakes").path("success").path("ratio").asDouble()).isZero();
        assertThat(pay.path("policy").path("endpointsMeetingPolicy").path("count").asInt())
                .as("the weak key and the 4-day expiry are high or worse").isZero();
        assertThat(pay.path("filter").path("owner").asText()).isEqualTo("pay-team");
        assertThat(conforming("/metrics", get("/metrics?account=1")).status()).isEqualTo(400);

        Map<String, String> environment = Map.of("AWS_ENDPOINT_URL", emulator.endpoint().toString());
        var json = io.certfleet.testing.CliProcess.run(environment, "metrics", "--table", "api-it", "--owner",
                "pay-team", "--json");
        assertThat(json.exitCode()).as(json.err()).isZero();
        var cli = (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(json.out());
        var api = (com.fasterxml.jackson.databind.node.ObjectNode) pay.deepCopy();
        cli.remove("computedAt");
        api.remove("computedAt");
        assertThat(cli).as("the CLI's numbers are the API's").isEqualTo(api);
        var text = io.certfleet.testing.CliProcess.run(environment, "metrics", "--table", "api-it");
        assertThat(text.exitCode()).as(text.err()).isZero();
        assertThat(text.out()).contains("Governance KPIs (whole fleet)").containsPattern(
                "handshake success\\s+50\\.0 %\\s+1 of 2").contains("no rotation has succeeded yet")
                .containsPattern("pay-team\\s+0\\.0 % \\(0/1\\)");
    }

    /** CSV as RFC 4180 writes it (quoted cells, doubled quotes), row by row. */
    private static List<List<String>> csv(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(cell.toString());
                cell.setLength(0);
            } else if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                row.add(cell.toString());
                cell.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
                i++;
            } else {
                cell.append(c);
            }
        }
        return rows;
    }

    @Test
    void exportsAreTheListedRowsInCsvAndJsonWithTheSameFields() throws Exception {
        HttpResponse<String> csvAnswer = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + server.port() + "/export?format=csv")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(csvAnswer.statusCode()).as(csvAnswer.body()).isEqualTo(200);
        assertThat(csvAnswer.headers().firstValue("Content-Type")).hasValue("text/csv; charset=utf-8");
        assertThat(csvAnswer.headers().firstValue("X-Certfleet-Rows")).hasValue("7");
        List<List<String>> rows = csv(csvAnswer.body());
        List<String> header = rows.getFirst();
        List<String> schemaColumns = new ArrayList<>();
        OpenApiDocument.document().path("components").path("schemas").path("ExportRow").path("required")
                .forEach(column -> schemaColumns.add(column.asText()));
        assertThat(header).as("the documented columns, in order").isEqualTo(schemaColumns);
        List<String> listed = walk("/certificates", "/certificates?limit=3").stream()
                .map(item -> item.path("id").asText()).toList();
        assertThat(rows.subList(1, rows.size()).stream().map(List::getFirst).toList())
                .as("the rows of the listing, in its order").isEqualTo(listed);

        Answer json = conforming("/export", get("/export?format=json"));
        assertThat(json.status()).isEqualTo(200);
        assertThat(json.body().size()).isEqualTo(7);
        for (int i = 0; i < json.body().size(); i++) {
            JsonNode object = json.body().get(i);
            List<String> cells = rows.get(i + 1);
            for (int column = 0; column < header.size(); column++) {
                JsonNode value = object.path(header.get(column));
                assertThat(cells.get(column)).as(header.get(column)).isEqualTo(value.isNull() ? "" : value.asText());
            }
        }
        JsonNode weak = java.util.stream.StreamSupport.stream(json.body().spliterator(), false)
                .filter(row -> row.path("arn").asText().equals(weakArn)).findFirst().orElseThrow();
        assertThat(weak.path("openCodes").asText()).contains("WEAK_KEY");
        assertThat(weak.path("endpoints").asInt()).isEqualTo(1);
        assertThat(weak.path("endpointIds").asText()).startsWith("ELBV2_LISTENER#arn:aws:elasticloadbalancing:");

        assertThat(conforming("/export", get("/export?format=json&owner=pay-team")).body().size()).isEqualTo(2);
        assertThat(conforming("/export", get("/export?format=xml")).body().path("error").path("parameter")
                .asText()).isEqualTo("format");
    }

    @Test
    void anExportLargerThanAResponseGoesToTheBucketAndIsAnswered303() throws Exception {
        emulator.clients().s3().createBucket(request -> request.bucket("api-it-exports"));
        String inline = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                + "/export?format=csv")).build(), HttpResponse.BodyHandlers.ofString()).body();
        InventoryApiHandler spilling = new InventoryApiHandler(wiring, io.certfleet.wiring.ApiOptions.withKey(
                new byte[32]).withExportBucket("api-it-exports", 1000)); // 1,000 bytes: this fleet's ~4 KB spills
        try (LocalApiServer small = LocalApiServer.start(spilling, 0)) {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + small.port() + "/export?format=csv")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(303);
            JsonNode body = JSON.readTree(answer.body());
            assertThat(OpenApiDocument.violations("/export", 303, body)).isEmpty();
            String location = answer.headers().firstValue("Location").orElseThrow();
            assertThat(body.path("location").asText()).isEqualTo(location);
            assertThat(location).contains("/api-it-exports/exports/").contains("X-Amz-Signature=")
                    .contains("X-Amz-Expires=900");
            assertThat(body.path("rows").asInt()).isEqualTo(7);
            HttpResponse<String> download = http.send(HttpRequest.newBuilder(URI.create(location)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(download.statusCode()).isEqualTo(200);
            assertThat(download.body()).as("the same rows as the inline export").isEqualTo(inline);
            assertThat(body.path("bytes").asLong()).isEqualTo(inline.getBytes(StandardCharsets.UTF_8).length);
        }
        InventoryApiHandler noBucket = new InventoryApiHandler(wiring, new io.certfleet.wiring.ApiOptions(
                new byte[32], Optional.empty(), 1000));
        try (LocalApiServer small = LocalApiServer.start(noBucket, 0)) {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + small.port() + "/export")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).isEqualTo(413);
            assertThat(JSON.readTree(answer.body()).path("error").path("message").asText())
                    .contains("larger than one response (1000 bytes)");
        }
    }

    @Test
    void aWalkUnderConcurrentWritesNeitherRepeatsNorSkipsWhatWasThereThroughout() throws Exception {
        Wiring churn = new Wiring(emulator.clients(), Clock.systemUTC(), CertfleetSettings.defaults()
                .withTableName("api-it-churn").withRateLimits(RateLimits.UNLIMITED));
        churn.inventoryTable().ensureExists();
        var repository = churn.inventory();
        List<io.certfleet.core.inventory.InventoryRecord> throughout = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            var record = io.certfleet.testing.InventoryFixtures.record("arn:aws:acm:eu-west-1:111122223333:"
                    + "certificate/churn-" + i).expiringAt(NOW.plus(Duration.ofDays(10 + i))).seenAt(NOW).build();
            repository.recordSeen(record);
            throughout.add(record);
        }
        InventoryApi api = new InventoryApi(ApiSpec.load(), churn.compliance(), new PageCursor(new byte[32],
                Clock.systemUTC()), new InventoryApi.Exports(1024, Optional.empty()));
        List<String> walked = new ArrayList<>();
        String cursor = null;
        int page = 0;
        do {
            Map<String, String> query = new java.util.HashMap<>(Map.of("limit", "4"));
            if (cursor != null) {
                query.put("cursor", cursor);
            }
            JsonNode body = JSON.readTree(api.handle(new ApiRequest("GET", "/certificates", query)).body());
            body.path("items").forEach(item -> walked.add(item.path("arn").asText()));
            cursor = body.path("nextCursor").isNull() ? null : body.path("nextCursor").asText();
            // meanwhile: new certificates before and after the walk's position, one removed, owners changed
            repository.recordSeen(io.certfleet.testing.InventoryFixtures.record("arn:aws:acm:eu-west-1:111122223333:"
                    + "certificate/new-" + page).expiringAt(NOW.plus(Duration.ofDays(page % 2 == 0 ? 1 : 100)))
                    .seenAt(NOW).build());
            var changed = throughout.get((page * 7) % throughout.size());
            repository.recordSeen(io.certfleet.testing.InventoryFixtures.record(changed.location().arn())
                    .facts(changed.facts()).owner("team-" + page, io.certfleet.core.ownership.OwnershipSource.CERTIFICATE_TAG)
                    .seenAt(NOW.plusSeconds(page)).build());
            if (page == 2) {
                repository.markRemoved(throughout.get(29), NOW.plusSeconds(1000), NOW.plusSeconds(1000));
            }
            page++;
        } while (cursor != null && page < 100);

        for (var record : throughout.subList(0, 29)) {
            assertThat(walked).as(record.location().arn()).containsOnlyOnce(record.location().arn());
        }
        assertThat(walked).doesNotHaveDuplicates().doesNotContain(throughout.get(29).location().arn())
                .as("one added before the position is missed, those after are seen").contains(
                        "arn:aws:acm:eu-west-1:111122223333:certificate/new-1");
    }
}
