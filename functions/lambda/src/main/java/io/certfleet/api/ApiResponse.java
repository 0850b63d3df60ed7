package io.certfleet.api;

import java.util.Map;

/** One HTTP response of the inventory API: status, headers and a JSON body. */
public record ApiResponse(int status, Map<String, String> headers, String body) {

    public ApiResponse {
        headers = Map.copyOf(headers);
    }

    static ApiResponse json(int status, Object body) {
        return new ApiResponse(status, Map.of("Content-Type", "application/json"), Json.compact(body));
    }

    /** {@code {"error": {"code", "message", "parameter"?}}}. */
    public static ApiResponse error(int status, String code, String message, String parameter) {
        Map<String, Object> error = new java.util.LinkedHashMap<>();
        error.put("code", code);
        error.put("message", message);
        if (parameter != null) {
            error.put("parameter", parameter);
        }
        return json(status, Map.of("error", error));
    }
}
