package io.certfleet.core.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.certfleet.local.pki.CertificateBuilder;
import java.security.cert.X509Certificate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class HostnameMatcherTest {

    @ParameterizedTest(name = "{0} ~ {1}: {2}")
    @CsvSource({
            "www.example.com, www.example.com, true",
            "WWW.Example.COM, www.example.com., true",
            "*.example.com, api.example.com, true",
            "*.example.com, example.com, false",
            "*.example.com, a.b.example.com, false",
            "*.com, example.com, false",
            "f*.example.com, foo.example.com, false",
            "*.*.example.com, a.b.example.com, false",
            "api.example.com, www.example.com, false"})
    void dnsNamesAndWildcardsPerRfc6125(String pattern, String name, boolean matches) {
        assertThat(HostnameMatcher.dnsMatches(pattern, name)).isEqualTo(matches);
    }

    @Test
    void ipAddressesMatchIpEntriesOnlyWhateverTheirSpelling() {
        X509Certificate certificate = CertificateBuilder.certificate("ip").dnsNames("10.0.0.1")
                .ipAddresses("192.0.2.7", "2001:db8::1").build().certificate();

        assertThat(HostnameMatcher.covers(certificate, "192.0.2.7", true)).isTrue();
        assertThat(HostnameMatcher.covers(certificate, "2001:0db8:0:0:0:0:0:1", true)).isTrue();
        assertThat(HostnameMatcher.covers(certificate, "10.0.0.1", true)).as("a DNS entry is not an IP entry").isFalse();
    }

    @Test
    void theSubjectCommonNameDoesNotCount() {
        X509Certificate cnOnly = CertificateBuilder.certificate("legacy.example.com").build().certificate();

        assertThat(HostnameMatcher.covers(cnOnly, "legacy.example.com", false)).isFalse();
    }
}
