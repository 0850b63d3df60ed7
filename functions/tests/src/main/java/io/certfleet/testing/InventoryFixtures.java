package io.certfleet.testing;

import io.certfleet.adapters.x509.BouncyCastleCertificateParser;
import io.certfleet.core.certificate.CertificateFacts;
import io.certfleet.core.certificate.CertificateSource;
import io.certfleet.core.certificate.MalformedCertificateException;
import io.certfleet.core.discovery.BindingType;
import io.certfleet.core.discovery.CertificateLocation;
import io.certfleet.core.discovery.ScanScope;
import io.certfleet.core.inventory.BindingRecord;
import io.certfleet.core.inventory.InventoryRecord;
import io.certfleet.core.ownership.Ownership;
import io.certfleet.core.ownership.OwnershipSource;
import io.certfleet.local.pki.CertificateBuilder;
import io.certfleet.local.pki.IssuedCertificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** Builders for inventory records and bindings in tests, with real certificates behind the facts. */
public final class InventoryFixtures {

    private static final IssuedCertificate CA = CertificateBuilder.certificate("Fixture CA").certificateAuthority()
            .build();

    private InventoryFixtures() {
    }

    public static RecordBuilder record(String arn) {
        return new RecordBuilder(arn);
    }

    public static BindingBuilder binding(String resourceId, String certificateArn) {
        return new BindingBuilder(resourceId, certificateArn);
    }

    /** Facts of a real certificate for {@code name}, expiring at {@code notAfter}. */
    public static CertificateFacts facts(String name, Instant notAfter) {
        IssuedCertificate certificate = CertificateBuilder.certificate(name).dnsNames(name).issuedBy(CA)
                .validity(notAfter.minus(Duration.ofDays(90)), notAfter).build();
        try {
            return new BouncyCastleCertificateParser().parse(certificate.certificatePem(), certificate.chainPem());
        } catch (MalformedCertificateException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A certificate record; defaults: ACM, account 111122223333, eu-west-1, ISSUED, owner "team". */
    public static final class RecordBuilder {
        private final String arn;
        private CertificateSource source = CertificateSource.ACM;
        private ScanScope scope = new ScanScope("111122223333", "eu-west-1");
        private CertificateFacts facts;
        private String malformedReason;
        private String status = "ISSUED";
        private String version = "v1";
        private Map<String, String> tags = Map.of();
        private Ownership ownership = new Ownership("team", OwnershipSource.DEFAULT, "public-web",
                OwnershipSource.DEFAULT);
        private Instant seenAt = Instant.parse("2026-11-27T06:00:00Z");
        private Instant notAfter = Instant.parse("2027-01-15T00:00:00Z");

        private RecordBuilder(String arn) {
            this.arn = arn;
        }

        public RecordBuilder source(CertificateSource value) {
            this.source = value;
            return this;
        }

        public RecordBuilder scope(ScanScope value) {
            this.scope = value;
            return this;
        }

        public RecordBuilder facts(CertificateFacts value) {
            this.facts = value;
            return this;
        }

        public RecordBuilder expiringAt(Instant value) {
            this.notAfter = value;
            return this;
        }

        public RecordBuilder malformed(String reason) {
            this.malformedReason = reason;
            return this;
        }

        public RecordBuilder status(String value) {
            this.status = value;
            return this;
        }

        public RecordBuilder version(String value) {
            this.version = value;
            return this;
        }

        public RecordBuilder tags(Map<String, String> value) {
            this.tags = value;
            return this;
        }

        public RecordBuilder owner(String owner, OwnershipSource ownerSource) {
            this.ownership = new Ownership(owner, ownerSource, ownership.environment(), ownership.environmentSource());
            return this;
        }

        public RecordBuilder environment(String environment) {
            this.ownership = new Ownership(ownership.owner(), ownership.ownerSource(), environment,
                    OwnershipSource.CERTIFICATE_TAG);
            return this;
        }

        public RecordBuilder seenAt(Instant value) {
            this.seenAt = value;
            return this;
        }

        public InventoryRecord build() {
            CertificateLocation location = new CertificateLocation(source, arn, scope.accountId(), scope.region());
            if (malformedReason != null) {
                return new InventoryRecord(InventoryRecord.unreadableId("garbage at " + arn), location, status,
                        version, null, malformedReason, tags, ownership, seenAt, seenAt, null);
            }
            CertificateFacts certificate = facts != null ? facts
                    : InventoryFixtures.facts(arn.replaceAll("[^A-Za-z0-9]", "-") + ".example.test", notAfter);
            return new InventoryRecord(certificate.sha256(), location, status, version, certificate, null, tags,
                    ownership, seenAt, seenAt, null);
        }
    }

    /** A binding; defaults: ELBv2 listener, default certificate, port 443, account 111122223333, eu-west-1. */
    public static final class BindingBuilder {
        private final String resourceId;
        private final String certificateArn;
        private BindingType type = BindingType.ELBV2_LISTENER;
        private ScanScope scope = new ScanScope("111122223333", "eu-west-1");
        private boolean isDefault = true;
        private Instant seenAt = Instant.parse("2026-11-27T06:00:00Z");
        private String dnsName = "lb.example.test";
        private Integer port = 443;
        private String scheme = "internal";
        private String sslPolicy = "ELBSecurityPolicy-TLS13-1-2-2021-06";

        private BindingBuilder(String resourceId, String certificateArn) {
            this.resourceId = resourceId;
            this.certificateArn = certificateArn;
        }

        public BindingBuilder type(BindingType value) {
            this.type = value;
            return this;
        }

        public BindingBuilder scope(ScanScope value) {
            this.scope = value;
            return this;
        }

        public BindingBuilder sni() {
            this.isDefault = false;
            return this;
        }

        public BindingBuilder seenAt(Instant value) {
            this.seenAt = value;
            return this;
        }

        /** The security policy (ELB SslPolicy, CloudFront minimum protocol, API Gateway policy); null for none. */
        public BindingBuilder sslPolicy(String value) {
            this.sslPolicy = value;
            return this;
        }

        /** Where clients connect: host name, port (null: the service's default), scheme. */
        public BindingBuilder endpoint(String host, Integer listenerPort, String loadBalancerScheme) {
            this.dnsName = host;
            this.port = listenerPort;
            this.scheme = loadBalancerScheme;
            return this;
        }

        public BindingRecord build() {
            return new BindingRecord(type, resourceId, certificateArn, isDefault, dnsName, scheme, port,
                    sslPolicy, scope, seenAt, seenAt, null);
        }
    }
}
