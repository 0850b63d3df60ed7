package io.certfleet.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.certfleet.adapters.aws.RateLimits;
import io.certfleet.core.discovery.ScanScope;
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
        LocalAlertRouting.Routes routes = new LocalAlertRouting(emulator.clients()).ensure();
        wiring = new Wiring(emulator.clients(), Clock.systemUTC(), CertfleetSettings.defaults()
                .withTableName("api-it").withRateLimits(RateLimits.UNLIMITED).withAlerts(routes.alertOptions()));
        wiring.inventoryTable().ensureExists();
        wiring.scanFleet().run(wiring.planScan().plan(new AccountSelection.Caller(), List.of(SCOPE.region())), 1);
        wiring.evaluatePolicy().evaluate(SCOPE);
        server = LocalApiServer.start(new InventoryApiHandler(wiring, "a key this test owns, 32 bytes..."
                .getBytes(StandardCharsets.US_ASCII)), 0);
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

        List<String> listed = wiring.listInventory().list(io.certfleet.core.inventory.InventoryQuery.ALL_PRESENT)
                .stream().map(entry -> io.certfleet.core.compliance.ListCertificates.idOf(entry.record())).sorted()
                .toList();
        assertThat(walked).as("every certificate once, in id order").isEqualTo(listed).hasSize(7);
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
}
