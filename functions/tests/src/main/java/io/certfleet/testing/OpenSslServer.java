package io.certfleet.testing;

import io.certfleet.local.pki.IssuedCertificate;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code openssl s_server} on loopback, for what the JDK cannot serve: TLS 1.0/1.1, static-RSA and CBC-only suites,
 * a stapled OCSP response from a file.
 */
public final class OpenSslServer implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path directory;

    private OpenSslServer(Process process, int port, Path directory) {
        this.process = process;
        this.port = port;
        this.directory = directory;
    }

    /**
     * @param options s_server options beyond the certificate, e.g. {@code -tls1 -cipher ALL:@SECLEVEL=0}
     */
    public static OpenSslServer start(IssuedCertificate certificate, List<String> options) throws Exception {
        Path directory = Files.createTempDirectory("s_server");
        Files.writeString(directory.resolve("cert.pem"), certificate.certificatePem());
        Files.writeString(directory.resolve("key.pem"), certificate.privateKeyPem());
        List<String> command = new ArrayList<>(List.of("openssl", "s_server", "-quiet",
                "-cert", directory.resolve("cert.pem").toString(), "-key", directory.resolve("key.pem").toString()));
        if (certificate.chainPem() != null) {
            Files.writeString(directory.resolve("chain.pem"), certificate.chainPem());
            command.addAll(List.of("-cert_chain", directory.resolve("chain.pem").toString()));
        }
        command.addAll(options);
        int port = freePort();
        command.addAll(List.of("-accept", "127.0.0.1:" + port));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(directory.resolve("s_server.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            try (Socket probe = new Socket("127.0.0.1", port)) {
                return new OpenSslServer(process, port, directory);
            } catch (IOException notYet) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("openssl s_server exited: "
                            + Files.readString(directory.resolve("s_server.log")));
                }
                Thread.sleep(50);
            }
        }
        process.destroyForcibly();
        throw new IllegalStateException("openssl s_server did not listen on " + port + " within 10 s");
    }

    /** A file in the server's working folder (e.g. an OCSP response to staple). */
    public static Path file(String name, byte[] content) throws IOException {
        Path file = Files.createTempFile("s_server-" + name, ".der");
        Files.write(file, content);
        return file;
    }

    public String target() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
