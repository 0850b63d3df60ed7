package io.certfleet.local;

import io.certfleet.adapters.tls.AddressResolver;
import io.certfleet.core.probe.TrustMaterial;
import io.certfleet.local.pki.CertificateBuilder;
import io.certfleet.local.pki.IssuedCertificate;
import io.certfleet.local.tls.EmulatedEndpoint;
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
import java.util.Set;
import software.amazon.awssdk.regions.Region;

/**
 * The demo fleet's endpoints on the wire. The emulator records load balancers, distributions and domains but
 * serves no TLS, so each endpoint stands in as a TLS server on loopback that serves, at every handshake, whatever
 * certificate the emulated resource holds at that moment ({@link EmulatedEndpoint}): a swap through the emulator's
 * API reaches the wire, as it would in AWS. The fleet goes wrong the way fleets do:
 *
 * <ul>
 *   <li>{@code demo-checkout} (ALB): the default certificate and an SNI certificate, both correctly served (and,
 *       when asked for, behind a stale proxy that keeps serving what it cached);</li>
 *   <li>{@code demo-partners} (Classic ELB): its certificate was imported without the intermediate, so it serves
 *       an incomplete chain;</li>
 *   <li>{@code demo-legacy} (Classic ELB): CBC suites still enabled next to the modern ones;</li>
 *   <li>{@code www} (CloudFront): healthy;</li>
 *   <li>{@code demo-staging} (ALB, staging): healthy, and drilled;</li>
 *   <li>{@code api} (API Gateway): still serving the certificate from before the last rotation (a fixed stand-in,
 *       as an endpoint that never picked up a renewal).</li>
 * </ul>
 * The probe reaches them through an {@link AddressResolver} that maps each SNI name to its stand-in.
 */
public final class DemoEndpoints implements AutoCloseable {

    private static final String[] MODERN_AND_CBC = {"TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384",
        "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
        "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA"};

    private final List<AutoCloseable> resources = new ArrayList<>();
    private final Map<String, InetSocketAddress> byServerName = new LinkedHashMap<>();
    private final TrustMaterial trust;

    private DemoEndpoints(TrustMaterial trust) {
        this.trust = trust;
    }

    /**
     * Starts one loopback TLS server per demo endpoint.
     *
     * @param keys       the private keys the stand-ins may serve (the demo's certificates and any replacement)
     * @param staleHosts hosts whose stand-in keeps serving what its resource holds now (a stale proxy)
     */
    public static DemoEndpoints start(DemoFleet.Seeded fleet, Clock clock, FleetSeeder seeder,
                                      EmulatedEndpoint.Keys keys, Set<String> staleHosts) {
        // The private PKI's bundle: its root is trusted, its issuing CA known (so a leaf served without it is an
        // incomplete chain, as a public CA's intermediate would be found through AIA).
        DemoEndpoints endpoints = new DemoEndpoints(new TrustMaterial(List.of(fleet.root().certificate()),
                List.of(fleet.issuingCa().certificate())));
        try {
            endpoints.emulate(fleet, seeder, keys, staleHosts, null, "checkout", "pay");
            endpoints.emulate(fleet, seeder, keys, staleHosts, null, "partners");
            endpoints.emulate(fleet, seeder, keys, staleHosts, MODERN_AND_CBC, "legacy");
            endpoints.emulate(fleet, seeder, keys, staleHosts, null, "www");
            endpoints.emulate(fleet, seeder, keys, staleHosts, null, "staging");
            LocalTlsServer api = LocalTlsServer.serving(beforeRotation(fleet.issuingCa(), clock)).start();
            endpoints.resources.add(api);
            endpoints.byServerName.put(DemoFleet.name("api"), LocalTlsServer.loopback(api.port()));
            return endpoints;
        } catch (GeneralSecurityException | IOException | RuntimeException e) {
            endpoints.close();
            throw new IllegalStateException("cannot start the demo's local TLS endpoints: " + e.getMessage(), e);
        }
    }

    /** The demo's certificates' keys, for stand-ins that serve whatever their resource holds. */
    public static EmulatedEndpoint.Keys keysOf(DemoFleet.Seeded fleet) {
        EmulatedEndpoint.Keys keys = new EmulatedEndpoint.Keys();
        fleet.certificates().values().forEach(keys::add);
        return keys;
    }

    /** One stand-in for the resource of {@code hosts} (they share it: a listener's default and SNI names). */
    private void emulate(DemoFleet.Seeded fleet, FleetSeeder seeder, EmulatedEndpoint.Keys keys,
                         Set<String> staleHosts, String[] suites, String... hosts)
            throws GeneralSecurityException, IOException {
        DemoFleet.Placement placement = fleet.placement(hosts[0]);
        FleetSeeder.Account account = seeder.in(placement.accountId(), placement.region() == null ? Region.US_EAST_1
                : placement.region());
        resources.add(account);
        EmulatedEndpoint endpoint = EmulatedEndpoint.start(account.clients(), placement.type(),
                placement.resourceId(), keys, java.util.Arrays.stream(hosts).anyMatch(staleHosts::contains), suites);
        resources.add(endpoint);
        for (String host : hosts) {
            byServerName.put(DemoFleet.name(host), LocalTlsServer.loopback(endpoint.port()));
        }
    }

    /** The certificate an endpoint served before its rotation: same name and issuer, expired yesterday. */
    private static IssuedCertificate beforeRotation(IssuedCertificate issuingCa, Clock clock) {
        Instant now = clock.instant();
        String name = DemoFleet.name("api");
        return CertificateBuilder.certificate(name).organization("certfleet demo").dnsNames(name)
                .issuedBy(issuingCa).validity(now.minus(Duration.ofDays(366)), now.minus(Duration.ofDays(1))).build();
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
        for (AutoCloseable resource : resources.reversed()) {
            try {
                resource.close();
            } catch (Exception e) {
                // closing a loopback socket or a client: nothing to do about a failure
            }
        }
    }
}
