package io.certfleet.local;

import io.certfleet.adapters.tls.AddressResolver;
import io.certfleet.core.probe.TrustMaterial;
import io.certfleet.local.pki.CertificateBuilder;
import io.certfleet.local.pki.IssuedCertificate;
import io.certfleet.local.tls.LocalTlsServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The demo fleet's endpoints on the wire. The emulator records load balancers, distributions and domains but
 * serves no TLS, so each endpoint stands in as a TLS server on loopback, serving the demo's certificates the way a
 * real fleet goes wrong:
 *
 * <ul>
 *   <li>{@code demo-checkout} (ALB): the default certificate and an SNI certificate, both correctly served;</li>
 *   <li>{@code demo-partners} (Classic ELB): the leaf without its intermediate;</li>
 *   <li>{@code demo-legacy} (Classic ELB): CBC suites still enabled next to the modern ones;</li>
 *   <li>{@code www} (CloudFront): healthy;</li>
 *   <li>{@code api} (API Gateway): still serving the certificate from before the last rotation.</li>
 * </ul>
 * The probe reaches them through an {@link AddressResolver} that maps each SNI name to its stand-in.
 */
public final class DemoEndpoints implements AutoCloseable {

    private static final String[] MODERN_AND_CBC = {"TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384",
        "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
        "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA"};

    private final List<LocalTlsServer> servers = new ArrayList<>();
    private final Map<String, InetSocketAddress> byServerName = new LinkedHashMap<>();
    private final TrustMaterial trust;

    private DemoEndpoints(TrustMaterial trust) {
        this.trust = trust;
    }

    /** Starts one loopback TLS server per demo endpoint. */
    public static DemoEndpoints start(DemoFleet.Seeded fleet, Clock clock) {
        // The private PKI's bundle: its root is trusted, its issuing CA known (so a leaf served without it is an
        // incomplete chain, as a public CA's intermediate would be found through AIA).
        DemoEndpoints endpoints = new DemoEndpoints(new TrustMaterial(List.of(fleet.root().certificate()),
                List.of(fleet.issuingCa().certificate())));
        try {
            IssuedCertificate checkout = fleet.certificate("checkout");
            IssuedCertificate pay = fleet.certificate("pay");
            endpoints.serve(LocalTlsServer.serving(checkout)
                    .forSni(DemoFleet.name("pay"), LocalTlsServer.Served.of(pay)), "checkout", "pay");
            IssuedCertificate partners = fleet.certificate("partners");
            endpoints.serve(LocalTlsServer.serving(LocalTlsServer.Served.exactly(partners, partners.certificate())),
                    "partners");
            endpoints.serve(LocalTlsServer.serving(fleet.certificate("legacy")).suites(MODERN_AND_CBC), "legacy");
            endpoints.serve(LocalTlsServer.serving(fleet.certificate("www")), "www");
            endpoints.serve(LocalTlsServer.serving(beforeRotation(fleet.issuingCa(), clock)), "api");
            return endpoints;
        } catch (GeneralSecurityException | IOException | RuntimeException e) {
            endpoints.close();
            throw new IllegalStateException("cannot start the demo's local TLS endpoints: " + e.getMessage(), e);
        }
    }

    /** The certificate an endpoint served before its rotation: same name and issuer, expired yesterday. */
    private static IssuedCertificate beforeRotation(IssuedCertificate issuingCa, Clock clock) {
        Instant now = clock.instant();
        String name = DemoFleet.name("api");
        return CertificateBuilder.certificate(name).organization("certfleet demo").dnsNames(name)
                .issuedBy(issuingCa).validity(now.minus(Duration.ofDays(366)), now.minus(Duration.ofDays(1))).build();
    }

    private void serve(LocalTlsServer.Builder server, String... hosts) throws GeneralSecurityException, IOException {
        LocalTlsServer started = server.start();
        servers.add(started);
        for (String host : hosts) {
            byServerName.put(DemoFleet.name(host), LocalTlsServer.loopback(started.port()));
        }
    }

    /** The demo's private PKI: its root trusted, its issuing CA known. */
    public TrustMaterial trust() {
        return trust;
    }

    /** Sends each demo endpoint's probe to its stand-in; anything else is unknown. */
    public AddressResolver addresses() {
        return (target, timeout) -> Optional.ofNullable(target.sni().map(byServerName::get).orElse(null))
                .orElseThrow(() -> new UnknownHostException(target.host() + ": not a demo endpoint"));
    }

    /** Server name to loopback address, for the demo's report. */
    public Map<String, InetSocketAddress> standIns() {
        return Map.copyOf(byServerName);
    }

    @Override
    public void close() {
        for (LocalTlsServer server : servers) {
            try {
                server.close();
            } catch (IOException e) {
                // closing a loopback socket: nothing to do about a failure
            }
        }
    }
}
