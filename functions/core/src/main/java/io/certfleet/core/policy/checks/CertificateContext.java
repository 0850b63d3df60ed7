package io.certfleet.core.policy.checks;

import io.certfleet.core.certificate.CertificateFacts;
import io.certfleet.core.policy.TlsPolicy;
import java.time.Clock;

/** A certificate's facts (stored, or served) and the profile it is judged under. */
public record CertificateContext(CertificateFacts facts, TlsPolicy policy, Clock clock) {
}
