package io.certfleet.local;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Lambda {@code Invoke} API on loopback, for the handlers of this jar: the local stand-in for AWS Lambda when a
 * state machine runs in {@code aws-local-stepfunctions} (which calls it through {@code AWS_ENDPOINT_URL_LAMBDA}).
 * Run it in its own JVM with the functions' environment: each handler is built through its public no-arg
 * constructor, from that environment, as Lambda builds it. A handler's exception is answered as Lambda answers it
 * ({@code X-Amz-Function-Error: Unhandled}, {@code errorType}, {@code errorMessage}), so Retry and Catch apply.
 *
 * <pre>java -cp functions/local/target/certfleet.jar io.certfleet.local.LocalLambdaRuntime \
 *     --function planner=io.certfleet.handlers.ScanPlannerHandler::handleRequest --port-file /tmp/port</pre>
 */
public final class LocalLambdaRuntime implements AutoCloseable {

    private static final Pattern INVOKE = Pattern.compile("/2015-03-31/functions/([^/]+)/invocations");
    private static final Pattern FUNCTION_ARN = Pattern.compile("arn:[^:]+:lambda:[^:]+:\\d{12}:function:([^:]+)(:.*)?");

    private final HttpServer server;
    private final Map<String, String> handlerByFunction;
    private final Map<String, RequestStreamHandler> instances = new ConcurrentHashMap<>();
    private final Map<String, RequestStreamHandler> given;
    private final Consumer<String> log;

    private LocalLambdaRuntime(HttpServer server, Map<String, String> handlerByFunction,
                               Map<String, RequestStreamHandler> given, Consumer<String> log) {
        this.server = server;
        this.handlerByFunction = Map.copyOf(handlerByFunction);
        this.given = Map.copyOf(given);
        this.log = log;
    }

    /** @param handlerByFunction {@code Class::method} handler strings by function name */
    public static LocalLambdaRuntime start(Map<String, String> handlerByFunction) throws IOException {
        return start(handlerByFunction, Map.of(), System.err::println);
    }

    /**
     * Serves handler instances the caller built (with its own wiring), in this process.
     *
     * @param log where the runtime's own lines go (one per invocation)
     */
    public static LocalLambdaRuntime startWith(Map<String, RequestStreamHandler> handlers, Consumer<String> log)
            throws IOException {
        return start(Map.of(), handlers, log);
    }

    private static LocalLambdaRuntime start(Map<String, String> handlerByFunction,
                                            Map<String, RequestStreamHandler> given, Consumer<String> log)
            throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        LocalLambdaRuntime runtime = new LocalLambdaRuntime(server, handlerByFunction, given, log);
        server.createContext("/2015-03-31/functions/", runtime::invoke);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
        return runtime;
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> functions = new LinkedHashMap<>();
        Path portFile = null;
        for (int i = 0; i < args.length - 1; i += 2) {
            switch (args[i]) {
                case "--function" -> {
                    String[] mapping = args[i + 1].split("=", 2);
                    functions.put(mapping[0], mapping[1]);
                }
                case "--port-file" -> portFile = Path.of(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        LocalLambdaRuntime runtime = start(functions);
        System.err.println("[lambda] local Lambda runtime at " + runtime.endpoint() + " for " + functions.keySet());
        if (portFile != null) {
            Files.writeString(portFile, Integer.toString(runtime.server.getAddress().getPort()));
        }
    }

    private void invoke(HttpExchange exchange) throws IOException {
        try (exchange) {
            Matcher path = INVOKE.matcher(exchange.getRequestURI().getRawPath());
            if (!"POST".equals(exchange.getRequestMethod()) || !path.matches()) {
                respond(exchange, 404, Map.of(), "{\"message\":\"not an Invoke call\"}");
                return;
            }
            String function = functionName(URLDecoder.decode(path.group(1), StandardCharsets.UTF_8));
            String handler = handlerByFunction.get(function);
            if (handler == null && !given.containsKey(function)) {
                respond(exchange, 404, Map.of("X-Amzn-ErrorType", "ResourceNotFoundException"),
                        "{\"Type\":\"User\",\"message\":\"Function not found: " + function + "\"}");
                return;
            }
            byte[] payload = exchange.getRequestBody().readAllBytes();
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            long started = System.nanoTime();
            try {
                RequestStreamHandler instance = given.containsKey(function) ? given.get(function) : instance(handler);
                instance.handleRequest(new ByteArrayInputStream(payload), output,
                        new LocalLambdaContext(function, line -> log.accept("[" + function + "] " + line)));
                respond(exchange, 200, Map.of("X-Amz-Executed-Version", "$LATEST"), output.toString(StandardCharsets.UTF_8));
                log.accept(String.format("[lambda] %s ok (%d ms)", function, (System.nanoTime() - started) / 1_000_000));
            } catch (Exception | LinkageError failure) {
                Throwable cause = failure instanceof ReflectiveOperationException && failure.getCause() != null
                        ? failure.getCause() : failure;
                log.accept(String.format("[lambda] %s failed: %s", function, cause));
                respond(exchange, 200, Map.of("X-Amz-Function-Error", "Unhandled"), errorBody(cause));
            }
        }
    }

    private RequestStreamHandler instance(String handler) throws ReflectiveOperationException {
        String className = handler.contains("::") ? handler.substring(0, handler.indexOf("::")) : handler;
        RequestStreamHandler existing = instances.get(className);
        if (existing != null) {
            return existing;
        }
        synchronized (instances) {
            RequestStreamHandler created = instances.get(className);
            if (created == null) {
                created = (RequestStreamHandler) Class.forName(className).getConstructor().newInstance();
                instances.put(className, created);
            }
            return created;
        }
    }

    private static String functionName(String nameOrArn) {
        Matcher arn = FUNCTION_ARN.matcher(nameOrArn);
        return arn.matches() ? arn.group(1) : nameOrArn;
    }

    private static String errorBody(Throwable failure) {
        String message = failure.getMessage() == null ? "" : failure.getMessage();
        return "{\"errorType\":\"" + escape(failure.getClass().getSimpleName()) + "\",\"errorMessage\":\""
                + escape(message) + "\"}";
    }

    private static String escape(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\r", "");
    }

    private static void respond(HttpExchange exchange, int status, Map<String, String> headers, String body)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        headers.forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
