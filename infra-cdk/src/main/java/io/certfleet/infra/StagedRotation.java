package io.certfleet.infra;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.events.EventPattern;
import software.amazon.awscdk.services.events.IEventBus;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.RuleTargetInput;
import software.amazon.awscdk.services.events.Schedule;
import software.amazon.awscdk.services.events.targets.SfnStateMachine;
import software.amazon.awscdk.services.events.targets.SfnStateMachineProps;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.sns.ITopic;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.stepfunctions.CatchProps;
import software.amazon.awscdk.services.stepfunctions.Choice;
import software.amazon.awscdk.services.stepfunctions.Condition;
import software.amazon.awscdk.services.stepfunctions.Errors;
import software.amazon.awscdk.services.stepfunctions.IChainable;
import software.amazon.awscdk.services.stepfunctions.JsonPath;
import software.amazon.awscdk.services.stepfunctions.Pass;
import software.amazon.awscdk.services.stepfunctions.Result;
import software.amazon.awscdk.services.stepfunctions.RetryProps;
import software.amazon.awscdk.services.stepfunctions.StateMachine;
import software.amazon.awscdk.services.stepfunctions.Succeed;
import software.amazon.awscdk.services.stepfunctions.TaskInput;
import software.amazon.awscdk.services.stepfunctions.Wait;
import software.amazon.awscdk.services.stepfunctions.WaitTime;
import software.amazon.awscdk.services.stepfunctions.tasks.LambdaInvoke;
import software.constructs.Construct;

/**
 * Staged rotation in AWS: one Step Functions Standard execution per rotation. {@code Start} plans it (every binding
 * of every location of the certificate, in waves) and takes the lock; a dry run or a refusal ends there. A rotation
 * outside its change window waits for it in a Wait state (no polling). {@code Issue} finds the replacement (or issues one:
 * acm-public, acm-private; while ACM waits for DNS validation, {@code WaitToIssue} asks again every five
 * minutes; so does a rotation while the circuit breaker is open) and runs its preflight. Then wave by wave ({@code PickWave}, {@code SwapWave}: a Map of the wave's bindings, at most
 * {@code maxConcurrency} at once), each binding is swapped and its canary probes it {@code canaryChecks} times over
 * the bake ({@code CanaryCheck} / {@code CanaryWait}) before {@code Judge} decides; {@code WaveDone} goes on, or
 * {@code Rollback} puts back every binding touched ({@code RestoreAll}, each verified on the wire) and
 * {@code RolledBack} tells the owner. Every task is retried on Lambda's own errors and caught; every end releases
 * the lock. A {@code RotationRequested} event on certfleet's bus starts an execution.
 */
public final class StagedRotation extends Construct {

    static final String START = "io.certfleet.handlers.RotationStartHandler::handleRequest";
    static final String ISSUE = "io.certfleet.handlers.RotationIssueHandler::handleRequest";
    static final String SWAP = "io.certfleet.handlers.RotationSwapHandler::handleRequest";
    static final String CANARY = "io.certfleet.handlers.RotationCanaryHandler::handleRequest";
    static final String FINISH = "io.certfleet.handlers.RotationFinishHandler::handleRequest";
    static final String SIGNAL = "io.certfleet.handlers.RotationSignalHandler::handleRequest";
    static final String RETIRE = "io.certfleet.handlers.RotationRetireHandler::handleRequest";
    /** Fixed, so that member accounts' rotation roles can trust them by name. */
    static final List<String> MEMBER_ROLE_USERS = List.of("certfleet-rotation-issue", "certfleet-rotation-swap",
            "certfleet-rotation-canary", "certfleet-rotation-retire");
    static final List<String> LAMBDA_ERRORS = List.of("Lambda.ServiceException", "Lambda.AWSLambdaException",
            "Lambda.SdkClientException", "Lambda.TooManyRequestsException");

    /**
     * How rotations run: the member accounts' rotation role, how many bindings of a wave change at once, and the
     * environments whose endpoints may be drilled ({@code certfleet drill}; comma-separated, empty: none).
     */
    public record Settings(String rotationRoleName, int maxConcurrency, String drillableEnvironments) {
    }

    private final CertfleetFunctions.Deployed start;
    private final CertfleetFunctions.Deployed issue;
    private final CertfleetFunctions.Deployed swap;
    private final CertfleetFunctions.Deployed canary;
    private final CertfleetFunctions.Deployed finish;
    private final CertfleetFunctions.Deployed signal;
    private final CertfleetFunctions.Deployed retire;
    private final StateMachine stateMachine;

    private final FailedInvocations failed;

    public StagedRotation(Construct scope, String id, InventoryTable inventory, Code code, IEventBus bus,
                          ITopic topic, Settings settings, FailedInvocations failed) {
        super(scope, id);
        this.failed = failed;
        Map<String, String> environment = new HashMap<>(Map.of(
                "CERTFLEET_TABLE", inventory.table().getTableName(),
                "CERTFLEET_EVENT_BUS", bus.getEventBusName(),
                "CERTFLEET_ALERT_TOPIC_ARN", topic.getTopicArn(),
                "CERTFLEET_ROTATION_ROLE", settings.rotationRoleName(),
                "CERTFLEET_DRILLABLE_ENVIRONMENTS", settings.drillableEnvironments(),
                "JAVA_TOOL_OPTIONS", "-XX:+TieredCompilation -XX:TieredStopAtLevel=1"));
        this.start = function("Planner", "plans a rotation and takes its lock", START, code, environment, null);
        this.issue = function("Issuer", "finds a rotation's replacement and runs its preflight", ISSUE, code,
                environment, MEMBER_ROLE_USERS.get(0));
        this.swap = function("Swapper", "swaps or restores one binding of a rotation", SWAP, code, environment,
                MEMBER_ROLE_USERS.get(1));
        this.canary = function("Canary", "probes a swapped binding and judges it", CANARY, code, environment,
                MEMBER_ROLE_USERS.get(2));
        this.finish = function("Recorder", "records waves and ends rotations", FINISH, code, environment, null);
        this.signal = function("Signals", "marks running rotations for rollback (event, alarm)", SIGNAL, code,
                environment, null);
        this.retire = function("Retirer", "deletes certificates rotations replaced, after their retention, if unused",
                RETIRE, code, environment, MEMBER_ROLE_USERS.get(3));
        grantLeastPrivilege(inventory, bus, topic, settings.rotationRoleName());
        // An approval or a change window may be weeks away.
        this.stateMachine = Workflows.standard(this, "StagedRotation", definition(settings.maxConcurrency()),
                Duration.days(30), RetentionDays.ONE_YEAR);
        rollbackTriggers(bus);
        Rule.Builder.create(this, "RetireDaily")
                .description("certfleet: delete replaced certificates after retainOldDays, if nothing uses them")
                .schedule(Schedule.rate(Duration.days(1)))
                .targets(List.of(failed.target(retire.live(), 2, Duration.hours(6))))
                .build();
        Rule.Builder.create(this, "OnRotationRequested")
                .description("certfleet: a RotationRequested event on certfleet's bus starts a rotation")
                .eventBus(bus)
                .eventPattern(EventPattern.builder().detailType(List.of("RotationRequested")).build())
                .targets(List.of(new SfnStateMachine(stateMachine, SfnStateMachineProps.builder()
                        .input(RuleTargetInput.fromEventPath("$.detail")).build())))
                .build();
    }

    /**
     * Rollback triggers: a {@code RollbackRequested} event on certfleet's bus, and any CloudWatch alarm going into
     * ALARM (the handler rolls back the running rotations with a binding on a resource the alarm watches).
     */
    private void rollbackTriggers(IEventBus bus) {
        Rule.Builder.create(this, "OnRollbackRequested")
                .description("certfleet: a RollbackRequested event stops a running rotation")
                .eventBus(bus)
                .eventPattern(EventPattern.builder().detailType(List.of("RollbackRequested")).build())
                .targets(List.of(failed.target(signal.live(), 2, Duration.hours(1))))
                .build();
        Rule.Builder.create(this, "OnAlarm")
                .description("certfleet: an alarm into ALARM rolls back running rotations of what it watches")
                .eventPattern(EventPattern.builder().source(List.of("aws.cloudwatch"))
                        .detailType(List.of("CloudWatch Alarm State Change"))
                        .detail(Map.of("state", Map.of("value", List.of("ALARM")))).build())
                .targets(List.of(failed.target(signal.live(), 2, Duration.hours(1))))
                .build();
    }

    public StateMachine stateMachine() {
        return stateMachine;
    }

    /** The functions whose role may assume the member accounts' rotation role. */
    public List<Function> memberRoleUsers() {
        return List.of(issue.function(), swap.function(), canary.function(), retire.function());
    }

    public List<Function> functions() {
        return List.of(start.function(), issue.function(), swap.function(), canary.function(), finish.function(),
                signal.function(), retire.function());
    }

    private IChainable definition(int maxConcurrency) {
        String id = "$.start.rotationId";
        Pass result = Pass.Builder.create(this, "Result").parameters(Map.of(
                "rotationId", JsonPath.stringAt("$.result.rotationId"),
                "status", JsonPath.stringAt("$.result.status"),
                "reason", JsonPath.stringAt("$.result.reason"))).build();
        result.next(Succeed.Builder.create(this, "Done").build());

        LambdaInvoke failed = task("FailStep", finish, Map.of("rotationId", JsonPath.stringAt(id), "action",
                "failed", "cause", JsonPath.objectAt("$.error")), "$.result");
        failed.next(result);
        LambdaInvoke notIssued = task("NotIssued", finish, Map.of("rotationId", JsonPath.stringAt(id), "action",
                "failed", "cause", JsonPath.stringAt("$.issue.cause")), "$.result");
        notIssued.next(result);

        // Rollback: every binding the rotation touched goes back, each verified on the wire.
        LambdaInvoke rolledBack = task("RolledBack", finish, Map.of("rotationId", JsonPath.stringAt(id), "action",
                "rolledBack"), "$.result");
        rolledBack.next(result);
        LambdaInvoke restore = task("Restore", swap, Map.of("rotationId", JsonPath.stringAt("$.rotationId"),
                "index", JsonPath.numberAt("$.index"), "action", "restore"), "$.restore");
        restore.addRetry(RetryProps.builder().errors(List.of(Errors.TASKS_FAILED)).interval(Duration.seconds(5))
                .backoffRate(2).maxAttempts(5).build());
        LambdaInvoke verify = task("VerifyRestored", canary, Map.of("rotationId", JsonPath.stringAt("$.rotationId"),
                "index", JsonPath.numberAt("$.index"), "action", "verify"), "$.verified");
        restore.next(verify);
        software.amazon.awscdk.services.stepfunctions.Map restoreAll = software.amazon.awscdk.services.stepfunctions
                .Map.Builder.create(this, "RestoreAll").itemsPath("$.touched.indexes")
                .itemSelector(Map.of("rotationId", JsonPath.stringAt(id), "index",
                        JsonPath.stringAt("$$.Map.Item.Value")))
                .maxConcurrency(maxConcurrency).resultPath(JsonPath.DISCARD).build();
        restoreAll.itemProcessor(restore);
        restoreAll.addCatch(rolledBack, CatchProps.builder().errors(List.of(Errors.ALL)).resultPath("$.error")
                .build());
        LambdaInvoke touched = task("Rollback", finish, Map.of("rotationId", JsonPath.stringAt(id), "action",
                "touched"), "$.touched");
        touched.next(restoreAll).next(rolledBack);

        // One binding: swap, then the canary's checks over the bake, then its verdict.
        LambdaInvoke swapOne = task("Swap", swap, Map.of("rotationId", JsonPath.stringAt("$.rotationId"),
                "index", JsonPath.numberAt("$.index"), "action", "swap"), "$.swap");
        swapOne.addRetry(RetryProps.builder().errors(List.of(Errors.TASKS_FAILED)).interval(Duration.seconds(5))
                .backoffRate(2).maxAttempts(3).build());
        LambdaInvoke check = task("CanaryCheck", canary, Map.of("rotationId", JsonPath.stringAt("$.rotationId"),
                "index", JsonPath.numberAt("$.index"), "action", "check"), "$.canary");
        Wait canaryWait = Wait.Builder.create(this, "CanaryWait")
                .time(WaitTime.secondsPath("$.canary.waitSeconds")).build();
        LambdaInvoke judge = task("Judge", canary, Map.of("rotationId", JsonPath.stringAt("$.rotationId"),
                "index", JsonPath.numberAt("$.index"), "action", "judge"), "$.verdict");
        swapOne.next(check).next(Choice.Builder.create(this, "CanaryDone").build()
                .when(Condition.booleanEquals("$.canary.done", true), judge)
                .otherwise(canaryWait.next(check)));

        // Wave by wave.
        Pass pickWave = Pass.Builder.create(this, "PickWave").parameters(Map.of("bindings",
                JsonPath.arrayGetItem(JsonPath.listAt("$.start.waves"), JsonPath.numberAt("$.cursor.wave"))))
                .resultPath("$.current").build();
        software.amazon.awscdk.services.stepfunctions.Map swapWave = software.amazon.awscdk.services.stepfunctions
                .Map.Builder.create(this, "SwapWave").itemsPath("$.current.bindings")
                .itemSelector(Map.of("rotationId", JsonPath.stringAt(id), "index",
                        JsonPath.stringAt("$$.Map.Item.Value")))
                .maxConcurrency(maxConcurrency).resultPath(JsonPath.DISCARD).build();
        swapWave.itemProcessor(swapOne);
        swapWave.addCatch(touched, CatchProps.builder().errors(List.of(Errors.ALL)).resultPath("$.error").build());
        LambdaInvoke waveDone = task("WaveDone", finish, Map.of("rotationId", JsonPath.stringAt(id), "action",
                "wave", "index", JsonPath.numberAt("$.cursor.wave")), "$.wave");
        waveDone.addCatch(touched, CatchProps.builder().errors(List.of(Errors.ALL)).resultPath("$.error").build());
        LambdaInvoke succeeded = task("Succeeded", finish, Map.of("rotationId", JsonPath.stringAt(id), "action",
                "succeeded"), "$.result");
        succeeded.next(result);
        Pass nextWave = Pass.Builder.create(this, "NextWave").parameters(Map.of("wave",
                JsonPath.mathAdd(JsonPath.numberAt("$.cursor.wave"), 1))).resultPath("$.cursor").build();
        nextWave.next(pickWave);
        pickWave.next(swapWave).next(waveDone).next(Choice.Builder.create(this, "WaveOk").build()
                .when(Condition.booleanEquals("$.wave.ok", false), touched)
                .when(Condition.booleanEquals("$.wave.last", true), succeeded)
                .otherwise(nextWave));

        // A local run (certfleet rotate) does not sit for days in a Wait: it ends WAITING_WINDOW, WAITING_APPROVAL
        // or WAITING_ISSUE, its lock released, to be resumed.
        LambdaInvoke detached = task("Detached", finish, Map.of("rotationId", JsonPath.stringAt(id), "action",
                "detached"), "$.result");
        detached.next(result);
        LambdaInvoke issueReplacement = task("Issue", issue, Map.of("rotationId", JsonPath.stringAt(id)),
                "$.issue");
        issueReplacement.addCatch(failed, CatchProps.builder().errors(List.of(Errors.ALL)).resultPath("$.error")
                .build());
        Pass firstWave = Pass.Builder.create(this, "FirstWave").result(Result.fromObject(Map.of("wave", 0)))
                .resultPath("$.cursor").build();
        firstWave.next(pickWave);
        // Nothing swapped yet and something to wait for (ACM's DNS validation of an acm-public replacement, or an
        // open circuit breaker): ask again every five minutes; the Issue step ends a validation wait after 72 hours.
        // A local run ends WAITING_ISSUE instead, to be resumed.
        Wait issueWait = Wait.Builder.create(this, "WaitToIssue")
                .comment("ACM validates the replacement's DNS records, or the breaker is open: ask again")
                .time(WaitTime.duration(Duration.minutes(5))).build();
        issueWait.next(issueReplacement);
        issueReplacement.next(Choice.Builder.create(this, "Issued").build()
                .when(Condition.and(Condition.booleanEquals("$.issue.pending", true),
                        Condition.booleanEquals("$.start.detach", true)), detached)
                .when(Condition.booleanEquals("$.issue.pending", true), issueWait)
                .when(Condition.booleanEquals("$.issue.ready", false), notIssued)
                .otherwise(firstWave));

        LambdaInvoke startRotation = LambdaInvoke.Builder.create(this, "Start").lambdaFunction(start.live())
                .payloadResponseOnly(true).retryOnServiceExceptions(false).resultPath("$.start").build();
        startRotation.addRetry(RetryProps.builder().errors(LAMBDA_ERRORS).interval(Duration.seconds(2))
                .backoffRate(2).maxAttempts(3).build());
        Pass ended = Pass.Builder.create(this, "NotStarted").parameters(Map.of(
                "rotationId", JsonPath.stringAt(id), "status", JsonPath.stringAt("$.start.status"),
                "reason", JsonPath.stringAt("$.start.reason"))).build();
        ended.next(Succeed.Builder.create(this, "Ended").build());
        Wait window = Wait.Builder.create(this, "WaitForWindow")
                .comment("Outside the profile's change windows: wait for the next one (no polling)")
                .time(WaitTime.timestampPath("$.start.notBefore")).build();
        window.next(issueReplacement);
        Choice windowOrIssue = Choice.Builder.create(this, "WindowOrIssue").build()
                .when(Condition.booleanEquals("$.start.waitForWindow", true), window)
                .otherwise(issueReplacement);

        // The approval gate: a Wait + check loop (no task token: the same definition runs in the local runner).
        Wait approvalWait = Wait.Builder.create(this, "WaitForApproval")
                .comment("mode approve: the owner and the approvers were asked; check the decision now and then")
                .time(WaitTime.secondsPath("$.start.approvalPollSeconds")).build();
        LambdaInvoke checkApproval = task("CheckApproval", finish, Map.of("rotationId", JsonPath.stringAt(id),
                "action", "approval"), "$.result");
        Pass notApproved = Pass.Builder.create(this, "NotApproved")
                .comment("Rejected, or no decision before the deadline: nothing was swapped").build();
        notApproved.next(result);
        approvalWait.next(checkApproval).next(Choice.Builder.create(this, "ApprovalDecided").build()
                .when(Condition.stringEquals("$.result.decision", "APPROVED"), windowOrIssue)
                .when(Condition.stringEquals("$.result.decision", "PENDING"), approvalWait)
                .otherwise(notApproved));

        return startRotation.next(Choice.Builder.create(this, "HowToGoOn").build()
                .when(Condition.or(Condition.booleanEquals("$.start.dryRun", true),
                        Condition.booleanEquals("$.start.ended", true)), ended)
                .when(Condition.and(Condition.or(Condition.booleanEquals("$.start.waitForApproval", true),
                        Condition.booleanEquals("$.start.waitForWindow", true)),
                        Condition.booleanEquals("$.start.detach", true)), detached)
                .when(Condition.booleanEquals("$.start.waitForApproval", true), approvalWait)
                .otherwise(windowOrIssue));
    }

    /** A Lambda task with retries on Lambda's own errors; its result at {@code resultPath}. */
    private LambdaInvoke task(String id, CertfleetFunctions.Deployed function, Map<String, Object> payload,
                              String resultPath) {
        LambdaInvoke task = LambdaInvoke.Builder.create(this, id).lambdaFunction(function.live())
                .payloadResponseOnly(true).retryOnServiceExceptions(false)
                .payload(TaskInput.fromObject(payload)).resultPath(resultPath).build();
        task.addRetry(RetryProps.builder().errors(LAMBDA_ERRORS).interval(Duration.seconds(2)).backoffRate(2)
                .maxAttempts(3).build());
        return task;
    }

    private CertfleetFunctions.Deployed function(String id, String purpose, String handler, Code code,
                                                 Map<String, String> environment, String roleName) {
        return CertfleetFunctions.create(this, id, purpose, handler, code, environment, Duration.minutes(5),
                roleName, null);
    }

    private void grantLeastPrivilege(InventoryTable inventory, IEventBus bus, ITopic topic, String roleName) {
        String table = inventory.table().getTableArn();
        List<String> tableAndIndexes = List.of(table, table + "/index/*");
        Function start = this.start.function();
        Function issue = this.issue.function();
        Function swap = this.swap.function();
        Function canary = this.canary.function();
        Function finish = this.finish.function();
        // Start: reads the inventory (bindings by key) and probes, writes the plan, takes the locks.
        start.addToRolePolicy(statement("PlanAndLock", List.of("dynamodb:GetItem", "dynamodb:BatchGetItem",
                "dynamodb:Query", "dynamodb:PutItem", "dynamodb:BatchWriteItem", "dynamodb:UpdateItem"),
                tableAndIndexes));
        bus.grantPutEventsTo(start);
        issue.addToRolePolicy(statement("ReadReplacement", List.of("dynamodb:GetItem", "dynamodb:Query",
                "dynamodb:PutItem"), tableAndIndexes));
        issue.addToRolePolicy(statement("ReadCertificates", RotationPermissions.ISSUE_ACTIONS, List.of("*")));
        issue.addToRolePolicy(statement("IssueFromPrivateCa", RotationPermissions.PRIVATE_CA_ACTIONS, List.of(
                "arn:" + Stack.of(this).getPartition() + ":acm-pca:*:*:certificate-authority/*")));
        Nag.suppress(issue.getRole(), "AwsSolutions-IAM5", "the private CA is named by each profile's issuer "
                + "(acm-private:CA_ARN) in the policy file, read at run time: any CA, only its issuing calls",
                List.of("Resource::arn:<AWS::Partition>:acm-pca:*:*:certificate-authority/*"));
        topic.grantPublish(issue); // the owner is told which DNS records to create
        swap.addToRolePolicy(statement("RecordSwaps", List.of("dynamodb:GetItem", "dynamodb:Query",
                "dynamodb:PutItem"), List.of(table)));
        swap.addToRolePolicy(statement("SwapCertificates", RotationPermissions.SWAP_ACTIONS, List.of("*")));
        canary.addToRolePolicy(statement("RecordChecks", List.of("dynamodb:GetItem", "dynamodb:Query",
                "dynamodb:PutItem"), List.of(table)));
        canary.addToRolePolicy(statement("ReadDeploymentAndMetrics", RotationPermissions.CANARY_ACTIONS,
                List.of("*")));
        // GetItem/PutItem: the rotation; DeleteItem: the locks; Query/UpdateItem: ROTATION_FAILED findings.
        finish.addToRolePolicy(statement("RecordEnds", List.of("dynamodb:GetItem", "dynamodb:Query",
                "dynamodb:PutItem", "dynamodb:DeleteItem", "dynamodb:UpdateItem"), List.of(table)));
        bus.grantPutEventsTo(finish);
        // Signals: finds running rotations (the newest of the table's rotation items) and marks them.
        signal.function().addToRolePolicy(statement("MarkRotations", List.of("dynamodb:GetItem", "dynamodb:Query",
                "dynamodb:Scan", "dynamodb:PutItem"), List.of(table)));
        bus.grantPutEventsTo(signal.function());
        topic.grantPublish(finish);
        // Retirer: reads succeeded rotations and the inventory's bindings; deletes in ACM (member role).
        retire.function().addToRolePolicy(statement("ReadRotations", List.of("dynamodb:GetItem", "dynamodb:Query",
                "dynamodb:Scan"), tableAndIndexes));
        retire.function().addToRolePolicy(statement("RetireCertificates", RotationPermissions.RETIRE_ACTIONS,
                List.of("*")));
        for (Function user : memberRoleUsers()) {
            user.addToRolePolicy(statement("AssumeRotationRoles", List.of("sts:AssumeRole"),
                    List.of("arn:" + Stack.of(this).getPartition() + ":iam::*:role/" + roleName)));
            Nag.suppress(user.getRole(), "AwsSolutions-IAM5", "ACM, ELB, CloudFront and CloudWatch calls on "
                    + "certificates, listeners and distributions known only at run time (most without resource-level "
                    + "conditions that would narrow them), and each member account's rotation role of that one name",
                    List.of("Resource::*", "Resource::arn:<AWS::Partition>:iam::*:role/" + roleName));
        }
        for (Function function : functions()) {
            inventory.key().grantEncryptDecrypt(function);
            Nag.suppressKeyGrant(function.getRole());
            Nag.suppressTableIndexes(function.getRole());
        }
    }

    private static PolicyStatement statement(String sid, List<String> actions, List<String> resources) {
        return PolicyStatement.Builder.create().sid(sid).actions(actions).resources(resources).build();
    }
}
