package io.certfleet.infra;

import java.util.List;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.stepfunctions.DefinitionBody;
import software.amazon.awscdk.services.stepfunctions.IChainable;
import software.amazon.awscdk.services.stepfunctions.LogLevel;
import software.amazon.awscdk.services.stepfunctions.LogOptions;
import software.amazon.awscdk.services.stepfunctions.StateMachine;
import software.amazon.awscdk.services.stepfunctions.StateMachineType;
import software.constructs.Construct;

/**
 * certfleet's Step Functions workflows, built one way: Standard, every state transition logged (without inputs and
 * outputs: they hold plans, not secrets, but are large) and traced with X-Ray, so an operator can follow one item
 * through an execution; the role's wildcards named for cdk-nag.
 */
final class Workflows {

    private Workflows() {
    }

    /** {@code StateMachine} in {@code scope}, its logs kept {@code retention}; {@code owner}: the construct id. */
    static StateMachine standard(Construct scope, String owner, IChainable definition, Duration timeout,
                                 RetentionDays retention) {
        StateMachine stateMachine = StateMachine.Builder.create(scope, "StateMachine")
                .stateMachineType(StateMachineType.STANDARD)
                .definitionBody(DefinitionBody.fromChainable(definition))
                .timeout(timeout)
                .tracingEnabled(true)
                .logs(LogOptions.builder()
                        .destination(LogGroup.Builder.create(scope, "StateMachineLogs")
                                .retention(retention).removalPolicy(RemovalPolicy.DESTROY).build())
                        .level(LogLevel.ALL)
                        .includeExecutionData(false)
                        .build())
                .build();
        Nag.suppress(stateMachine.getRole(), "AwsSolutions-IAM5", "X-Ray's and CloudWatch Logs' delivery actions "
                + "take no resource (Resource *), and invoking a function's live alias is invoking one of its "
                + "versions (<function>.Arn:*, certfleet's own functions only)",
                List.of("Resource::*", "/^Resource::<" + owner + ".*\\\\.Arn>:\\\\*$/g"));
        return stateMachine;
    }
}
