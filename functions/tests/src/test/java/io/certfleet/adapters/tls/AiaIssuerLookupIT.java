package io.certfleet.adapters.tls;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.certfleet.local.pki.CertificateBuilder;
import io.certfleet.local.pki.IssuedCertificate;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Fetching a missing issuer through AIA caIssuers from a real HTTP server on loopback, and its limits. */
class AiaIssuerLookupIT {

    private static final IssuedCertificate ROOT = CertificateBuilder.certificate("AIA Root").certificateAuthority()
            .build();
    private static final IssuedCertificate INTERMEDIATE = CertificateBuilder.certificate("AIA Intermediate")
            .certificateAuthority().issuedBy(ROOT).build();

    /** Valid bundles holding the intermediate among fillers: the largest under 64 KiB and the smallest over it. */
    private static final byte[] UNDER_LIMIT;
    private static final byte[] OVER_LIMIT;

    static {
        List<IssuedCertificate> bundle = new java.util.ArrayList<>(List.of(ROOT, INTERMEDIATE));
        byte[] previous = pkcs7(bundle.toArray(IssuedCertificate[]::new));
        byte[] current = previous;
        for (int i = 0; current.length <= AiaIssuerLookup.MAX_BYTES; i++) {
            bundle.add(CertificateBuilder.certificate("filler-" + i + ".aia.test").issuedBy(ROOT).build());
            previous = current;
            current = pkcs7(bundle.toArray(IssuedCertificate[]::new));
        }
        UNDER_LIMIT = previous;
        OVER_LIMIT = current;
    }

    private HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/intermediate.der", exchange -> reply(exchange, 200, encoded(INTERMEDIATE)));
        server.createContext("/bundle.p7c", exchange -> reply(exchange, 200, pkcs7(ROOT, INTERMEDIATE)));
        server.createContext("/missing.der", exchange -> reply(exchange, 404, new byte[0]));
        server.createContext("/huge.der", exchange -> reply(exchange, 200, new byte[1024 * 1024]));
        server.createContext("/under-limit.p7c", exchange -> reply(exchange, 200, UNDER_LIMIT));
        server.createContext("/over-limit.p7c", exchange -> reply(exchange, 200, OVER_LIMIT));
        server.createContext("/slow.der", exchange -> {
            requests.incrementAndGet();
            try {
                Thread.sleep(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void aDerIssuerIsFetchedOnceAndCached() {
        AiaIssuerLookup lookup = new AiaIssuerLookup(Duration.ofSeconds(2));
        X509Certificate leaf = leafPointingAt("/intermediate.der");

        assertThat(lookup.issuerOf(leaf)).contains(INTERMEDIATE.certificate());
        assertThat(lookup.issuerOf(leaf)).contains(INTERMEDIATE.certificate());
        assertThat(requests).hasValue(1);
    }

    @Test
    void aPkcs7BundleYieldsTheCertificateNamedAsIssuer() {
        AiaIssuerLookup lookup = new AiaIssuerLookup(Duration.ofSeconds(2));

        assertThat(lookup.issuerOf(leafPointingAt("/bundle.p7c"))).contains(INTERMEDIATE.certificate());
    }

    @Test
    void noAiaA404AnOversizedAnswerOrNoServerMeanNoIssuer() {
        AiaIssuerLookup lookup = new AiaIssuerLookup(Duration.ofSeconds(2));

        assertThat(lookup.issuerOf(CertificateBuilder.certificate("plain").issuedBy(INTERMEDIATE).build()
                .certificate())).isEmpty();
        assertThat(lookup.issuerOf(leafPointingAt("/missing.der"))).isEmpty();
        assertThat(lookup.issuerOf(leafPointingAt("/huge.der"))).isEmpty();
        assertThat(lookup.issuerOf(CertificateBuilder.certificate("gone").issuedBy(INTERMEDIATE)
                .caIssuersUrl("http://127.0.0.1:9/x.der").build().certificate())).isEmpty();
        assertThat(lookup.issuerOf(CertificateBuilder.certificate("ldap").issuedBy(INTERMEDIATE)
                .caIssuersUrl("ldap://ldap.example/cn=ca").build().certificate())).isEmpty();
    }

    /** The 64 KiB limit, proven with real bundles on either side of it (a valid one just over it is refused). */
    @Test
    void aValidBundleIsReadUpToTheLimitAndRefusedJustOverIt() {
        assertThat(UNDER_LIMIT.length).isLessThanOrEqualTo(AiaIssuerLookup.MAX_BYTES)
                .isGreaterThan(AiaIssuerLookup.MAX_BYTES - 2048);
        assertThat(OVER_LIMIT.length).isGreaterThan(AiaIssuerLookup.MAX_BYTES);

        assertThat(new AiaIssuerLookup(Duration.ofSeconds(2)).issuerOf(leafPointingAt("/under-limit.p7c")))
                .contains(INTERMEDIATE.certificate());
        assertThat(new AiaIssuerLookup(Duration.ofSeconds(2)).issuerOf(leafPointingAt("/over-limit.p7c"))).isEmpty();
    }

    @Test
    void aServerThatNeverAnswersIsGivenUpWithinTheTimeout() {
        AiaIssuerLookup lookup = new AiaIssuerLookup(Duration.ofMillis(300));
        long started = System.nanoTime();

        Optional<X509Certificate> issuer = lookup.issuerOf(leafPointingAt("/slow.der"));

        assertThat(issuer).isEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
    }

    private X509Certificate leafPointingAt(String path) {
        return CertificateBuilder.certificate("leaf.aia.test").dnsNames("leaf.aia.test").issuedBy(INTERMEDIATE)
                .caIssuersUrl("http://127.0.0.1:" + server.getAddress().getPort() + path).build().certificate();
    }

    private void reply(com.sun.net.httpserver.HttpExchange exchange, int status, byte[] body) throws IOException {
        requests.incrementAndGet();
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static byte[] encoded(IssuedCertificate certificate) {
        try {
            return certificate.certificate().getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] pkcs7(IssuedCertificate... certificates) {
        try {
            CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
            generator.addCertificates(new JcaCertStore(List.of(certificates).stream()
                    .map(IssuedCertificate::certificate).toList()));
            return generator.generate(new CMSProcessableByteArray(new byte[0])).getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
