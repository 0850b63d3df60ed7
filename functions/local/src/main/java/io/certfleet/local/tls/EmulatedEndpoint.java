package io.certfleet.local.tls;

import io.certfleet.adapters.aws.AwsClients;
import io.certfleet.adapters.x509.BouncyCastleCertificateParser;
import io.certfleet.core.certificate.MalformedCertificateException;
import io.certfleet.core.certificate.X509Facts;
import io.certfleet.core.discovery.BindingType;
import io.certfleet.core.probe.HostnameMatcher;
import io.certfleet.local.pki.IssuedCertificate;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.acm.model.ImportCertificateRequest;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.acm.model.GetCertificateResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Certificate;

/**
 * A TLS endpoint on loopback standing in for an emulated load balancer listener or distribution (the emulator serves
 * no TLS): at every handshake it asks the emulator which certificate the resource holds right now (for an ELBv2
 * listener, the SNI certificate whose names cover the name asked for, else the default), fetches it from ACM with
 * its chain, and serves it with the private key the {@link Keys} registry has for it. So a swap made through the
 * emulator's API reaches the wire as it would in AWS, and a bad swap fails a canary for real. A {@linkplain #stale()
 * stale} endpoint keeps serving what the resource held when it started, as a proxy with a cached certificate would.
 */
public final class EmulatedEndpoint implements AutoCloseable {

    /** The private keys of the certificates the stand-ins may serve, by SHA-256 of the leaf. */
    public static final class Keys {
        private final Map<String, PrivateKey> bySha256 = new ConcurrentHashMap<>();

        public Keys add(IssuedCertificate certificate) {
            bySha256.put(sha256(certificate.certificate()), certificate.keyPair().getPrivate());
            return this;
        }

        /**
         * An SDK interceptor for the clients certfleet uses: every certificate imported into ACM through them (an
         * issuer's replacement) can then be served, its key learnt from the import call as a load balancer would get
         * it from ACM (moto exports no imported certificate's key).
         */
        public ExecutionInterceptor learningImports() {
            return new ExecutionInterceptor() {
                @Override
                public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                    if (context.request() instanceof ImportCertificateRequest imported) {
                        learn(imported.certificate().asUtf8String(), imported.privateKey().asUtf8String());
                    }
                }
            };
        }

        private void learn(String certificatePem, String privateKeyPem) {
            try (PEMParser keyPem = new PEMParser(new StringReader(privateKeyPem))) {
                Object parsed = keyPem.readObject();
                PrivateKeyInfo info = parsed instanceof PEMKeyPair pair ? pair.getPrivateKeyInfo()
                        : (PrivateKeyInfo) parsed;
                X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                        .generateCertificate(new ByteArrayInputStream(certificatePem.getBytes(
                                StandardCharsets.US_ASCII)));
                bySha256.put(sha256(certificate), new JcaPEMKeyConverter().getPrivateKey(info));
            } catch (IOException | GeneralSecurityException | ClassCastException e) {
                throw new IllegalArgumentException("cannot learn an imported certificate's key: " + e.getMessage(),
                        e);
            }
        }

        Optional<PrivateKey> of(X509Certificate leaf) {
            return Optional.ofNullable(bySha256.get(sha256(leaf)));
        }

        private static String sha256(X509Certificate certificate) {
            try {
                return X509Facts.sha256(certificate);
            } catch (MalformedCertificateException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        }
    }

    private final LocalTlsServer server;
    private final boolean stale;

    private EmulatedEndpoint(LocalTlsServer server, boolean stale) {
        this.server = server;
        this.stale = stale;
    }

    /**
     * @param clients    clients acting in the resource's account and region (CloudFront: any region)
     * @param type       the resource's kind
     * @param resourceId as discovery records it (listener ARN, {@code loadbalancer/NAME:PORT}, distribution id)
     */
    public static EmulatedEndpoint start(AwsClients clients, BindingType type, String resourceId, Keys keys)
            throws GeneralSecurityException, IOException {
        return start(clients, type, resourceId, keys, false, null);
    }

    /** One that keeps serving what the resource holds now, whatever it holds later. */
    public static EmulatedEndpoint startStale(AwsClients clients, BindingType type, String resourceId, Keys keys)
            throws GeneralSecurityException, IOException {
        return start(clients, type, resourceId, keys, true, null);
    }

    /**
     * @param stale  keep serving what the resource holds now
     * @param suites the cipher suites it speaks (JSSE names); null: Mozilla intermediate, as a well-run server
     */
    public static EmulatedEndpoint start(AwsClients clients, BindingType type, String resourceId, Keys keys,
                                         boolean stale, String[] suites) throws GeneralSecurityException, IOException {
        List<List<X509Certificate>> atStart = stale ? held(clients, type, resourceId) : null;
        LocalTlsServer.Chooser chooser = sni -> choose(atStart != null ? atStart : held(clients, type, resourceId),
                sni).flatMap(chain -> keys.of(chain.getFirst()).map(key -> new LocalTlsServer.Served(key, chain)));
        LocalTlsServer.Builder server = LocalTlsServer.choosing(chooser);
        if (suites != null) {
            server.suites(suites);
        }
        return new EmulatedEndpoint(server.start(), stale);
    }

    public int port() {
        return server.port();
    }

    public boolean stale() {
        return stale;
    }

    /** The chains the resource holds now, its default first. */
    private static List<List<X509Certificate>> held(AwsClients clients, BindingType type, String resourceId) {
        List<String> candidates = switch (type) {
            case ELBV2_LISTENER -> listenerCertificates(clients, resourceId);
            case ELB_LISTENER -> List.of(classicCertificate(clients, resourceId));
            case CLOUDFRONT -> List.of(clients.cloudFront().getDistributionConfig(request -> request.id(resourceId))
                    .distributionConfig().viewerCertificate().acmCertificateArn());
            case APIGATEWAY_DOMAIN -> {
                var domain = clients.apiGateway().getDomainName(request -> request.domainName(resourceId));
                yield List.of(domain.regionalCertificateArn() != null ? domain.regionalCertificateArn()
                        : domain.certificateArn());
            }
        };
        List<List<X509Certificate>> chains = new ArrayList<>();
        for (String arn : candidates) {
            chains.add(chain(clients, arn));
        }
        return chains;
    }

    /** For this server name: an SNI certificate covering it, else the default. */
    private static Optional<List<X509Certificate>> choose(List<List<X509Certificate>> chains, Optional<String> sni) {
        if (chains.isEmpty()) {
            return Optional.empty();
        }
        // The first candidate is the default; an SNI certificate covering the name wins over it.
        for (List<X509Certificate> chain : chains.subList(1, chains.size())) {
            if (sni.isPresent() && covers(chain.getFirst(), sni.get())) {
                return Optional.of(chain);
            }
        }
        return Optional.of(chains.getFirst());
    }

    private static List<String> listenerCertificates(AwsClients clients, String listenerArn) {
        List<String> arns = new ArrayList<>();
        String defaultArn = null;
        for (Certificate certificate : clients.elasticLoadBalancingV2().describeListenerCertificates(request -> request
                .listenerArn(listenerArn)).certificates()) {
            if (Boolean.TRUE.equals(certificate.isDefault())) {
                defaultArn = certificate.certificateArn();
            } else {
                arns.add(certificate.certificateArn());
            }
        }
        if (defaultArn == null) {
            defaultArn = clients.elasticLoadBalancingV2().describeListeners(request -> request.listenerArns(
                    listenerArn)).listeners().getFirst().certificates().getFirst().certificateArn();
        }
        arns.addFirst(defaultArn);
        return arns;
    }

    private static String classicCertificate(AwsClients clients, String resourceId) {
        String name = resourceId.substring("loadbalancer/".length(), resourceId.lastIndexOf(':'));
        int port = Integer.parseInt(resourceId.substring(resourceId.lastIndexOf(':') + 1));
        return clients.elasticLoadBalancing().describeLoadBalancers(request -> request.loadBalancerNames(name))
                .loadBalancerDescriptions().getFirst().listenerDescriptions().stream()
                .filter(description -> description.listener().loadBalancerPort() == port).findFirst().orElseThrow()
                .listener().sslCertificateId();
    }

    private static List<X509Certificate> chain(AwsClients clients, String arn) {
        String body;
        String chainPem;
        if (arn.contains(":iam::")) {
            String name = arn.substring(arn.lastIndexOf('/') + 1);
            var certificate = clients.iam().getServerCertificate(request -> request.serverCertificateName(name))
                    .serverCertificate();
            body = certificate.certificateBody();
            chainPem = certificate.certificateChain();
        } else {
            GetCertificateResponse pem = clients.acm().getCertificate(request -> request.certificateArn(arn));
            body = pem.certificate();
            chainPem = pem.certificateChain();
        }
        BouncyCastleCertificateParser parser = new BouncyCastleCertificateParser();
        try {
            List<X509Certificate> chain = new ArrayList<>(parser.certificates(body, arn));
            if (chainPem != null && !chainPem.isBlank()) {
                for (X509Certificate next : parser.certificates(chainPem, arn + " chain")) {
                    X509Certificate last = chain.getLast();
                    // Served as imported: moto appends its own "Amazon" root to every chain (even to none), which
                    // AWS does not; ACM checks an imported chain links up, so what does not link is moto's.
                    if (last.getSubjectX500Principal().equals(last.getIssuerX500Principal())
                            || !next.getSubjectX500Principal().equals(last.getIssuerX500Principal())) {
                        break;
                    }
                    chain.add(next);
                }
            }
            return chain;
        } catch (MalformedCertificateException e) {
            throw new IllegalStateException(arn + ": " + e.getMessage(), e);
        }
    }

    private static boolean covers(X509Certificate leaf, String name) {
        return HostnameMatcher.covers(leaf, name, false);
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
