package io.certfleet.core.rotation;

import io.certfleet.core.certificate.CertificateSource;
import io.certfleet.core.events.CertfleetEvent;
import io.certfleet.core.events.EventPublisher;
import io.certfleet.core.finding.FindingCode;
import io.certfleet.core.inventory.InventoryRecord;
import io.certfleet.core.inventory.InventoryRepository;
import io.certfleet.core.policy.PolicyRun;
import io.certfleet.core.policy.PolicySet;
import io.certfleet.core.policy.StoredFinding;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Use case: after the policy judged an account-region, asks for the rotation of every certificate there that needs
 * one — inside its profile's rotation window, or with a finding a replacement fixes — unless its profile's mode is
 * {@code off} or ACM renews it in place (Amazon-issued and private ACM certificates: nothing to swap). Each request
 * is a {@code RotationRequested} event on certfleet's bus (the rule starts the rotation workflow), at most one a day
 * per certificate.
 */
public final class RequestRotations {

    /** A certificate whose rotation could not be done is asked for again a day later, not at every scan. */
    public static final Duration EVERY = Duration.ofDays(1);
    public static final String REQUESTED_BY = "policy";

    private final InventoryRepository inventory;
    private final PolicySet policies;
    private final RotationRequestLedger ledger;
    private final EventPublisher events;
    private final Clock clock;

    public RequestRotations(InventoryRepository inventory, PolicySet policies, RotationRequestLedger ledger,
                            EventPublisher events, Clock clock) {
        this.inventory = Objects.requireNonNull(inventory, "inventory");
        this.policies = Objects.requireNonNull(policies, "policies");
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.events = Objects.requireNonNull(events, "events");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * @return the certificate ARNs whose rotation was asked for
     * @throws RuntimeException when the events cannot be published (the claims are given back: the next run asks)
     */
    public List<String> request(List<PolicyRun> runs) {
        List<String> requested = new ArrayList<>();
        List<CertfleetEvent> toPublish = new ArrayList<>();
        List<String> claimed = new ArrayList<>();
        Instant now = clock.instant();
        Set<String> identities = new HashSet<>();
        for (PolicyRun run : runs) {
            Map<String, Set<FindingCode>> open = openFindings(run);
            for (InventoryRecord record : inventory.loadScope(run.scope()).records()) {
                if (!record.isActive() || !record.isReadable() || !identities.add(record.certificateId())) {
                    continue;
                }
                Optional<RotationTrigger.Decision> decision = RotationTrigger.decide(record,
                        policies.forEnvironment(record.ownership().environment()).rotation(), renewedInPlace(record),
                        open.getOrDefault(record.location().arn(), Set.of()), clock);
                if (decision.isPresent() && decision.get().rotate()
                        && ledger.claim(record.certificateId(), now, EVERY)) {
                    claimed.add(record.certificateId());
                    Map<String, Object> detail = new LinkedHashMap<>();
                    detail.put("certificate", record.location().arn());
                    detail.put("requestedBy", REQUESTED_BY);
                    detail.put("reason", String.join("; ", decision.get().reasons()));
                    toPublish.add(new CertfleetEvent(RotationEvents.REQUESTED, List.of(record.location().arn()),
                            detail));
                    requested.add(record.location().arn());
                }
            }
        }
        if (!toPublish.isEmpty()) {
            try {
                events.publish(toPublish);
            } catch (RuntimeException failure) {
                claimed.forEach(sha256 -> ledger.release(sha256, now));
                throw failure;
            }
        }
        return requested;
    }

    /** Open findings by certificate ARN: the certificate's own and its endpoints'. */
    private static Map<String, Set<FindingCode>> openFindings(PolicyRun run) {
        Map<String, Set<FindingCode>> open = new LinkedHashMap<>();
        run.opened().forEach(finding -> open.computeIfAbsent(finding.certificateArn(), arn -> new HashSet<>())
                .add(finding.code()));
        for (StoredFinding stored : run.stillOpen()) {
            open.computeIfAbsent(stored.finding().certificateArn(), arn -> new HashSet<>()).add(stored.finding()
                    .code());
        }
        return open;
    }

    /**
     * ACM renews Amazon-issued and private certificates in place at the same ARN (the version's first part is the
     * ACM certificate type); imported ones, and IAM's, it never renews.
     */
    public static boolean renewedInPlace(InventoryRecord record) {
        String version = record.storeVersion();
        return record.location().source() == CertificateSource.ACM
                && (version.startsWith("AMAZON_ISSUED|") || version.startsWith("PRIVATE|"));
    }
}
