package io.certfleet.adapters.policyfile;

import io.certfleet.core.finding.FindingCode;
import io.certfleet.core.finding.Severity;
import io.certfleet.core.policy.PolicySet;
import io.certfleet.core.policy.TlsPolicy;
import io.certfleet.core.policy.rotation.RotationSettings;
import io.certfleet.core.policy.rotation.WaveSize;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Writes a policy set as a complete policy file (every field of every profile, no {@code extends}), so that
 * {@code certfleet policy show > policy.yaml} is a starting point that {@link YamlPolicyFile} reads back equal.
 */
public final class PolicyFileWriter {

    private PolicyFileWriter() {
    }

    public static String write(PolicySet policies) {
        StringBuilder yaml = new StringBuilder();
        yaml.append("# certfleet policy file: one TLS profile per environment (see the README, \"Policies\")\n");
        yaml.append("version: ").append(policies.version()).append('\n');
        yaml.append("default: ").append(policies.defaultProfile()).append('\n');
        if (!policies.environments().isEmpty()) {
            yaml.append("environments:\n");
            policies.environments().forEach((environment, profile) -> yaml.append("  ").append(environment)
                    .append(": ").append(profile).append('\n'));
        }
        yaml.append("profiles:\n");
        policies.profiles().forEach((name, policy) -> profile(yaml, name, policy));
        return yaml.toString();
    }

    private static void profile(StringBuilder yaml, String name, TlsPolicy policy) {
        yaml.append("  ").append(name).append(":\n");
        field(yaml, "minProtocol", policy.minVersion().protocolName());
        field(yaml, "maxProtocol", policy.maxVersion().protocolName());
        list(yaml, "cipherSuites", policy.allowedCipherSuites());
        field(yaml, "minRsaBits", Integer.toString(policy.minRsaBits()));
        field(yaml, "minEcBits", Integer.toString(policy.minEcBits()));
        list(yaml, "weakSignatureHashes", policy.weakSignatureHashes().stream().sorted().toList());
        field(yaml, "expiryWarningDays", Long.toString(policy.warningWindow().toDays()));
        list(yaml, "expiryAlertDays", policy.expiryThresholds().days().stream().map(String::valueOf).toList());
        field(yaml, "requireOcspStapling", Boolean.toString(policy.requireOcspStaple()));
        list(yaml, "securityPolicies", policy.allowedSecurityPolicies());
        list(yaml, "keyTypes", policy.allowedKeyTypes().stream().sorted().toList());
        list(yaml, "signatureAlgorithms", policy.allowedSignatureAlgorithms());
        field(yaml, "maxValidityDays", Long.toString(policy.maxValidity().toDays()));
        Map<FindingCode, Severity> overrides = policy.severityOverrides();
        yaml.append("    severity: {").append(overrides.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(entry -> entry.getKey().name() + ": " + entry.getValue().label())
                .collect(Collectors.joining(", "))).append("}\n");
        rotation(yaml, policy.rotation());
    }

    private static void rotation(StringBuilder yaml, RotationSettings rules) {
        yaml.append("    rotation:\n");
        String indent = "  ";
        field(yaml, indent + "mode", rules.mode().name().toLowerCase(Locale.ROOT));
        field(yaml, indent + "rotateBeforeDays", Long.toString(rules.rotateBefore().toDays()));
        field(yaml, indent + "issuer", rules.issuer().toString());
        field(yaml, indent + "waves", rules.waves().stream().map(WaveSize::toString)
                .collect(Collectors.joining(", ", "[", "]")));
        field(yaml, indent + "bakeSeconds", Long.toString(rules.bake().toSeconds()));
        field(yaml, indent + "canaryChecks", Integer.toString(rules.canaryChecks()));
        field(yaml, indent + "changeWindows", quoted(rules.calendar().windows()));
        field(yaml, indent + "freezes", quoted(rules.calendar().freezes()));
        field(yaml, indent + "emergencyDays", Long.toString(rules.emergency().toDays()));
        field(yaml, indent + "approvers", quoted(rules.approvers()));
        field(yaml, indent + "retainOldDays", Long.toString(rules.retainOld().toDays()));
        field(yaml, indent + "negotiationErrorSpike", "{factor: " + rules.spike().factor() + ", minimumIncrease: "
                + rules.spike().minimumIncrease() + "}");
    }

    /** A flow list of double-quoted strings (a window holds ':' and ',' ). */
    private static String quoted(Collection<?> values) {
        return values.stream().map(value -> "\"" + value.toString().replace("\\", "\\\\").replace("\"", "\\\"")
                + "\"").collect(Collectors.joining(", ", "[", "]"));
    }

    private static void field(StringBuilder yaml, String key, String value) {
        yaml.append("    ").append(key).append(": ").append(value).append('\n');
    }

    private static void list(StringBuilder yaml, String key, Collection<String> values) {
        if (values.isEmpty()) {
            yaml.append("    ").append(key).append(": []\n");
            return;
        }
        yaml.append("    ").append(key).append(":\n");
        values.forEach(value -> yaml.append("      - ").append(value).append('\n'));
    }
}
