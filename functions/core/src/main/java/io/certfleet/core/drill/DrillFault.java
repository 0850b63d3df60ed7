package io.certfleet.core.drill;

import io.certfleet.core.finding.FindingCode;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What a drill breaks in the certificate it rotates in. Each fault is one the canary must catch on the wire, by the
 * finding it is expected to raise.
 */
public enum DrillFault {
    /**
     * Expires during the canary's bake (ACM imports no certificate that has expired already): the canary's checks
     * after its end must see {@code EXPIRED}; one just before may see {@code EXPIRING_SOON}.
     */
    EXPIRED("expired", "expires during the canary's bake", List.of(FindingCode.EXPIRED, FindingCode.EXPIRING_SOON)),
    /** Covers another name than the one clients ask for. */
    WRONG_HOST("wrong-host", "covers another name than the endpoint's", List.of(FindingCode.HOSTNAME_MISMATCH)),
    /** Imported without its intermediate: the endpoint serves the leaf alone. */
    INCOMPLETE_CHAIN("incomplete-chain", "imported without its intermediate",
            List.of(FindingCode.INCOMPLETE_CHAIN)),
    /** A 1024-bit RSA key. */
    WEAK_KEY("weak-key", "has a 1024-bit RSA key", List.of(FindingCode.WEAK_KEY));

    private final String cliName;
    private final String description;
    private final List<FindingCode> expected;

    DrillFault(String cliName, String description, List<FindingCode> expected) {
        this.cliName = cliName;
        this.description = description;
        this.expected = expected;
    }

    /** As the command line names it ({@code wrong-host}). */
    public String cliName() {
        return cliName;
    }

    /** What is wrong with the certificate, for people. */
    public String description() {
        return description;
    }

    /** The findings that say the canary caught this fault (and not something else). */
    public List<FindingCode> expected() {
        return expected;
    }

    /** {@code wrong-host}, {@code WRONG_HOST} or {@code Wrong_Host}; anything else is refused with the valid names. */
    public static DrillFault parse(String text) {
        String wanted = text == null ? "" : text.strip().toLowerCase(Locale.ROOT).replace('_', '-');
        return Arrays.stream(values()).filter(fault -> fault.cliName.equals(wanted)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown drill fault '" + text + "': use one of "
                        + names()));
    }

    /** The valid names, comma-separated. */
    public static String names() {
        return Arrays.stream(values()).map(DrillFault::cliName).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return cliName;
    }
}
