package io.certfleet.core.rotation;

import io.certfleet.core.drill.DrillSpec;
import io.certfleet.core.policy.rotation.IssuerChoice;
import io.certfleet.core.policy.rotation.NegotiationSpike;
import io.certfleet.core.policy.rotation.RotationMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One rotation of a certificate identity (one fingerprint, wherever it is imported): what is replaced, by what, under
 * which rules, where it stands and what happened. Its bindings are stored beside it ({@link RotationBinding}).
 *
 * @param owner             the certificate's owner (alerts and approval requests go to them)
 * @param certificateArns   every location of the certificate (ACM or IAM ARNs, across accounts and regions)
 * @param issuer            where the replacement comes from
 * @param replacementArn    the replacement in the first location (for {@code provided}: the owner's); null until
 *                          issued
 * @param replacementSha256 the replacement's fingerprint; null until issued
 * @param notBefore         the rotation swaps nothing before this instant (a change window); null: any time
 * @param emergency         within the emergency margin of expiry: windows and freezes were bypassed
 * @param approval          the approval decision, when the mode asks for one
 * @param rollbackRequested why a rollback was asked for from outside (event, alarm, command); null when not
 * @param events            the events published for it, in order
 * @param reason            why it ended as it did (refusal, failure, rollback causes), for people
 * @param drill             when the rotation is a drill: what was broken, where, and what the preflight said of it
 */
public record Rotation(String rotationId, String sha256, String subject, String owner, String environment,
                       List<String> certificateArns,
                       String profile, RotationMode mode, IssuerChoice issuer, Duration bake, int canaryChecks,
                       NegotiationSpike spike, List<String> approvers, int waves, RotationStatus status,
                       List<String> reasons, String requestedBy, String replacementArn, String replacementSha256,
                       Instant notBefore, boolean emergency, Approval approval, String rollbackRequested,
                       List<String> events, String reason, Instant startedAt, Instant updatedAt, Instant finishedAt,
                       DrillSpec drill) {

    /** Who decided on an approval, and when; {@code approved} null while undecided. */
    public record Approval(Instant requestedAt, Instant deadline, Boolean approved, String decidedBy,
                           Instant decidedAt, String reason) {
        public boolean pending() {
            return approved == null;
        }

        public Approval decided(boolean approve, String by, Instant at, String why) {
            return new Approval(requestedAt, deadline, approve, by, at, why);
        }
    }

    public Rotation {
        Objects.requireNonNull(rotationId, "rotationId");
        Objects.requireNonNull(sha256, "sha256");
        certificateArns = List.copyOf(certificateArns);
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(bake, "bake");
        Objects.requireNonNull(spike, "spike");
        approvers = List.copyOf(approvers);
        Objects.requireNonNull(status, "status");
        reasons = List.copyOf(reasons);
        events = List.copyOf(events);
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    /** A rotation that is no drill. */
    public Rotation(String rotationId, String sha256, String subject, String owner, String environment,
                    List<String> certificateArns, String profile, RotationMode mode, IssuerChoice issuer,
                    Duration bake, int canaryChecks, NegotiationSpike spike, List<String> approvers, int waves,
                    RotationStatus status, List<String> reasons, String requestedBy, String replacementArn,
                    String replacementSha256, Instant notBefore, boolean emergency, Approval approval,
                    String rollbackRequested, List<String> events, String reason, Instant startedAt,
                    Instant updatedAt, Instant finishedAt) {
        this(rotationId, sha256, subject, owner, environment, certificateArns, profile, mode, issuer, bake,
                canaryChecks, spike, approvers, waves, status, reasons, requestedBy, replacementArn,
                replacementSha256, notBefore, emergency, approval, rollbackRequested, events, reason, startedAt,
                updatedAt, finishedAt, null);
    }

    public Rotation withDrill(DrillSpec spec, Instant at) {
        return new Rotation(rotationId, sha256, subject, owner, environment, certificateArns, profile, mode, issuer,
                bake, canaryChecks, spike, approvers, waves, status, reasons, requestedBy, replacementArn,
                replacementSha256, notBefore, emergency, approval, rollbackRequested, events, reason, startedAt, at,
                finishedAt, spec);
    }

    public Rotation withStatus(RotationStatus next, String why, Instant at) {
        return new Rotation(rotationId, sha256, subject, owner, environment, certificateArns, profile, mode, issuer, bake, canaryChecks,
                spike, approvers, waves, next, reasons, requestedBy, replacementArn, replacementSha256, notBefore,
                emergency, approval, rollbackRequested, events, why == null ? reason : why, startedAt, at,
                next.finished() ? at : finishedAt, drill);
    }

    public Rotation withReplacement(String arn, String fingerprint, Instant at) {
        return new Rotation(rotationId, sha256, subject, owner, environment, certificateArns, profile, mode, issuer, bake, canaryChecks,
                spike, approvers, waves, status, reasons, requestedBy, arn, fingerprint, notBefore, emergency,
                approval, rollbackRequested, events, reason, startedAt, at, finishedAt, drill);
    }

    public Rotation withApproval(Approval decision, Instant at) {
        return new Rotation(rotationId, sha256, subject, owner, environment, certificateArns, profile, mode, issuer, bake, canaryChecks,
                spike, approvers, waves, status, reasons, requestedBy, replacementArn, replacementSha256, notBefore,
                emergency, decision, rollbackRequested, events, reason, startedAt, at, finishedAt, drill);
    }

    public Rotation withRollbackRequested(String why, Instant at) {
        return new Rotation(rotationId, sha256, subject, owner, environment, certificateArns, profile, mode, issuer, bake, canaryChecks,
                spike, approvers, waves, status, reasons, requestedBy, replacementArn, replacementSha256, notBefore,
                emergency, approval, why, events, reason, startedAt, at, finishedAt, drill);
    }

    public Rotation withEvent(String detailType, Instant at) {
        List<String> more = new ArrayList<>(events);
        more.add(detailType);
        return new Rotation(rotationId, sha256, subject, owner, environment, certificateArns, profile, mode, issuer, bake, canaryChecks,
                spike, approvers, waves, status, reasons, requestedBy, replacementArn, replacementSha256, notBefore,
                emergency, approval, rollbackRequested, more, reason, startedAt, at, finishedAt, drill);
    }
}
