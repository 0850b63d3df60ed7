package io.certfleet.testing;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's Chromium, headless, loading a local page: the DOM after its scripts ran, a screenshot, and every
 * network request the page tried, caught by a proxy of the test's own that answers none (Chromium's own background
 * calls to {@code *.google.com} are left out). Fails (never skips)
 * when Chromium is missing: {@code .ci/run} installs it.
 */
public final class HeadlessChromium {

    public static final Path BINARY = Path.of("/usr/bin/chromium");

    /** What one page load gave. */
    public record Load(String dom, List<String> requests) {
    }

    private HeadlessChromium() {
    }

    /** Loads {@code page} (a file), returns its DOM, and writes a screenshot to {@code screenshot}. */
    public static Load load(Path page, Path screenshot) throws Exception {
        if (!Files.isExecutable(BINARY)) {
            throw new IllegalStateException(BINARY + " is missing: apt-get install chromium (.ci/run installs it)");
        }
        List<String> requests = Collections.synchronizedList(new ArrayList<>());
        try (ServerSocket proxy = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread recorder = Thread.ofVirtual().start(() -> record(proxy, requests));
            String dom = run(page, proxy.getLocalPort(), "--dump-dom");
            run(page, proxy.getLocalPort(), "--screenshot=" + screenshot.toAbsolutePath(), "--window-size=1400,2400");
            recorder.interrupt();
            return new Load(dom, List.copyOf(requests));
        }
    }

    private static String run(Path page, int proxyPort, String... action) throws Exception {
        Path profile = Files.createTempDirectory("chromium-profile");
        List<String> command = new ArrayList<>(List.of(BINARY.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-default-apps", "--disable-extensions",
                "--user-data-dir=" + profile, "--proxy-server=http://127.0.0.1:" + proxyPort,
                // Chromium's own calls home (network time, account checks) go to *.google.com whatever the page:
                // those bypass the recording proxy (and fail on a closed network); everything else is recorded.
                "--proxy-bypass-list=<-loopback>;*.google.com", "--virtual-time-budget=3000"));
        command.addAll(List.of(action));
        command.add(page.toAbsolutePath().toUri().toString());
        Process chromium = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(chromium.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!chromium.waitFor(60, TimeUnit.SECONDS)) {
            chromium.destroyForcibly();
            throw new IllegalStateException("chromium did not finish loading " + page);
        }
        return out;
    }

    /** The first line of every request the browser sends through the proxy (CONNECT host:443, GET url, ...). */
    private static void record(ServerSocket proxy, List<String> requests) {
        while (!proxy.isClosed()) {
            try (Socket client = proxy.accept(); InputStream in = client.getInputStream()) {
                client.setSoTimeout(2000);
                StringBuilder line = new StringBuilder();
                int c;
                while ((c = in.read()) >= 0 && c != '\n') {
                    line.append((char) c);
                }
                requests.add(line.toString().strip());
            } catch (IOException closedOrTimedOut) {
                if (proxy.isClosed()) {
                    return;
                }
            }
        }
    }
}
