package io.certfleet.adapters.tls;

import java.io.ByteArrayOutputStream;

/** Server flights byte by byte, for the reader's tests: ServerHello, Certificate, handshake messages, records. */
final class ServerFlights {

    private ServerFlights() {
    }

    static byte[] serverHello(int version, byte[] random, byte[] sessionId, int cipher, byte[] extensions) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RawHello.writeShort(out, version);
        out.writeBytes(random);
        out.write(sessionId.length);
        out.writeBytes(sessionId);
        RawHello.writeShort(out, cipher);
        out.write(0);
        RawHello.writeShort(out, extensions.length);
        out.writeBytes(extensions);
        return out.toByteArray();
    }

    static byte[] certificateMessage(byte[]... ders) {
        ByteArrayOutputStream list = new ByteArrayOutputStream();
        for (byte[] der : ders) {
            RawHello.writeInt24(list, der.length);
            list.writeBytes(der);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RawHello.writeInt24(out, list.size());
        out.writeBytes(list.toByteArray());
        return out.toByteArray();
    }

    static byte[] handshake(int type, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(type);
        RawHello.writeInt24(out, body.length);
        out.writeBytes(body);
        return out.toByteArray();
    }

    /** Each handshake message in a record of its own. */
    static byte[] records(byte[]... messages) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] message : messages) {
            out.writeBytes(record(22, message));
        }
        return out.toByteArray();
    }

    static byte[] record(int type, byte[] fragment) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(type);
        RawHello.writeShort(out, 0x0303);
        RawHello.writeShort(out, fragment.length);
        out.writeBytes(fragment);
        return out.toByteArray();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
