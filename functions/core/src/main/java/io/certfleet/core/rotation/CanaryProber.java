package io.certfleet.core.rotation;

import io.certfleet.core.policy.TlsPolicy;
import io.certfleet.core.probe.Diagnosis;
import io.certfleet.core.probe.ProbeTarget;

/** Port: one real TLS handshake with a binding's endpoint, judged under its profile, expecting a fingerprint. */
public interface CanaryProber {

    Diagnosis probe(ProbeTarget target, TlsPolicy policy, String expectedSha256);
}
