package io.certfleet.adapters.tls;

import java.net.Socket;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Accepts any server chain and keeps it: certfleet judges the chain itself, afterwards, for every cause at once.
 * It extends {@link X509ExtendedTrustManager} so that the JDK does not wrap it in one that re-checks host names and
 * algorithms (and would abort on the first problem).
 */
final class RecordingTrustManager extends X509ExtendedTrustManager {

    private volatile List<X509Certificate> served = List.of();

    List<X509Certificate> served() {
        return served;
    }

    private void record(X509Certificate[] chain) {
        served = chain == null ? List.of() : List.of(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        record(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        record(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {
        record(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
        throw new UnsupportedOperationException("certfleet's probe is a client only");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        throw new UnsupportedOperationException("certfleet's probe is a client only");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {
        throw new UnsupportedOperationException("certfleet's probe is a client only");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
