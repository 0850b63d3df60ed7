package io.certfleet.core.policy;

import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

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
    private final List<InvalidPolicyException> problems;

    public InvalidPolicyException(String file, int line, String field, String reason) {
        super(file + (line > 0 ? ":" + line : "") + ": " + (field.isEmpty() ? "" : field + ": ") + reason);
        this.file = file;
        this.line = line;
        this.field = field;
        this.reason = reason;
        this.problems = List.of(this);
    }

    private InvalidPolicyException(List<InvalidPolicyException> sorted) {
        super(sorted.stream().map(Throwable::getMessage).collect(Collectors.joining("\n")));
        InvalidPolicyException first = sorted.getFirst();
        this.file = first.file;
        this.line = first.line;
        this.field = first.field;
        this.reason = first.reason;
        this.problems = List.copyOf(sorted);
    }

    /** Every problem of a file at once, sorted by line (as linters report): the message has one line each. */
    public static InvalidPolicyException all(List<InvalidPolicyException> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("no problems");
        }
        List<InvalidPolicyException> sorted = problems.stream()
                .flatMap(problem -> problem.problems().stream())
                .sorted(Comparator.comparingInt(InvalidPolicyException::line))
                .toList();
        return sorted.size() == 1 ? sorted.getFirst() : new InvalidPolicyException(sorted);
    }

    /** Each problem found, sorted by line; a single problem is this exception itself. */
    public List<InvalidPolicyException> problems() {
        return problems;
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
