package io.certfleet.core.policy.checks;

import io.certfleet.core.finding.Finding;
import java.util.List;

/** One named rule about a stored certificate (configuration side). */
public interface CertificateCheck {

    String name();

    List<Finding> check(CertificateContext context);
}
