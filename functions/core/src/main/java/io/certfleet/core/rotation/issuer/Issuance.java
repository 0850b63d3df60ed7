package io.certfleet.core.rotation.issuer;

import io.certfleet.core.discovery.ScanScope;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** What an issuer did with an order: issued (the replacement's ARN per account-region), pending, or refused. */
public sealed interface Issuance {

    /** Issued and in ACM wherever the order asked, one ARN per account-region (the same certificate in each). */
    record Issued(Map<ScanScope, String> arns) implements Issuance {
        public Issued {
            arns = Map.copyOf(arns);
            if (arns.isEmpty()) {
                throw new IllegalArgumentException("an issued replacement lives somewhere");
            }
        }
    }

    /**
     * Requested, not issued yet: ACM waits for DNS validation.
     *
     * @param arn         the requested certificate (asked about again on the next call)
     * @param requestedAt when it was requested (the wait is bounded from here)
     * @param records     the validation records and whether certfleet wrote each into a hosted zone
     */
    record Pending(String arn, Instant requestedAt, String reason, List<ValidationRecord> records)
            implements Issuance {
        public Pending {
            Objects.requireNonNull(arn, "arn");
            Objects.requireNonNull(requestedAt, "requestedAt");
            Objects.requireNonNull(reason, "reason");
            records = List.copyOf(records);
        }
    }

    /** Not issued, and asking again will not change it (validation failed, CA disabled, ...): the reasons. */
    record Refused(List<String> problems) implements Issuance {
        public Refused {
            problems = List.copyOf(problems);
        }
    }
}
