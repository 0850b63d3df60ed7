package io.certfleet.api;

import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One HTTP request to the inventory API, as API Gateway's proxy integration (or {@code certfleet api serve}) hands
 * it over: method, the raw path (path parameters still URL-encoded), the query parameters (decoded), and the names
 * of those given more than once (refused: each is a single value).
 */
public record ApiRequest(String method, String rawPath, Map<String, String> query, Set<String> repeated) {

    public ApiRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(rawPath, "rawPath");
        query = Map.copyOf(query);
        repeated = Set.copyOf(repeated);
    }

    /** A request whose query parameters are each given once. */
    public ApiRequest(String method, String rawPath, Map<String, String> query) {
        this(method, rawPath, query, Set.of());
    }
}
