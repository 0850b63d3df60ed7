package io.certfleet.handlers.events;

import com.fasterxml.jackson.databind.JsonNode;
import io.certfleet.api.ApiRequest;
import io.certfleet.api.ApiResponse;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * API Gateway's REST proxy integration: the event in, the response out. The path is rebuilt from the resource
 * template and the path parameters (re-encoded, so an id with {@code /} in it stays one segment); a query parameter
 * given more than once is refused (each is a single value).
 */
public final class ApiGatewayEvents {

    private ApiGatewayEvents() {
    }

    public static ApiRequest readRequest(java.io.InputStream input) {
        JsonNode event = EventJson.readObject(input);
        String method = event.path("httpMethod").asText("");
        if (method.isEmpty()) {
            throw new InvalidEventException("not an API Gateway proxy event: no 'httpMethod'");
        }
        String resource = event.path("resource").asText("");
        JsonNode pathParameters = event.path("pathParameters");
        String rawPath;
        if (!resource.isEmpty() && pathParameters.isObject() && !pathParameters.isEmpty()) {
            rawPath = resource;
            for (var parameter : pathParameters.properties()) {
                rawPath = rawPath.replace("{" + parameter.getKey() + "}", URLEncoder.encode(
                        parameter.getValue().asText(), StandardCharsets.UTF_8).replace("+", "%20"));
            }
        } else {
            rawPath = event.path("path").asText("");
        }
        Map<String, String> query = new LinkedHashMap<>();
        java.util.Set<String> repeated = new java.util.TreeSet<>();
        JsonNode multi = event.path("multiValueQueryStringParameters");
        if (multi.isObject()) {
            for (var parameter : multi.properties()) {
                if (parameter.getValue().size() > 1) {
                    repeated.add(parameter.getKey());
                }
                query.put(parameter.getKey(), parameter.getValue().path(0).asText());
            }
        } else if (event.path("queryStringParameters").isObject()) {
            event.path("queryStringParameters").properties().forEach(parameter -> query.put(parameter.getKey(),
                    parameter.getValue().asText()));
        }
        return new ApiRequest(method, rawPath, query, repeated);
    }

    public static void writeResponse(OutputStream output, ApiResponse response) {
        Map<String, Object> proxy = new LinkedHashMap<>();
        proxy.put("statusCode", response.status());
        proxy.put("headers", response.headers());
        proxy.put("body", response.body());
        proxy.put("isBase64Encoded", false);
        EventJson.write(output, proxy);
    }
}
