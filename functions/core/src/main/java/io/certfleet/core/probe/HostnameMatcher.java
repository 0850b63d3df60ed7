package io.certfleet.core.probe;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * Whether a certificate covers a name, per RFC 6125 as browsers apply it: only subjectAltName entries count (the
 * subject CN does not); an IP address matches IP entries only; a wildcard is the whole left-most label
 * ({@code *.example.com}), stands for exactly one label, and needs at least two labels after it.
 */
public final class HostnameMatcher {

    private static final int SAN_DNS = 2;
    private static final int SAN_IP = 7;

    private HostnameMatcher() {
    }

    public static boolean covers(X509Certificate certificate, String name, boolean isIpAddress) {
        List<String> entries = entries(certificate, isIpAddress ? SAN_IP : SAN_DNS);
        return isIpAddress
                ? entries.stream().anyMatch(ip -> sameAddress(ip, name))
                : entries.stream().anyMatch(pattern -> dnsMatches(pattern, name));
    }

    /** Whether a DNS name pattern (a SAN, maybe a wildcard) covers a host name, per RFC 6125. */
    public static boolean dnsMatches(String pattern, String name) {
        String host = normalize(name);
        String candidate = normalize(pattern);
        if (!candidate.startsWith("*.")) {
            return candidate.equals(host);
        }
        String suffix = candidate.substring(1); // ".example.com"
        if (suffix.chars().filter(c -> c == '.').count() < 2 || suffix.contains("*")) {
            return false; // "*.com" and nested wildcards never match
        }
        if (!host.endsWith(suffix)) {
            return false;
        }
        String firstLabel = host.substring(0, host.length() - suffix.length());
        return !firstLabel.isEmpty() && !firstLabel.contains(".");
    }

    private static boolean sameAddress(String entry, String name) {
        try {
            return InetAddress.getByName(entry).equals(InetAddress.getByName(name.replace("[", "").replace("]", "")));
        } catch (UnknownHostException e) {
            return false; // literals only: never resolved over the network
        }
    }

    private static String normalize(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }

    private static List<String> entries(X509Certificate certificate, int type) {
        try {
            Collection<List<?>> names = certificate.getSubjectAlternativeNames();
            List<String> entries = new ArrayList<>();
            if (names != null) {
                for (List<?> entry : names) {
                    if ((Integer) entry.get(0) == type) {
                        entries.add(String.valueOf(entry.get(1)));
                    }
                }
            }
            return entries;
        } catch (CertificateParsingException e) {
            return List.of(); // an unreadable extension covers nothing
        }
    }
}
