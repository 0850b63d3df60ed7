package io.certfleet.cli;

import io.certfleet.adapters.aws.AwsClients;
import io.certfleet.adapters.tls.ConnectTo;
import io.certfleet.api.Json;
import io.certfleet.core.drill.DrillFault;
import io.certfleet.core.drill.DrillSpec;
import io.certfleet.core.drill.DrillableEnvironments;
import io.certfleet.local.LocalRotation;
import io.certfleet.local.drill.BrokenCertificates;
import io.certfleet.local.drill.DrillRunner;
import io.certfleet.local.pki.IssuedCertificate;
import io.certfleet.wiring.Wiring;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code certfleet drill}: a chaos experiment on one staging endpoint. A deliberately broken certificate goes
 * through the normal rotation workflow; the drill proves that the canary catches it, the rollback restores the
 * endpoint, the owner is alerted and the events are emitted, and says how long detection and recovery took.
 */
@Command(name = "drill", mixinStandardHelpOptions = true,
        description = {"Rotates a deliberately broken certificate into one endpoint and proves that the canary "
                + "catches it and the rollback restores the endpoint.",
                "Only endpoints whose certificate's environment is drillable (" + DrillableEnvironments.VARIABLE
                        + ", default staging). The broken certificate is deleted afterwards.",
                "Exit 0 every check held; 1 the drill found a gap (not caught, not restored, no alert or events); "
                        + "2 usage; 3 refused (environment, unknown binding, lock held, breaker open) or AWS "
                        + "unreachable."})
final class DrillCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    InventoryOptions inventory;

    @Mixin
    CanaryNetworkOptions canaries;

    @Option(names = "--binding", required = true, paramLabel = "TYPE:RESOURCE_ID",
            description = "The endpoint, as the inventory names it: ELBV2_LISTENER:<listener ARN>, "
                    + "ELB_LISTENER:loadbalancer/NAME:PORT, CLOUDFRONT:<distribution id>, APIGATEWAY_DOMAIN:<domain>.")
    String binding;

    @Option(names = "--fault", paramLabel = "FAULT", defaultValue = "wrong-host",
            description = "What is broken: expired, wrong-host, incomplete-chain, weak-key (default: ${DEFAULT-VALUE}).")
    String fault;

    @Option(names = "--certificate", paramLabel = "ARN",
            description = "Which of the endpoint's certificates (a listener with SNI certificates has several; "
                    + "default: its only or default one).")
    String certificate;

    @Option(names = "--issuer-cert", paramLabel = "PEM",
            description = "Sign the broken certificate with this CA (its chain may follow), one the endpoint's clients "
                    + "trust; with --issuer-key. Default: a CA made for the drill (the canary also sees an untrusted "
                    + "root).")
    Path issuerCert;

    @Option(names = "--issuer-key", paramLabel = "PEM", description = "The --issuer-cert CA's private key.")
    Path issuerKey;

    @Option(names = "--expires-after-seconds", paramLabel = "N", defaultValue = "20",
            description = "For --fault expired: the certificate expires this long after it is made (ACM imports "
                    + "nothing expired); the canary checks again after it (5-3600, default ${DEFAULT-VALUE}).")
    int expiresAfterSeconds;

    @Option(names = "--requested-by", paramLabel = "NAME", description = "Who runs the drill (default: $USER).")
    String requestedBy;

    @Override
    public Integer call() throws Exception {
        DrillRunner.Options options = options();
        List<ConnectTo> rules = canaries.rules(spec);
        try (AwsClients aws = AwsClients.fromEnvironment()) {
            Wiring wiring = canaries.wiring(aws, inventory, rules);
            DrillRunner.Report report;
            try {
                report = new DrillRunner(new LocalRotation(LocalRotation.localstackFolder())).run(wiring, options,
                        broken -> { });
            } catch (DrillRunner.DrillRefused refused) {
                throw new CommandFailure("drill refused: " + refused.getMessage());
            }
            PrintWriter out = spec.commandLine().getOut();
            if (inventory.json) {
                out.println(Json.pretty(DrillView.json(report)));
            } else {
                DrillView.print(out, report);
            }
            return report.passed() ? ExitCode.OK : ExitCode.FINDINGS;
        }
    }

    /** Every argument checked before any AWS call. */
    private DrillRunner.Options options() {
        DrillFault parsedFault;
        DrillSpec.Binding parsedBinding;
        try {
            parsedFault = DrillFault.parse(fault);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--fault: " + e.getMessage());
        }
        try {
            parsedBinding = DrillSpec.Binding.parse(binding);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--binding: " + e.getMessage());
        }
        if (expiresAfterSeconds < 5 || expiresAfterSeconds > 3600) {
            throw new ParameterException(spec.commandLine(), "--expires-after-seconds must be 5-3600, got "
                    + expiresAfterSeconds);
        }
        if ((issuerCert == null) != (issuerKey == null)) {
            throw new ParameterException(spec.commandLine(), "--issuer-cert and --issuer-key go together");
        }
        Optional<IssuedCertificate> issuer = Optional.empty();
        if (issuerCert != null) {
            for (Path file : List.of(issuerCert, issuerKey)) {
                if (!Files.isReadable(file)) {
                    throw new ParameterException(spec.commandLine(), file + ": no such file");
                }
            }
            try {
                issuer = Optional.of(BrokenCertificates.loadCa(issuerCert, issuerKey));
            } catch (IOException | RuntimeException e) {
                throw new ParameterException(spec.commandLine(), "--issuer-cert/--issuer-key: " + e.getMessage());
            }
        }
        DrillRunner.Options options = DrillRunner.Options.of(parsedFault, parsedBinding)
                .withExpiresAfter(Duration.ofSeconds(expiresAfterSeconds)).withCertificate(certificate)
                .requestedBy(requestedBy != null ? requestedBy
                        : System.getenv().getOrDefault("USER", "certfleet-cli"));
        return issuer.map(options::withIssuer).orElse(options);
    }
}
