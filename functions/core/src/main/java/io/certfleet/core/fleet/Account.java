package io.certfleet.core.fleet;

import java.util.Map;
import java.util.Objects;

/** An AWS account to scan, with its tags (empty when they are not known). */
public record Account(String id, String name, Map<String, String> tags) {
    public Account {
        Objects.requireNonNull(id, "id");
        name = name == null ? id : name;
        tags = Map.copyOf(tags);
        if (!id.matches("\\d{12}")) {
            throw new IllegalArgumentException("an AWS account id has 12 digits, got '" + id + "'");
        }
    }
}
