package io.certfleet.core.probe;

import io.certfleet.local.pki.IssuedCertificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Observations for diagnosis tests: a healthy TLS 1.3 + 1.2 endpoint unless told otherwise. */
public final class ObservationBuilder {

    private final ProbeTarget target;
    private final List<X509Certificate> served = new ArrayList<>();
    private final Map<TlsVersion, VersionSupport> versions = new EnumMap<>(TlsVersion.class);
    private OcspStaple ocsp = OcspStaple.NONE;
    private SniBehaviour sni = SniBehaviour.SAME_CERTIFICATE;

    private ObservationBuilder(ProbeTarget target) {
        this.target = target;
        versions.put(TlsVersion.TLS_1_0, VersionSupport.REJECTED);
        versions.put(TlsVersion.TLS_1_1, VersionSupport.REJECTED);
        versions.put(TlsVersion.TLS_1_2, new VersionSupport(true,
                Optional.of("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"), List.of()));
        versions.put(TlsVersion.TLS_1_3, new VersionSupport(true, Optional.of("TLS_AES_128_GCM_SHA256"), List.of()));
    }

    public static ObservationBuilder endpoint(String hostAndPort) {
        return new ObservationBuilder(ProbeTarget.parse(hostAndPort, Optional.empty()));
    }

    public static ObservationBuilder endpoint(String hostAndPort, String sni) {
        return new ObservationBuilder(ProbeTarget.parse(hostAndPort, Optional.of(sni)));
    }

    /** The server sends this certificate followed by its chain. */
    public ObservationBuilder serving(IssuedCertificate certificate) {
        served.clear();
        served.addAll(certificate.certificateAndChain());
        return this;
    }

    /** The server sends exactly these certificates, in this order. */
    public ObservationBuilder servingExactly(X509Certificate... certificates) {
        served.clear();
        served.addAll(List.of(certificates));
        return this;
    }

    public ObservationBuilder version(TlsVersion version, VersionSupport support) {
        versions.put(version, support);
        return this;
    }

    public ObservationBuilder ocsp(OcspStaple staple) {
        this.ocsp = staple;
        return this;
    }

    public ObservationBuilder sni(SniBehaviour behaviour) {
        this.sni = behaviour;
        return this;
    }

    public EndpointObservation build() {
        return new EndpointObservation(target, Optional.empty(), Optional.of(TlsVersion.TLS_1_3),
                Optional.of("TLS_AES_128_GCM_SHA256"), served, ocsp, versions, sni, Optional.empty(), 12);
    }
}
