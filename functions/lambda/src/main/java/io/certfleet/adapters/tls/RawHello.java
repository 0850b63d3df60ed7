package io.certfleet.adapters.tls;

import io.certfleet.core.probe.TlsVersion;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One hand-built ClientHello for one TLS version and a list of cipher suites, and what the server answers, read up
 * to the end of its first flight and never beyond {@code maxBytes}. This is how certfleet learns which versions and
 * suites a server accepts (legacy ones included, which the JDK's own TLS stack refuses to speak) without
 * completing handshakes: a ServerHello with the offered version means accepted, an alert or a close means not.
 * For TLS 1.2 and below the server's certificate chain and stapled OCSP response travel in clear and are kept.
 */
final class RawHello {

    /** What came back. */
    enum Outcome { ACCEPTED, REJECTED, CLOSED, NOT_TLS, TIMEOUT, REFUSED, OVERSIZED }

    /**
     * @param version      the version the server chose (ACCEPTED only)
     * @param cipher       the suite the server chose (ACCEPTED only)
     * @param certificates DER certificates of a TLS 1.2-and-below Certificate message, leaf first
     * @param ocspStaple   the DER OCSP response of a CertificateStatus message
     */
    record Response(Outcome outcome, Optional<TlsVersion> version, OptionalInt cipher, List<byte[]> certificates,
                    Optional<byte[]> ocspStaple, String detail) {

        static Response of(Outcome outcome, String detail) {
            return new Response(outcome, Optional.empty(), OptionalInt.empty(), List.of(), Optional.empty(), detail);
        }

        boolean accepted(TlsVersion offered) {
            return outcome == Outcome.ACCEPTED && version.isPresent() && version.get() == offered;
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int RECORD_HANDSHAKE = 22;
    private static final int RECORD_ALERT = 21;
    private static final int RECORD_CHANGE_CIPHER_SPEC = 20;
    private static final int RECORD_APPLICATION_DATA = 23;
    private static final int MAX_RECORD = 16_384 + 2_048;
    /** SHA-256("HelloRetryRequest"): a ServerHello with this random is a TLS 1.3 HelloRetryRequest. */
    private static final byte[] HELLO_RETRY_RANDOM = HexFormat.of().parseHex(
            "cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c");

    private RawHello() {
    }

    static Response send(InetSocketAddress address, Optional<String> sni, TlsVersion version, List<Integer> ciphers,
                         Duration connectTimeout, Duration readTimeout, int maxBytes) {
        try (Socket socket = new Socket()) {
            try {
                socket.connect(address, (int) connectTimeout.toMillis());
            } catch (ConnectException | NoRouteToHostException e) {
                return Response.of(Outcome.REFUSED, e.getMessage());
            } catch (SocketTimeoutException e) {
                return Response.of(Outcome.TIMEOUT, "no TCP connection within " + connectTimeout.toMillis() + " ms");
            }
            socket.setSoTimeout((int) readTimeout.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write(clientHello(sni, version, ciphers));
            out.flush();
            return read(new DataInputStream(socket.getInputStream()), maxBytes, readTimeout);
        } catch (SocketTimeoutException e) {
            return Response.of(Outcome.TIMEOUT, "no answer within " + readTimeout.toMillis() + " ms");
        } catch (IOException e) {
            return Response.of(Outcome.CLOSED, e.getMessage());
        }
    }

    static byte[] clientHello(Optional<String> sni, TlsVersion version, List<Integer> ciphers) {
        boolean tls13 = version == TlsVersion.TLS_1_3;
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        writeShort(body, tls13 ? 0x0303 : version.wire());
        body.writeBytes(randomBytes(32));
        byte[] sessionId = tls13 ? randomBytes(32) : new byte[0]; // TLS 1.3 middlebox compatibility
        body.write(sessionId.length);
        body.writeBytes(sessionId);
        writeShort(body, (ciphers.size() + (tls13 ? 0 : 1)) * 2);
        ciphers.forEach(code -> writeShort(body, code));
        if (!tls13) {
            writeShort(body, 0x00FF); // TLS_EMPTY_RENEGOTIATION_INFO_SCSV
        }
        body.write(1);
        body.write(0); // no compression
        byte[] extensions = extensions(sni, tls13);
        writeShort(body, extensions.length);
        body.writeBytes(extensions);
        byte[] handshake = body.toByteArray();
        ByteArrayOutputStream record = new ByteArrayOutputStream();
        record.write(RECORD_HANDSHAKE);
        writeShort(record, 0x0301);
        writeShort(record, handshake.length + 4);
        record.write(1); // client_hello
        writeInt24(record, handshake.length);
        record.writeBytes(handshake);
        return record.toByteArray();
    }

    private static byte[] extensions(Optional<String> sni, boolean tls13) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        sni.ifPresent(name -> {
            byte[] host = name.getBytes(StandardCharsets.US_ASCII);
            ByteArrayOutputStream list = new ByteArrayOutputStream();
            writeShort(list, host.length + 3);
            list.write(0); // host_name
            writeShort(list, host.length);
            list.writeBytes(host);
            extension(all, 0x0000, list.toByteArray());
        });
        extension(all, 0x000a, lengthPrefixed(shorts(0x001d, 0x0017, 0x0018, 0x0019, 0x001e, 0x0100, 0x0101)));
        extension(all, 0x000b, new byte[] {1, 0}); // ec_point_formats: uncompressed
        extension(all, 0x000d, lengthPrefixed(shorts(0x0403, 0x0503, 0x0603, 0x0807, 0x0808, 0x0804, 0x0805,
                0x0806, 0x0809, 0x080a, 0x080b, 0x0401, 0x0501, 0x0601, 0x0203, 0x0201, 0x0402, 0x0202)));
        extension(all, 0x0005, new byte[] {1, 0, 0, 0, 0}); // status_request: OCSP, no responder ids or extensions
        extension(all, 0x0017, new byte[0]); // extended_master_secret
        extension(all, 0x0023, new byte[0]); // session_ticket
        if (tls13) {
            extension(all, 0x002b, new byte[] {2, 0x03, 0x04}); // supported_versions: TLS 1.3
            ByteArrayOutputStream share = new ByteArrayOutputStream();
            writeShort(share, 36);
            writeShort(share, 0x001d); // x25519: any 32 bytes is a public key the server can answer
            writeShort(share, 32);
            share.writeBytes(randomBytes(32));
            extension(all, 0x0033, share.toByteArray());
            extension(all, 0x002d, new byte[] {1, 1}); // psk_key_exchange_modes: psk_dhe_ke
        }
        return all.toByteArray();
    }

    /** Reads records until the server's first flight is over (ServerHelloDone, or a TLS 1.3 ServerHello). */
    static Response read(DataInputStream in, int maxBytes, Duration readTimeout) throws IOException {
        ByteArrayOutputStream handshake = new ByteArrayOutputStream();
        int total = 0;
        boolean anyRecord = false;
        ServerHello hello = null;
        List<byte[]> certificates = List.of();
        Optional<byte[]> staple = Optional.empty();
        while (true) {
            int type;
            try {
                type = in.read();
            } catch (SocketTimeoutException e) {
                return anyRecord ? Response.of(Outcome.TIMEOUT, "the server stopped answering mid-handshake")
                        : Response.of(Outcome.TIMEOUT, "no answer within " + readTimeout.toMillis() + " ms");
            }
            if (type < 0) {
                return hello != null ? accepted(hello, certificates, staple)
                        : Response.of(Outcome.CLOSED, anyRecord ? "closed mid-handshake" : "closed without answering");
            }
            byte[] header = new byte[4];
            try {
                in.readFully(header);
            } catch (EOFException e) {
                return Response.of(anyRecord ? Outcome.CLOSED : Outcome.NOT_TLS, "a truncated answer");
            }
            int major = header[0] & 0xff;
            int length = ((header[2] & 0xff) << 8) | (header[3] & 0xff);
            if (!isRecordType(type) || major != 3 || length > MAX_RECORD) {
                if (!anyRecord) {
                    return Response.of(Outcome.NOT_TLS, "the peer answered " + excerpt(type, header, in));
                }
                return Response.of(Outcome.NOT_TLS, "a malformed TLS record in the server's answer");
            }
            total += 5 + length;
            if (total > maxBytes) {
                return Response.of(Outcome.OVERSIZED, "the server's handshake exceeds " + maxBytes / 1024 + " KiB");
            }
            byte[] fragment = new byte[length];
            try {
                in.readFully(fragment);
            } catch (EOFException e) {
                return Response.of(Outcome.CLOSED, "closed mid-record");
            }
            anyRecord = true;
            if (type == RECORD_ALERT) {
                return Response.of(hello == null ? Outcome.REJECTED : Outcome.CLOSED,
                        "alert " + alertName(fragment.length >= 2 ? fragment[1] & 0xff : -1));
            }
            if (type != RECORD_HANDSHAKE) {
                continue; // a TLS 1.3 compatibility ChangeCipherSpec, or encrypted records we do not need
            }
            handshake.writeBytes(fragment);
            ByteBuffer messages = ByteBuffer.wrap(handshake.toByteArray());
            int consumed = 0;
            while (messages.remaining() >= 4) {
                int messageType = messages.get() & 0xff;
                int messageLength = readInt24(messages);
                if (messages.remaining() < messageLength) {
                    break; // continued in the next record
                }
                byte[] message = new byte[messageLength];
                messages.get(message);
                consumed += 4 + messageLength;
                switch (messageType) {
                    case 2 -> {
                        try {
                            hello = ServerHello.parse(message);
                        } catch (BufferUnderflowException | IllegalArgumentException e) {
                            return Response.of(Outcome.NOT_TLS, "a malformed ServerHello");
                        }
                        if (hello.tls13()) {
                            return accepted(hello, List.of(), Optional.empty()); // the rest is encrypted
                        }
                    }
                    case 11 -> certificates = certificateList(message);
                    case 22 -> staple = ocspResponse(message);
                    case 14 -> {
                        return hello == null ? Response.of(Outcome.NOT_TLS, "ServerHelloDone without ServerHello")
                                : accepted(hello, certificates, staple);
                    }
                    default -> { }
                }
            }
            byte[] rest = Arrays.copyOfRange(handshake.toByteArray(), consumed, handshake.size());
            handshake.reset();
            handshake.writeBytes(rest);
        }
    }

    private static Response accepted(ServerHello hello, List<byte[]> certificates, Optional<byte[]> staple) {
        return new Response(Outcome.ACCEPTED, TlsVersion.ofWire(hello.version()), OptionalInt.of(hello.cipher()),
                certificates, staple, "");
    }

    /** The parts of a ServerHello certfleet needs. */
    private record ServerHello(int version, int cipher, boolean tls13) {
        static ServerHello parse(byte[] message) {
            ByteBuffer in = ByteBuffer.wrap(message);
            int legacyVersion = in.getShort() & 0xffff;
            byte[] random = new byte[32];
            in.get(random);
            int sessionIdLength = in.get() & 0xff;
            in.position(in.position() + sessionIdLength);
            int cipher = in.getShort() & 0xffff;
            in.get(); // compression
            int version = legacyVersion;
            if (in.remaining() >= 2) {
                int extensionsLength = in.getShort() & 0xffff;
                int end = Math.min(in.limit(), in.position() + extensionsLength);
                while (in.position() + 4 <= end) {
                    int type = in.getShort() & 0xffff;
                    int length = in.getShort() & 0xffff;
                    if (type == 0x002b && length == 2) {
                        version = in.getShort() & 0xffff; // supported_versions: the real version
                    } else {
                        in.position(Math.min(end, in.position() + length));
                    }
                }
            }
            boolean retry = Arrays.equals(random, HELLO_RETRY_RANDOM);
            return new ServerHello(retry ? TlsVersion.TLS_1_3.wire() : version, cipher,
                    retry || version == TlsVersion.TLS_1_3.wire());
        }
    }

    private static List<byte[]> certificateList(byte[] message) {
        if (message.length < 3) {
            return List.of();
        }
        ByteBuffer in = ByteBuffer.wrap(message);
        int end = Math.min(in.limit(), 3 + readInt24(in));
        List<byte[]> certificates = new ArrayList<>();
        while (in.position() + 3 <= end) {
            int length = readInt24(in);
            if (length > in.remaining()) {
                break;
            }
            byte[] der = new byte[length];
            in.get(der);
            certificates.add(der);
        }
        return certificates;
    }

    private static Optional<byte[]> ocspResponse(byte[] message) {
        ByteBuffer in = ByteBuffer.wrap(message);
        if (in.remaining() < 4 || in.get() != 1) {
            return Optional.empty();
        }
        int length = readInt24(in);
        if (length > in.remaining()) {
            return Optional.empty();
        }
        byte[] der = new byte[length];
        in.get(der);
        return Optional.of(der);
    }

    private static boolean isRecordType(int type) {
        return type == RECORD_HANDSHAKE || type == RECORD_ALERT || type == RECORD_CHANGE_CIPHER_SPEC
                || type == RECORD_APPLICATION_DATA;
    }

    /** The first bytes of a non-TLS answer, printable: {@code "HTTP/1.1 400 Bad Request"}. */
    private static String excerpt(int first, byte[] header, InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write(first);
        bytes.writeBytes(header);
        byte[] more = new byte[32];
        int read = in.available() > 0 ? in.read(more) : 0;
        if (read > 0) {
            bytes.write(more, 0, read);
        }
        String text = new String(bytes.toByteArray(), StandardCharsets.ISO_8859_1);
        String printable = text.replaceAll("[^\\x20-\\x7e]", ".").strip();
        return "'" + (printable.length() > 40 ? printable.substring(0, 40) : printable) + "'";
    }

    static String alertName(int code) {
        return switch (code) {
            case 0 -> "close_notify";
            case 10 -> "unexpected_message";
            case 40 -> "handshake_failure";
            case 42 -> "bad_certificate";
            case 47 -> "illegal_parameter";
            case 50 -> "decode_error";
            case 70 -> "protocol_version";
            case 71 -> "insufficient_security";
            case 80 -> "internal_error";
            case 86 -> "inappropriate_fallback";
            case 109 -> "missing_extension";
            case 112 -> "unrecognized_name";
            case 120 -> "no_application_protocol";
            default -> "#" + code;
        };
    }

    private static void extension(ByteArrayOutputStream out, int type, byte[] data) {
        writeShort(out, type);
        writeShort(out, data.length);
        out.writeBytes(data);
    }

    private static byte[] shorts(int... values) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int value : values) {
            writeShort(out, value);
        }
        return out.toByteArray();
    }

    private static byte[] lengthPrefixed(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeShort(out, data.length);
        out.writeBytes(data);
        return out.toByteArray();
    }

    /** Big-endian 16 bits (package-private: the byte-level tests build server messages with it). */
    static void writeShort(ByteArrayOutputStream out, int value) {
        out.write((value >>> 8) & 0xff);
        out.write(value & 0xff);
    }

    /** Big-endian 24 bits, as TLS handshake lengths are. */
    static void writeInt24(ByteArrayOutputStream out, int value) {
        out.write((value >>> 16) & 0xff);
        writeShort(out, value & 0xffff);
    }

    private static int readInt24(ByteBuffer in) {
        return ((in.get() & 0xff) << 16) | ((in.get() & 0xff) << 8) | (in.get() & 0xff);
    }

    private static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
