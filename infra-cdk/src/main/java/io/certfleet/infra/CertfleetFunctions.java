package io.certfleet.infra;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;

/**
 * How every certfleet function is built: the one deployed jar, Java 21 on Graviton, 1 GiB, SnapStart on published
 * versions (the handlers prime their clients and the policy catalogue before the snapshot), a {@code live} alias
 * that schedules and state machines invoke (so they always reach a snapshotted version), its own role that may write
 * its own log group and nothing else until the caller grants more, and that log group, kept a month.
 */
final class CertfleetFunctions {

    /** What schedules and state machines invoke: the latest published version, restored from its snapshot. */
    static final String ALIAS = "live";

    private CertfleetFunctions() {
    }

    /** A deployed function: its role (for grants), the function and the alias to invoke. */
    record Deployed(Function function, Alias live) {
    }

    static Deployed create(Construct scope, String id, String purpose, String handler, Code code,
                           Map<String, String> environment, Duration timeout, String roleName,
                           Integer reservedConcurrency) {
        LogGroup logs = LogGroup.Builder.create(scope, id + "Logs").retention(RetentionDays.ONE_MONTH)
                .removalPolicy(RemovalPolicy.DESTROY).build();
        Role role = Role.Builder.create(scope, id + "Role")
                .roleName(roleName)
                .description("certfleet: " + purpose)
                .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
                .build();
        logs.grantWrite(role);
        Nag.suppress(role, "AwsSolutions-IAM5", "Lambda names its log streams at run time; the role may write only "
                + "to streams of its own function's log group", List.of("/^Resource::<.*" + id + "Logs.*\\.Arn>:\\*$/g"));
        Function function = Function.Builder.create(scope, id)
                .description("certfleet: " + purpose)
                .runtime(Runtime.JAVA_21)
                .architecture(Architecture.ARM_64)
                .handler(handler)
                .code(code)
                .memorySize(1024)
                .timeout(timeout)
                .environment(environment)
                .role(role)
                .logGroup(logs)
                .snapStart(SnapStartConf.ON_PUBLISHED_VERSIONS)
                .reservedConcurrentExecutions(reservedConcurrency)
                .build();
        Nag.suppress(function, "AwsSolutions-L1", "Java 21 is the runtime the design fixes (maven.compiler.release "
                + "21); SnapStart supports it; move with the build's release, not before", List.of());
        Alias live = Alias.Builder.create(scope, id + "Live")
                .aliasName(ALIAS)
                .version(function.getCurrentVersion())
                .build();
        return new Deployed(function, live);
    }
}
