package io.certfleet.core.rotation.issuer;

import java.util.Objects;

/**
 * One DNS record ACM needs to see before it issues a certificate for {@code domain}.
 *
 * @param written true when certfleet wrote it (UPSERT) into a Route 53 hosted zone of the account; false: the owner
 *                has to create it
 */
public record ValidationRecord(String domain, String name, String type, String value, boolean written) {

    public ValidationRecord {
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
        return name + " " + type + " " + value + (written ? " (written by certfleet)" : "");
    }
}
