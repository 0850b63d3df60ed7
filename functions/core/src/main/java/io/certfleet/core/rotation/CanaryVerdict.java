package io.certfleet.core.rotation;

import io.certfleet.core.finding.Finding;
import io.certfleet.core.finding.FindingCode;
import io.certfleet.core.finding.Severity;
import io.certfleet.core.policy.rotation.NegotiationSpike;
import io.certfleet.core.probe.Diagnosis;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Whether a swapped binding proved itself on the wire. It passes when every canary check sees the replacement's
 * leaf and no finding of severity high or worse appears that the binding did not already have before the swap;
 * and when the load balancer's own count of failed client TLS negotiations did not spike (real clients failing is
 * what the probe cannot see). Every reason to fail is reported.
 */
public final class CanaryVerdict {

    private CanaryVerdict() {
    }

    /**
     * Failed client TLS negotiations over equal periods before and during the bake (CloudWatch's
     * {@code ClientTLSNegotiationErrorCount}); absent for endpoints without such a metric.
     */
    public record NegotiationErrors(long before, long during) {
        public boolean spiked(NegotiationSpike spike) {
            return spike.spiked(before, during);
        }
    }

    /** The outcome: passed, or the causes (finding codes and plain reasons). */
    public record Outcome(boolean passed, List<String> causes) {
        public Outcome {
            causes = List.copyOf(causes);
        }
    }

    /**
     * @param expectedSha256 the replacement's fingerprint (when rolling back: the old one's)
     * @param before         the binding's findings before the swap (from its last probe)
     * @param checks         the canary's probes of the binding, in order
     * @param spike          the profile's idea of a spike in {@code negotiationErrors}
     */
    public static Outcome judge(String expectedSha256, List<Finding> before, List<Diagnosis> checks,
                                NegotiationErrors negotiationErrors, NegotiationSpike spike) {
        return judgeObserved(expectedSha256, before, checks.stream()
                .map(check -> CanaryObservation.of(check, Instant.EPOCH)).toList(), negotiationErrors, spike);
    }

    /** {@link #judge} over stored observations. */
    public static Outcome judgeObserved(String expectedSha256, List<Finding> before, List<CanaryObservation> checks,
                                        NegotiationErrors negotiationErrors, NegotiationSpike spike) {
        Objects.requireNonNull(expectedSha256, "expectedSha256");
        if (checks.isEmpty()) {
            throw new IllegalArgumentException("a canary needs at least one check");
        }
        Set<FindingCode> known = new LinkedHashSet<>();
        before.forEach(finding -> known.add(finding.code()));
        Set<String> causes = new LinkedHashSet<>();
        for (int i = 0; i < checks.size(); i++) {
            CanaryObservation check = checks.get(i);
            String which = "check " + (i + 1) + "/" + checks.size();
            if (check.error() != null) {
                causes.add(which + ": " + check.error());
            }
            String served = check.servedSha256();
            if (served == null) {
                causes.add(which + ": no certificate was served");
            } else if (!served.equalsIgnoreCase(expectedSha256)) {
                causes.add(FindingCode.WRONG_CERTIFICATE + " (" + which + ": served " + abbreviate(served)
                        + ", expected " + abbreviate(expectedSha256) + ")");
            }
            for (Finding finding : check.findings()) {
                boolean serious = finding.severity().compareTo(Severity.HIGH) >= 0;
                if (serious && !known.contains(finding.code()) && finding.code() != FindingCode.WRONG_CERTIFICATE) {
                    causes.add(finding.code() + " (new since the swap: " + finding.detail() + ")");
                }
            }
        }
        if (negotiationErrors != null && negotiationErrors.spiked(spike)) {
            causes.add("client TLS negotiation errors rose from " + negotiationErrors.before() + " to "
                    + negotiationErrors.during() + " (at least " + spike.factor() + "x and "
                    + spike.minimumIncrease() + " more)");
        }
        return new Outcome(causes.isEmpty(), new ArrayList<>(causes));
    }

    private static String abbreviate(String sha256) {
        return sha256.length() > 12 ? sha256.substring(0, 12) + "..." : sha256;
    }
}
