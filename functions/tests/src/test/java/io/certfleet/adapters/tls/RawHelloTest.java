package io.certfleet.adapters.tls;

import static io.certfleet.adapters.tls.ServerFlights.certificateMessage;
import static io.certfleet.adapters.tls.ServerFlights.concat;
import static io.certfleet.adapters.tls.ServerFlights.handshake;
import static io.certfleet.adapters.tls.ServerFlights.record;
import static io.certfleet.adapters.tls.ServerFlights.records;
import static io.certfleet.adapters.tls.ServerFlights.serverHello;
import static org.assertj.core.api.Assertions.assertThat;

import io.certfleet.core.probe.TlsVersion;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The hand-built ClientHello and the reading of a server's first flight, byte by byte. */
class RawHelloTest {

    private static final byte[] RANDOM = new byte[32];
    private static final byte[] SESSION_ID = HexFormat.of().parseHex(
            "079aa63a82f4ea2e5fc3879fd011af613937ecb26c4186fc7fa87c04ee117128");

    @Test
    void aTls12ServerHelloWithASessionIdNamesTheChosenSuite() throws Exception {
        byte[] flight = records(handshake(2, serverHello(0x0303, RANDOM, SESSION_ID, 0xC02C, new byte[0])),
                handshake(14, new byte[0]));

        RawHello.Response response = read(flight);

        assertThat(response.outcome()).isEqualTo(RawHello.Outcome.ACCEPTED);
        assertThat(response.version()).contains(TlsVersion.TLS_1_2);
        assertThat(response.cipher()).hasValue(0xC02C);
    }

    @Test
    void theChainAndTheStapleOfATls12FlightAreKeptEvenWhenSplitAcrossRecords() throws Exception {
        byte[] certificates = certificateMessage(new byte[] {1, 2, 3}, new byte[] {4, 5});
        byte[] status = concat(new byte[] {1, 0, 0, 3}, new byte[] {9, 8, 7});
        byte[] messages = concat(handshake(2, serverHello(0x0303, RANDOM, new byte[0], 0x009C, new byte[0])),
                handshake(11, certificates), handshake(22, status), handshake(14, new byte[0]));
        byte[] flight = concat(record(22, slice(messages, 0, 50)), record(22, slice(messages, 50, messages.length)));

        RawHello.Response response = read(flight);

        assertThat(response.cipher()).hasValue(0x009C);
        assertThat(response.certificates()).containsExactly(new byte[] {1, 2, 3}, new byte[] {4, 5});
        assertThat(response.ocspStaple()).hasValueSatisfying(der -> assertThat(der).containsExactly(9, 8, 7));
    }

    @Test
    void aTls13ServerHelloIsReadFromItsSupportedVersionsExtension() throws Exception {
        byte[] supportedVersions = {0x00, 0x2b, 0x00, 0x02, 0x03, 0x04};
        byte[] flight = records(handshake(2, serverHello(0x0303, RANDOM, SESSION_ID, 0x1301, supportedVersions)));

        RawHello.Response response = read(flight);

        assertThat(response.version()).contains(TlsVersion.TLS_1_3);
        assertThat(response.accepted(TlsVersion.TLS_1_3)).isTrue();
        assertThat(response.accepted(TlsVersion.TLS_1_2)).isFalse();
    }

    @Test
    void aHelloRetryRequestStillMeansTls13IsAccepted() throws Exception {
        byte[] retryRandom = HexFormat.of().parseHex(
                "cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c");
        byte[] flight = records(handshake(2, serverHello(0x0303, retryRandom, SESSION_ID, 0x1302, new byte[0])));

        assertThat(read(flight).version()).contains(TlsVersion.TLS_1_3);
    }

    @Test
    void anAlertIsARejectionNamedAfterTheAlert() throws Exception {
        RawHello.Response response = read(record(21, new byte[] {2, 40}));

        assertThat(response.outcome()).isEqualTo(RawHello.Outcome.REJECTED);
        assertThat(response.detail()).isEqualTo("alert handshake_failure");
    }

    @Test
    void anHttpAnswerIsNotTlsAndIsQuoted() throws Exception {
        RawHello.Response response = read("HTTP/1.1 400 Bad Request\r\n\r\n".getBytes(StandardCharsets.US_ASCII));

        assertThat(response.outcome()).isEqualTo(RawHello.Outcome.NOT_TLS);
        assertThat(response.detail()).startsWith("the peer answered 'HTTP/1.1 400 Bad Request");
    }

    /** Found by the property test (ServerFlightFuzzTest): a record cut short threw EOFException. */
    @Test
    void aRecordCutShortIsAConnectionClosedMidRecord() throws Exception {
        byte[] flight = records(handshake(2, serverHello(0x0303, RANDOM, SESSION_ID, 0xC02C, new byte[0])));

        RawHello.Response response = read(slice(flight, 0, flight.length - 10));

        assertThat(response.outcome()).isEqualTo(RawHello.Outcome.CLOSED);
        assertThat(response.detail()).isEqualTo("closed mid-record");
    }

    @Test
    void aTruncatedServerHelloIsMalformedNotACrash() throws Exception {
        RawHello.Response response = read(records(handshake(2, new byte[] {3, 3, 0})));

        assertThat(response.outcome()).isEqualTo(RawHello.Outcome.NOT_TLS);
        assertThat(response.detail()).isEqualTo("a malformed ServerHello");
    }

    @Test
    void aFlightBeyondTheLimitIsRefusedBeforeItIsRead() throws Exception {
        byte[] flight = records(handshake(11, new byte[16_000]), handshake(11, new byte[16_000]));

        RawHello.Response response = RawHello.read(new DataInputStream(new ByteArrayInputStream(flight)), 20_000,
                Duration.ofSeconds(1));

        assertThat(response.outcome()).isEqualTo(RawHello.Outcome.OVERSIZED);
    }

    @Test
    void aPeerThatClosesWithoutAWordIsClosedNotAccepted() throws Exception {
        RawHello.Response response = read(new byte[0]);

        assertThat(response.outcome()).isEqualTo(RawHello.Outcome.CLOSED);
        assertThat(response.detail()).isEqualTo("closed without answering");
    }

    @Test
    void theClientHelloIsOneWellFormedRecordOfferingTheSuitesAndTheName() {
        byte[] hello = RawHello.clientHello(Optional.of("shop.example"), TlsVersion.TLS_1_1, List.of(0x002F, 0xC013));
        ByteBuffer in = ByteBuffer.wrap(hello);

        assertThat(in.get()).isEqualTo((byte) 22);
        assertThat(in.getShort()).isEqualTo((short) 0x0301);
        assertThat(in.getShort() & 0xffff).isEqualTo(hello.length - 5);
        assertThat(in.get()).isEqualTo((byte) 1);
        assertThat(((in.get() & 0xff) << 16) | (in.getShort() & 0xffff)).isEqualTo(hello.length - 9);
        assertThat(in.getShort()).isEqualTo((short) 0x0302);
        in.position(in.position() + 32);
        assertThat(in.get()).isZero(); // no session id below TLS 1.3
        assertThat(in.getShort()).isEqualTo((short) 6);
        assertThat(List.of(in.getShort() & 0xffff, in.getShort() & 0xffff, in.getShort() & 0xffff))
                .containsExactly(0x002F, 0xC013, 0x00FF);
        assertThat(new String(hello, StandardCharsets.ISO_8859_1)).contains("shop.example");
    }

    @Test
    void aTls13ClientHelloCarriesALegacyVersionASessionIdAndSupportedVersions() {
        byte[] hello = RawHello.clientHello(Optional.empty(), TlsVersion.TLS_1_3, List.of(0x1301));
        ByteBuffer in = ByteBuffer.wrap(hello);
        in.position(9);

        assertThat(in.getShort()).isEqualTo((short) 0x0303);
        in.position(in.position() + 32);
        assertThat(in.get()).isEqualTo((byte) 32);
        assertThat(HexFormat.of().formatHex(hello)).contains("002b0003020304");
    }

    private static RawHello.Response read(byte[] flight) throws Exception {
        return RawHello.read(new DataInputStream(new ByteArrayInputStream(flight)), 1 << 18, Duration.ofSeconds(1));
    }

    private static byte[] slice(byte[] bytes, int from, int to) {
        return java.util.Arrays.copyOfRange(bytes, from, to);
    }
}
