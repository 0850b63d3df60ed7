package io.certfleet.infra;

import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;

/**
 * How every certfleet function is built: the one deployment jar, Java 21 on Graviton, 1 GiB, a log group kept a
 * month; the caller adds what is particular (a role, reserved concurrency) and builds.
 */
final class CertfleetFunctions {

    private CertfleetFunctions() {
    }

    static Function.Builder builder(Construct scope, String id, String purpose, String handler, Code code,
                                    Map<String, String> environment, Duration timeout) {
        return Function.Builder.create(scope, id)
                .description("certfleet: " + purpose)
                .runtime(Runtime.JAVA_21)
                .architecture(Architecture.ARM_64)
                .handler(handler)
                .code(code)
                .memorySize(1024)
                .timeout(timeout)
                .environment(environment)
                .logGroup(LogGroup.Builder.create(scope, id + "Logs").retention(RetentionDays.ONE_MONTH)
                        .removalPolicy(RemovalPolicy.DESTROY).build());
    }
}
