package io.certfleet.core.probe;

import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * How a served chain links up: the path from the leaf towards a trusted root, and what stops it.
 *
 * <p>Links are made by issuer name <b>and</b> signature, without PKIX, so that expiry and weak algorithms do not
 * hide a trust problem (they are causes of their own). An intermediate not served but found among the known
 * intermediates or through the {@link IssuerLookup} marks the chain incomplete; so does an issuer found nowhere
 * (OpenSSL's "unable to get local issuer certificate"): only a path that reaches a self-signed certificate, served or
 * found, that is not trusted is an untrusted root.
 *
 * @param path            leaf first, up to and including the trust anchor when one was reached
 * @param issuerNotServed an intermediate in the path came from outside the served chain
 * @param orderProblems   what is wrong with the served order: duplicates, unrelated certificates, wrong order
 */
public record ChainAnalysis(Trust trust, List<X509Certificate> path, boolean issuerNotServed,
                            List<String> orderProblems) {

    /** Where the path ends. */
    public enum Trust {
        /** At a trusted root. */
        TRUSTED,
        /** The leaf signs itself and is not trusted. */
        SELF_SIGNED,
        /** At a self-signed root that is not trusted (or after more links than any real chain has). */
        UNTRUSTED_ROOT,
        /** At a certificate whose issuer was not served and is found neither among the known ones nor by lookup. */
        ISSUER_NOT_FOUND,
        /** Nothing was served. */
        NO_CHAIN
    }

    private static final int MAX_DEPTH = 10;

    public ChainAnalysis {
        path = List.copyOf(path);
        orderProblems = List.copyOf(orderProblems);
    }

    public static ChainAnalysis of(List<X509Certificate> served, TrustMaterial trust, IssuerLookup lookup) {
        if (served.isEmpty()) {
            return new ChainAnalysis(Trust.NO_CHAIN, List.of(), false, List.of());
        }
        List<X509Certificate> path = new ArrayList<>(List.of(served.getFirst()));
        boolean issuerNotServed = false;
        Trust result = null;
        while (result == null) {
            X509Certificate current = path.getLast();
            Optional<X509Certificate> anchor = trust.anchors().stream()
                    .filter(a -> Arrays.equals(encoded(a), encoded(current)) || signedBy(current, a)).findFirst();
            if (anchor.isPresent()) {
                if (!Arrays.equals(encoded(anchor.get()), encoded(current))) {
                    path.add(anchor.get());
                }
                result = Trust.TRUSTED;
            } else if (signedBy(current, current)) {
                result = path.size() == 1 ? Trust.SELF_SIGNED : Trust.UNTRUSTED_ROOT;
            } else if (path.size() >= MAX_DEPTH) {
                result = Trust.UNTRUSTED_ROOT;
            } else {
                Optional<X509Certificate> issuer = issuerAmong(served, current, path);
                if (issuer.isEmpty()) {
                    issuer = issuerAmong(trust.knownIntermediates(), current, path)
                            .or(() -> lookup.issuerOf(current).filter(found -> signedBy(current, found)));
                    // A root is not served (clients hold it); a missing intermediate makes the chain incomplete.
                    issuerNotServed |= issuer.filter(found -> !signedBy(found, found)).isPresent();
                }
                if (issuer.isPresent()) {
                    path.add(issuer.get());
                } else {
                    result = Trust.ISSUER_NOT_FOUND;
                }
            }
        }
        return new ChainAnalysis(result, path, issuerNotServed, orderProblems(served, path));
    }

    /** Whether {@code child} names {@code parent} as its issuer and {@code parent}'s key verifies its signature. */
    public static boolean signedBy(X509Certificate child, X509Certificate parent) {
        if (!child.getIssuerX500Principal().equals(parent.getSubjectX500Principal())) {
            return false;
        }
        try {
            child.verify(parent.getPublicKey());
            return true;
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    private static Optional<X509Certificate> issuerAmong(List<X509Certificate> candidates, X509Certificate child,
                                                         List<X509Certificate> path) {
        return candidates.stream().filter(c -> !contains(path, c) && signedBy(child, c)).findFirst();
    }

    private static List<String> orderProblems(List<X509Certificate> served, List<X509Certificate> path) {
        List<String> problems = new ArrayList<>();
        int lastIndex = 0;
        for (int i = 1; i < served.size(); i++) {
            X509Certificate certificate = served.get(i);
            String name = certificate.getSubjectX500Principal().getName();
            if (contains(served.subList(0, i), certificate)) {
                problems.add("'" + name + "' is served more than once");
                continue;
            }
            int index = indexOf(path, certificate);
            if (index < 0) {
                problems.add("'" + name + "' (position " + (i + 1) + ") is not part of the leaf's chain");
            } else if (index < lastIndex) {
                problems.add("'" + name + "' (position " + (i + 1) + ") is served after a certificate it issued");
            } else {
                lastIndex = index;
            }
        }
        return problems;
    }

    private static boolean contains(List<X509Certificate> certificates, X509Certificate certificate) {
        return indexOf(certificates, certificate) >= 0;
    }

    private static int indexOf(List<X509Certificate> certificates, X509Certificate certificate) {
        byte[] wanted = encoded(certificate);
        for (int i = 0; i < certificates.size(); i++) {
            if (Arrays.equals(encoded(certificates.get(i)), wanted)) {
                return i;
            }
        }
        return -1;
    }

    private static byte[] encoded(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a decoded certificate cannot be re-encoded", e);
        }
    }
}
