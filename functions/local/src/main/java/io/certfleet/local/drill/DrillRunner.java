package io.certfleet.local.drill;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.certfleet.adapters.aws.AwsClients;
import io.certfleet.core.certificate.CertificateFacts;
import io.certfleet.core.certificate.MalformedCertificateException;
import io.certfleet.core.certificate.X509Facts;
import io.certfleet.core.discovery.ScanScope;
import io.certfleet.core.drill.DrillFault;
import io.certfleet.core.drill.DrillOutcome;
import io.certfleet.core.drill.DrillSpec;
import io.certfleet.core.inventory.BindingRecord;
import io.certfleet.core.inventory.InventoryEntry;
import io.certfleet.core.inventory.InventoryQuery;
import io.certfleet.core.rotation.CertificateRetirer;
import io.certfleet.core.rotation.Rotation;
import io.certfleet.core.rotation.RotationBinding;
import io.certfleet.core.rotation.RotationEvents;
import io.certfleet.core.rotation.RotationStatus;
import io.certfleet.core.rotation.swap.ServedState;
import io.certfleet.core.rotation.swap.SwapTarget;
import io.certfleet.local.LocalRotation;
import io.certfleet.local.pki.IssuedCertificate;
import io.certfleet.wiring.Wiring;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.acm.AcmClient;
import software.amazon.awssdk.services.acm.model.Tag;

/**
 * A drill, end to end: finds the binding in the inventory, refuses it unless its environment is drillable, makes a
 * certificate with one deliberate fault ({@link BrokenCertificates}), imports it into ACM where the binding lives,
 * rotates it in through the rotation workflow (the deployed definition, run on this machine) as a drill, and then
 * proves what happened: the canary caught the fault, the rollback put the binding back exactly as it was, the owner
 * was alerted and the events were emitted (as AWS accepted them, {@link DrillCalls}); it deletes the broken
 * certificate last. Every check that does not hold is a problem in the report.
 */
public final class DrillRunner {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The drill's tag on the broken certificate (its value: the fault). */
    public static final String DRILL_TAG = "certfleet:drill";

    /** A drill that cannot start: the binding is unknown, ambiguous or not drillable. Nothing was changed. */
    public static final class DrillRefused extends RuntimeException {
        public DrillRefused(String message) {
            super(message);
        }
    }

    /**
     * @param certificateArn which certificate of the binding (a listener with SNI certificates has several); empty:
     *                       the only one, else the default one
     * @param issuer         the CA that signs the broken certificate; empty: one made for the drill (untrusted)
     * @param expiresAfter   how long after it is made an {@code expired} drill's certificate expires
     */
    public record Options(DrillFault fault, DrillSpec.Binding binding, Optional<String> certificateArn,
                          Optional<IssuedCertificate> issuer, Duration expiresAfter, String requestedBy,
                          Duration timeout) {
        public Options {
            Objects.requireNonNull(fault, "fault");
            Objects.requireNonNull(binding, "binding");
            Objects.requireNonNull(expiresAfter, "expiresAfter");
            Objects.requireNonNull(requestedBy, "requestedBy");
        }

        public static Options of(DrillFault fault, DrillSpec.Binding binding) {
            return new Options(fault, binding, Optional.empty(), Optional.empty(), Duration.ofSeconds(20),
                    "certfleet-drill", Duration.ofMinutes(10));
        }

        public Options withIssuer(IssuedCertificate ca) {
            return new Options(fault, binding, certificateArn, Optional.of(ca), expiresAfter, requestedBy, timeout);
        }

        public Options withExpiresAfter(Duration after) {
            return new Options(fault, binding, certificateArn, issuer, after, requestedBy, timeout);
        }

        public Options withCertificate(String arn) {
            return new Options(fault, binding, Optional.ofNullable(arn), issuer, expiresAfter, requestedBy, timeout);
        }

        public Options requestedBy(String who) {
            return new Options(fault, binding, certificateArn, issuer, expiresAfter, who, timeout);
        }
    }

    /**
     * What the drill did and proved.
     *
     * @param brokenArn    the broken certificate as imported (deleted afterwards: {@code cleanup})
     * @param before       what the binding served before the drill, as its service says
     * @param after        what it serves after
     * @param alerts       the SNS messages the drill's workflow published (the owner's alert among them)
     * @param events       the events EventBridge accepted from it
     * @param problems     every check that did not hold; empty: the drill passed
     */
    public record Report(DrillOutcome outcome, Rotation rotation, RotationBinding binding, String brokenArn,
                         String brokenSha256, boolean trustedIssuer, ServedState before, ServedState after,
                         List<DrillCalls.Published> alerts, List<DrillCalls.Accepted> events,
                         CertificateRetirer.Outcome cleanup, List<String> problems) {
        public Report {
            alerts = List.copyOf(alerts);
            events = List.copyOf(events);
            problems = List.copyOf(problems);
        }

        public boolean passed() {
            return problems.isEmpty();
        }
    }

    private final LocalRotation workflow;

    public DrillRunner(LocalRotation workflow) {
        this.workflow = Objects.requireNonNull(workflow, "workflow");
    }

    /**
     * @param beforeImport sees the broken certificate (with its key) before it is imported: a local stand-in learns
     *                     what to serve from it
     */
    public Report run(Wiring wiring, Options options, Consumer<IssuedCertificate> beforeImport)
            throws IOException, InterruptedException {
        List<InventoryEntry> inventory = wiring.listInventory().list(InventoryQuery.ALL_PRESENT);
        BindingRecord binding = binding(inventory, options);
        InventoryEntry served = inventory.stream()
                .filter(entry -> entry.record().location().arn().equals(binding.certificateArn()))
                .findFirst().orElseThrow(() -> new DrillRefused("the certificate " + binding.certificateArn()
                        + " that " + options.binding() + " serves is not in the inventory (scan again)"));
        if (!served.record().isReadable()) {
            throw new DrillRefused("the certificate " + binding.certificateArn() + " could not be read by the last "
                    + "scan: a drill copies its names");
        }
        wiring.settings().rotation().drillable().refusal(served.record().ownership().environment())
                .ifPresent(why -> {
                    throw new DrillRefused(options.binding() + ": " + why);
                });
        CertificateFacts facts = served.record().facts();
        boolean trusted = options.issuer().isPresent();
        IssuedCertificate issuer = options.issuer().orElseGet(() -> BrokenCertificates.drillCa(wiring.clock()));
        IssuedCertificate broken = BrokenCertificates.make(options.fault(), commonName(facts), facts.sans().stream()
                .filter(name -> !name.matches("[0-9.]+|.*:.*")).toList(), facts.notAfter(), issuer,
                options.expiresAfter(), wiring.clock());
        beforeImport.accept(broken);

        SwapTarget target = SwapTarget.of(binding);
        ServedState before = wiring.rotation().switches().read(target);
        DrillCalls calls = new DrillCalls();
        ScanScope acmScope = ScanScope.GLOBAL_REGION.equals(binding.scope().region())
                ? new ScanScope(binding.scope().accountId(), "us-east-1") : binding.scope();
        String brokenArn = importInto(wiring.rotation().memberClients().forScope(acmScope).acm(), broken,
                options.fault());
        List<String> problems = new ArrayList<>();
        Rotation rotation;
        RotationBinding drilled;
        try (AwsClients watched = wiring.aws().deriveWith(wiring.aws().settings(), List.of(calls))) {
            Wiring drilling = wiring.withAws(watched);
            LocalRotation.Run run = workflow.run(drilling, JSON.writeValueAsString(input(binding, brokenArn, options)),
                    options.timeout());
            if (!run.execution().succeeded()) {
                problems.add("the rotation workflow failed: " + run.execution().log().strip());
            }
            String rotationId = JSON.readTree(run.execution().output()).path("rotationId").asText("");
            rotation = drilling.rotation().rotations().find(rotationId).orElse(null);
            drilled = rotation == null ? null : drilling.rotation().rotations().bindings(rotationId).stream()
                    .findFirst().orElse(null);
        } catch (IOException | InterruptedException | RuntimeException failure) {
            // The workflow could not run to its end: the broken certificate goes all the same, unless in use.
            try {
                CertificateRetirer.Outcome gone = wiring.rotation().certificateRetirer().retire(brokenArn);
                failure.addSuppressed(new IllegalStateException("the drill's certificate " + brokenArn + ": "
                        + gone.result() + (gone.usedBy().isEmpty() ? "" : " by " + gone.usedBy())));
            } catch (RuntimeException cleanup) {
                failure.addSuppressed(cleanup);
            }
            throw failure;
        }
        ServedState after = wiring.rotation().switches().read(target);
        CertificateRetirer.Outcome cleanup = wiring.rotation().certificateRetirer().retire(brokenArn);
        if (rotation == null) {
            throw new IllegalStateException("the drill's rotation was not recorded: " + String.join("; ", problems));
        }
        if (rotation.status() == RotationStatus.REFUSED) {
            throw new DrillRefused(rotation.reason() + (cleanup.result() == CertificateRetirer.Result.DELETED
                    ? " (the broken certificate was deleted again)" : ""));
        }
        DrillOutcome outcome = drilled == null || rotation.drill() == null ? null
                : DrillOutcome.of(rotation, drilled);
        if (outcome == null || outcome.swappedAt() == null) {
            // Nothing to judge: the workflow stopped before the swap (a step failed, the breaker opened meanwhile).
            problems.add("the broken certificate never reached the endpoint: the rotation ended "
                    + rotation.status() + (rotation.reason() == null ? "" : ": " + rotation.reason()));
            problems.addAll(unchangedAndCleaned(before, after, cleanup, brokenArn));
        } else {
            problems.addAll(check(outcome, rotation, before, after, calls, cleanup, brokenArn));
        }
        return new Report(outcome, rotation, drilled, brokenArn, sha256(broken), trusted, before, after,
                calls.published(), calls.accepted(), cleanup, problems);
    }

    /** Every promise of a drill, checked; what does not hold is said. */
    private static List<String> check(DrillOutcome outcome, Rotation rotation, ServedState before, ServedState after,
                                      DrillCalls calls, CertificateRetirer.Outcome cleanup, String brokenArn) {
        List<String> problems = new ArrayList<>();
        if (!outcome.detected()) {
            problems.add("the canary did not catch a certificate that " + outcome.drill().fault().description()
                    + " (it was rolled back only because drills always are)");
        } else if (!outcome.byPlantedFault()) {
            problems.add("the canary failed the binding, but not by the planted fault's finding ("
                    + outcome.drill().fault().expected().stream().map(Enum::name)
                    .collect(Collectors.joining(" or ")) + "): " + String.join("; ", outcome.causes()));
        }
        if (rotation.status() != RotationStatus.ROLLED_BACK) {
            problems.add("the rotation ended " + rotation.status() + ", not ROLLED_BACK: " + rotation.reason());
        }
        if (!outcome.restoredOnWire()) {
            problems.add("after the rollback the endpoint did not serve the old certificate: "
                    + outcome.restoreDetail());
        }
        boolean alerted = calls.published().stream().anyMatch(message -> message.subject() != null
                && message.subject().startsWith("[certfleet drill: "));
        if (!alerted) {
            problems.add("the owner was not alerted: no message was published to the alert topic"
                    + " (is one configured? CERTFLEET_ALERT_TOPIC_ARN)");
        }
        List<String> types = calls.accepted().stream().map(DrillCalls.Accepted::detailType).toList();
        for (String expected : List.of(RotationEvents.STARTED, RotationEvents.ROLLED_BACK)) {
            if (!types.contains(expected)) {
                problems.add("no " + expected + " event was accepted by EventBridge" + (calls.refused().isEmpty()
                        ? "" : " (refused: " + String.join(", ", calls.refused()) + ")"));
            }
        }
        problems.addAll(unchangedAndCleaned(before, after, cleanup, brokenArn));
        return problems;
    }

    /** The binding serves what it served, and the broken certificate is gone. */
    private static List<String> unchangedAndCleaned(ServedState before, ServedState after,
                                                    CertificateRetirer.Outcome cleanup, String brokenArn) {
        List<String> problems = new ArrayList<>();
        if (!before.equals(after)) {
            problems.add("the binding is not as it was: it served " + before + " and now serves " + after);
        }
        if (cleanup.result() == CertificateRetirer.Result.IN_USE) {
            problems.add("the broken certificate " + brokenArn + " is still used by " + String.join(", ",
                    cleanup.usedBy()) + ": it was kept; put the binding back by hand");
        }
        return problems;
    }

    /** The binding the options name, as the inventory knows it. */
    private static BindingRecord binding(List<InventoryEntry> inventory, Options options) {
        DrillSpec.Binding wanted = options.binding();
        List<BindingRecord> found = inventory.stream()
                .flatMap(entry -> entry.bindings().stream())
                .filter(binding -> binding.isActive() && binding.type() == wanted.type()
                        && binding.resourceId().equals(wanted.resourceId()))
                .distinct().toList();
        if (options.certificateArn().isPresent()) {
            found = found.stream().filter(binding -> binding.certificateArn().equals(options.certificateArn().get()))
                    .toList();
        }
        if (found.isEmpty()) {
            throw new DrillRefused("no binding " + wanted + (options.certificateArn().map(arn -> " serving " + arn)
                    .orElse("")) + " in the inventory (certfleet inventory list shows them; scan first if it is new)");
        }
        if (found.size() == 1) {
            return found.getFirst();
        }
        List<BindingRecord> defaults = found.stream().filter(BindingRecord::isDefault).toList();
        if (defaults.size() == 1) {
            return defaults.getFirst();
        }
        throw new DrillRefused(wanted + " serves " + found.size() + " certificates: name one with --certificate ("
                + found.stream().map(BindingRecord::certificateArn).collect(Collectors.joining(", ")) + ")");
    }

    private static Map<String, Object> input(BindingRecord binding, String brokenArn, Options options) {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("certificate", binding.certificateArn());
        input.put("to", brokenArn);
        input.put("waves", List.of("100%"));
        if (options.fault() == DrillFault.EXPIRED) {
            // the first check right after the swap, the second once the certificate has expired
            input.put("bakeSeconds", options.expiresAfter().toSeconds() + 10);
            input.put("canaryChecks", 2);
        } else {
            input.put("bakeSeconds", 0);
            input.put("canaryChecks", 1);
        }
        input.put("requestedBy", options.requestedBy());
        input.put("reason", "drill: a certificate that " + options.fault().description());
        input.put("detach", true);
        input.put("drill", Map.of("fault", options.fault().cliName(), "binding",
                binding.type().name() + ":" + binding.resourceId()));
        return input;
    }

    private static String importInto(AcmClient acm, IssuedCertificate broken, DrillFault fault) {
        return acm.importCertificate(request -> request
                .certificate(SdkBytes.fromString(broken.certificatePem(), StandardCharsets.US_ASCII))
                .privateKey(SdkBytes.fromString(broken.privateKeyPem(), StandardCharsets.US_ASCII))
                .certificateChain(broken.chain().isEmpty() ? null
                        : SdkBytes.fromString(broken.chainPem(), StandardCharsets.US_ASCII))
                .tags(Tag.builder().key(DRILL_TAG).value(fault.cliName()).build())).certificateArn();
    }

    private static String commonName(CertificateFacts facts) {
        return facts.commonName().or(() -> facts.sans().stream().findFirst()).orElse("certfleet-drill.invalid");
    }

    private static String sha256(IssuedCertificate certificate) {
        try {
            return X509Facts.sha256(certificate.certificate());
        } catch (MalformedCertificateException e) {
            throw new IllegalStateException("the drill's own certificate cannot be encoded: " + e.getMessage(), e);
        }
    }
}
