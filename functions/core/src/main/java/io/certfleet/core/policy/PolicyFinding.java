package io.certfleet.core.policy;

import io.certfleet.core.discovery.ScanScope;
import io.certfleet.core.finding.FindingCode;
import io.certfleet.core.finding.Severity;
import java.util.Objects;

/**
 * A finding of the policy engine about one subject: a certificate ({@code subject} = {@value #CERTIFICATE}) or one
 * of its bindings ({@code <TYPE>#<resource id>}), on one side, under the profile that applied.
 *
 * @param scope the account-region the subject lives in (the binding's endpoint, or the certificate's location)
 */
public record PolicyFinding(ScanScope scope, String certificateArn, String subject, FindingCode code,
                            Severity severity, String detail, Side side, String profile, String owner,
                            String environment) {

    public static final String CERTIFICATE = "certificate";

    public PolicyFinding {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(certificateArn, "certificateArn");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(severity, "severity");
        detail = detail == null ? "" : detail;
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(profile, "profile");
        owner = owner == null ? "" : owner;
        environment = environment == null ? "" : environment;
    }

    /** What makes a finding the same finding from one evaluation to the next (not its detail or severity). */
    public String key() {
        return subjectKey() + "|" + side + "|" + code;
    }

    /** The certificate or endpoint the finding is about: {@code <certificate ARN>|<subject>}. */
    public String subjectKey() {
        return subjectKey(certificateArn, subject);
    }

    public static String subjectKey(String certificateArn, String subject) {
        return certificateArn + "|" + subject;
    }

    public boolean aboutBinding() {
        return !CERTIFICATE.equals(subject);
    }
}
