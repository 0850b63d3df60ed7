package io.certfleet.cli;

import io.certfleet.adapters.policyfile.YamlPolicyFile;
import io.certfleet.adapters.tls.AddressResolver;
import io.certfleet.adapters.tls.AiaIssuerLookup;
import io.certfleet.adapters.tls.ConnectTo;
import io.certfleet.adapters.tls.TlsEndpointProber;
import io.certfleet.api.Json;
import io.certfleet.api.ProbeJson;
import io.certfleet.core.policy.InvalidPolicyException;
import io.certfleet.core.policy.TlsPolicy;
import io.certfleet.core.probe.DiagnoseEndpoint;
import io.certfleet.core.probe.Diagnosis;
import io.certfleet.core.probe.ProbeEndpoints;
import io.certfleet.core.probe.ProbeTarget;
import io.certfleet.core.probe.TrustMaterial;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code certfleet probe}: real TLS handshakes that name the root cause of every failure. */
@Command(name = "probe", mixinStandardHelpOptions = true,
        description = {"Probes TLS endpoints: the chain as served, the negotiated protocol and cipher, every TLS "
                + "version and suite the server accepts, SNI behaviour and a stapled OCSP response, judged under a "
                + "TLS policy. Each cause is named with its finding code (see the README).",
                "Exit code 0 when every target is healthy, 1 when any has a cause, 2 on usage errors."})
final class ProbeCommand implements Callable<Integer> {

    private static final int MAX_TARGETS_FILE_BYTES = 16 * 1024 * 1024;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "TARGET", arity = "0..*",
            description = "host:port, [IPv6]:port or an https:// URL (e.g. example.com:443, 10.0.0.5:8443, "
                    + "[::1]:443, https://example.com/login).")
    List<String> targets = new ArrayList<>();

    @Option(names = "--targets-file", paramLabel = "FILE",
            description = "One target per line, optionally followed by an SNI name; # starts a comment.")
    Path targetsFile;

    @Option(names = "--sni", paramLabel = "NAME",
            description = "Server name to send and verify for targets that name none (default: the target's host "
                    + "name; none for IP addresses).")
    String sni;

    @Option(names = "--ca-file", paramLabel = "PEM",
            description = "Trust these certificates instead of the JDK's roots (repeatable): self-signed ones are "
                    + "roots, others known intermediates.")
    List<Path> caFiles = new ArrayList<>();

    @ArgGroup(exclusive = true)
    PolicyChoice policyChoice = new PolicyChoice();

    static final class PolicyChoice {
        @Option(names = "--policy", paramLabel = "NAME",
                description = "A built-in policy: public-web (default), internal-api, partner, iot.")
        String name;

        @Option(names = "--policy-file", paramLabel = "FILE",
                description = "A policy file (YAML); its default profile applies.")
        Path file;
    }

    @Option(names = "--expect-sha256", paramLabel = "HEX",
            description = "The SHA-256 fingerprint the served leaf must have (colons allowed); else "
                    + "WRONG_CERTIFICATE.")
    String expectSha256;

    @Option(names = "--timeout-ms", paramLabel = "N", defaultValue = "5000",
            description = "Connect and handshake timeout per connection, in milliseconds (default: ${DEFAULT-VALUE}).")
    int timeoutMs;

    @Option(names = "--concurrency", paramLabel = "N", defaultValue = "32",
            description = "Targets probed at once (default: ${DEFAULT-VALUE}); at most 4 connections per host.")
    int concurrency;

    @Option(names = "--connect-to", paramLabel = "HOST:PORT:HOST2:PORT2",
            description = "As curl's: connect to HOST2:PORT2 whenever HOST:PORT is probed, still sending and "
                    + "verifying HOST's name (repeatable; an empty part matches or keeps any).")
    List<String> connectTo = new ArrayList<>();

    @Option(names = "--json", description = "Print one JSON array, one object per target in input order.")
    boolean json;

    @Override
    public Integer call() {
        List<ProbeTarget> parsed = targets();
        TlsPolicy policy = policy();
        TrustMaterial trust = trust();
        Optional<String> expected = expectedFingerprint();
        validateNumbers();
        Duration timeout = Duration.ofMillis(timeoutMs);
        List<ConnectTo> redirects = connectTo();
        ProbeEndpoints probe = new ProbeEndpoints(new TlsEndpointProber(4,
                ConnectTo.resolver(redirects, AddressResolver.DNS)),
                new DiagnoseEndpoint(trust, new AiaIssuerLookup(timeout), Clock.systemUTC()));
        List<Diagnosis> diagnoses = probe.probe(parsed, policy, expected, timeout, concurrency);
        if (json) {
            spec.commandLine().getOut().println(Json.pretty(ProbeJson.diagnoses(diagnoses)));
        } else {
            new ProbeView(spec.commandLine().getOut()).print(diagnoses, policy);
        }
        return diagnoses.stream().allMatch(Diagnosis::ok) ? ExitCode.OK : ExitCode.FINDINGS;
    }

    private List<ConnectTo> connectTo() {
        List<ConnectTo> rules = new ArrayList<>();
        for (String rule : connectTo) {
            try {
                rules.add(ConnectTo.parse(rule));
            } catch (IllegalArgumentException e) {
                throw usage("--connect-to " + e.getMessage());
            }
        }
        return rules;
    }

    private List<ProbeTarget> targets() {
        Optional<String> defaultSni = Optional.ofNullable(sni);
        List<ProbeTarget> parsed = new ArrayList<>();
        for (String target : targets) {
            parsed.add(parse(target, defaultSni, "target"));
        }
        if (targetsFile != null) {
            parsed.addAll(targetsFromFile(defaultSni));
        }
        if (parsed.isEmpty()) {
            throw usage(targetsFile != null ? "--targets-file " + targetsFile + ": no target in it (only blank "
                    + "lines and comments)" : "no target given: name host:port targets or a --targets-file");
        }
        return parsed;
    }

    private List<ProbeTarget> targetsFromFile(Optional<String> defaultSni) {
        List<String> lines;
        try {
            if (Files.size(targetsFile) > MAX_TARGETS_FILE_BYTES) {
                throw usage("--targets-file " + targetsFile + ": larger than 16 MiB");
            }
            lines = Files.readAllLines(targetsFile, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw usage("--targets-file " + targetsFile + ": no such file");
        } catch (IOException | java.io.UncheckedIOException e) {
            throw usage("--targets-file " + targetsFile + ": cannot be read as UTF-8 text (" + e.getMessage() + ")");
        }
        List<ProbeTarget> parsed = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).replaceFirst("#.*", "").strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] words = line.split("\\s+");
            String where = targetsFile + ":" + (i + 1);
            if (words.length > 2) {
                throw usage(where + ": expected 'host:port [sni]', got '" + line + "'");
            }
            parsed.add(parse(words[0], words.length == 2 ? Optional.of(words[1]) : defaultSni, where));
        }
        return parsed;
    }

    private ProbeTarget parse(String text, Optional<String> targetSni, String where) {
        try {
            return ProbeTarget.parse(text, targetSni);
        } catch (IllegalArgumentException e) {
            throw usage(where + " " + e.getMessage());
        }
    }

    private TlsPolicy policy() {
        if (policyChoice.file != null) {
            try {
                return YamlPolicyFile.read(policyChoice.file).defaultPolicy();
            } catch (InvalidPolicyException e) {
                throw usage("--policy-file " + e.getMessage());
            }
        }
        String name = policyChoice.name == null ? TlsPolicy.PUBLIC_WEB.name() : policyChoice.name;
        return TlsPolicy.builtIn(name).orElseThrow(() -> usage("--policy: no built-in policy is named '" + name
                + "' (built-in: " + TlsPolicy.BUILT_IN.stream().map(TlsPolicy::name)
                .collect(Collectors.joining(", ")) + "; or give --policy-file)"));
    }

    private TrustMaterial trust() {
        return TlsOptions.trust(caFiles, this::usage);
    }

    private Optional<String> expectedFingerprint() {
        return TlsOptions.fingerprint(expectSha256, this::usage);
    }

    private void validateNumbers() {
        if (timeoutMs < 1 || timeoutMs > 300_000) {
            throw usage("--timeout-ms must be 1-300000, got " + timeoutMs);
        }
        if (concurrency < 1 || concurrency > 10_000) {
            throw usage("--concurrency must be 1-10000, got " + concurrency);
        }
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
