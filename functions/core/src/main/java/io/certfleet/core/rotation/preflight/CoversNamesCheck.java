package io.certfleet.core.rotation.preflight;

import io.certfleet.core.probe.HostnameMatcher;
import java.util.List;

/** The replacement answers for every name the old certificate did (wildcards by RFC 6125, as the probe matches). */
public final class CoversNamesCheck implements PreflightCheck {

    @Override
    public String name() {
        return "covers-names";
    }

    @Override
    public List<String> problems(PreflightContext context) {
        List<String> replacementNames = context.replacement().facts().sans();
        List<String> missing = context.old().facts().sans().stream()
                .filter(name -> replacementNames.stream().noneMatch(pattern -> covers(pattern, name)))
                .toList();
        return missing.isEmpty() ? List.of()
                : List.of("the replacement does not cover " + String.join(", ", missing) + " (it names "
                        + String.join(", ", replacementNames) + ")");
    }

    /** A wildcard name of the old certificate is covered only by the same wildcard; other names by matching. */
    private static boolean covers(String pattern, String name) {
        return name.startsWith("*.") ? pattern.equalsIgnoreCase(name) : HostnameMatcher.dnsMatches(pattern, name);
    }
}
