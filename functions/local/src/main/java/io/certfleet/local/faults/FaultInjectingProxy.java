package io.certfleet.local.faults;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An HTTP proxy in front of an AWS emulator that answers a seeded share of AWS calls with a fault instead of
 * forwarding them: HTTP 503, HTTP 500, a throttling error in the protocol of the called service (what the SDK
 * classifies as throttling), or a dropped connection. A faulted request never reaches the emulator, so a retry is
 * safe for any call; the local loop's own emulator calls are never faulted ({@link #passesUntouched}). Point the SDK at
 * {@link #endpoint()}; {@link #counts()} says what was injected.
 */
public final class FaultInjectingProxy implements AutoCloseable {

    private static final Set<String> NOT_FORWARDED = Set.of("host", "connection", "content-length", "expect",
            "upgrade", "transfer-encoding", "keep-alive", "te", "trailer", "proxy-connection", "http2-settings");
    private static final Set<String> NOT_RETURNED = Set.of("content-length", "transfer-encoding", "connection",
            "keep-alive", "date", "server");

    private final URI target;
    private final FaultPlan plan;
    private final HttpServer server;
    private final ExecutorService workers = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "fault-proxy");
        thread.setDaemon(true);
        return thread;
    });
    private final List<String> unplanned = new CopyOnWriteArrayList<>();
    private final HttpClient upstream = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();

    private FaultInjectingProxy(URI target, FaultPlan plan) throws IOException {
        this.target = Objects.requireNonNull(target, "target");
        this.plan = Objects.requireNonNull(plan, "plan");
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.createContext("/", this::handle);
        server.setExecutor(workers);
        server.start();
    }

    /** Starts a proxy on a free loopback port that forwards to {@code target} (e.g. a moto server). */
    public static FaultInjectingProxy start(URI target, FaultPlan plan) {
        try {
            return new FaultInjectingProxy(target, plan);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the fault-injecting proxy: " + e.getMessage(), e);
        }
    }

    public URI endpoint() {
        return URI.create("http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort());
    }

    /** What was forwarded and what was injected so far, and the requests that failed without a planned fault. */
    public FaultCounts counts() {
        return plan.counts().withUnplanned(unplanned);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            try {
                answer(exchange);
            } catch (IOException | RuntimeException e) {
                // The client went away, or the emulator failed: the client sees the connection end (once this
                // exchange closes, after it was counted). Not a planned fault, so counted apart; a client sends
                // such a request again, so the emulator may see it twice.
                unplanned(exchange, e.toString());
            }
        }
    }

    private void answer(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        String path = exchange.getRequestURI().getRawPath();
        AwsProtocol protocol = AwsProtocol.of(exchange.getRequestHeaders());
        FaultKind fault = passesUntouched(path, protocol) ? null : plan.next(protocol.service());
        if (fault == null) {
            forward(exchange, body);
        } else if (fault == FaultKind.RESPONSE_LOST) {
            forwardAndLoseTheAnswer(exchange, body);
        } else if (fault == FaultKind.DROPPED_CONNECTION) {
            drop(exchange);
        } else {
            AwsProtocol.ErrorResponse error = protocol.error(fault);
            error.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
            exchange.sendResponseHeaders(error.status(), error.body().length);
            exchange.getResponseBody().write(error.body());
        }
    }

    /**
     * The local loop's own calls to the emulator, not certfleet's: moto's API, and EC2 (only the demo seeder's
     * subnet lookup, a hand-signed query outside the SDK, asks it). Never faulted, never counted.
     */
    private static boolean passesUntouched(String path, AwsProtocol protocol) {
        return path.startsWith("/moto-api/") || protocol.service().equals("ec2");
    }

    /** Ends the exchange without a response: the client sees the connection closed with nothing read. */
    private static void drop(HttpExchange exchange) {
        exchange.close();
    }

    /** The emulator carries the request out; its answer is thrown away and the connection closed. */
    private void forwardAndLoseTheAnswer(HttpExchange exchange, byte[] body) throws IOException {
        send(exchange, body).body().close();
        drop(exchange);
    }

    private void forward(HttpExchange exchange, byte[] body) throws IOException {
        HttpResponse<InputStream> response = send(exchange, body);
        byte[] answer;
        try (InputStream in = response.body()) {
            answer = in.readAllBytes();
        }
        for (Map.Entry<String, List<String>> header : response.headers().map().entrySet()) {
            if (!header.getKey().startsWith(":") && !NOT_RETURNED.contains(header.getKey().toLowerCase(Locale.ROOT))) {
                exchange.getResponseHeaders().put(header.getKey(), header.getValue());
            }
        }
        if (response.statusCode() >= 500 || response.statusCode() == 429) {
            // Not a planned fault either: the emulator's own failure, which the client retries like one.
            unplanned(exchange, "the emulator answered HTTP " + response.statusCode() + " " + abbreviated(answer));
        }
        boolean noBody = answer.length == 0 || "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(response.statusCode(), noBody ? -1 : answer.length);
        if (!noBody) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        }
    }

    /** A request that failed without a planned fault, as {@code METHOD service: what happened}. */
    private void unplanned(HttpExchange exchange, String what) {
        unplanned.add(exchange.getRequestMethod() + " " + AwsProtocol.of(exchange.getRequestHeaders()).service()
                + ": " + what);
    }

    private static String abbreviated(byte[] answer) {
        String text = new String(answer, StandardCharsets.UTF_8).replaceAll("\\s+", " ").strip();
        return text.length() <= 300 ? text : text.substring(0, 300) + "...";
    }

    private HttpResponse<InputStream> send(HttpExchange exchange, byte[] body) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(target.resolve(exchange.getRequestURI().getRawPath()
                        + (exchange.getRequestURI().getRawQuery() == null ? ""
                        : "?" + exchange.getRequestURI().getRawQuery())))
                .timeout(Duration.ofSeconds(120))
                .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(value -> request.header(name, value));
            }
        });
        HttpResponse<InputStream> response;
        try {
            response = upstream.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        return response;
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
        upstream.close();
    }
}
