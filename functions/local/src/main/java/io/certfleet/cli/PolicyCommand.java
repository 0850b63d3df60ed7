package io.certfleet.cli;

import io.certfleet.adapters.policyfile.PolicyFileWriter;
import io.certfleet.adapters.policyfile.YamlPolicyFile;
import io.certfleet.core.policy.InvalidPolicyException;
import io.certfleet.core.policy.PolicySet;
import io.certfleet.core.policy.TlsPolicy;
import io.certfleet.core.policy.rotation.RotationMode;
import io.certfleet.core.policy.rotation.RotationSettings;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code certfleet policy check FILE}: validates a policy file and says what it means. */
@Command(name = "policy", mixinStandardHelpOptions = true,
        description = "Policy files (YAML): one TLS profile per environment.",
        subcommands = {PolicyCommand.Check.class, PolicyCommand.Show.class})
final class PolicyCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = {"Prints a complete policy file: the built-in profiles, or those of --file with every "
                    + "inherited field spelled out.", "Start your own with: certfleet policy show > policy.yaml"})
    static final class Show implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @picocli.CommandLine.Option(names = "--file", paramLabel = "FILE", description = "A policy file to expand.")
        Path file;

        @Override
        public Integer call() {
            PolicySet policies;
            if (file == null) {
                policies = PolicySet.builtIn();
            } else {
                try {
                    policies = YamlPolicyFile.read(file);
                } catch (InvalidPolicyException e) {
                    spec.commandLine().getErr().println("certfleet: " + e.getMessage());
                    return ExitCode.FINDINGS;
                }
            }
            spec.commandLine().getOut().print(PolicyFileWriter.write(policies));
            spec.commandLine().getOut().flush();
            return ExitCode.OK;
        }
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = {"Validates a policy file: exit 0 and a summary of its profiles when it is sound; exit 1 and"
                    + " one line 'FILE:LINE: FIELD: REASON' on stderr when it is not.",
                    "Unknown fields, cipher suites, security policies, key types, finding codes and severities are "
                            + "errors, never ignored."})
    static final class Check implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "FILE", description = "The policy file.")
        Path file;

        @Override
        public Integer call() {
            if (!java.nio.file.Files.isRegularFile(file) || !java.nio.file.Files.isReadable(file)) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), file + ": "
                        + (java.nio.file.Files.exists(file) ? "not a readable file" : "no such file"));
            }
            PolicySet policies;
            try {
                policies = YamlPolicyFile.read(file);
            } catch (InvalidPolicyException e) {
                // As linters report: every problem, one FILE:LINE: FIELD: REASON line each, sorted by line.
                PrintWriter err = spec.commandLine().getErr();
                e.problems().forEach(problem -> err.println(problem.getMessage()));
                err.println("certfleet: " + e.problems().size() + " problem(s) in " + file);
                return ExitCode.FINDINGS;
            }
            PrintWriter out = spec.commandLine().getOut();
            out.printf("%s: valid (format version %d), %d profile(s), default %s%n", file, policies.version(),
                    policies.profiles().size(), policies.defaultProfile());
            policies.environments().forEach((environment, profile) ->
                    out.printf("  environment %s -> %s%n", environment, profile));
            TextTable table = new TextTable("PROFILE", "PROTOCOLS", "SUITES", "SECURITY POLICIES", "KEYS",
                    "MAX VALIDITY", "ALERTS (DAYS)", "ROTATION");
            for (TlsPolicy policy : policies.profiles().values()) {
                table.row(policy.name(), policy.minVersion().protocolName() + "-" + policy.maxVersion().protocolName(),
                        Integer.toString(policy.allowedCipherSuites().size()),
                        policy.allowedSecurityPolicies().isEmpty() ? "any that fits"
                                : Integer.toString(policy.allowedSecurityPolicies().size()),
                        policy.allowedKeyTypes().stream().sorted().map(type -> type + keyMinimum(policy, type))
                                .collect(Collectors.joining(", ")),
                        policy.maxValidity().toDays() + " days",
                        policy.expiryThresholds().days().stream().map(String::valueOf)
                                .collect(Collectors.joining(",")),
                        rotation(policy.rotation()));
            }
            table.print(out);
            return ExitCode.OK;
        }

        /** {@code auto 30d before, acm-public, waves 1,50%,100%, 2 window(s), 1 freeze(s)}. */
        private static String rotation(RotationSettings rules) {
            if (rules.mode() == RotationMode.OFF) {
                return "off (alert only)";
            }
            StringBuilder text = new StringBuilder(rules.mode().name().toLowerCase(Locale.ROOT))
                    .append(' ').append(rules.rotateBefore().toDays()).append("d before, ").append(rules.issuer()
                            .kind().label()).append(", waves ").append(rules.waves().stream().map(Object::toString)
                            .collect(Collectors.joining(",")));
            if (!rules.calendar().windows().isEmpty()) {
                text.append(", ").append(rules.calendar().windows().size()).append(" window(s)");
            }
            if (!rules.calendar().freezes().isEmpty()) {
                text.append(", ").append(rules.calendar().freezes().size()).append(" freeze(s)");
            }
            return text.toString();
        }

        private static String keyMinimum(TlsPolicy policy, String type) {
            return switch (type) {
                case "RSA" -> " >= " + policy.minRsaBits();
                case "EC" -> " >= " + policy.minEcBits();
                default -> "";
            };
        }
    }
}
