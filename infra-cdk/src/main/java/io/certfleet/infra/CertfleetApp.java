package io.certfleet.infra;

import software.amazon.awscdk.App;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.StackProps;

/** The CDK app: {@code npx cdk synth} (or deploy) from {@code infra-cdk/}. */
public final class CertfleetApp {

    private CertfleetApp() {
    }

    public static void main(String[] args) {
        App app = new App();
        StackProps props = StackProps.builder()
                .description("certfleet: TLS certificate inventory and scanning")
                .env(Environment.builder()
                        .account(System.getenv("CDK_DEFAULT_ACCOUNT"))
                        .region(System.getenv("CDK_DEFAULT_REGION"))
                        .build())
                .build();
        CertfleetStack central = new CertfleetStack(app, "Certfleet", props);
        new MemberScannerRoleStack(app, "CertfleetMemberScannerRole", StackProps.builder()
                .description("certfleet: the scanner role of a member account (deploy with a StackSet)")
                .build(), central.settings().scan().scannerRoleName());
        app.synth();
    }
}
