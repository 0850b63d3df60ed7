package io.certfleet.infra;

import io.certfleet.adapters.policyfile.YamlPolicyFile;
import io.certfleet.core.policy.PolicySet;
import io.certfleet.wiring.ProbeOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.LayerVersion;
import software.amazon.awscdk.services.lambda.Runtime;
import software.constructs.Construct;

/**
 * The deployment's policy file, shipped to the functions that judge (prober, judge, alert functions) as a Lambda
 * layer: it appears at {@value #MOUNTED} and {@code CERTFLEET_POLICY_FILE} points there. The file is read with the
 * functions' own parser at synth time, so a broken policy fails {@code cdk synth} with file, line, field and reason
 * instead of failing every invocation after the deploy.
 */
public final class PolicyLayer extends Construct {

    static final String MOUNTED = "/opt/certfleet/policy.yaml";

    private final LayerVersion layer;
    private final PolicySet policies;

    public PolicyLayer(Construct scope, String id, Path file) {
        super(scope, id);
        this.policies = YamlPolicyFile.read(file);
        this.layer = LayerVersion.Builder.create(this, "Layer")
                .description("certfleet policy: " + policies.profiles().size() + " profile(s), default "
                        + policies.defaultProfile())
                .code(Code.fromAsset(staged(file).toString()))
                .compatibleRuntimes(List.of(Runtime.JAVA_21))
                .compatibleArchitectures(List.of(Architecture.ARM_64))
                .build();
    }

    /** Adds the layer to a function and points it at the file. */
    public void attachTo(Function function) {
        function.addLayers(layer);
        function.addEnvironment(ProbeOptions.POLICY_FILE_VARIABLE, MOUNTED);
    }

    public PolicySet policies() {
        return policies;
    }

    /** A directory holding only {@code certfleet/policy.yaml}: what the layer unpacks under {@code /opt}. */
    private static Path staged(Path file) {
        try {
            Path directory = Files.createTempDirectory("certfleet-policy-layer");
            Path target = directory.resolve("certfleet").resolve("policy.yaml");
            Files.createDirectories(target.getParent());
            Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stage the policy file " + file + " for its layer", e);
        }
    }
}
