package io.certfleet.adapters.tls;

import io.certfleet.core.finding.FindingCode;
import io.certfleet.core.probe.EndpointObservation;
import io.certfleet.core.probe.NetworkFailure;
import io.certfleet.core.probe.OcspStaple;
import io.certfleet.core.probe.ProbeSettings;
import io.certfleet.core.probe.CipherSuites;
import io.certfleet.core.probe.ProbeTarget;
import io.certfleet.core.probe.SniBehaviour;
import io.certfleet.core.probe.TlsProber;
import io.certfleet.core.probe.TlsVersion;
import io.certfleet.core.probe.VersionSupport;
import java.io.ByteArrayInputStream;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * Observes an endpoint over the network (JSSE and hand-built ClientHellos):
 *
 * <ol>
 *   <li>resolves the host, within the connect timeout;</li>
 *   <li>for each TLS version, offers every known suite: accepted or not; then the policy's suites only (is one of
 *       them accepted?) and the others only, one at a time until refused (which outside suites are accepted);</li>
 *   <li>makes a modern client's handshake for the negotiated protocol and suite, the chain as served and the
 *       stapled OCSP response; a server only a legacy client can talk to is read from the legacy hello instead;</li>
 *   <li>when an SNI name was sent, shakes hands again without one and compares the certificate.</li>
 * </ol>
 * Connections to one host are limited ({@code perHost}); every read is bounded in time and size, so silent,
 * garbage-sending or oversized peers end within their timeout.
 */
public final class TlsEndpointProber implements TlsProber {

    /** The most a server's first flight may weigh (a megabyte chain is refused). */
    static final int MAX_HANDSHAKE_BYTES = 256 * 1024;
    private static final int MAX_OUTSIDE_SUITES = 64;
    private static final int MAX_ENUMERATED_SUITES = 100;
    private static final List<TlsVersion> PROBE_ORDER = List.of(TlsVersion.TLS_1_2, TlsVersion.TLS_1_3,
            TlsVersion.TLS_1_1, TlsVersion.TLS_1_0);

    private final int perHost;
    private final AddressResolver resolver;
    private final Map<String, Semaphore> hosts = new ConcurrentHashMap<>();

    /** A prober that finds hosts through DNS and opens at most {@code perHost} connections to one host at once. */
    public TlsEndpointProber(int perHost) {
        this(perHost, AddressResolver.DNS);
    }

    public TlsEndpointProber(int perHost, AddressResolver resolver) {
        if (perHost < 1) {
            throw new IllegalArgumentException("perHost must be at least 1, got " + perHost);
        }
        this.perHost = perHost;
        this.resolver = resolver;
    }

    @Override
    public EndpointObservation observe(ProbeTarget target, ProbeSettings settings) {
        long started = System.nanoTime();
        InetSocketAddress address;
        try {
            address = resolver.resolve(target, settings.connectTimeout());
        } catch (UnknownHostException e) {
            return EndpointObservation.failed(target, new NetworkFailure(FindingCode.DNS_FAILURE, e.getMessage()),
                    elapsed(started));
        }
        Semaphore host = hosts.computeIfAbsent(target.host(), key -> new Semaphore(perHost));
        try {
            host.acquire();
            try {
                return observe(target, address, settings, started);
            } finally {
                host.release();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return EndpointObservation.failed(target, new NetworkFailure(FindingCode.TIMEOUT, "interrupted"),
                    elapsed(started));
        }
    }

    private EndpointObservation observe(ProbeTarget target, InetSocketAddress address, ProbeSettings settings,
                                        long started) {
        Optional<String> sni = target.effectiveSni();
        Map<TlsVersion, VersionSupport> versions = new EnumMap<>(TlsVersion.class);
        Map<TlsVersion, RawHello.Response> firstAnswers = new LinkedHashMap<>();
        for (TlsVersion version : PROBE_ORDER) {
            RawHello.Response answer = hello(address, sni, version, CipherSuites.usableWith(version), settings);
            if (firstAnswers.isEmpty()) {
                Optional<NetworkFailure> failure = networkFailure(answer);
                if (failure.isPresent()) {
                    return EndpointObservation.failed(target, failure.get(), elapsed(started));
                }
            }
            firstAnswers.put(version, answer);
            versions.put(version, answer.accepted(version)
                    ? ciphers(address, sni, version, answer, settings) : VersionSupport.REJECTED);
        }
        if (firstAnswers.values().stream().allMatch(a -> a.outcome() == RawHello.Outcome.CLOSED
                && a.detail().contains("without answering"))) {
            return EndpointObservation.failed(target, new NetworkFailure(FindingCode.NOT_TLS,
                    "the peer closed every connection without answering a ClientHello"), elapsed(started));
        }
        JsseHandshake.Result modern = JsseHandshake.run(address, sni, settings.connectTimeout(),
                settings.handshakeTimeout());
        Optional<TlsVersion> protocol = modern.protocol().flatMap(TlsVersion::ofProtocolName);
        Optional<String> cipher = modern.cipherSuite();
        List<X509Certificate> served = modern.served();
        OcspStaple ocsp = OcspStapleReader.read(modern.ocspResponses());
        Optional<RawHello.Response> legacy = legacyAnswer(firstAnswers);
        if (!modern.succeeded() && legacy.isPresent()) {
            protocol = legacy.get().version();
            cipher = Optional.of(CipherSuites.nameOf(legacy.get().cipher().orElseThrow()));
            served = decode(legacy.get().certificates());
            ocsp = OcspStapleReader.read(legacy.get().ocspStaple().map(List::of).orElse(List.of()));
        }
        SniBehaviour sniBehaviour = sniBehaviour(address, sni, modern, legacy, served, settings);
        Optional<String> handshakeError = modern.succeeded() ? Optional.empty()
                : Optional.of("a modern client's handshake failed: " + modern.error().orElse(""));
        return new EndpointObservation(target, Optional.empty(), protocol, cipher, served, ocsp, versions,
                sniBehaviour, handshakeError, elapsed(started));
    }

    private VersionSupport ciphers(InetSocketAddress address, Optional<String> sni, TlsVersion version,
                                   RawHello.Response anySuite, ProbeSettings settings) {
        if (settings.enumerateSuites()) {
            return VersionSupport.enumerated(everyAcceptedSuite(address, sni, version, anySuite, settings),
                    settings.allowedCipherSuites());
        }
        List<CipherSuites.Suite> usable = CipherSuites.usableWith(version);
        Set<String> allowed = settings.allowedCipherSuites();
        String chosen = CipherSuites.nameOf(anySuite.cipher().orElseThrow());
        Optional<String> allowedCipher = allowed.contains(chosen) ? Optional.of(chosen)
                : acceptedSuite(address, sni, version, usable.stream().filter(s -> allowed.contains(s.name())).toList(),
                        settings);
        List<CipherSuites.Suite> outside = new ArrayList<>(usable.stream()
                .filter(s -> !allowed.contains(s.name())).toList());
        List<String> acceptedOutside = new ArrayList<>();
        while (!outside.isEmpty() && acceptedOutside.size() < MAX_OUTSIDE_SUITES) {
            RawHello.Response answer = hello(address, sni, version, outside, settings);
            if (!answer.accepted(version)) {
                break;
            }
            int code = answer.cipher().orElseThrow();
            acceptedOutside.add(CipherSuites.nameOf(code));
            if (!outside.removeIf(suite -> suite.code() == code)) {
                break; // the server chose a suite it was not offered: stop rather than loop
            }
        }
        return new VersionSupport(true, allowedCipher, acceptedOutside);
    }

    /**
     * Every suite the server accepts with a version, in the order it picks them: offer all the known ones, take the
     * one chosen away, offer the rest, until it refuses (at most {@link #MAX_ENUMERATED_SUITES} handshakes).
     */
    private List<String> everyAcceptedSuite(InetSocketAddress address, Optional<String> sni, TlsVersion version,
                                            RawHello.Response anySuite, ProbeSettings settings) {
        List<CipherSuites.Suite> remaining = new ArrayList<>(CipherSuites.usableWith(version));
        List<String> accepted = new ArrayList<>();
        RawHello.Response answer = anySuite;
        while (answer.accepted(version) && accepted.size() < MAX_ENUMERATED_SUITES) {
            int code = answer.cipher().orElseThrow();
            accepted.add(CipherSuites.nameOf(code));
            if (!remaining.removeIf(suite -> suite.code() == code) || remaining.isEmpty()) {
                break; // a suite it was not offered (stop rather than loop), or nothing left to offer
            }
            answer = hello(address, sni, version, remaining, settings);
        }
        return accepted;
    }

    private Optional<String> acceptedSuite(InetSocketAddress address, Optional<String> sni, TlsVersion version,
                                           List<CipherSuites.Suite> suites, ProbeSettings settings) {
        if (suites.isEmpty()) {
            return Optional.empty();
        }
        RawHello.Response answer = hello(address, sni, version, suites, settings);
        return answer.accepted(version) ? Optional.of(CipherSuites.nameOf(answer.cipher().orElseThrow()))
                : Optional.empty();
    }

    private SniBehaviour sniBehaviour(InetSocketAddress address, Optional<String> sni, JsseHandshake.Result modern,
                                      Optional<RawHello.Response> legacy, List<X509Certificate> served,
                                      ProbeSettings settings) {
        if (sni.isEmpty() || served.isEmpty()) {
            return SniBehaviour.NOT_APPLICABLE;
        }
        List<X509Certificate> withoutSni;
        if (modern.succeeded()) {
            JsseHandshake.Result plain = JsseHandshake.run(address, Optional.empty(), settings.connectTimeout(),
                    settings.handshakeTimeout());
            if (!plain.succeeded()) {
                return SniBehaviour.HANDSHAKE_FAILED;
            }
            withoutSni = plain.served();
        } else {
            TlsVersion version = legacy.orElseThrow().version().orElseThrow();
            RawHello.Response plain = hello(address, Optional.empty(), version, CipherSuites.usableWith(version),
                    settings);
            if (!plain.accepted(version)) {
                return SniBehaviour.HANDSHAKE_FAILED;
            }
            withoutSni = decode(plain.certificates());
        }
        return !withoutSni.isEmpty() && withoutSni.getFirst().equals(served.getFirst())
                ? SniBehaviour.SAME_CERTIFICATE : SniBehaviour.DIFFERENT_CERTIFICATE;
    }

    /** The answer of the highest TLS 1.2-or-below version accepted (it carries the chain in clear). */
    private static Optional<RawHello.Response> legacyAnswer(Map<TlsVersion, RawHello.Response> answers) {
        return answers.entrySet().stream()
                .filter(e -> e.getKey() != TlsVersion.TLS_1_3 && e.getValue().accepted(e.getKey()))
                .max(Map.Entry.comparingByKey())
                .map(Map.Entry::getValue);
    }

    private static Optional<NetworkFailure> networkFailure(RawHello.Response answer) {
        return switch (answer.outcome()) {
            case REFUSED -> Optional.of(new NetworkFailure(FindingCode.CONNECTION_REFUSED, answer.detail()));
            case TIMEOUT -> Optional.of(new NetworkFailure(FindingCode.TIMEOUT, answer.detail()));
            case NOT_TLS, OVERSIZED -> Optional.of(new NetworkFailure(FindingCode.NOT_TLS, answer.detail()));
            default -> Optional.empty();
        };
    }

    private static RawHello.Response hello(InetSocketAddress address, Optional<String> sni, TlsVersion version,
                                           List<CipherSuites.Suite> suites, ProbeSettings settings) {
        return RawHello.send(address, sni, version, suites.stream().map(CipherSuites.Suite::code).toList(),
                settings.connectTimeout(), settings.handshakeTimeout(), MAX_HANDSHAKE_BYTES);
    }

    private static List<X509Certificate> decode(List<byte[]> ders) {
        List<X509Certificate> certificates = new ArrayList<>();
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (byte[] der : ders) {
                certificates.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der)));
            }
        } catch (CertificateException e) {
            // a garbled certificate in a legacy hello: keep what was readable
        }
        return certificates;
    }

    private static long elapsed(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }
}
