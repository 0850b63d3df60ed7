package io.certfleet.core.rotation;

import io.certfleet.core.discovery.CertificateArn;
import io.certfleet.core.inventory.BindingRecord;
import io.certfleet.core.inventory.InventoryRepository;
import io.certfleet.core.policy.PolicySet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Use case (daily): deletes the certificates that succeeded rotations replaced, once their profile's
 * {@code retainOldDays} have passed, and only when nothing uses them: no binding in the inventory (every kind
 * certfleet discovers), and ACM itself refuses to delete what any AWS service still uses. A certificate still in use is kept and said so; the next days try again, for a week, then it is
 * the owner's. ACM certificates only: IAM server certificates that moved to ACM are left for their owner to delete.
 */
public final class RetireReplacedCertificates {

    /** Days after the retention during which a retirement is tried again (a binding may go away meanwhile). */
    static final Duration RETRY = Duration.ofDays(7);
    /** Rotations looked at per run: the newest (older ones are past their retry week). */
    static final int SCAN_LIMIT = 5000;

    /** One certificate's outcome. */
    public record Retired(String rotationId, String certificateArn, String outcome) {
    }

    private final RotationStore rotations;
    private final InventoryRepository inventory;
    private final PolicySet policies;
    private final CertificateRetirer retirer;
    private final Clock clock;

    public RetireReplacedCertificates(RotationStore rotations, InventoryRepository inventory, PolicySet policies,
                                      CertificateRetirer retirer, Clock clock) {
        this.rotations = Objects.requireNonNull(rotations, "rotations");
        this.inventory = Objects.requireNonNull(inventory, "inventory");
        this.policies = Objects.requireNonNull(policies, "policies");
        this.retirer = Objects.requireNonNull(retirer, "retirer");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public List<Retired> retire() {
        Instant now = clock.instant();
        List<Retired> done = new ArrayList<>();
        for (Rotation rotation : rotations.list(SCAN_LIMIT)) {
            if (rotation.status() != RotationStatus.SUCCEEDED || rotation.finishedAt() == null) {
                continue;
            }
            Duration retain = policies.profile(rotation.profile()).orElse(policies.defaultPolicy()).rotation()
                    .retainOld();
            Instant due = rotation.finishedAt().plus(retain);
            if (now.isBefore(due) || now.isAfter(due.plus(RETRY))) {
                continue;
            }
            for (String arn : rotation.certificateArns()) {
                if (!CertificateArn.parse(arn).map(CertificateArn::isAcm).orElse(false)) {
                    continue;
                }
                done.add(new Retired(rotation.rotationId(), arn, retireOne(arn)));
            }
        }
        return done;
    }

    private String retireOne(String arn) {
        List<String> bound = inventory.bindingsOf(arn).stream().filter(BindingRecord::isActive)
                .map(binding -> binding.type() + " " + binding.resourceId()).toList();
        if (!bound.isEmpty()) {
            return "kept: still served by " + String.join(", ", bound);
        }
        CertificateRetirer.Outcome outcome = retirer.retire(arn);
        return switch (outcome.result()) {
            case DELETED -> "deleted";
            case ALREADY_GONE -> "already deleted";
            case IN_USE -> "kept: ACM says it is in use by " + String.join(", ", outcome.usedBy());
        };
    }
}
