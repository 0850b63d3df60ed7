package io.certfleet.core.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.certfleet.fuzz.Mutations;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * What a targets file line or a command-line target becomes: a target with a port in range and an SNI name TLS can
 * send, or an {@link IllegalArgumentException} with a reason (the CLI turns it into exit 2 naming the line).
 */
class TargetsFuzzTest {

    @Provide
    Arbitrary<String> targets() {
        return Arbitraries.of(List.of("shop.example.test:443", "[2001:db8::1]:8443", "192.0.2.1:443",
                "https://api.example.test/path?q=1", "https://[::1]:9443/", "localhost.:80", "xn--bcher-kva.example:443"))
                .flatMap(base -> Mutations.ofText(base, 3));
    }

    @Provide
    Arbitrary<String> sniNames() {
        return Arbitraries.of(List.of("shop.example.test", "a.b", "localhost.", "x".repeat(63) + ".test"))
                .flatMap(base -> Mutations.ofText(base, 2));
    }

    @Property(tries = 5_000)
    void aTargetIsParsedOrRefusedWithAReason(@ForAll("targets") String text, @ForAll("sniNames") String sni) {
        for (Optional<String> name : List.of(Optional.<String>empty(), Optional.of(sni))) {
            try {
                ProbeTarget target = ProbeTarget.parse(text, name);
                assertThat(target.port()).isBetween(1, 65_535);
                assertThat(target.host()).isNotBlank();
                target.sni().ifPresent(sent -> assertThat(sent).matches("[A-Za-z0-9.-]+").doesNotEndWith("."));
            } catch (IllegalArgumentException refused) {
                assertThat(refused.getMessage()).isNotBlank();
            }
        }
    }
}
