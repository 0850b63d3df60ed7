package io.certfleet.core.certificate;

/** A certificate body or chain that cannot be read; the message says what is wrong with it. */
public final class MalformedCertificateException extends Exception {
    public MalformedCertificateException(String reason) {
        super(reason);
    }

    public MalformedCertificateException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
