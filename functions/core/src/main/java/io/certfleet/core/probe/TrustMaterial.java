package io.certfleet.core.probe;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * What a chain is judged against: trusted root certificates, and intermediates known to exist (from a CA bundle,
 * the inventory's imported chains): an issuer found only there was not served, i.e. the chain is incomplete.
 */
public record TrustMaterial(List<X509Certificate> anchors, List<X509Certificate> knownIntermediates) {
    public TrustMaterial {
        anchors = List.copyOf(anchors);
        knownIntermediates = List.copyOf(knownIntermediates);
    }
}
