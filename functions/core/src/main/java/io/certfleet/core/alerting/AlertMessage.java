package io.certfleet.core.alerting;

import io.certfleet.core.certificate.CertificateSource;
import io.certfleet.core.inventory.BindingRecord;
import io.certfleet.core.inventory.InventoryRecord;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Objects;

/**
 * What an owner reads: a subject line (at most 100 characters, SNS's limit) and a body saying what expires,
 * where it is served (every binding), when, and what to do.
 */
public record AlertMessage(String subject, String body) {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    public AlertMessage {
        subject = OwnerMessage.subjectLine(subject);
        Objects.requireNonNull(body, "body");
    }

    public static AlertMessage of(ExpiryAlert alert) {
        InventoryRecord record = alert.record();
        String name = record.facts().sans().isEmpty() ? record.facts().subject() : record.facts().sans().getFirst();
        String state = alert.expired() ? "EXPIRED " + -alert.daysLeft() + " day(s) ago"
                : "expires in " + alert.daysLeft() + " day(s)";
        String subject = "[certfleet " + alert.severity().label() + "] " + name
                + alert.acmRenewalProblem().map(problem -> ": ACM cannot renew it, ").orElse(" ") + state;
        StringBuilder body = new StringBuilder();
        body.append("What:  ").append(record.facts().subject()).append(" (").append(String.join(", ",
                record.facts().sans())).append(")\n");
        body.append("       SHA-256 ").append(record.facts().sha256()).append(", at ")
                .append(alert.records().size()).append(" location(s):\n");
        for (InventoryRecord location : alert.records()) {
            body.append("       - ").append(location.location().source()).append(' ')
                    .append(location.location().arn()).append('\n');
        }
        body.append("When:  ").append(alert.expired() ? "expired " : "expires ")
                .append(WHEN.format(alert.notAfter())).append(" (").append(state).append(")\n");
        body.append("Owner: ").append(record.ownership().owner()).append(", environment ")
                .append(record.ownership().environment()).append('\n');
        body.append("Where: ");
        if (alert.bindings().isEmpty()) {
            body.append("no endpoint serves it (is it still needed?)\n");
        } else {
            body.append(alert.bindings().size()).append(" endpoint(s)\n");
            for (BindingRecord binding : alert.bindings()) {
                body.append("       - ").append(binding.type()).append(' ').append(binding.resourceId());
                if (binding.dnsName() != null) {
                    body.append(" (").append(binding.dnsName()).append(binding.port() == null ? "" : ":"
                            + binding.port()).append(')');
                }
                body.append('\n');
            }
        }
        alert.acmRenewalProblem().ifPresent(problem -> body.append("ACM:   managed renewal ").append(problem)
                .append('\n'));
        body.append("To do: ").append(alert.acmRenewalProblem().map(AlertMessage::renewalAdvice)
                .orElseGet(() -> advice(record))).append('\n');
        return new AlertMessage(subject, body.toString());
    }

    /** What to do about ACM's renewal status reasons (RenewalSummary.RenewalStatusReason). */
    private static String renewalAdvice(String problem) {
        if (problem.contains("CAA_ERROR")) {
            return "a CAA record on the domain does not allow Amazon to issue: add 'amazon.com' (or amazontrust.com, "
                    + "awstrust.com, amazonaws.com) to it; ACM retries renewal by itself.";
        }
        if (problem.startsWith("PENDING_VALIDATION") || problem.contains("DOMAIN_VALIDATION")
                || problem.contains("NO_AVAILABLE_CONTACTS")) {
            return "ACM cannot validate the domain: put the certificate's DNS validation CNAME records back (see "
                    + "DescribeCertificate), or approve the validation email.";
        }
        if (problem.contains("PCA_")) {
            return "the private CA refused the renewal: check the CA is ACTIVE and ACM's permissions on it.";
        }
        return "see the certificate's renewal status in ACM (DescribeCertificate, RenewalSummary) and fix its cause.";
    }

    private static String advice(InventoryRecord record) {
        if (record.location().source() == CertificateSource.IAM) {
            return "upload the renewed certificate to IAM (or import it into ACM) and point every endpoint above "
                    + "at it; IAM certificates are never renewed for you.";
        }
        return "if ACM issued it and it is in use, ACM renews it by itself: check its renewal status (DNS "
                + "validation records in place). If it was imported, re-import the renewed certificate into the "
                + "same ARN: every endpoint above keeps serving it, no listener changes.";
    }
}
