package io.certfleet.core.probe.checks;

import io.certfleet.core.finding.Finding;
import io.certfleet.core.finding.FindingCode;
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
}
