package io.certfleet.adapters.x509;

import io.certfleet.core.certificate.MalformedCertificateException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Splits PEM text into the DER bytes of its {@code CERTIFICATE} blocks, with a specific reason for every way it
 * can be broken (no block, a BEGIN without END, bad base64, another block type). Text outside blocks is ignored,
 * as OpenSSL does.
 */
final class PemBlocks {

    private static final String BEGIN = "-----BEGIN ";
    private static final String END = "-----END ";
    private static final String DASHES = "-----";
    private static final String CERTIFICATE = "CERTIFICATE";
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private PemBlocks() {
    }

    static List<byte[]> certificates(String pem, String what) throws MalformedCertificateException {
        if (pem == null || pem.isBlank()) {
            throw new MalformedCertificateException(what + " is empty");
        }
        List<byte[]> blocks = new ArrayList<>();
        int cursor = 0;
        while (true) {
            int begin = pem.indexOf(BEGIN, cursor);
            if (begin < 0) {
                break;
            }
            int labelEnd = pem.indexOf(DASHES, begin + BEGIN.length());
            if (labelEnd < 0) {
                throw new MalformedCertificateException(what + ": PEM BEGIN line is not closed by '-----'");
            }
            String label = pem.substring(begin + BEGIN.length(), labelEnd);
            String endLine = END + label + DASHES;
            int end = pem.indexOf(endLine, labelEnd);
            if (end < 0) {
                throw new MalformedCertificateException(
                        what + " is truncated: '-----BEGIN " + label + "-----' has no matching END line");
            }
            if (!CERTIFICATE.equals(label)) {
                throw new MalformedCertificateException(
                        what + " holds a PEM '" + label + "' block where only CERTIFICATE blocks belong");
            }
            blocks.add(decodeBase64(pem.substring(labelEnd + DASHES.length(), end), what, blocks.size() + 1));
            cursor = end + endLine.length();
        }
        if (blocks.isEmpty()) {
            throw new MalformedCertificateException(what + " holds no PEM '-----BEGIN CERTIFICATE-----' block");
        }
        return blocks;
    }

    private static byte[] decodeBase64(String body, String what, int index) throws MalformedCertificateException {
        try {
            byte[] der = Base64.getDecoder().decode(WHITESPACE.matcher(body).replaceAll(""));
            if (der.length == 0) {
                throw new MalformedCertificateException(what + ": CERTIFICATE block " + index + " is empty");
            }
            return der;
        } catch (IllegalArgumentException e) {
            throw new MalformedCertificateException(
                    what + ": CERTIFICATE block " + index + " is not valid base64 (" + e.getMessage() + ")", e);
        }
    }
}
