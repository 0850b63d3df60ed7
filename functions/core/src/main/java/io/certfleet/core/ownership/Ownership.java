package io.certfleet.core.ownership;

import java.util.Objects;

/**
 * Who owns a certificate and which environment it serves, and which rule said so.
 *
 * @param ownerSource       the rule that gave the owner
 * @param environmentSource the rule that gave the environment
 */
public record Ownership(String owner, OwnershipSource ownerSource, String environment,
                        OwnershipSource environmentSource) {
    public Ownership {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(ownerSource, "ownerSource");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(environmentSource, "environmentSource");
    }
}
