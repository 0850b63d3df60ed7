package io.certfleet.core.probe;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An endpoint to probe: host (DNS name, IPv4 or IPv6 literal), port, and an optional SNI name.
 *
 * @param sni the server name to send and verify; without it, a DNS host name is sent and verified, an IP literal is
 *            verified against the certificate's IP addresses and no SNI is sent
 */
public record ProbeTarget(String host, int port, Optional<String> sni) {

    private static final Pattern BRACKETED = Pattern.compile("\\[([0-9A-Fa-f:.%a-zA-Z]+)]:(\\d{1,5})");
    private static final Pattern PLAIN = Pattern.compile("([^:\\[\\]\\s]+):(\\d{1,5})");
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern DNS_NAME = Pattern.compile("(?i)[a-z0-9_]([a-z0-9_-]{0,62})(\\.[a-z0-9_]([a-z0-9_-]{0,62}))*\\.?");

    public ProbeTarget {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(sni, "sni");
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("port must be 1-65535, got " + port);
        }
    }

    /**
     * Parses {@code host:port} or {@code [ipv6]:port}.
     *
     * @throws IllegalArgumentException with what is wrong with the text
     */
    public static ProbeTarget parse(String text, Optional<String> sni) {
        String trimmed = text.strip();
        Matcher bracketed = BRACKETED.matcher(trimmed);
        Matcher plain = PLAIN.matcher(trimmed);
        String host;
        String port;
        if (bracketed.matches()) {
            host = bracketed.group(1);
            port = bracketed.group(2);
            if (!host.contains(":")) {
                throw new IllegalArgumentException("'" + text + "': brackets are for IPv6 addresses only");
            }
        } else if (plain.matches()) {
            host = plain.group(1);
            port = plain.group(2);
            if (!IPV4.matcher(host).matches() && !DNS_NAME.matcher(host).matches()) {
                throw new IllegalArgumentException("'" + text + "': '" + host + "' is not a host name or IPv4 address");
            }
        } else if (trimmed.chars().filter(c -> c == ':').count() > 1) {
            throw new IllegalArgumentException("'" + text + "': write IPv6 targets as [address]:port");
        } else {
            throw new IllegalArgumentException("'" + text + "' is not host:port");
        }
        int portNumber = Integer.parseInt(port);
        if (portNumber < 1 || portNumber > 65_535) {
            throw new IllegalArgumentException("'" + text + "': port must be 1-65535");
        }
        return new ProbeTarget(host, portNumber, sni.map(String::strip).filter(s -> !s.isEmpty()));
    }

    public boolean hostIsIpLiteral() {
        return host.contains(":") || IPV4.matcher(host).matches();
    }

    /** The name the certificate must cover: the SNI name, else the host. */
    public String nameToVerify() {
        return sni.orElse(host);
    }

    /** The SNI name to send: the given one, else the host when it is a DNS name (as browsers do). */
    public Optional<String> effectiveSni() {
        return sni.isPresent() ? sni : hostIsIpLiteral() ? Optional.empty() : Optional.of(host);
    }

    /** {@code host:port}, {@code [::1]:443}: as typed. */
    public String text() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
