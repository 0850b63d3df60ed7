package io.certfleet.core.probe;

import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Optional;

/**
 * A certificate's authority key identifier (RFC 5280 4.2.1.1: the issuer's key, as the issuer's subject key
 * identifier names it), read from its DER without a library: {@code OCTET STRING { SEQUENCE { [0] keyIdentifier } }}.
 */
public final class KeyIdentifiers {

    private static final String AUTHORITY_KEY_IDENTIFIER = "2.5.29.35";

    private KeyIdentifiers() {
    }

    /** The key identifier as colon-separated hex ({@code 3a:9f:...}); empty when absent or not in that form. */
    public static Optional<String> authorityKeyIdentifier(X509Certificate certificate) {
        byte[] extension = certificate.getExtensionValue(AUTHORITY_KEY_IDENTIFIER);
        if (extension == null) {
            return Optional.empty();
        }
        try {
            Der octets = Der.read(extension, 0, 0x04);
            Der sequence = Der.read(extension, octets.contentStart(), 0x30);
            if (sequence.contentLength() == 0 || (extension[sequence.contentStart()] & 0xff) != 0x80) {
                return Optional.empty(); // no keyIdentifier, only issuer name and serial
            }
            Der keyIdentifier = Der.read(extension, sequence.contentStart(), 0x80);
            byte[] id = new byte[keyIdentifier.contentLength()];
            System.arraycopy(extension, keyIdentifier.contentStart(), id, 0, id.length);
            return Optional.of(HexFormat.ofDelimiter(":").formatHex(id));
        } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException malformed) {
            return Optional.empty();
        }
    }

    /** One DER element's header: where its content starts and how long it is. */
    private record Der(int contentStart, int contentLength) {

        static Der read(byte[] der, int at, int expectedTag) {
            if ((der[at] & 0xff) != expectedTag) {
                throw new IllegalArgumentException("unexpected tag");
            }
            int length = der[at + 1] & 0xff;
            int start = at + 2;
            if (length > 0x7f) {
                int bytes = length & 0x7f;
                if (bytes > 3) {
                    throw new IllegalArgumentException("length too long");
                }
                length = 0;
                for (int i = 0; i < bytes; i++) {
                    length = (length << 8) | (der[start + i] & 0xff);
                }
                start += bytes;
            }
            if (start + length > der.length) {
                throw new IllegalArgumentException("truncated");
            }
            return new Der(start, length);
        }
    }
}
