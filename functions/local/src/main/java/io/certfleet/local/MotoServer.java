package io.certfleet.local;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A moto server process of our own on loopback ({@code moto.server -H 127.0.0.1 -p 0}): started on a port the OS
 * picks (read back from moto's banner, so no port race), with {@code MOTO_ACM_VALIDATION_WAIT=0}; closing it stops
 * this process and its children only.
 *
 * <p>By default it serves one request at a time ({@link Concurrency#SERIAL}). moto's server is threaded and its
 * backends take no locks, so two concurrent {@code UpdateItem} or conditional {@code PutItem} calls on one DynamoDB
 * item can interleave (measured: two of eight concurrent updates both saw "no old item"). Real DynamoDB makes each
 * single-item request atomic, and certfleet relies on exactly that; serving requests one at a time restores it,
 * while a design that needed two requests would still interleave and fail its tests.
 */
public final class MotoServer implements AutoCloseable {

    /** How the server takes concurrent requests. */
    public enum Concurrency {
        /** One request at a time: every API call atomic, as DynamoDB guarantees per item. */
        SERIAL,
        /** moto's default: a thread per request, no atomicity across a request's read and write. */
        THREADED
    }

    /** Runs {@code moto.server}'s own main, with werkzeug's {@code threaded} flag switched off. */
    private static final String SERIAL_BOOTSTRAP = "import sys, werkzeug.serving as serving; "
            + "run = serving.run_simple; "
            + "serving.run_simple = lambda *a, **k: run(*a, **{**k, 'threaded': False}); "
            + "from moto.server import main; main(sys.argv[1:])";

    /**
     * Python that loads {@code moto_extensions.py} (the operations certfleet calls that moto 5.2.1 lacks, see the
     * file) into the server process before it starts.
     */
    private static String extensionsBootstrap() {
        try (var in = MotoServer.class.getResourceAsStream("moto_extensions.py")) {
            if (in == null) {
                throw new IllegalStateException("moto_extensions.py is missing from certfleet's jar");
            }
            Path file = Files.createTempFile("certfleet-moto-extensions", ".py");
            Files.write(file, in.readAllBytes());
            file.toFile().deleteOnExit();
            return "exec(compile(open(" + pythonString(file.toString()) + ").read(), 'moto_extensions.py', 'exec')); ";
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write moto's extensions", e);
        }
    }

    private static String pythonString(String text) {
        return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    /** Python interpreter to run moto with; override with {@code CERTFLEET_PYTHON}. */
    static final String PYTHON_VARIABLE = "CERTFLEET_PYTHON";
    private static final Pattern BANNER = Pattern.compile("Running on (http://127\\.0\\.0\\.1:\\d+)");
    private static final int OUTPUT_LINES_KEPT = 40;

    private final Process process;
    private final URI endpoint;
    private final Deque<String> recentOutput;
    private final Thread shutdownHook;

    private MotoServer(Process process, URI endpoint, Deque<String> recentOutput) {
        this.process = process;
        this.endpoint = endpoint;
        this.recentOutput = recentOutput;
        this.shutdownHook = new Thread(this::stopProcess, "moto-server-stop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Starts a serial moto with {@code $CERTFLEET_PYTHON} or {@code python3}; see {@link #start(String,
     * Concurrency, Duration)}. */
    public static MotoServer start(Duration timeout) {
        return start(System.getenv().getOrDefault(PYTHON_VARIABLE, "python3"), Concurrency.SERIAL, timeout);
    }

    /** Starts moto with the given interpreter and waits until it answers HTTP, else throws
     * {@link EmulatorUnavailableException} with moto's output and how to install it. */
    public static MotoServer start(String python, Concurrency concurrency, Duration timeout) {
        return start(python, concurrency, timeout, Duration.ZERO);
    }

    /**
     * As {@link #start(String, Concurrency, Duration)}, with ACM's public requests held in
     * {@code PENDING_VALIDATION} for {@code acmValidationWait} (moto's {@code MOTO_ACM_VALIDATION_WAIT}; zero
     * issues them at once): for tests of a rotation waiting for DNS validation.
     */
    public static MotoServer start(String python, Concurrency concurrency, Duration timeout,
                                   Duration acmValidationWait) {
        List<String> command = new ArrayList<>(List.of(python, "-c", extensionsBootstrap()
                + (concurrency == Concurrency.SERIAL ? SERIAL_BOOTSTRAP : "import sys; from moto.server import main; "
                + "main(sys.argv[1:])")));
        command.addAll(List.of("-H", "127.0.0.1", "-p", "0"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(Map.of("MOTO_ACM_VALIDATION_WAIT", String.valueOf(acmValidationWait
                .toSeconds()), "PYTHONUNBUFFERED", "1"));
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new EmulatorUnavailableException("Cannot run '" + python + "' to start moto: " + e.getMessage(), e);
        }
        Deque<String> output = new ArrayDeque<>();
        CompletableFuture<URI> banner = new CompletableFuture<>();
        Thread reader = new Thread(() -> drain(process, output, banner), "moto-server-output");
        reader.setDaemon(true);
        reader.start();
        URI endpoint = awaitBanner(python, process, banner, output, timeout);
        MotoServer server = new MotoServer(process, endpoint, output);
        server.awaitReady(timeout);
        return server;
    }

    public URI endpoint() {
        return endpoint;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Forgets every resource in every backend ({@code POST /moto-api/reset}). */
    public void reset() {
        reset(endpoint);
    }

    /** Resets any moto server; returns false if the endpoint does not speak moto's reset API. */
    public static boolean reset(URI endpoint) {
        HttpRequest request = HttpRequest.newBuilder(endpoint.resolve("/moto-api/reset"))
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build();
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Switches moto's IAM authentication and authorization on (requests must be signed with keys moto knows, and
     * the caller's policies are evaluated) or off (moto's default: anything goes). Moto-only.
     */
    public static void enforceIamAuthentication(URI endpoint, boolean enforce) {
        HttpRequest request = HttpRequest.newBuilder(endpoint.resolve("/moto-api/reset-auth"))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "text/plain") // a form body would be swallowed by moto's web framework
                .POST(HttpRequest.BodyPublishers.ofString(enforce ? "0" : "inf"))
                .build();
        try (HttpClient http = HttpClient.newHttpClient()) {
            int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status != 200) {
                throw new IllegalStateException("moto refused to switch authentication: HTTP " + status);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot reach moto at " + endpoint + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Whether something answers HTTP at the endpoint (any status). */
    public static boolean answers(URI endpoint) {
        HttpRequest request = HttpRequest.newBuilder(endpoint.resolve("/moto-api/"))
                .timeout(Duration.ofSeconds(2))
                .GET()
                .build();
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()) {
            http.send(request, HttpResponse.BodyHandlers.discarding());
            return true;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        stopProcess();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run: nothing to remove
        }
    }

    private void stopProcess() {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        children.forEach(ProcessHandle::destroy);
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                children.forEach(ProcessHandle::destroyForcibly);
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (answers(endpoint)) {
                return;
            }
            if (!process.isAlive()) {
                break;
            }
            sleep(Duration.ofMillis(100));
        }
        close();
        throw new EmulatorUnavailableException("moto server at " + endpoint + " did not answer within "
                + timeout.toSeconds() + " s; its last output:\n" + lastOutput(recentOutput));
    }

    private static URI awaitBanner(String python, Process process, CompletableFuture<URI> banner,
                                   Deque<String> output, Duration timeout) {
        try {
            return banner.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // ExecutionException: its output ended before the banner, i.e. it exited.
            String why = e instanceof TimeoutException
                    ? "did not report its address within " + timeout.toSeconds() + " s"
                    : "exited";
            process.destroyForcibly();
            throw new EmulatorUnavailableException("moto server (" + python + " -m moto.server) " + why
                    + "; its output:\n" + lastOutput(output));
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new EmulatorUnavailableException("interrupted while starting moto", e);
        }
    }

    /** Reads moto's output for the life of the process (a full pipe would block it), keeping the last lines. */
    private static void drain(Process process, Deque<String> output, CompletableFuture<URI> banner) {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                synchronized (output) {
                    output.addLast(line);
                    if (output.size() > OUTPUT_LINES_KEPT) {
                        output.removeFirst();
                    }
                }
                Matcher matcher = BANNER.matcher(line);
                if (!banner.isDone() && matcher.find()) {
                    banner.complete(URI.create(matcher.group(1)));
                }
            }
        } catch (IOException ignored) {
            // the process ended
        }
        banner.completeExceptionally(new IllegalStateException("moto exited"));
    }

    private static String lastOutput(Deque<String> output) {
        synchronized (output) {
            return output.isEmpty() ? "(none)" : String.join("\n", output);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
