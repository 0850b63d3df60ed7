package io.certfleet.core.events;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A notable state change, published on certfleet's event bus: its detail-type (each has a JSON Schema in
 * {@code events/schemas/}), the ARNs it concerns, and its detail (JSON-ready values: strings, numbers, booleans,
 * lists, maps, null).
 */
public record CertfleetEvent(String detailType, List<String> resources, Map<String, Object> detail) {

    public static final String SOURCE = "certfleet";

    public CertfleetEvent {
        Objects.requireNonNull(detailType, "detailType");
        resources = List.copyOf(resources);
        detail = Collections.unmodifiableMap(new LinkedHashMap<>(detail));
    }
}
