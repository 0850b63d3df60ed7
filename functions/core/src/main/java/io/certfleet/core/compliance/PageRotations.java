package io.certfleet.core.compliance;

import io.certfleet.core.rotation.Rotation;
import io.certfleet.core.rotation.RotationStore;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Use case (the inventory API): rotations, newest first, optionally of one status or owner, paged. */
public final class PageRotations {

    private static final Instant END = Instant.parse("9999-12-31T23:59:59Z");

    private final RotationStore rotations;

    public PageRotations(RotationStore rotations) {
        this.rotations = Objects.requireNonNull(rotations, "rotations");
    }

    public Paged<Rotation> page(Optional<String> status, Optional<String> owner, String after, int limit) {
        return Paged.of(rotations.list(Integer.MAX_VALUE).stream()
                .filter(rotation -> status.map(rotation.status().name()::equals).orElse(true))
                .filter(rotation -> owner.map(wanted -> wanted.equals(rotation.owner())).orElse(true))
                .sorted(Comparator.comparing(PageRotations::positionOf)).toList(), PageRotations::positionOf, after,
                limit);
    }

    /**
     * Newest first, by a position that never changes for a rotation: the start time's distance from the year 9999
     * (so that a later start sorts first as text), then the id.
     */
    static String positionOf(Rotation rotation) {
        long untilEnd = END.getEpochSecond()
                - rotation.startedAt().getEpochSecond();
        return String.format("%012d", untilEnd) + "." + String.format("%09d", 999_999_999 - rotation.startedAt()
                .getNano()) + "|" + rotation.rotationId();
    }

    /** The rotations of a certificate (its ARN at one location), newest first. */
    public List<Rotation> of(String certificateArn) {
        return rotations.list(Integer.MAX_VALUE).stream().filter(rotation -> rotation.certificateArns()
                .contains(certificateArn)).sorted(Comparator.comparing(PageRotations::positionOf)).toList();
    }

    /** The rotations whose replacement has this fingerprint (those that put a certificate in place), newest first. */
    public List<Rotation> replacingWith(String sha256) {
        return rotations.list(Integer.MAX_VALUE).stream().filter(rotation -> sha256.equals(
                rotation.replacementSha256())).sorted(Comparator.comparing(PageRotations::positionOf)).toList();
    }
}
