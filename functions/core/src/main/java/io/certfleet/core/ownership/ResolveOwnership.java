package io.certfleet.core.ownership;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Owner and environment of a certificate, from a chain of small named rules: its own tags, then the tags of the
 * resources that serve it (the first, in a stable order, that has one), then its account's tags, then the default.
 */
public final class ResolveOwnership {

    private final OwnershipRules rules;

    public ResolveOwnership(OwnershipRules rules) {
        this.rules = Objects.requireNonNull(rules, "rules");
    }

    /**
     * @param resourceTags tags of the resources bound to the certificate, in a stable order
     */
    public Ownership resolve(Map<String, String> certificateTags, List<Map<String, String>> resourceTags,
                             Map<String, String> accountTags) {
        Found owner = firstOf(rules.ownerTagKeys(), certificateTags, resourceTags, accountTags)
                .orElse(new Found(rules.defaultOwner(), OwnershipSource.DEFAULT));
        Found environment = firstOf(rules.environmentTagKeys(), certificateTags, resourceTags, accountTags)
                .orElse(new Found(rules.defaultEnvironment(), OwnershipSource.DEFAULT));
        return new Ownership(owner.value(), owner.source(), environment.value(), environment.source());
    }

    private static Optional<Found> firstOf(List<String> keys, Map<String, String> certificateTags,
                                           List<Map<String, String>> resourceTags, Map<String, String> accountTags) {
        return tagValue(keys, certificateTags).map(v -> new Found(v, OwnershipSource.CERTIFICATE_TAG))
                .or(() -> resourceTags.stream().map(tags -> tagValue(keys, tags)).flatMap(Optional::stream)
                        .findFirst().map(v -> new Found(v, OwnershipSource.RESOURCE_TAG)))
                .or(() -> tagValue(keys, accountTags).map(v -> new Found(v, OwnershipSource.ACCOUNT_TAG)));
    }

    /** The value of the first key present (case-insensitive) with a non-blank value. */
    static Optional<String> tagValue(Collection<String> keys, Map<String, String> tags) {
        for (String key : keys) {
            for (Map.Entry<String, String> tag : tags.entrySet()) {
                boolean matches = tag.getKey().toLowerCase(Locale.ROOT).equals(key.toLowerCase(Locale.ROOT));
                if (matches && tag.getValue() != null && !tag.getValue().isBlank()) {
                    return Optional.of(tag.getValue().strip());
                }
            }
        }
        return Optional.empty();
    }

    private record Found(String value, OwnershipSource source) {
    }
}
