package io.certfleet.cli;

import io.certfleet.adapters.aws.AwsClients;
import io.certfleet.adapters.policyfile.YamlPolicyFile;
import io.certfleet.adapters.tls.AiaIssuerLookup;
import io.certfleet.adapters.tls.TlsEndpointProber;
import io.certfleet.api.Json;
import io.certfleet.core.compliance.PageRotations;
import io.certfleet.core.conformance.AssessConformance;
import io.certfleet.core.conformance.ConformanceReport;
import io.certfleet.core.conformance.InventoryStandings;
import io.certfleet.core.policy.InvalidPolicyException;
import io.certfleet.core.policy.PolicySet;
import io.certfleet.core.probe.DiagnoseEndpoint;
import io.certfleet.core.probe.ProbeTarget;
import io.certfleet.core.probe.TrustMaterial;
import io.certfleet.report.ConformanceHtml;
import io.certfleet.report.ConformanceJson;
import io.certfleet.wiring.CertfleetSettings;
import io.certfleet.wiring.Wiring;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code certfleet report conformance}: one endpoint's TLS conformance report, check by check with evidence. */
@Command(name = "conformance", mixinStandardHelpOptions = true,
        description = {"The TLS conformance report of one endpoint: the profile it is judged under, each named check "
                + "with pass or fail and its evidence, every protocol and cipher suite it accepts, the chain as "
                + "served, OCSP, and (with --table, when the inventory holds the served certificate) whether its "
                + "rotation is automated, with its rotation history.",
                "Exit code 0 when it conforms, 1 when a check fails or the endpoint cannot be reached, 2 on usage "
                        + "errors."})
final class ConformanceCommand implements Callable<Integer> {


    @Spec
    CommandSpec spec;

    @Option(names = "--endpoint", paramLabel = "HOST:PORT", required = true,
            description = "The endpoint: host:port or [IPv6]:port.")
    String endpoint;

    @Option(names = "--sni", paramLabel = "NAME",
            description = "Server name to send and verify (default: the host name; none for an IP address).")
    String sni;

    @Option(names = "--policy", paramLabel = "NAME",
            description = "The profile to judge under (default: the one the inventory's environment maps to, else "
                    + "the default profile).")
    String policy;

    @Option(names = "--policy-file", paramLabel = "FILE",
            description = "Profiles from a policy file (YAML) instead of the built-in ones (default: "
                    + "CERTFLEET_POLICY_FILE when set).")
    Path policyFile;

    @Option(names = "--ca-file", paramLabel = "PEM",
            description = "Trust these certificates instead of the JDK's roots (repeatable).")
    List<Path> caFiles = new ArrayList<>();

    @Option(names = "--expect-sha256", paramLabel = "HEX",
            description = "The SHA-256 fingerprint the served leaf must have (colons allowed).")
    String expectSha256;

    @Option(names = "--table", paramLabel = "NAME",
            description = "Look the served certificate up in this inventory table (AWS credentials or "
                    + "AWS_ENDPOINT_URL needed): owner, bindings, rotation automation and history.")
    String table;

    @Option(names = "--timeout-ms", paramLabel = "N", defaultValue = "5000",
            description = "Connect and handshake timeout per connection, in milliseconds (default: ${DEFAULT-VALUE}).")
    int timeoutMs;

    @Option(names = "--html", paramLabel = "FILE", description = "Also write the report as one self-contained HTML "
            + "page.")
    Path html;

    @Option(names = "--json", description = "Print the report as JSON instead of text.")
    boolean json;

    @Override
    public Integer call() {
        ProbeTarget target = target();
        PolicySet policies = policies();
        if (policy != null && policies.profile(policy).isEmpty()) {
            throw usage("--policy: no profile is named '" + policy + "' (profiles: "
                    + String.join(", ", policies.profiles().keySet()) + ")");
        }
        if (timeoutMs < 1 || timeoutMs > 300_000) {
            throw usage("--timeout-ms must be 1-300000, got " + timeoutMs);
        }
        Optional<String> expected = expected();
        checkHtmlDirectory();
        TrustMaterial trust = trust();
        Duration timeout = Duration.ofMillis(timeoutMs);
        ConformanceReport report;
        if (table == null) {
            report = assess(policies, trust, Optional.empty(), target, expected, timeout);
        } else {
            try (AwsClients aws = AwsClients.fromEnvironment()) {
                Wiring wiring = new Wiring(aws, Clock.systemUTC(),
                        CertfleetSettings.fromEnvironment(System.getenv()).withTableName(table));
                if (!wiring.inventoryTable().exists()) {
                    throw new CommandFailure("inventory table '" + table + "' does not exist in "
                            + aws.settings().region() + ": run 'certfleet scan --create-table' first, or leave "
                            + "--table out");
                }
                InventoryStandings standings = new InventoryStandings(wiring.inventory(),
                        new PageRotations(wiring.rotation().rotations()), policies);
                report = assess(policies, trust, Optional.of(standings), target, expected, timeout);
            }
        }
        write(report);
        return report.conforms() ? ExitCode.OK : ExitCode.FINDINGS;
    }

    private ConformanceReport assess(PolicySet policies, TrustMaterial trust,
                                            Optional<InventoryStandings> standings, ProbeTarget target,
                                            Optional<String> expected, Duration timeout) {
        Clock clock = Clock.systemUTC();
        AssessConformance assess = new AssessConformance(new TlsEndpointProber(4),
                new DiagnoseEndpoint(trust, new AiaIssuerLookup(timeout), clock), policies, standings, clock);
        return assess.assess(new AssessConformance.Request(target, Optional.ofNullable(policy), expected, timeout));
    }

    private void write(ConformanceReport report) {
        if (html != null) {
            try {
                Files.writeString(html, ConformanceHtml.render(report), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (json) {
            spec.commandLine().getOut().println(Json.pretty(ConformanceJson.of(report)));
        } else {
            new ConformanceView(spec.commandLine().getOut()).print(report);
            if (html != null) {
                spec.commandLine().getOut().println("HTML report: " + html.toAbsolutePath());
            }
        }
    }

    private ProbeTarget target() {
        try {
            return ProbeTarget.parse(endpoint, Optional.ofNullable(sni));
        } catch (IllegalArgumentException e) {
            throw usage("--endpoint " + e.getMessage());
        }
    }

    private PolicySet policies() {
        Optional<Path> file = Optional.ofNullable(policyFile).or(() -> Optional.ofNullable(
                System.getenv("CERTFLEET_POLICY_FILE")).filter(name -> !name.isBlank()).map(Path::of));
        if (file.isEmpty()) {
            return PolicySet.builtIn();
        }
        try {
            return YamlPolicyFile.read(file.get());
        } catch (InvalidPolicyException e) {
            throw usage((policyFile != null ? "--policy-file " : "CERTFLEET_POLICY_FILE ") + e.getMessage());
        }
    }

    private TrustMaterial trust() {
        return TlsOptions.trust(caFiles, this::usage);
    }

    private Optional<String> expected() {
        return TlsOptions.fingerprint(expectSha256, this::usage);
    }

    private void checkHtmlDirectory() {
        if (html == null) {
            return;
        }
        Path parent = html.toAbsolutePath().getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw usage("--html: no directory for " + html + ": create " + parent + " first");
        }
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
