package io.certfleet.adapters.tls;

import io.certfleet.core.probe.ProbeTarget;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * curl's {@code --connect-to HOST:PORT:HOST2:PORT2}: whenever HOST:PORT is to be probed, connect to HOST2:PORT2
 * instead, still sending and verifying HOST's name. An empty HOST or PORT matches any; an empty HOST2 or PORT2
 * keeps the target's. For staging, one load-balancer node, or a stand-in in tests.
 */
public record ConnectTo(String host, Integer port, String toHost, Integer toPort) {

    private static final String HOST = "(\\[[0-9A-Fa-f:.]+]|[^:\\[\\]\\s]*)";
    private static final Pattern FORM = Pattern.compile(HOST + ":(\\d{0,5}):" + HOST + ":(\\d{0,5})");

    public static ConnectTo parse(String text) {
        Matcher match = FORM.matcher(text.strip());
        if (!match.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not HOST:PORT:HOST2:PORT2 (curl's --connect-to; "
                    + "an empty part matches or keeps any, e.g. shop.example.com:443:127.0.0.1:8443)");
        }
        return new ConnectTo(emptyToNull(unbracket(match.group(1))), port(match.group(2), text),
                emptyToNull(unbracket(match.group(3))), port(match.group(4), text));
    }

    /** A list separated by commas or white space (the form of {@code CERTFLEET_CONNECT_TO}). */
    public static List<ConnectTo> parseList(String text) {
        List<ConnectTo> rules = new ArrayList<>();
        for (String part : text.strip().split("[,\\s]+")) {
            if (!part.isEmpty()) {
                rules.add(parse(part));
            }
        }
        return List.copyOf(rules);
    }

    private static Integer port(String digits, String text) {
        if (digits.isEmpty()) {
            return null;
        }
        int port = Integer.parseInt(digits);
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("'" + text + "': port " + port + " is not 1-65535");
        }
        return port;
    }

    private static String unbracket(String host) {
        return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    }

    private static String emptyToNull(String value) {
        return value.isEmpty() ? null : value;
    }

    public boolean matches(ProbeTarget target) {
        String name = target.host().toLowerCase(Locale.ROOT);
        String bare = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        return (host == null || host.equalsIgnoreCase(bare)) && (port == null || port == target.port());
    }

    /** Resolves by the first rule that matches the target, else by {@code otherwise}. */
    public static AddressResolver resolver(List<ConnectTo> rules, AddressResolver otherwise) {
        if (rules.isEmpty()) {
            return otherwise;
        }
        return (target, timeout) -> {
            for (ConnectTo rule : rules) {
                if (rule.matches(target)) {
                    return rule.redirect(target, timeout, otherwise);
                }
            }
            return otherwise.resolve(target, timeout);
        };
    }

    private InetSocketAddress redirect(ProbeTarget target, Duration timeout, AddressResolver dns)
            throws UnknownHostException {
        int destinationPort = toPort == null ? target.port() : toPort;
        String destinationHost = toHost == null ? target.host() : toHost;
        return dns.resolve(new ProbeTarget(destinationHost, destinationPort, target.sni()), timeout);
    }

    @Override
    public String toString() {
        return part(host) + ":" + (port == null ? "" : port) + ":" + part(toHost) + ":" + (toPort == null ? ""
                : toPort);
    }

    private static String part(String host) {
        return host == null ? "" : host.contains(":") ? "[" + host + "]" : host;
    }
}
