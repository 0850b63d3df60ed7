package io.certfleet.adapters.aws.issuer;

import io.certfleet.adapters.aws.AwsFailures;
import io.certfleet.core.discovery.ScanScope;
import io.certfleet.core.rotation.issuer.IssueOrder;
import io.certfleet.core.rotation.issuer.Issuance;
import io.certfleet.core.rotation.issuer.KeySpec;
import io.certfleet.core.rotation.issuer.ReplacementIssuer;
import io.certfleet.core.rotation.issuer.ValidationRecord;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.acm.AcmClient;
import software.amazon.awssdk.services.acm.model.CertificateDetail;
import software.amazon.awssdk.services.acm.model.DomainValidation;
import software.amazon.awssdk.services.acm.model.KeyAlgorithm;
import software.amazon.awssdk.services.acm.model.Tag;
import software.amazon.awssdk.services.acm.model.ValidationMethod;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.HostedZone;
import software.amazon.awssdk.services.route53.model.RRType;

/**
 * {@code acm-public}: ACM {@code RequestCertificate} for the old certificate's names with DNS validation, in the
 * account-region of its bindings. When a public Route 53 hosted zone of that account covers a name, the validation
 * CNAME is written there ({@code UPSERT}: the same record every time, so asking again changes nothing); otherwise the
 * order stays pending with the records the owner must create. From then on ACM renews it in place. A retried or
 * resumed step asks about the certificate requested earlier (the order's {@code requestedArn}, else the one tagged
 * with the rotation's id), and a later rotation of the same certificate about the pending or issued one an earlier
 * rotation requested for it (tagged {@code certfleet:replaces}, not rejected), instead of requesting another.
 */
public final class AcmPublicIssuer implements ReplacementIssuer {

    private static final long VALIDATION_TTL_SECONDS = 300;

    private final Function<ScanScope, AcmClient> acmIn;
    private final Function<ScanScope, Route53Client> route53In;

    /**
     * @param acmIn     ACM where the bindings live (a member account's through its rotation role)
     * @param route53In Route 53 of an account (its global scope)
     */
    public AcmPublicIssuer(Function<ScanScope, AcmClient> acmIn, Function<ScanScope, Route53Client> route53In) {
        this.acmIn = acmIn;
        this.route53In = route53In;
    }

    @Override
    public Issuance issue(IssueOrder order) {
        Optional<String> unfit = unfitKey(order.key());
        if (unfit.isPresent()) {
            return new Issuance.Refused(List.of(unfit.get()));
        }
        ScanScope home = order.home();
        AcmClient acm = acmIn.apply(home);
        try {
            String oldArn = order.tagsIn(home).get(IssueOrder.REPLACES_TAG);
            String arn = Optional.ofNullable(order.requestedArn())
                    .or(() -> AcmImports.issuedFor(acm, order.rotationId(), order.commonName()))
                    .or(() -> oldArn == null ? Optional.empty()
                            : AcmImports.requestedToReplace(acm, oldArn, order.commonName()))
                    .orElseGet(() -> request(acm, order));
            CertificateDetail detail = acm.describeCertificate(request -> request.certificateArn(arn)).certificate();
            return switch (detail.statusAsString()) {
                case "ISSUED" -> new Issuance.Issued(Map.of(home, arn));
                case "PENDING_VALIDATION" -> pending(home, arn, detail);
                default -> new Issuance.Refused(List.of("ACM's request " + arn + " is " + detail.statusAsString()
                        + (detail.failureReason() == null ? "" : " (" + detail.failureReasonAsString() + ")")));
            };
        } catch (SdkException failure) {
            throw AwsFailures.translate("acm:RequestCertificate for " + order.commonName() + " in account "
                    + home.accountId() + ", region " + home.region(), failure);
        }
    }

    /** ACM's public certificates have RSA 2048 or EC P-256/P-384 keys. */
    private static Optional<String> unfitKey(KeySpec key) {
        return key.type().equals("RSA") && key.bits() != 2048 ? Optional.of("ACM issues public certificates with "
                + "RSA 2048 or EC P-256/P-384 keys, not " + key + ": use acm-private:CA_ARN or provided")
                : Optional.empty();
    }

    private static String request(AcmClient acm, IssueOrder order) {
        List<String> alternatives = order.dnsNames().stream()
                .filter(name -> !name.equalsIgnoreCase(order.commonName())).toList();
        return acm.requestCertificate(request -> {
            request.domainName(order.commonName()).validationMethod(ValidationMethod.DNS)
                    .idempotencyToken(token(order.rotationId())).keyAlgorithm(keyAlgorithm(order.key()))
                    .tags(order.tagsIn(order.home()).entrySet().stream().map(tag -> Tag.builder().key(tag.getKey())
                            .value(tag.getValue()).build()).toList());
            if (!alternatives.isEmpty()) {
                List<String> names = new ArrayList<>(List.of(order.commonName()));
                names.addAll(alternatives);
                request.subjectAlternativeNames(names);
            }
        }).certificateArn();
    }

    private Issuance pending(ScanScope home, String arn, CertificateDetail detail) {
        Map<String, ValidationRecord> records = new LinkedHashMap<>();
        List<HostedZone> zones = null;
        for (DomainValidation validation : detail.domainValidationOptions()) {
            if (validation.resourceRecord() == null || records.containsKey(validation.resourceRecord().name())) {
                continue; // not published yet; or one record for a name and its wildcard
            }
            if (zones == null) {
                zones = publicZones(home);
            }
            var record = validation.resourceRecord();
            Optional<HostedZone> zone = coveringZone(zones, validation.domainName());
            zone.ifPresent(found -> upsert(home, found, record.name(), record.value()));
            records.put(record.name(), new ValidationRecord(validation.domainName(), record.name(),
                    record.typeAsString(), record.value(), zone.isPresent()));
        }
        String reason = records.isEmpty() ? "ACM has not published the DNS validation records of " + arn + " yet"
                : records.values().stream().allMatch(ValidationRecord::written)
                ? "ACM validates " + arn + " through the records certfleet wrote"
                : "ACM waits for DNS records the owner has to create for " + arn;
        return new Issuance.Pending(arn, detail.createdAt(), reason, List.copyOf(records.values()));
    }

    private List<HostedZone> publicZones(ScanScope home) {
        return route53In.apply(home.global()).listHostedZonesPaginator().hostedZones().stream()
                .filter(zone -> zone.config() == null || !Boolean.TRUE.equals(zone.config().privateZone())).toList();
    }

    /** The most specific public zone whose name the domain ends with (a wildcard's base included). */
    private static Optional<HostedZone> coveringZone(List<HostedZone> zones, String domain) {
        String name = domain.toLowerCase(Locale.ROOT).replaceFirst("^\\*\\.", "") + ".";
        return zones.stream().filter(zone -> {
            String zoneName = zone.name().toLowerCase(Locale.ROOT);
            zoneName = zoneName.endsWith(".") ? zoneName : zoneName + ".";
            return name.equals(zoneName) || name.endsWith("." + zoneName);
        }).max(Comparator.comparingInt(zone -> zone.name().length()));
    }

    private void upsert(ScanScope home, HostedZone zone, String name, String value) {
        route53In.apply(home.global()).changeResourceRecordSets(request -> request.hostedZoneId(zone.id())
                .changeBatch(batch -> batch.comment("certfleet: ACM DNS validation").changes(change -> change
                        .action(ChangeAction.UPSERT).resourceRecordSet(set -> set.name(name).type(RRType.CNAME)
                                .ttl(VALIDATION_TTL_SECONDS).resourceRecords(record -> record.value(value))))));
    }

    private static KeyAlgorithm keyAlgorithm(KeySpec key) {
        return key.type().equals("EC") ? (key.bits() == 384 ? KeyAlgorithm.EC_SECP384_R1 : KeyAlgorithm.EC_PRIME256_V1)
                : KeyAlgorithm.RSA_2048;
    }

    /** ACM's idempotency token (up to 32 word characters): the same for a rotation's retried request. */
    private static String token(String rotationId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(rotationId.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
