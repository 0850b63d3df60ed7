package io.certfleet.adapters.tls;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;

/**
 * A full handshake as a modern client makes it (the JDK's TLS 1.3 and 1.2, its default suites, OCSP stapling
 * requested): what protocol and suite are negotiated, the chain as served and the stapled OCSP responses.
 */
final class JsseHandshake {

    /** The outcome: {@code error} is set when the handshake failed; {@code served} may be set even then. */
    record Result(Optional<String> protocol, Optional<String> cipherSuite, List<X509Certificate> served,
                  List<byte[]> ocspResponses, Optional<String> error) {
        boolean succeeded() {
            return error.isEmpty();
        }
    }

    private JsseHandshake() {
    }

    static Result run(InetSocketAddress address, Optional<String> sni, Duration connectTimeout,
                      Duration handshakeTimeout) {
        RecordingTrustManager recorder = new RecordingTrustManager();
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {recorder}, null);
            try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket()) {
                socket.connect(address, (int) connectTimeout.toMillis());
                socket.setSoTimeout((int) handshakeTimeout.toMillis());
                SSLParameters parameters = socket.getSSLParameters();
                parameters.setServerNames(sni.<List<SNIServerName>>map(name -> List.of(
                        new SNIHostName(name))).orElse(List.of()));
                socket.setSSLParameters(parameters);
                socket.startHandshake();
                SSLSession session = socket.getSession();
                List<byte[]> staples = session instanceof ExtendedSSLSession extended
                        ? extended.getStatusResponses() : List.of();
                return new Result(Optional.of(session.getProtocol()), Optional.of(session.getCipherSuite()),
                        recorder.served(), staples, Optional.empty());
            }
        } catch (IOException e) {
            return new Result(Optional.empty(), Optional.empty(), recorder.served(), List.of(),
                    Optional.of(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no TLS: " + e.getMessage(), e);
        }
    }
}
