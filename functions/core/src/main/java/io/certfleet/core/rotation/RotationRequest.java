package io.certfleet.core.rotation;

import io.certfleet.core.drill.DrillSpec;
import io.certfleet.core.policy.rotation.IssuerChoice;
import io.certfleet.core.policy.rotation.WaveSize;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A request to rotate a certificate: which one (an ARN of any of its locations, or its SHA-256), optionally the
 * replacement the owner imported or the issuer to ask, and overrides of the profile's rollout rules.
 *
 * @param certificate    an ACM or IAM ARN, or the SHA-256 fingerprint (hex, colons allowed)
 * @param replacementArn a certificate the owner imported into ACM ({@code provided}); null otherwise
 * @param issuer         the issuer to ask instead of the profile's; null: the profile's
 * @param waves          the rollout instead of the profile's; null: the profile's
 * @param requestedBy    who asked (a person, {@code policy}, an event source): never their approver
 * @param reasons        why (the policy's trigger reasons, or a person's words)
 * @param rotationId     the id to use (a retried start finds its own plan); null: a new one
 * @param drill          a drill: {@code replacementArn} is the broken certificate, rotated into one binding only
 */
public record RotationRequest(String certificate, String replacementArn, IssuerChoice issuer, List<WaveSize> waves,
                              Duration bake, Integer canaryChecks, String requestedBy, List<String> reasons,
                              String rotationId, DrillSpec drill) {

    private static final Pattern SHA256 = Pattern.compile("(?i)[0-9a-f]{64}");

    public RotationRequest {
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(requestedBy, "requestedBy");
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
        waves = waves == null ? null : List.copyOf(waves);
    }

    public RotationRequest(String certificate, String replacementArn, IssuerChoice issuer, List<WaveSize> waves,
                           Duration bake, Integer canaryChecks, String requestedBy, List<String> reasons,
                           String rotationId) {
        this(certificate, replacementArn, issuer, waves, bake, canaryChecks, requestedBy, reasons, rotationId, null);
    }

    /** On demand, with nothing but the certificate. */
    public static RotationRequest of(String certificate, String requestedBy) {
        return new RotationRequest(certificate, null, null, null, null, null, requestedBy, List.of(), null);
    }

    /** The fingerprint, when the certificate is named by one (lower case, colons dropped). */
    public java.util.Optional<String> sha256() {
        String bare = certificate.strip().replace(":", "");
        return SHA256.matcher(bare).matches() ? java.util.Optional.of(bare.toLowerCase(java.util.Locale.ROOT))
                : java.util.Optional.empty();
    }

    public RotationRequest withRotationId(String id) {
        return new RotationRequest(certificate, replacementArn, issuer, waves, bake, canaryChecks, requestedBy, reasons,
                id, drill);
    }

    public RotationRequest withDrill(DrillSpec spec) {
        return new RotationRequest(certificate, replacementArn, issuer, waves, bake, canaryChecks, requestedBy, reasons,
                rotationId, spec);
    }
}
