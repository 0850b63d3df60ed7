package io.certfleet.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.certfleet.adapters.aws.RateLimits;
import io.certfleet.core.discovery.ScanScope;
import io.certfleet.core.fleet.AccountSelection;
import io.certfleet.local.FleetSeeder;
import io.certfleet.local.pki.CertificateBuilder;
import io.certfleet.local.pki.IssuedCertificate;
import io.certfleet.local.pki.KeyType;
import io.certfleet.testing.AwsEmulator;
import io.certfleet.testing.AwsEmulatorExtension;
import io.certfleet.testing.CliProcess;
import io.certfleet.testing.HeadlessChromium;
import io.certfleet.wiring.CertfleetSettings;
import io.certfleet.wiring.Wiring;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code certfleet report} on a scanned and judged fleet, the page opened in a real headless Chromium: the KPIs, the
 * chart and the table render, the page's script ran, a hostile certificate subject stays text, and the browser made
 * no network request. The screenshot is left in {@code target/report-it/} for a person to look at.
 */
@ExtendWith(AwsEmulatorExtension.class)
class FleetReportIT {

    private static final Instant NOW = Instant.now();
    private static final String TABLE = "report-it";

    @Test
    void theFleetReportRendersOfflineInABrowser(AwsEmulator emulator) throws Exception {
        emulator.resetNow();
        FleetSeeder.Account account = new FleetSeeder(emulator.clients()).in(AwsEmulator.ACCOUNT_ID,
                AwsEmulator.REGION);
        IssuedCertificate ca = CertificateBuilder.certificate("Report IT CA").certificateAuthority().build();
        for (int i = 0; i < 4; i++) {
            String name = "web-" + i + ".report.test";
            account.importCertificate(CertificateBuilder.certificate(name).dnsNames(name).issuedBy(ca)
                    .validity(NOW.minus(Duration.ofDays(30)), NOW.plus(Duration.ofDays(10 + 30L * i))).build(),
                    Map.of("owner", i % 2 == 0 ? "web-team" : "shop-team", "environment", "prod"));
        }
        account.importCertificate(CertificateBuilder.certificate("\\<script\\>alert(1)\\</script\\>")
                .dnsNames("hostile.report.test").keyType(KeyType.RSA_1024).issuedBy(ca)
                .validFor(NOW, Duration.ofDays(20)).build(), Map.of("owner", "web-team"));
        Wiring wiring = new Wiring(emulator.clients(), Clock.systemUTC(), CertfleetSettings.defaults()
                .withTableName(TABLE).withRateLimits(RateLimits.UNLIMITED));
        wiring.inventoryTable().ensureExists();
        ScanScope scope = new ScanScope(AwsEmulator.ACCOUNT_ID, AwsEmulator.REGION.id());
        wiring.runScan().run(wiring.planScan().plan(new AccountSelection.Caller(), List.of(scope.region())), 1);
        wiring.evaluatePolicy().evaluate(scope);

        Path directory = Files.createDirectories(Path.of("target", "report-it"));
        Path html = directory.resolve("fleet-report.html");
        Path csv = directory.resolve("fleet.csv");
        var run = CliProcess.run(Map.of("AWS_ENDPOINT_URL", emulator.endpoint().toString()), "report", "--html",
                html.toString(), "--csv", csv.toString(), "--table", TABLE);
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Fleet report: " + html.toAbsolutePath()).contains("(5 certificates)");
        assertThat(Files.readAllLines(csv)).hasSize(6).first().asString().startsWith("id,sha256,source,arn,");
        String page = Files.readString(html);
        assertThat(page).as("self-contained").doesNotContain("http://").doesNotContain("https://")
                .doesNotContain("<script src").doesNotContain("<link").doesNotContain("<img")
                .contains("\\&lt;script\\&gt;alert(1)\\&lt;/script\\&gt;"); // the subject as X.500 writes it
        assertThat(count(page, "<script")).as("only the page's own script").isEqualTo(1);

        Path screenshot = directory.resolve("fleet-report.png");
        HeadlessChromium.Load load = HeadlessChromium.load(html, screenshot);

        assertThat(load.requests()).as("the page made no network request").isEmpty();
        String dom = load.dom();
        assertThat(dom).contains("data-ready=\"true\"").as("the page's script ran");
        assertThat(dom).contains("Handshake success").contains("Scan coverage").contains("100.0 %");
        assertThat(count(dom, "<rect class=\"bar\"")).as("the timeline's bars").isPositive();
        assertThat(count(dom, "<tr data-owner=")).as("a row per certificate").isEqualTo(5);
        assertThat(dom).contains("5 of 5 certificates");
        assertThat(count(dom, "<script")).as("the hostile subject stays text").isEqualTo(1);
        assertThat(dom).contains("\\&lt;script\\&gt;alert(1)");
        assertThat(dom).contains("web-team / prod").contains("WEAK_KEY");
        assertThat(screenshot).exists();
        assertThat(Files.size(screenshot)).as("a rendered page, not a blank one").isGreaterThan(20_000);
    }

    @Test
    void theRequestCheckCatchesAPageThatLoadsFromTheNetwork() throws Exception {
        Path directory = Files.createDirectories(Path.of("target", "report-it"));
        Path page = directory.resolve("fetches.html");
        Files.writeString(page, "<html><body><img src=\"https://cdn.example.net/logo.png\">"
                + "<link rel=\"stylesheet\" href=\"https://fonts.googleapis.com/css\"></body></html>");

        HeadlessChromium.Load load = HeadlessChromium.load(page, directory.resolve("fetches.png"));

        assertThat(load.requests()).anySatisfy(request -> assertThat(request).contains("cdn.example.net"))
                .anySatisfy(request -> assertThat(request).contains("fonts.googleapis.com"));
    }

    private static int count(String text, String needle) {
        Matcher matcher = Pattern.compile(Pattern.quote(needle)).matcher(text);
        int found = 0;
        while (matcher.find()) {
            found++;
        }
        return found;
    }
}
