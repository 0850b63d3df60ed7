package io.certfleet.core.rotation;

import io.certfleet.core.alerting.OwnerMessage;
import io.certfleet.core.alerting.OwnerNotifier;
import io.certfleet.core.events.EventPublisher;
import io.certfleet.core.policy.rotation.RotationMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Use case: the approval gate of a profile in {@code approve} mode (separation of duties). The owner and the
 * approvers are asked, with the plan and the commands to decide; someone other than the requester approves or
 * rejects (among the approvers, or the owner, when the profile names approvers); no decision before the deadline
 * ends the rotation and tells the owner. Nothing is swapped before an approval.
 */
public final class ApproveRotation {

    /** How long an approval request stands: three days covers a weekend. */
    public static final Duration DEADLINE = Duration.ofDays(3);

    /** Where an approval stands, as the workflow reads it. */
    public enum Decision { APPROVED, REJECTED, PENDING, EXPIRED }

    /** The outcome of a decision someone tried to record. */
    public record Outcome(boolean recorded, String message) {
    }

    private final RotationStore rotations;
    private final EventPublisher events;
    private final OwnerNotifier owners;
    private final RotationLock lock;
    private final Clock clock;

    public ApproveRotation(RotationStore rotations, EventPublisher events, OwnerNotifier owners, RotationLock lock,
                           Clock clock) {
        this.rotations = Objects.requireNonNull(rotations, "rotations");
        this.events = Objects.requireNonNull(events, "events");
        this.owners = Objects.requireNonNull(owners, "owners");
        this.lock = Objects.requireNonNull(lock, "lock");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Whether the rotation must wait for a decision first (its mode asks, none was made yet). */
    public static boolean needsApproval(Rotation rotation) {
        return rotation.mode() == RotationMode.APPROVE && (rotation.approval() == null
                || rotation.approval().pending());
    }

    /** Asks the owner and the approvers (once): the rotation waits. */
    public Rotation request(Rotation rotation) {
        if (rotation.approval() != null) {
            return rotation;
        }
        Instant now = clock.instant();
        Rotation.Approval approval = new Rotation.Approval(now, now.plus(DEADLINE), null, null, null, null);
        Rotation waiting = rotation.withApproval(approval, now).withStatus(RotationStatus.WAITING_APPROVAL,
                "waits for an approval until " + approval.deadline(), now);
        Map<String, Object> commands = Map.of(
                "approve", "certfleet rotation approve " + rotation.rotationId() + " --by NAME",
                "reject", "certfleet rotation reject " + rotation.rotationId() + " --by NAME --reason TEXT");
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("approvers", rotation.approvers());
        extra.put("deadline", approval.deadline().toString());
        extra.put("commands", commands);
        events.publish(List.of(RotationEvents.of(RotationEvents.APPROVAL_REQUESTED, waiting, now, extra)));
        waiting = waiting.withEvent(RotationEvents.APPROVAL_REQUESTED, now);
        rotations.save(waiting);
        List<RotationBinding> bindings = rotations.bindings(rotation.rotationId());
        owners.notify(new OwnerMessage("[certfleet] approve the rotation of " + rotation.subject() + "?",
                "certfleet plans to replace " + rotation.subject() + " on " + bindings.size() + " endpoint(s) in "
                        + rotation.waves() + " wave(s), requested by " + rotation.requestedBy() + " ("
                        + String.join("; ", rotation.reasons()) + ").\n\nApprovers: the owner"
                        + (rotation.approvers().isEmpty() ? "" : ", " + String.join(", ", rotation.approvers()))
                        + " (not the requester). Decide before " + approval.deadline() + ":\n  "
                        + commands.get("approve") + "\n  " + commands.get("reject"),
                RotationEvents.ownerAttributes(rotation, "medium", "ROTATION_APPROVAL")));
        return waiting;
    }

    /** Records someone's decision; refused (with why) for the requester, a non-approver, or a decided rotation. */
    public Outcome decide(String rotationId, boolean approve, String by, String reason) {
        Rotation rotation = rotations.find(rotationId).orElse(null);
        if (rotation == null) {
            return new Outcome(false, "no rotation " + rotationId);
        }
        if (rotation.approval() == null || rotation.status() != RotationStatus.WAITING_APPROVAL) {
            return new Outcome(false, "rotation " + rotationId + " is " + rotation.status()
                    + ", not waiting for an approval");
        }
        if (!rotation.approval().pending()) {
            return new Outcome(false, "rotation " + rotationId + " was already "
                    + (rotation.approval().approved() ? "approved" : "rejected") + " by "
                    + rotation.approval().decidedBy());
        }
        if (by.equalsIgnoreCase(rotation.requestedBy())) {
            return new Outcome(false, by + " requested this rotation and cannot " + (approve ? "approve" : "reject")
                    + " it (separation of duties)");
        }
        if (!rotation.approvers().isEmpty() && !rotation.approvers().contains(by) && !by.equals(rotation.owner())) {
            return new Outcome(false, by + " is not among the approvers (" + String.join(", ", rotation.approvers())
                    + ") nor the owner (" + rotation.owner() + ")");
        }
        Instant now = clock.instant();
        Rotation decided = rotation.withApproval(rotation.approval().decided(approve, by, now, reason), now);
        if (!approve) {
            decided = decided.withStatus(RotationStatus.REJECTED, "rejected by " + by
                    + (reason == null ? "" : ": " + reason), now);
            lock.release(rotation.certificateArns(), rotationId);
        }
        rotations.save(decided);
        return new Outcome(true, "rotation " + rotationId + (approve ? " approved" : " rejected") + " by " + by);
    }

    /** What the workflow's check sees; a request past its deadline ends the rotation and tells the owner. */
    public Decision check(String rotationId) {
        Rotation rotation = rotations.load(rotationId);
        Rotation.Approval approval = rotation.approval();
        if (approval == null || rotation.status() == RotationStatus.REJECTED) {
            return rotation.status() == RotationStatus.REJECTED ? Decision.REJECTED : Decision.APPROVED;
        }
        if (!approval.pending()) {
            return approval.approved() ? Decision.APPROVED : Decision.REJECTED;
        }
        Instant now = clock.instant();
        if (!now.isBefore(approval.deadline())) {
            rotations.save(rotation.withStatus(RotationStatus.REJECTED, "no decision before the deadline "
                    + approval.deadline(), now));
            lock.release(rotation.certificateArns(), rotationId);
            owners.notify(new OwnerMessage("[certfleet] rotation of " + rotation.subject() + " not approved in time",
                    "Nobody approved the rotation " + rotationId + " before " + approval.deadline()
                            + ": it ended and nothing was swapped. Start it again with certfleet rotate.",
                    RotationEvents.ownerAttributes(rotation, "medium", "ROTATION_APPROVAL")));
            return Decision.EXPIRED;
        }
        lock.acquire(rotation.certificateArns(), rotationId, StartRotation.LEASE); // still ours while it waits
        return Decision.PENDING;
    }
}
