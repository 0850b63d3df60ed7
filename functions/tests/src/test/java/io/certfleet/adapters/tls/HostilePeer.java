package io.certfleet.adapters.tls;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Peers that misbehave on purpose: silent, garbage, plain HTTP, a megabyte-long certificate chain. */
final class HostilePeer implements AutoCloseable {

    /** What the peer does with a connection. */
    enum Behaviour { SILENT, GARBAGE, HTTP, MEGABYTE_CHAIN, CLOSE_AT_ONCE }

    private final ServerSocket server;
    private final ExecutorService connections = Executors.newVirtualThreadPerTaskExecutor();
    private final Behaviour behaviour;

    private HostilePeer(Behaviour behaviour) throws IOException {
        this.behaviour = behaviour;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        connections.submit(this::acceptLoop);
    }

    static HostilePeer start(Behaviour behaviour) throws IOException {
        return new HostilePeer(behaviour);
    }

    String target() {
        return "127.0.0.1:" + server.getLocalPort();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                connections.submit(() -> handle(socket));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void handle(Socket socket) {
        try (socket) {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            switch (behaviour) {
                case SILENT -> Thread.sleep(60_000);
                case CLOSE_AT_ONCE -> { }
                case GARBAGE -> {
                    in.read(new byte[512]);
                    byte[] garbage = new byte[4096];
                    new Random(42).nextBytes(garbage);
                    garbage[0] = (byte) 0x99; // never a TLS record type
                    out.write(garbage);
                }
                case HTTP -> {
                    in.read(new byte[512]);
                    out.write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                }
                case MEGABYTE_CHAIN -> {
                    in.read(new byte[512]);
                    writeMegabyteChain(out);
                }
                default -> throw new IllegalStateException("unknown behaviour " + behaviour);
            }
            out.flush();
        } catch (IOException | InterruptedException e) {
            // the client gave up: fine
        }
    }

    /** A valid ServerHello, then a Certificate message claiming a megabyte, sent in valid 16 KiB records. */
    private static void writeMegabyteChain(OutputStream out) throws IOException {
        byte[] serverHello = {0x02, 0, 0, 38, 0x03, 0x03, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18,
                19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 0, (byte) 0xC0, 0x2F, 0};
        record(out, serverHello);
        int size = 1 << 20;
        byte[] header = {0x0b, (byte) (size >>> 16), (byte) (size >>> 8), (byte) size};
        byte[] chunk = new byte[16_384];
        record(out, header);
        for (int sent = 0; sent < size; sent += chunk.length) {
            record(out, chunk);
        }
    }

    private static void record(OutputStream out, byte[] fragment) throws IOException {
        out.write(new byte[] {0x16, 0x03, 0x03, (byte) (fragment.length >>> 8), (byte) fragment.length});
        out.write(fragment);
    }

    @Override
    public void close() throws IOException {
        server.close();
        connections.shutdownNow();
    }
}
