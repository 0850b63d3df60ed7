package io.certfleet.cli;

import java.util.Collection;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;

/** The known value nearest a mistyped one (edit distance), when it is near enough to be what was meant. */
final class Suggestions {

    private Suggestions() {
    }

    /** The nearest of {@code known} to {@code typed}, if at most a third of its letters (at least 2) differ. */
    static Optional<String> nearest(String typed, Collection<String> known) {
        String wanted = typed.toUpperCase(Locale.ROOT);
        return known.stream().min(Comparator.comparingInt(candidate -> distance(wanted,
                        candidate.toUpperCase(Locale.ROOT))))
                .filter(candidate -> distance(wanted, candidate.toUpperCase(Locale.ROOT))
                        <= Math.max(2, candidate.length() / 3));
    }

    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
