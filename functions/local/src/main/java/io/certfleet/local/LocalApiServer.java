package io.certfleet.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.certfleet.handlers.InventoryApiHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * The inventory API on 127.0.0.1 ({@code certfleet api serve}): each real HTTP request becomes the API Gateway
 * proxy event Lambda would get, is handed to the deployed handler, and its proxy response is written back. Loopback
 * only, no authentication: a local view of the table the caller's AWS credentials can read anyway.
 */
public final class LocalApiServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;

    private LocalApiServer(HttpServer server) {
        this.server = server;
    }

    /** Serves the inventory API over {@code wiring}'s table on 127.0.0.1:{@code port} (0: a free port). */
    public static LocalApiServer start(io.certfleet.wiring.Wiring wiring, io.certfleet.wiring.ApiOptions options,
                                       int port) throws IOException {
        return start(new InventoryApiHandler(wiring, options), port);
    }

    /** Serves {@code handler} on 127.0.0.1:{@code port} (0: a free port). */
    public static LocalApiServer start(InventoryApiHandler handler, int port) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.createContext("/", exchange -> serve(handler, exchange));
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
        return new LocalApiServer(server);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private static void serve(InventoryApiHandler handler, HttpExchange exchange) throws IOException {
        try (exchange) {
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            handler.handleRequest(new ByteArrayInputStream(JSON.writeValueAsBytes(proxyEvent(exchange))), output,
                    new LocalLambdaContext("api", line -> { }));
            JsonNode response = JSON.readTree(output.toByteArray());
            response.path("headers").properties().forEach(header -> exchange.getResponseHeaders()
                    .set(header.getKey(), header.getValue().asText()));
            byte[] body = response.path("body").asText().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(response.path("statusCode").asInt(500), body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        } catch (RuntimeException failure) {
            byte[] body = ("{\"error\":{\"code\":\"InternalError\",\"message\":\"" + failure.getClass().getSimpleName()
                    + "\"}}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(500, body.length);
            exchange.getResponseBody().write(body);
        }
    }

    /** The REST proxy event of a request: method, raw path, query parameters (single and multi-valued). */
    static Map<String, Object> proxyEvent(HttpExchange exchange) {
        Map<String, List<String>> multi = new LinkedHashMap<>();
        String rawQuery = exchange.getRequestURI().getRawQuery();
        if (rawQuery != null && !rawQuery.isEmpty()) {
            for (String pair : rawQuery.split("&")) {
                int equals = pair.indexOf('=');
                String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
                String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
                multi.computeIfAbsent(name, key -> new ArrayList<>()).add(value);
            }
        }
        Map<String, String> single = new LinkedHashMap<>();
        multi.forEach((name, values) -> single.put(name, values.getLast()));
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("httpMethod", exchange.getRequestMethod());
        event.put("path", exchange.getRequestURI().getRawPath());
        event.put("queryStringParameters", single.isEmpty() ? null : single);
        event.put("multiValueQueryStringParameters", multi.isEmpty() ? null : multi);
        return event;
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
