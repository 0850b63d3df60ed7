package io.certfleet.core.policy.rotation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A profile's rotation rules: whether and how long before expiry a certificate is replaced, where the replacement
 * comes from, how it is rolled out and proven, and when changes may be made.
 *
 * @param rotateBefore how long before expiry a certificate is replaced
 * @param issuer       where the replacement comes from
 * @param waves        the rollout, counted from the start ({@link WaveSize})
 * @param bake         how long the canary watches a swapped binding
 * @param canaryChecks probes of a swapped binding over the bake (the first right after the swap)
 * @param calendar     change windows and freezes
 * @param emergency    within this of expiry (or once expired) change windows and freezes no longer hold it back
 * @param approvers    who may approve a rotation of mode {@code approve}, besides the owner
 * @param retainOld    how long the replaced certificate is kept (if nothing uses it) before it is deleted
 * @param spike        when failed client negotiations during the bake fail the canary
 */
public record RotationSettings(RotationMode mode, Duration rotateBefore, IssuerChoice issuer, List<WaveSize> waves,
                               Duration bake, int canaryChecks, ChangeCalendar calendar, Duration emergency,
                               List<String> approvers, Duration retainOld, NegotiationSpike spike) {

    /** Longest bake: a Standard workflow could wait longer, but a canary that long holds every later wave back. */
    public static final Duration MAX_BAKE = Duration.ofHours(24);
    public static final int MAX_CANARY_CHECKS = 100;

    /**
     * The rules of a profile that names none and extends no built-in one (a file written before rotation existed):
     * alert only. certfleet never starts changing a fleet because it was upgraded.
     */
    public static final RotationSettings ALERT_ONLY = new RotationSettings(RotationMode.OFF, Duration.ofDays(30),
            IssuerChoice.PROVIDED, WaveSize.DEFAULT, Duration.ofMinutes(5), 3, ChangeCalendar.ANY_TIME,
            Duration.ofDays(3), List.of(), Duration.ofDays(14), NegotiationSpike.DEFAULT);

    public RotationSettings {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(rotateBefore, "rotateBefore");
        Objects.requireNonNull(issuer, "issuer");
        waves = List.copyOf(waves);
        Objects.requireNonNull(bake, "bake");
        Objects.requireNonNull(calendar, "calendar");
        Objects.requireNonNull(emergency, "emergency");
        approvers = List.copyOf(approvers);
        Objects.requireNonNull(retainOld, "retainOld");
        Objects.requireNonNull(spike, "spike");
        List<String> problems = new ArrayList<>();
        if (rotateBefore.isNegative() || rotateBefore.isZero()) {
            problems.add("rotateBeforeDays must be 1 or more");
        }
        if (emergency.isNegative()) {
            problems.add("emergencyDays must not be negative");
        } else if (emergency.compareTo(rotateBefore) >= 0 && !rotateBefore.isNegative()) {
            problems.add("emergencyDays (" + emergency.toDays() + ") must be fewer than rotateBeforeDays ("
                    + rotateBefore.toDays() + "): every rotation would be an emergency that ignores change windows");
        }
        if (waves.isEmpty()) {
            problems.add("waves: give at least one, e.g. [1, 50%, 100%]");
        }
        if (bake.isNegative() || bake.compareTo(MAX_BAKE) > 0) {
            problems.add("bakeSeconds must be between 0 and " + MAX_BAKE.toSeconds() + ", got " + bake.toSeconds());
        }
        if (canaryChecks < 1 || canaryChecks > MAX_CANARY_CHECKS) {
            problems.add("canaryChecks must be between 1 and " + MAX_CANARY_CHECKS + ", got " + canaryChecks);
        }
        if (approvers.stream().anyMatch(name -> name.isBlank() || name.chars().anyMatch(Character::isWhitespace))) {
            problems.add("approvers are names or e-mail addresses without spaces");
        }
        if (retainOld.isNegative()) {
            problems.add("retainOldDays must not be negative");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
    }

    /**
     * The built-in profiles' rules. Rotation starts before the alert thresholds turn urgent, so that owners hear of
     * a replacement rather than of an expiry: public-web and internal-api 30 days (a month to notice a failed
     * rotation, inside public-web's 45-day alerts), partner 45 and iot 60 (partners pin and plan; devices update
     * with firmware). Partner and iot ask first: their clients may pin the old certificate. Only public-web names
     * can be validated through public DNS, so only public-web asks ACM for a public certificate; the others roll
     * out what their owner imports (a private CA's ARN is the deployment's to name: {@code acm-private:CA_ARN}).
     */
    public static RotationSettings builtIn(String profile) {
        Builder rules = ALERT_ONLY.toBuilder().mode(RotationMode.AUTO);
        return switch (profile) {
            case "public-web" -> rules.issuer(IssuerChoice.ACM_PUBLIC).build();
            case "partner" -> rules.mode(RotationMode.APPROVE).rotateBefore(Duration.ofDays(45)).build();
            case "iot" -> rules.mode(RotationMode.APPROVE).rotateBefore(Duration.ofDays(60)).build();
            default -> rules.build();
        };
    }

    /** Problems of the rules that depend on today: a calendar under which no window ever opens. */
    public List<String> problemsAt(Instant now) {
        return calendar.impossible(now).map(List::of).orElse(List.of());
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Derives rules field by field; {@link #build()} validates the result. */
    public static final class Builder {
        private RotationMode mode;
        private Duration rotateBefore;
        private IssuerChoice issuer;
        private List<WaveSize> waves;
        private Duration bake;
        private int canaryChecks;
        private ChangeCalendar calendar;
        private Duration emergency;
        private List<String> approvers;
        private Duration retainOld;
        private NegotiationSpike spike;

        private Builder(RotationSettings base) {
            mode = base.mode;
            rotateBefore = base.rotateBefore;
            issuer = base.issuer;
            waves = base.waves;
            bake = base.bake;
            canaryChecks = base.canaryChecks;
            calendar = base.calendar;
            emergency = base.emergency;
            approvers = base.approvers;
            retainOld = base.retainOld;
            spike = base.spike;
        }

        public Builder mode(RotationMode value) {
            mode = value;
            return this;
        }

        public Builder rotateBefore(Duration value) {
            rotateBefore = value;
            return this;
        }

        public Builder issuer(IssuerChoice value) {
            issuer = value;
            return this;
        }

        public Builder waves(List<WaveSize> value) {
            waves = value;
            return this;
        }

        public Builder bake(Duration value) {
            bake = value;
            return this;
        }

        public Builder canaryChecks(int value) {
            canaryChecks = value;
            return this;
        }

        public Builder calendar(ChangeCalendar value) {
            calendar = value;
            return this;
        }

        public Builder emergency(Duration value) {
            emergency = value;
            return this;
        }

        public Builder approvers(List<String> value) {
            approvers = value;
            return this;
        }

        public Builder retainOld(Duration value) {
            retainOld = value;
            return this;
        }

        public Builder spike(NegotiationSpike value) {
            spike = value;
            return this;
        }

        public RotationSettings build() {
            return new RotationSettings(mode, rotateBefore, issuer, waves, bake, canaryChecks, calendar, emergency,
                    approvers, retainOld, spike);
        }
    }
}
