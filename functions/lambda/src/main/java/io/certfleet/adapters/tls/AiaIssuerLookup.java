package io.certfleet.adapters.tls;

import io.certfleet.core.probe.IssuerLookup;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.GeneralName;

/**
 * Finds an issuer the server did not serve by fetching its certificate from the Authority Information Access
 * {@code caIssuers} URL (RFC 5280 §4.2.2.1), as browsers do: DER or a PKCS#7 "certs-only" bundle, over HTTP(S),
 * bounded in time and size, cached per URL for the life of this object. A fetched certificate only counts if its key
 * verifies the child's signature (checked by the caller).
 */
public final class AiaIssuerLookup implements IssuerLookup {

    /** An issuer certificate is a couple of KiB; a bundle a few more. */
    static final int MAX_BYTES = 64 * 1024;
    private static final String AIA_OID = "1.3.6.1.5.5.7.1.1";

    private final HttpClient http;
    private final Duration timeout;
    private final Map<String, Optional<X509Certificate>> cache = new ConcurrentHashMap<>();

    public AiaIssuerLookup(Duration timeout) {
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    @Override
    public Optional<X509Certificate> issuerOf(X509Certificate certificate) {
        for (String url : caIssuersUrls(certificate)) {
            Optional<X509Certificate> issuer = cache.computeIfAbsent(url, key -> fetch(key, certificate));
            if (issuer.isPresent()) {
                return issuer;
            }
        }
        return Optional.empty();
    }

    /** The caIssuers URLs of a certificate, http and https only. */
    static List<String> caIssuersUrls(X509Certificate certificate) {
        byte[] extension = certificate.getExtensionValue(AIA_OID);
        if (extension == null) {
            return List.of();
        }
        List<String> urls = new ArrayList<>();
        try {
            AuthorityInformationAccess access = AuthorityInformationAccess.getInstance(
                    ASN1OctetString.getInstance(extension).getOctets());
            for (AccessDescription description : access.getAccessDescriptions()) {
                GeneralName location = description.getAccessLocation();
                if (description.getAccessMethod().equals(AccessDescription.id_ad_caIssuers)
                        && location.getTagNo() == GeneralName.uniformResourceIdentifier) {
                    String url = location.getName().toString();
                    String lower = url.toLowerCase(Locale.ROOT);
                    if (lower.startsWith("http://") || lower.startsWith("https://")) {
                        urls.add(url);
                    }
                }
            }
        } catch (IllegalArgumentException | IllegalStateException e) {
            return List.of(); // a garbled extension: no lookup, the chain is judged on what was served
        }
        return urls;
    }

    private Optional<X509Certificate> fetch(String url, X509Certificate child) {
        CompletableFuture<HttpResponse<byte[]>> exchange;
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout).GET().build();
            exchange = http.sendAsync(request, info -> new LimitedBody(MAX_BYTES));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        try {
            HttpResponse<byte[]> response = exchange.get(2 * timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (response.statusCode() != 200) {
                return Optional.empty();
            }
            return decode(response.body()).stream()
                    .filter(c -> c.getSubjectX500Principal().equals(child.getIssuerX500Principal()))
                    .findFirst();
        } catch (ExecutionException e) {
            return Optional.empty(); // unreachable, refused, oversized: no issuer from there
        } catch (TimeoutException e) {
            exchange.cancel(true);
            return Optional.empty();
        } catch (InterruptedException e) {
            exchange.cancel(true);
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** Collects a response body, and gives up on it (closing the connection) beyond {@code limit} bytes. */
    private static final class LimitedBody implements HttpResponse.BodySubscriber<byte[]> {
        private final int limit;
        private final CompletableFuture<byte[]> body = new CompletableFuture<>();
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private Flow.Subscription subscription;

        LimitedBody(int limit) {
            this.limit = limit;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return body;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            for (ByteBuffer buffer : buffers) {
                if (bytes.size() + buffer.remaining() > limit) {
                    subscription.cancel();
                    body.completeExceptionally(new IOException("response larger than " + limit + " bytes"));
                    return;
                }
                byte[] chunk = new byte[buffer.remaining()];
                buffer.get(chunk);
                bytes.writeBytes(chunk);
            }
        }

        @Override
        public void onError(Throwable throwable) {
            body.completeExceptionally(throwable);
        }

        @Override
        public void onComplete() {
            body.complete(bytes.toByteArray());
        }
    }

    /** A DER (or PEM) certificate, or the certificates of a PKCS#7 bundle. */
    private static List<X509Certificate> decode(byte[] bytes) {
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            Collection<? extends Certificate> certificates =
                    factory.generateCertificates(new ByteArrayInputStream(bytes));
            return certificates.stream().filter(X509Certificate.class::isInstance).map(X509Certificate.class::cast)
                    .toList();
        } catch (CertificateException | RuntimeException e) {
            return List.of();
        }
    }
}
