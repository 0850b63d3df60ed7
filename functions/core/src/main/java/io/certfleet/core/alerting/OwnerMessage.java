package io.certfleet.core.alerting;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A message to a certificate's owners: subject (at most 100 characters, SNS's limit), body, and the attributes
 * owners filter on ({@code owner}, {@code environment}, {@code severity}, {@code code}, {@code certificateArn}).
 */
public record OwnerMessage(String subject, String body, Map<String, String> attributes) {

    public static final int MAX_SUBJECT = 100;

    public OwnerMessage {
        subject = subjectLine(subject);
        Objects.requireNonNull(body, "body");
        attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    }

    /** A subject cut to SNS's limit, marked with an ellipsis where it was cut. */
    static String subjectLine(String subject) {
        Objects.requireNonNull(subject, "subject");
        return subject.length() <= MAX_SUBJECT ? subject : subject.substring(0, MAX_SUBJECT - 1) + "…";
    }
}
