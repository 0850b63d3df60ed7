package io.certfleet.core.probe.checks;

import io.certfleet.core.finding.Finding;
import io.certfleet.core.finding.FindingCode;
import io.certfleet.core.policy.TlsPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** EXPIRING_SOON: the leaf, still valid, ends within the policy's warning window. */
public final class ExpiryWindowCheck implements EndpointCheck {

    @Override
    public String name() {
        return "expiry-window";
    }

    @Override
    public List<Finding> check(ProbeContext context) {
        return context.leaf().flatMap(leaf -> {
            Instant now = context.clock().instant();
            Instant notAfter = leaf.getNotAfter().toInstant();
            boolean valid = !now.isAfter(notAfter);
            boolean soon = !now.plus(context.policy().warningWindow()).isBefore(notAfter);
            return valid && soon
                    ? Optional.of(context.finding(FindingCode.EXPIRING_SOON, "expires " + notAfter + ", in "
                            + Duration.between(now, notAfter).toDays() + " days (window: "
                            + context.policy().warningWindow().toDays() + " days)"))
                    : Optional.empty();
        }).map(List::of).orElse(List.of());
    }

    @Override
    public String requirement(TlsPolicy policy) {
        return "the leaf does not expire within the " + policy.warningWindow().toDays() + "-day warning window";
    }

    @Override
    public CheckEvidence evidence(ProbeContext context) {
        return context.leaf().map(leaf -> CheckEvidence.observed("the leaf expires "
                + leaf.getNotAfter().toInstant() + ", in " + Duration.between(context.clock().instant(),
                leaf.getNotAfter().toInstant()).toDays() + " days")).orElseGet(ProbeContext::noCertificate);
    }
}
