package io.certfleet.core.rotation;

import io.certfleet.core.certificate.CertificateParser;
import io.certfleet.core.certificate.CertificateSource;
import io.certfleet.core.certificate.MalformedCertificateException;
import io.certfleet.core.discovery.CertificateLocation;
import io.certfleet.core.discovery.ListedCertificate;
import io.certfleet.core.discovery.ScanScope;
import io.certfleet.core.inventory.InventoryQuery;
import io.certfleet.core.inventory.InventoryRecord;
import io.certfleet.core.inventory.InventoryRepository;
import io.certfleet.core.policy.PolicySet;
import io.certfleet.core.policy.TlsPolicy;
import io.certfleet.core.policy.rotation.IssuerChoice;
import io.certfleet.core.rotation.preflight.Preflight;
import io.certfleet.core.rotation.preflight.PreflightContext;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Use case: finds the replacement of a planned rotation and proves it before anything is touched. For
 * {@code provided}, the certificate the owner imported (named in the request, or tagged
 * {@code certfleet:replaces=<old ARN>} in the old certificate's account); the same certificate imported in each other
 * account-region is found there through the inventory, and a binding whose account-region has none is skipped with
 * the reason. The replacement passes the preflight (names, validity, chain, profile) or the rotation fails with every
 * reason, nothing swapped.
 */
public final class IssueReplacement {

    /** The tag an owner puts on the certificate they imported to replace another (its value: the old ARN). */
    public static final String REPLACES_TAG = "certfleet:replaces";
    /** ACM's region for CloudFront's certificates: a distribution's replacement must live there. */
    static final String CLOUDFRONT_REGION = "us-east-1";

    /** The outcome: issued and proven, or the problems. */
    public record Outcome(boolean ready, String replacementArn, List<String> problems) {
        public Outcome {
            problems = List.copyOf(problems);
        }
    }

    private final RotationStore rotations;
    private final InventoryRepository inventory;
    private final CertificateReader reader;
    private final CertificateParser parser;
    private final PolicySet policies;
    private final Predicate<String> isTrustedRoot;
    private final Clock clock;

    public IssueReplacement(RotationStore rotations, InventoryRepository inventory, CertificateReader reader,
                            CertificateParser parser, PolicySet policies, Predicate<String> isTrustedRoot,
                            Clock clock) {
        this.rotations = Objects.requireNonNull(rotations, "rotations");
        this.inventory = Objects.requireNonNull(inventory, "inventory");
        this.reader = Objects.requireNonNull(reader, "reader");
        this.parser = Objects.requireNonNull(parser, "parser");
        this.policies = Objects.requireNonNull(policies, "policies");
        this.isTrustedRoot = Objects.requireNonNull(isTrustedRoot, "isTrustedRoot");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public Outcome issue(String rotationId) {
        Rotation rotation = rotations.load(rotationId);
        if (rotation.replacementSha256() != null) {
            return new Outcome(true, rotation.replacementArn(), List.of()); // a retried step: issued already
        }
        if (rotation.issuer().kind() != IssuerChoice.Kind.PROVIDED) {
            return new Outcome(false, null, List.of("issuer " + rotation.issuer() + " is not available in this "
                    + "version: import a replacement into ACM and rotate with --to ARN (issuer: provided)"));
        }
        InventoryRecord old = inventory.locationsOf(rotation.sha256()).stream()
                .filter(record -> record.isActive() && record.isReadable()).findFirst().orElse(null);
        if (old == null) {
            return new Outcome(false, null, List.of("the certificate left the inventory since the plan"));
        }
        Optional<String> named = Optional.ofNullable(rotation.replacementArn()).or(() -> taggedReplacement(rotation));
        if (named.isEmpty()) {
            return new Outcome(false, null, List.of("no replacement: import one into ACM and give its ARN (--to), or "
                    + "tag it " + REPLACES_TAG + "=" + rotation.certificateArns().getFirst()));
        }
        InventoryRecord replacement;
        try {
            replacement = read(named.get(), old);
        } catch (IllegalArgumentException unreadable) {
            return new Outcome(false, named.get(), List.of(unreadable.getMessage()));
        }
        if (replacement.certificateId().equals(rotation.sha256())) {
            return new Outcome(false, named.get(), List.of("the replacement is the same certificate (SHA-256 "
                    + rotation.sha256() + ")"));
        }
        TlsPolicy profile = policies.profile(rotation.profile()).orElse(policies.defaultPolicy());
        Preflight.Verdict verdict = Preflight.check(new PreflightContext(old, replacement, profile, clock,
                isTrustedRoot));
        if (!verdict.passed()) {
            return new Outcome(false, named.get(), verdict.problems());
        }
        Instant now = clock.instant();
        for (RotationBinding binding : rotations.bindings(rotationId)) {
            Optional<String> there = replacementIn(binding.target().scope(), replacement);
            rotations.saveBinding(rotationId, there.map(binding::withReplacement).orElseGet(() -> binding.withResult(
                    BindingResult.SKIPPED, List.of(), "no replacement in " + where(binding.target().scope())
                            + ": import the same certificate there (SHA-256 " + replacement.certificateId() + ")")));
        }
        rotations.save(rotations.load(rotationId).withReplacement(named.get(), replacement.certificateId(), now)
                .withStatus(RotationStatus.RUNNING, null, now));
        return new Outcome(true, named.get(), List.of());
    }

    /** A present certificate in the old one's account tagged as its replacement. */
    private Optional<String> taggedReplacement(Rotation rotation) {
        String oldArn = rotation.certificateArns().getFirst();
        Optional<String> account = PlanRotation.accountOf(oldArn);
        return inventory.find(new InventoryQuery(Optional.empty(), Optional.empty(), account, false)).stream()
                .filter(record -> rotation.certificateArns().contains(record.tags().get(REPLACES_TAG)))
                .map(record -> record.location().arn()).findFirst();
    }

    /** The replacement as the inventory would record it, owned like the old certificate. */
    private InventoryRecord read(String arn, InventoryRecord old) {
        Optional<String> account = PlanRotation.accountOf(arn);
        String[] parts = arn.split(":", 6);
        if (account.isEmpty() || !arn.startsWith("arn:") || !parts[2].equals("acm")) {
            throw new IllegalArgumentException("'" + arn + "' is not an ACM certificate ARN "
                    + "(arn:aws:acm:REGION:ACCOUNT:certificate/ID)");
        }
        CertificateLocation location = new CertificateLocation(CertificateSource.ACM, arn, account.get(), parts[3]);
        ListedCertificate.Fetched fetched = reader.read(location).orElseThrow(() -> new IllegalArgumentException(
                "no certificate " + arn + " in ACM (" + where(location.scope()) + ")"));
        if (!"ISSUED".equals(fetched.status())) {
            throw new IllegalArgumentException("the replacement " + arn + " is " + fetched.status() + ", not ISSUED");
        }
        try {
            var facts = parser.parse(fetched.certificatePem(), fetched.chainPem());
            Instant now = clock.instant();
            return new InventoryRecord(facts.sha256(), location, fetched.status(), fetched.version(), facts, null,
                    fetched.tags(), old.ownership(), now, now, null);
        } catch (MalformedCertificateException e) {
            throw new IllegalArgumentException("the replacement " + arn + " cannot be read: " + e.getMessage());
        }
    }

    /** The replacement's copy where a binding lives (CloudFront's: us-east-1 of the binding's account). */
    private Optional<String> replacementIn(ScanScope bindingScope, InventoryRecord replacement) {
        String region = ScanScope.GLOBAL_REGION.equals(bindingScope.region()) ? CLOUDFRONT_REGION
                : bindingScope.region();
        if (replacement.location().accountId().equals(bindingScope.accountId())
                && replacement.location().region().equals(region)) {
            return Optional.of(replacement.location().arn());
        }
        List<InventoryRecord> copies = new ArrayList<>(inventory.locationsOf(replacement.certificateId()));
        return copies.stream().filter(InventoryRecord::isActive)
                .filter(copy -> copy.location().source() == CertificateSource.ACM)
                .filter(copy -> copy.location().accountId().equals(bindingScope.accountId())
                        && copy.location().region().equals(region))
                .map(copy -> copy.location().arn()).findFirst();
    }

    private static String where(ScanScope scope) {
        return "account " + scope.accountId() + ", region " + (ScanScope.GLOBAL_REGION.equals(scope.region())
                ? CLOUDFRONT_REGION : scope.region());
    }
}
