package io.certfleet.core.probe;

import java.security.cert.X509Certificate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What probing one endpoint saw, before any judgement: a network failure, or the negotiated protocol and cipher, the
 * chain exactly as served (possibly invalid), the stapled OCSP answer, each TLS version's support and the answer
 * without SNI.
 *
 * @param handshakeError why a modern client's handshake failed although the peer speaks TLS (empty if it worked)
 */
public record EndpointObservation(
        ProbeTarget target,
        Optional<NetworkFailure> failure,
        Optional<TlsVersion> protocol,
        Optional<String> cipherSuite,
        List<X509Certificate> servedChain,
        OcspStaple ocsp,
        Map<TlsVersion, VersionSupport> versions,
        SniBehaviour sni,
        Optional<String> handshakeError,
        long durationMs) {

    public EndpointObservation {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(failure, "failure");
        servedChain = List.copyOf(servedChain);
        Objects.requireNonNull(ocsp, "ocsp");
        versions = Map.copyOf(versions);
        Objects.requireNonNull(sni, "sni");
    }

    /** No TLS conversation at all. */
    public static EndpointObservation failed(ProbeTarget target, NetworkFailure failure, long durationMs) {
        return new EndpointObservation(target, Optional.of(failure), Optional.empty(), Optional.empty(), List.of(),
                OcspStaple.NONE, Map.of(), SniBehaviour.NOT_APPLICABLE, Optional.empty(), durationMs);
    }

    /**
     * This observation with its suites judged against another policy's allowed suites (exact when they were
     * enumerated; else unchanged).
     */
    public EndpointObservation withAllowedSuites(Set<String> allowed) {
        Map<TlsVersion, VersionSupport> judged = new EnumMap<>(TlsVersion.class);
        versions.forEach((version, support) -> judged.put(version, support.under(allowed)));
        return new EndpointObservation(target, failure, protocol, cipherSuite, servedChain, ocsp, judged, sni,
                handshakeError, durationMs);
    }

    public List<TlsVersion> acceptedVersions() {
        return versions.entrySet().stream().filter(e -> e.getValue().accepted()).map(Map.Entry::getKey).sorted()
                .toList();
    }
}
