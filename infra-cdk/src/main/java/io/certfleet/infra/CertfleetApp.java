package io.certfleet.infra;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import io.github.cdklabs.cdknag.NagPackProps;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.StackProps;

/** The CDK app: {@code npx cdk synth} (or deploy) from {@code infra-cdk/}. */
public final class CertfleetApp {

    private CertfleetApp() {
    }

    public static void main(String[] args) {
        App app = new App();
        try {
            build(app, Environment.builder()
                    .account(System.getenv("CDK_DEFAULT_ACCOUNT"))
                    .region(System.getenv("CDK_DEFAULT_REGION"))
                    .build());
        } catch (DeploymentContext.InvalidContextException | io.certfleet.core.policy.InvalidPolicyException wrong) {
            // What the user got wrong, said plainly (not under a stack trace), and cdk synth fails.
            System.err.println(wrong.getMessage());
            System.exit(2);
        }
        app.synth();
    }

    /** Both stacks, with cdk-nag's AWS Solutions checks on every construct (an unsuppressed error fails synth). */
    static Stacks build(App app, Environment environment) {
        CertfleetStack central = new CertfleetStack(app, "Certfleet", StackProps.builder()
                .description("certfleet: TLS certificate inventory and scanning")
                .env(environment)
                .build());
        MemberAccountStack member = new MemberAccountStack(app, "CertfleetMemberAccount", StackProps.builder()
                .description("certfleet: a member account's scanner role and ACM event forwarding (deploy with a "
                        + "StackSet)")
                .build(), central.settings().scan().scannerRoleName(), central.settings().alerts().eventBusName());
        MemberRotationStack rotation = new MemberRotationStack(app, "CertfleetMemberRotation", StackProps.builder()
                .description("certfleet: a member account's opt-in rotation role (deploy once per account, e.g. "
                        + "with a StackSet in one region)")
                .build(), central.settings().rotation().rotationRoleName());
        Aspects.of(app).add(new AwsSolutionsChecks(NagPackProps.builder().verbose(true).build()));
        return new Stacks(central, member, rotation);
    }

    record Stacks(CertfleetStack central, MemberAccountStack member, MemberRotationStack rotation) {
    }
}
