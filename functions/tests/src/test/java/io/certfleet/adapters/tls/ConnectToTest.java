package io.certfleet.adapters.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.certfleet.core.probe.ProbeTarget;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConnectToTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(1);
    /** Records what it was asked to resolve, answering from loopback. */
    private static final AddressResolver LOOPBACK = (target, timeout) ->
            InetSocketAddress.createUnresolved(target.host(), target.port());

    private static InetSocketAddress resolve(List<ConnectTo> rules, String host, int port) throws UnknownHostException {
        return ConnectTo.resolver(rules, LOOPBACK).resolve(new ProbeTarget(host, port, Optional.empty()), TIMEOUT);
    }

    @Test
    void theFirstMatchingRuleSendsTheConnectionElsewhere() throws Exception {
        List<ConnectTo> rules = ConnectTo.parseList("shop.example.com:443:127.0.0.1:8443, :8443::9443 "
                + "api.example.com::[::1]:");

        assertThat(resolve(rules, "shop.example.com", 443)).isEqualTo(InetSocketAddress.createUnresolved("127.0.0.1",
                8443));
        assertThat(resolve(rules, "SHOP.example.com.", 443)).as("names compare as DNS does")
                .isEqualTo(InetSocketAddress.createUnresolved("127.0.0.1", 8443));
        assertThat(resolve(rules, "other.example.com", 8443)).as("any host on 8443, same host, port 9443")
                .isEqualTo(InetSocketAddress.createUnresolved("other.example.com", 9443));
        assertThat(resolve(rules, "api.example.com", 4443)).as("any port, IPv6 destination, same port")
                .isEqualTo(InetSocketAddress.createUnresolved("::1", 4443));
        assertThat(resolve(rules, "shop.example.com", 80)).as("no rule: DNS")
                .isEqualTo(InetSocketAddress.createUnresolved("shop.example.com", 80));
        assertThat(rules.get(2)).hasToString("api.example.com::[::1]:");
    }

    @Test
    void malformedRulesSayWhatTheFormIs() {
        assertThatThrownBy(() -> ConnectTo.parse("shop.example.com:443")).hasMessageStartingWith(
                "'shop.example.com:443' is not HOST:PORT:HOST2:PORT2");
        assertThatThrownBy(() -> ConnectTo.parse("a:99999:b:1")).hasMessage("'a:99999:b:1': port 99999 is not "
                + "1-65535");
        assertThat(ConnectTo.parseList("  ")).isEmpty();
    }
}
