package io.certfleet.core.rotation;

import io.certfleet.core.discovery.CertificateArn;
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
import io.certfleet.core.alerting.OwnerMessage;
import io.certfleet.core.alerting.OwnerNotifier;
import io.certfleet.core.certificate.CertificateFacts;
import io.certfleet.core.rotation.issuer.IssueOrder;
import io.certfleet.core.rotation.issuer.Issuance;
import io.certfleet.core.rotation.issuer.KeySpec;
import io.certfleet.core.rotation.issuer.ReplacementIssuer;
import io.certfleet.core.rotation.issuer.ValidationRecord;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Use case: finds or issues the replacement of a planned rotation and proves it before anything is touched. For
 * {@code provided}, the certificate the owner imported (named in the request, or tagged
 * {@code certfleet:replaces=<old ARN>} in the old certificate's account); the same certificate imported in each other
 * account-region is found there through the inventory, and a binding whose account-region has none is skipped with
 * the reason. For {@code acm-public} and {@code acm-private:CA_ARN}, the {@link ReplacementIssuer} makes one with the
 * old one's names, the profile's key (upgraded when the old key fails it) and the owner's tags, in every
 * account-region with a binding; while ACM waits for DNS validation the step says so (the workflow asks again),
 * the owner is told once which records to create, and after {@link #VALIDATION_LIMIT} the rotation fails. While
 * the rotation circuit breaker is open, a rotation that has swapped nothing waits here (this is the last step before
 * the first swap) until it is reset. The
 * replacement passes the preflight (names, validity, chain, profile) or the rotation fails with every reason,
 * nothing swapped; a drill's broken certificate has the preflight's objections recorded and goes on to its canary.
 */
public final class IssueReplacement {

    /** The tag an owner puts on the certificate they imported to replace another (its value: the old ARN). */
    public static final String REPLACES_TAG = IssueOrder.REPLACES_TAG;
    /** ACM's region for CloudFront's certificates: a distribution's replacement must live there. */
    static final String CLOUDFRONT_REGION = "us-east-1";

    /** The tag on every certificate certfleet issues: the rotation that asked for it. */
    public static final String ROTATION_TAG = "certfleet:rotation";
    /** How long a rotation waits for ACM's DNS validation before it fails (the owner was told the records). */
    public static final Duration VALIDATION_LIMIT = Duration.ofHours(72);
    /** The lifetime asked of a private CA (or the profile's maxValidity when shorter); renewed before its end. */
    static final Duration PRIVATE_VALIDITY = Duration.ofDays(180);

    /** The outcome: issued and proven, pending (ask again later: {@code waiting} says for what), or the problems. */
    public record Outcome(boolean ready, String replacementArn, List<String> problems, boolean pending,
                          String waiting) {
        public Outcome {
            problems = List.copyOf(problems);
        }

        Outcome(boolean ready, String replacementArn, List<String> problems) {
            this(ready, replacementArn, problems, false, null);
        }
    }

    private final RotationStore rotations;
    private final InventoryRepository inventory;
    private final CertificateTagger tagger;
    private final CertificateReader reader;
    private final CertificateParser parser;
    private final PolicySet policies;
    private final Predicate<String> isTrustedRoot;
    private final ReplacementIssuer issuer;
    private final OwnerNotifier owners;
    private final CircuitBreaker breaker;
    private final Clock clock;

    public IssueReplacement(RotationStore rotations, InventoryRepository inventory, CertificateReader reader,
                            CertificateParser parser, PolicySet policies, Predicate<String> isTrustedRoot,
                            ReplacementIssuer issuer, OwnerNotifier owners, CircuitBreaker breaker,
                            CertificateTagger tagger, Clock clock) {
        this.rotations = Objects.requireNonNull(rotations, "rotations");
        this.inventory = Objects.requireNonNull(inventory, "inventory");
        this.reader = Objects.requireNonNull(reader, "reader");
        this.parser = Objects.requireNonNull(parser, "parser");
        this.policies = Objects.requireNonNull(policies, "policies");
        this.isTrustedRoot = Objects.requireNonNull(isTrustedRoot, "isTrustedRoot");
        this.issuer = Objects.requireNonNull(issuer, "issuer");
        this.owners = Objects.requireNonNull(owners, "owners");
        this.breaker = Objects.requireNonNull(breaker, "breaker");
        this.tagger = Objects.requireNonNull(tagger, "tagger");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public Outcome issue(String rotationId) {
        Rotation rotation = rotations.load(rotationId);
        CircuitBreaker.State state = breaker.state();
        if (state.open() && !rotation.status().finished()) {
            // The last step before the first swap: a rotation that has swapped nothing waits for the reset.
            String why = "the rotation circuit breaker is open since " + state.openedAt() + " ("
                    + state.failures().size() + " recent failures): nothing is swapped until certfleet rotation "
                    + "breaker reset";
            rotations.save(rotation.withStatus(RotationStatus.WAITING_ISSUE, why, clock.instant()));
            return new Outcome(false, rotation.replacementArn(), List.of(), true, why);
        }
        if (rotation.replacementSha256() != null) {
            if (rotation.status() == RotationStatus.WAITING_ISSUE) {
                rotations.save(rotation.withStatus(RotationStatus.RUNNING, null, clock.instant()));
            }
            return new Outcome(true, rotation.replacementArn(), List.of()); // a retried step: issued already
        }
        List<InventoryRecord> oldCopies = inventory.locationsOf(rotation.sha256());
        InventoryRecord old = oldCopies.stream()
                .filter(record -> record.isActive() && record.isReadable()).findFirst().orElse(null);
        if (old == null) {
            return new Outcome(false, null, List.of("the certificate left the inventory since the plan"));
        }
        if (rotation.issuer().kind() != IssuerChoice.Kind.PROVIDED) {
            return issueNew(rotation, old);
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
        List<InventoryRecord> replacementCopies = inventory.locationsOf(replacement.certificateId());
        return proveAndAssign(rotation, old, replacement, scope -> replacementIn(scope, replacement,
                replacementCopies), copies -> rotation.drill() != null ? null
                : inheritOwnership(oldCopies, old, replacement, replacementCopies, copies));
    }

    /**
     * Preflight, then each binding gets the replacement's copy in its account-region (or is skipped, saying why);
     * {@code finishCopies} then does what the assigned copies still need and returns what it could not do, or null.
     */
    private Outcome proveAndAssign(Rotation rotation, InventoryRecord old, InventoryRecord replacement,
                                   Function<ScanScope, Optional<String>> copyIn,
                                   Function<Set<String>, String> finishCopies) {
        String rotationId = rotation.rotationId();
        String arn = replacement.location().arn();
        TlsPolicy profile = profileOf(rotation);
        Preflight.Verdict verdict = Preflight.check(new PreflightContext(old, replacement, profile, clock,
                isTrustedRoot));
        Instant now = clock.instant();
        if (rotation.drill() != null) {
            // A drill's certificate is broken on purpose: what the preflight says is recorded, and the canary judges.
            rotations.save(rotation.withDrill(rotation.drill().withPreflight(verdict.problems()), now));
        } else if (!verdict.passed()) {
            return new Outcome(false, arn, verdict.problems());
        }
        Set<String> copies = new LinkedHashSet<>();
        for (RotationBinding binding : rotations.bindings(rotationId)) {
            Optional<String> there = copyIn.apply(binding.target().scope());
            there.ifPresent(copies::add);
            rotations.saveBinding(rotationId, there.map(binding::withReplacement).orElseGet(() -> binding.withResult(
                    BindingResult.SKIPPED, List.of(), "no replacement in " + where(binding.target().scope())
                            + ": import the same certificate there (SHA-256 " + replacement.certificateId() + ")")));
        }
        String unfinished = finishCopies.apply(copies);
        rotations.save(rotations.load(rotationId).withReplacement(arn, replacement.certificateId(), now)
                .withStatus(RotationStatus.RUNNING, unfinished, now));
        return new Outcome(true, arn, List.of());
    }

    /**
     * A provided replacement takes the owner's tags of the certificate it replaces that it lacks (owner,
     * environment, anything not AWS's or certfleet's), so that who owns it and which profile judges it stay the
     * same after the rotation; a tag the owner put on the replacement is never overwritten. Issued replacements get
     * them when they are made ({@link #replacementTags}). A failure to tag is said and stops nothing.
     *
     * @return null, or what could not be tagged
     */
    private String inheritOwnership(List<InventoryRecord> oldCopies, InventoryRecord old,
                                    InventoryRecord replacement, List<InventoryRecord> replacementCopies,
                                    Set<String> copies) {
        Map<String, Map<String, String>> tagsByCopy = new HashMap<>();
        replacementCopies.forEach(record -> tagsByCopy.put(record.location().arn(), record.tags()));
        tagsByCopy.put(replacement.location().arn(), replacement.tags()); // read from ACM just now
        Map<ScanScope, InventoryRecord> oldByScope = new HashMap<>();
        oldCopies.stream().filter(InventoryRecord::isActive)
                .forEach(record -> oldByScope.putIfAbsent(record.location().scope(), record));
        List<String> failures = new ArrayList<>();
        for (String copy : copies) {
            Map<String, String> has = tagsByCopy.getOrDefault(copy, Map.of());
            // The old certificate where the copy lives (the same one may carry other tags in another account).
            InventoryRecord replaced = CertificateArn.parse(copy).map(CertificateArn::scope).map(oldByScope::get)
                    .orElse(old);
            Map<String, String> missing = ownerTags(replaced.tags());
            missing.keySet().removeAll(has.keySet());
            if (missing.isEmpty()) {
                continue;
            }
            try {
                tagger.tag(copy, missing);
            } catch (RuntimeException failure) {
                failures.add(copy + ": " + failure.getMessage());
            }
        }
        return failures.isEmpty() ? null : "the replacement could not take the old certificate's tags "
                + "(its owner and environment may differ until it is tagged): " + String.join("; ", failures);
    }

    /** The owner's tags, in a new sorted map: not AWS's ({@code aws:}) nor certfleet's own ({@code certfleet:}). */
    private static Map<String, String> ownerTags(Map<String, String> tags) {
        Map<String, String> owners = new TreeMap<>();
        tags.forEach((key, value) -> {
            if (!key.startsWith("aws:") && !key.startsWith("certfleet:")) {
                owners.put(key, value);
            }
        });
        return owners;
    }

    /** {@code acm-public} or {@code acm-private}: the issuer makes it wherever a binding needs it. */
    private Outcome issueNew(Rotation rotation, InventoryRecord old) {
        TlsPolicy profile = profileOf(rotation);
        List<ScanScope> locations = rotations.bindings(rotation.rotationId()).stream()
                .map(binding -> acmScopeOf(binding.target().scope())).distinct().toList();
        if (rotation.issuer().kind() == IssuerChoice.Kind.ACM_PUBLIC && locations.size() > 1) {
            return new Outcome(false, null, List.of("acm-public issues a different certificate in each "
                    + "account-region, and this one is served in " + locations.size() + " (" + locations.stream()
                    .map(IssueReplacement::where).collect(Collectors.joining("; ")) + "): use acm-private:CA_ARN "
                    + "(one certificate imported everywhere) or rotate each location on its own"));
        }
        IssueOrder order;
        try {
            order = new IssueOrder(rotation.rotationId(), rotation.issuer(), commonName(old.facts()),
                    dnsNames(old.facts()), KeySpec.forReplacement(old.facts(), profile), locations,
                    replacementTags(old, rotation), replacing(rotation, locations),
                    PRIVATE_VALIDITY.compareTo(profile.maxValidity()) < 0 ? PRIVATE_VALIDITY : profile.maxValidity(),
                    rotation.replacementArn());
        } catch (IllegalArgumentException unfit) {
            return new Outcome(false, null, List.of(unfit.getMessage()));
        }
        return switch (issuer.issue(order)) {
            case Issuance.Refused refused -> new Outcome(false, null, refused.problems());
            case Issuance.Pending pending -> waitForValidation(rotation, pending);
            case Issuance.Issued issued -> {
                InventoryRecord replacement;
                try {
                    replacement = read(issued.arns().get(order.home()), old);
                } catch (IllegalArgumentException unreadable) {
                    yield new Outcome(false, issued.arns().get(order.home()), List.of(unreadable.getMessage()));
                }
                yield proveAndAssign(rotation, old, replacement, scope -> Optional.ofNullable(issued.arns()
                        .get(acmScopeOf(scope))), copies -> null); // issued with the owner's tags already
            }
        };
    }

    /** Pending DNS validation: tells the owner once (records to create), fails after the limit. */
    private Outcome waitForValidation(Rotation rotation, Issuance.Pending pending) {
        Instant now = clock.instant();
        String records = pending.records().stream().map(ValidationRecord::toString)
                .collect(Collectors.joining("\n  "));
        if (now.isAfter(pending.requestedAt().plus(VALIDATION_LIMIT))) {
            return new Outcome(false, pending.arn(), List.of("ACM did not validate " + pending.arn() + " within "
                    + VALIDATION_LIMIT.toHours() + " hours of the request (" + pending.reason() + ")"
                    + (records.isEmpty() ? "" : "; the records:\n  " + records)));
        }
        if (rotation.replacementArn() == null) {
            List<ValidationRecord> missing = pending.records().stream().filter(record -> !record.written()).toList();
            if (!missing.isEmpty()) {
                owners.notify(new OwnerMessage("[certfleet] create DNS records to validate the replacement of "
                        + rotation.subject(), "certfleet asked ACM for " + pending.arn() + " to replace "
                        + rotation.subject() + " (rotation " + rotation.rotationId() + "). No Route 53 hosted zone "
                        + "of the account covers these names, so create these records; the rotation waits for them "
                        + "until " + pending.requestedAt().plus(VALIDATION_LIMIT) + ":\n  " + missing.stream()
                        .map(ValidationRecord::toString).collect(Collectors.joining("\n  ")),
                        RotationEvents.ownerAttributes(rotation, "medium", "ROTATION_VALIDATION")));
            }
            rotation = rotation.withReplacement(pending.arn(), null, now);
        }
        rotations.save(rotation.withStatus(RotationStatus.WAITING_ISSUE, "waits for DNS validation: "
                + pending.reason(), now));
        return new Outcome(false, pending.arn(), List.of(), true, pending.reason());
    }

    private TlsPolicy profileOf(Rotation rotation) {
        return policies.profile(rotation.profile()).orElse(policies.defaultPolicy());
    }

    /** ACM's account-region for a binding's certificate: CloudFront's (global) is us-east-1. */
    private static ScanScope acmScopeOf(ScanScope bindingScope) {
        return ScanScope.GLOBAL_REGION.equals(bindingScope.region())
                ? new ScanScope(bindingScope.accountId(), CLOUDFRONT_REGION) : bindingScope;
    }

    /** The owner's tags (not AWS's or certfleet's own), plus which certificate and rotation it is for. */
    private static Map<String, String> replacementTags(InventoryRecord old, Rotation rotation) {
        Map<String, String> tags = ownerTags(old.tags());
        tags.put(ROTATION_TAG, rotation.rotationId());
        return tags;
    }

    /** The old certificate in each location: its ACM copy there, else the account's (IAM), else the first. */
    private static Map<ScanScope, String> replacing(Rotation rotation, List<ScanScope> locations) {
        List<CertificateArn> olds = rotation.certificateArns().stream().map(CertificateArn::parse)
                .flatMap(Optional::stream).toList();
        Map<ScanScope, String> replacing = new java.util.HashMap<>();
        for (ScanScope location : locations) {
            String there = olds.stream().filter(old -> old.scope().equals(location)).findFirst()
                    .or(() -> olds.stream().filter(old -> old.accountId().equals(location.accountId())).findFirst())
                    .map(CertificateArn::arn).orElse(rotation.certificateArns().getFirst());
            replacing.put(location, there);
        }
        return replacing;
    }

    /** The subject's CN, else the first DNS name. */
    static String commonName(CertificateFacts facts) {
        return facts.commonName().or(() -> dnsNames(facts).stream().findFirst()).orElseThrow(() ->
                new IllegalArgumentException("the certificate names nothing (no CN, no DNS name): nothing to issue "
                        + "a replacement for"));
    }

    /** The names a replacement covers: the old one's DNS names (IP addresses are not issued by ACM). */
    private static List<String> dnsNames(CertificateFacts facts) {
        return facts.sans().stream().filter(name -> !name.matches("[0-9.]+|.*:.*")).toList();
    }

    /** A present certificate in the old one's account tagged as its replacement. */
    private Optional<String> taggedReplacement(Rotation rotation) {
        String oldArn = rotation.certificateArns().getFirst();
        Optional<String> account = PlanRotation.accountOf(oldArn);
        return inventory.find(new InventoryQuery(Optional.empty(), Optional.empty(), account, false)).stream()
                .filter(record -> rotation.certificateArns().contains(record.tags().get(REPLACES_TAG)))
                .filter(record -> !"rejected".equals(record.tags().get("certfleet:status"))) // rolled back once
                .map(record -> record.location().arn()).findFirst();
    }

    /** The replacement as the inventory would record it, owned like the old certificate. */
    private InventoryRecord read(String arn, InventoryRecord old) {
        CertificateArn parsed = CertificateArn.parse(arn).filter(CertificateArn::isAcm).orElseThrow(() ->
                new IllegalArgumentException("'" + arn + "' is not an ACM certificate ARN "
                        + "(arn:aws:acm:REGION:ACCOUNT:certificate/ID)"));
        CertificateLocation location = new CertificateLocation(CertificateSource.ACM, arn, parsed.accountId(),
                parsed.region());
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
    private static Optional<String> replacementIn(ScanScope bindingScope, InventoryRecord replacement,
                                                  List<InventoryRecord> copies) {
        String region = ScanScope.GLOBAL_REGION.equals(bindingScope.region()) ? CLOUDFRONT_REGION
                : bindingScope.region();
        if (replacement.location().accountId().equals(bindingScope.accountId())
                && replacement.location().region().equals(region)) {
            return Optional.of(replacement.location().arn());
        }
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
