package io.certfleet.core.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProbeTargetTest {

    @Test
    void anHttpsUrlIsUnderstoodAsHostAndPort() {
        assertThat(ProbeTarget.parse("https://example.com", Optional.empty()).text()).isEqualTo("example.com:443");
        assertThat(ProbeTarget.parse("https://example.com:8443/login?x=1", Optional.empty()).text())
                .isEqualTo("example.com:8443");
        assertThat(ProbeTarget.parse("HTTPS://[::1]:9443/", Optional.empty()).text()).isEqualTo("[::1]:9443");
        assertThat(ProbeTarget.parse(" https://10.0.0.5 ", Optional.empty()).text()).isEqualTo("10.0.0.5:443");
        assertThatThrownBy(() -> ProbeTarget.parse("http://example.com", Optional.empty()))
                .hasMessage("'http://example.com': only https:// URLs name a TLS endpoint; give host:port");
    }

    @Test
    void sniNamesTlsCannotSendAreRefusedUpFront() {
        for (String bad : new String[] {"bad_name", "x..y", "-lead.example", "10.0.0.1", "a b"}) {
            assertThatThrownBy(() -> ProbeTarget.parse("127.0.0.1:443", Optional.of(bad)))
                    .as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'" + bad + "' cannot be sent as an SNI name (RFC 6066");
        }
        assertThat(ProbeTarget.parse("127.0.0.1:443", Optional.of("localhost.")).sni()).contains("localhost");
        assertThat(ProbeTarget.parse("127.0.0.1:443", Optional.of("Shop-1.Example.com")).effectiveSni())
                .contains("Shop-1.Example.com");
    }

    @Test
    void aHostTlsCannotNameIsProbedWithoutSni() {
        ProbeTarget underscore = ProbeTarget.parse("bad_name.internal:443", Optional.empty());
        assertThat(underscore.effectiveSni()).isEmpty();
        assertThat(underscore.nameToVerify()).isEqualTo("bad_name.internal");
        assertThat(ProbeTarget.parse("example.com.:443", Optional.empty()).effectiveSni()).contains("example.com");
        assertThat(ProbeTarget.parse("[::1]:443", Optional.empty()).effectiveSni()).isEmpty();
    }
}
