package io.certfleet.core.policy;

/**
 * A policy file certfleet refuses, saying where and why: {@code policy.yaml:12: profiles.public-web.cipherSuites[2]:
 * unknown cipher suite 'TLS_FOO' (IANA names, e.g. TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256)}.
 *
 * @param line 1-based line of the offending value, 0 when the file as a whole is at fault
 */
public final class InvalidPolicyException extends RuntimeException {

    private final String file;
    private final int line;
    private final String field;
    private final String reason;

    public InvalidPolicyException(String file, int line, String field, String reason) {
        super(file + (line > 0 ? ":" + line : "") + ": " + (field.isEmpty() ? "" : field + ": ") + reason);
        this.file = file;
        this.line = line;
        this.field = field;
        this.reason = reason;
    }

    public String file() {
        return file;
    }

    public int line() {
        return line;
    }

    public String field() {
        return field;
    }

    public String reason() {
        return reason;
    }
}
