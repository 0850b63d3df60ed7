package io.certfleet.adapters.tls;

import static io.certfleet.adapters.tls.ServerFlights.certificateMessage;
import static io.certfleet.adapters.tls.ServerFlights.concat;
import static io.certfleet.adapters.tls.ServerFlights.handshake;
import static io.certfleet.adapters.tls.ServerFlights.record;
import static io.certfleet.adapters.tls.ServerFlights.serverHello;
import static org.assertj.core.api.Assertions.assertThat;

import io.certfleet.fuzz.Mutations;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.time.Duration;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The reader of a server's first flight on mutated flights (TLS 1.2 with certificates and a staple, TLS 1.3, an
 * alert): it always returns a result — accepted, rejected, closed, oversized or not TLS — and never throws, and it
 * never keeps more than the limit it was given.
 */
class ServerFlightFuzzTest {

    private static final int LIMIT = 64 * 1024;

    @Provide
    Arbitrary<byte[]> mutatedFlights() {
        byte[] random = new byte[32];
        byte[] tls12 = concat(record(22, concat(handshake(2, serverHello(0x0303, random, new byte[32], 0xC02F,
                        new byte[0])), handshake(11, certificateMessage(new byte[300], new byte[200])))),
                record(22, concat(handshake(22, concat(new byte[] {1, 0, 0, 3}, new byte[] {9, 8, 7})),
                        handshake(14, new byte[0]))));
        byte[] tls13 = record(22, handshake(2, serverHello(0x0303, random, new byte[32], 0x1301,
                new byte[] {0x00, 0x2b, 0x00, 0x02, 0x03, 0x04})));
        byte[] alert = record(21, new byte[] {2, 40});
        return Mutations.ofAny(List.of(tls12, tls13, alert), 5);
    }

    @Property(tries = 5_000)
    void everyFlightGetsAResult(@ForAll("mutatedFlights") byte[] flight) throws Exception {
        RawHello.Response response = RawHello.read(new DataInputStream(new ByteArrayInputStream(flight)), LIMIT,
                Duration.ofSeconds(1));

        assertThat(response.outcome()).isNotNull();
        assertThat(response.certificates().stream().mapToInt(der -> der.length).sum()).isLessThanOrEqualTo(LIMIT);
        if (response.outcome() != RawHello.Outcome.ACCEPTED) {
            assertThat(response.detail()).isNotBlank();
        }
    }
}
