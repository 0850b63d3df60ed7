package io.certfleet.local.tls;

import io.certfleet.local.pki.IssuedCertificate;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * A real TLS server on loopback (JSSE) that serves exactly the chain it is given, in the order given (duplicates,
 * unrelated or expired certificates included), chooses among certificates by SNI, and speaks only the protocols
 * and suites it is told to: the demo's endpoints and the probe tests' fixtures. Keys stay in memory.
 */
public final class LocalTlsServer implements AutoCloseable {

    /** One certificate to serve: its key and the exact chain to send. */
    public record Served(PrivateKey key, List<X509Certificate> chain) {
        public static Served of(IssuedCertificate certificate) {
            return new Served(certificate.keyPair().getPrivate(), certificate.certificateAndChain());
        }

        public static Served exactly(IssuedCertificate certificate, X509Certificate... chain) {
            return new Served(certificate.keyPair().getPrivate(), List.of(chain));
        }
    }

    private final SSLServerSocket server;
    private final ExecutorService connections = Executors.newVirtualThreadPerTaskExecutor();

    private LocalTlsServer(SSLServerSocket server) {
        this.server = server;
        connections.submit(this::acceptLoop);
    }

    public static Builder serving(Served served) {
        return new Builder(served);
    }

    public static Builder serving(IssuedCertificate certificate) {
        return new Builder(Served.of(certificate));
    }

    /**
     * What to serve, decided at each handshake by the SNI name asked for (empty without SNI); empty fails the
     * handshake. For endpoints that serve whatever an emulated resource holds at that moment.
     */
    @FunctionalInterface
    public interface Chooser {
        Optional<Served> choose(Optional<String> sni);
    }

    public static Builder choosing(Chooser chooser) {
        Builder builder = new Builder(null);
        builder.chooser = chooser;
        return builder;
    }

    /** How the server is set up. */
    public static final class Builder {
        private final Served fallback;
        private final Map<String, Served> bySni = new LinkedHashMap<>();
        private boolean requireSni;
        private String[] protocols = {"TLSv1.3", "TLSv1.2"};
        /** Mozilla's intermediate configuration, as a well-run server has it (the JDK's default adds CBC suites). */
        private String[] suites = {"TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256"};
        private InetAddress bind = InetAddress.getLoopbackAddress();
        private Chooser chooser;

        private Builder(Served fallback) {
            this.fallback = fallback;
        }

        /** For this SNI name, serve that certificate (others, and no SNI, get the fallback). */
        public Builder forSni(String name, Served served) {
            bySni.put(name, served);
            return this;
        }

        /** Without a known SNI name, fail the handshake. */
        public Builder requireSni() {
            this.requireSni = true;
            return this;
        }

        public Builder bindTo(InetAddress address) {
            this.bind = address;
            return this;
        }

        public Builder protocols(String... enabled) {
            this.protocols = enabled;
            return this;
        }

        public Builder suites(String... enabled) {
            this.suites = enabled;
            return this;
        }

        public LocalTlsServer start() throws GeneralSecurityException, IOException {
            SSLContext context = SSLContext.getInstance("TLS");
            Chooser choice = chooser != null ? chooser : sni -> Optional.ofNullable(sni.filter(bySni::containsKey)
                    .map(bySni::get).orElse(requireSni ? null : fallback));
            context.init(new KeyManager[] {new Keys(choice)}, null, null);
            SSLServerSocket socket = (SSLServerSocket) context.getServerSocketFactory()
                    .createServerSocket(0, 50, bind);
            socket.setEnabledProtocols(protocols);
            socket.setEnabledCipherSuites(suites);
            return new LocalTlsServer(socket);
        }
    }

    public int port() {
        return server.getLocalPort();
    }

    /** {@code 127.0.0.1:PORT} (or {@code [::1]:PORT}): where to probe it. */
    public String target() {
        InetAddress address = server.getInetAddress();
        return (address instanceof java.net.Inet6Address ? "[" + address.getHostAddress().replaceFirst("%.*", "") + "]"
                : address.getHostAddress()) + ":" + port();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                connections.submit(() -> handle((SSLSocket) socket));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private static void handle(SSLSocket socket) {
        try (socket) {
            socket.setSoTimeout(5_000);
            socket.startHandshake();
            InputStream in = socket.getInputStream();
            in.read(); // until the client closes
        } catch (IOException e) {
            // clients probe and hang up: that is their right
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        connections.shutdownNow();
    }

    /** Chooses what to serve by the SNI name of the handshake. */
    private static final class Keys extends X509ExtendedKeyManager {
        private final Chooser chooser;
        /** What each alias handed out stands for (an alias names one chain and key for the handshake's lifetime). */
        private final Map<String, Served> byAlias = new java.util.concurrent.ConcurrentHashMap<>();

        Keys(Chooser chooser) {
            this.chooser = chooser;
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            Optional<String> sni = Optional.empty();
            if (socket instanceof SSLSocket ssl && ssl.getHandshakeSession() instanceof ExtendedSSLSession session) {
                sni = requested(session.getRequestedServerNames());
            }
            return alias(keyType, sni);
        }

        @Override
        public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
            return alias(keyType, Optional.empty());
        }

        private String alias(String keyType, Optional<String> sni) {
            Optional<Served> served = chooser.choose(sni);
            if (served.isEmpty() || !matches(keyType, served.get().key())) {
                return null;
            }
            String alias = Integer.toHexString(System.identityHashCode(served.get().key())) + ":"
                    + served.get().chain().getFirst().getSerialNumber();
            byAlias.put(alias, served.get());
            return alias;
        }

        private static boolean matches(String keyType, PrivateKey key) {
            String algorithm = key.getAlgorithm();
            return keyType.equals(algorithm) || keyType.startsWith("RSA") && algorithm.equals("RSA")
                    || keyType.equals("EC") && algorithm.equals("EC")
                    || keyType.equals("EdDSA") && algorithm.startsWith("Ed");
        }

        private static Optional<String> requested(List<SNIServerName> names) {
            return names.stream().filter(n -> n instanceof SNIHostName).map(n -> ((SNIHostName) n).getAsciiName())
                    .findFirst();
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            Served served = byAlias.get(alias);
            return served == null ? null : served.chain().toArray(X509Certificate[]::new);
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            Served served = byAlias.get(alias);
            return served == null ? null : served.key();
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return new ArrayList<>(byAlias.keySet()).toArray(String[]::new);
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return new String[0];
        }

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            return null;
        }
    }

    public static InetSocketAddress loopback(int port) {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    }
}
