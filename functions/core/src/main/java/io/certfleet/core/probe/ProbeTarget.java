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
    /** What TLS may send as a server name (RFC 6066: a host name, letters, digits and hyphens; no IP literal). */
    private static final Pattern SNI_NAME = Pattern.compile(
            "(?i)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*");
    private static final Pattern URL = Pattern.compile("(?i)([a-z][a-z0-9+.-]*)://(\\[[^]]+]|[^/:?#\\[\\]]+)"
            + "(?::(\\d{1,5}))?([/?#].*)?");
    private static final int HTTPS = 443;

    /**
     * @throws IllegalArgumentException for a port out of range, or an SNI name TLS cannot send (a trailing dot is
     *                                  dropped, as browsers do)
     */
    public ProbeTarget {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(sni, "sni");
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("port must be 1-65535, got " + port);
        }
        sni = sni.map(ProbeTarget::withoutTrailingDot);
        sni.ifPresent(name -> {
            if (!isSniName(name)) {
                throw new IllegalArgumentException("'" + name + "' cannot be sent as an SNI name (RFC 6066: a host "
                        + "name of letters, digits and hyphens in dot-separated labels, not an IP address)");
            }
        });
    }

    /** Whether TLS can send {@code name} as a server name. */
    public static boolean isSniName(String name) {
        return name.length() <= 253 && SNI_NAME.matcher(name).matches() && !IPV4.matcher(name).matches();
    }

    private static String withoutTrailingDot(String name) {
        return name.endsWith(".") && name.length() > 1 ? name.substring(0, name.length() - 1) : name;
    }

    /**
     * Parses {@code host:port} or {@code [ipv6]:port}.
     *
     * @throws IllegalArgumentException with what is wrong with the text
     */
    public static ProbeTarget parse(String text, Optional<String> sni) {
        String trimmed = fromUrl(text.strip());
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
        try {
            return new ProbeTarget(host, portNumber, sni.map(String::strip).filter(s -> !s.isEmpty()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + text + "': " + e.getMessage(), e);
        }
    }

    /**
     * {@code https://host[:port][/path]} as {@code host:port} (443 by default); any other scheme is refused, for
     * certfleet probes TLS endpoints, not URLs.
     */
    private static String fromUrl(String text) {
        Matcher url = URL.matcher(text);
        if (!url.matches()) {
            return text;
        }
        if (!url.group(1).equalsIgnoreCase("https")) {
            throw new IllegalArgumentException("'" + text + "': only https:// URLs name a TLS endpoint; give "
                    + "host:port");
        }
        return url.group(2) + ":" + (url.group(3) != null ? url.group(3) : Integer.toString(HTTPS));
    }

    public boolean hostIsIpLiteral() {
        return host.contains(":") || IPV4.matcher(host).matches();
    }

    /** The name the certificate must cover: the SNI name, else the host. */
    public String nameToVerify() {
        return sni.orElse(host);
    }

    /**
     * The SNI name to send: the given one, else the host when TLS can send it (as browsers do; without its trailing
     * dot); none for an IP literal or a DNS name TLS cannot carry (e.g. with an underscore).
     */
    public Optional<String> effectiveSni() {
        if (sni.isPresent()) {
            return sni;
        }
        String name = withoutTrailingDot(host);
        return hostIsIpLiteral() || !isSniName(name) ? Optional.empty() : Optional.of(name);
    }

    /** {@code host:port}, {@code [::1]:443}: as typed. */
    public String text() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
