package io.certfleet.core.rotation;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A profile's rotation rules: whether to rotate, how long before expiry, how to roll out.
 *
 * @param rotateBefore how long before expiry a certificate is replaced
 * @param waves        the rollout, counted from the start ({@link WaveSize})
 * @param emergency    within this of expiry (or once expired) change windows and freezes no longer hold it back
 */
public record RotationSettings(RotationMode mode, Duration rotateBefore, List<WaveSize> waves, Duration emergency) {

    public RotationSettings {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(rotateBefore, "rotateBefore");
        waves = List.copyOf(waves);
        Objects.requireNonNull(emergency, "emergency");
        if (rotateBefore.isNegative() || emergency.isNegative()) {
            throw new IllegalArgumentException("rotateBefore and emergency are durations before expiry: not negative");
        }
    }

    /**
     * The built-in profiles' rules. Rotation starts before the alert thresholds turn urgent, so that owners hear of
     * a replacement rather than of an expiry: public-web and internal-api 30 days (a month to notice a failed
     * rotation, inside public-web's 45-day alerts), partner 45 and iot 60 (partners pin and plan; devices update
     * with firmware). Partner and iot ask first: their clients may pin the old certificate.
     */
    public static RotationSettings builtIn(String profile) {
        return switch (profile) {
            case "partner" -> new RotationSettings(RotationMode.APPROVE, Duration.ofDays(45), WaveSize.DEFAULT,
                    Duration.ofDays(3));
            case "iot" -> new RotationSettings(RotationMode.APPROVE, Duration.ofDays(60), WaveSize.DEFAULT,
                    Duration.ofDays(3));
            default -> new RotationSettings(RotationMode.AUTO, Duration.ofDays(30), WaveSize.DEFAULT,
                    Duration.ofDays(3));
        };
    }
}
