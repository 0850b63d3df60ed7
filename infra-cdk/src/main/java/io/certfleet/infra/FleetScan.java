package io.certfleet.infra;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.Schedule;
import software.amazon.awscdk.services.events.targets.SfnStateMachine;
import software.amazon.awscdk.services.iam.ManagedPolicy;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.stepfunctions.CatchProps;
import software.amazon.awscdk.services.stepfunctions.DefinitionBody;
import software.amazon.awscdk.services.stepfunctions.Errors;
import software.amazon.awscdk.services.stepfunctions.IChainable;
import software.amazon.awscdk.services.stepfunctions.JsonPath;
import software.amazon.awscdk.services.stepfunctions.LogLevel;
import software.amazon.awscdk.services.stepfunctions.LogOptions;
import software.amazon.awscdk.services.stepfunctions.Pass;
import software.amazon.awscdk.services.stepfunctions.RetryProps;
import software.amazon.awscdk.services.stepfunctions.StateMachine;
import software.amazon.awscdk.services.stepfunctions.StateMachineType;
import software.amazon.awscdk.services.stepfunctions.TaskInput;
import software.amazon.awscdk.services.stepfunctions.tasks.LambdaInvoke;
import software.constructs.Construct;

/**
 * The fleet scan in AWS: a schedule starts a Step Functions Standard workflow. {@code Plan} lists the
 * account-regions to scan; {@code ScanEach} (a Map, at most {@code maxConcurrency} at once) scans each in its own
 * worker invocation, retrying throttled or failed invocations with backoff and catching what still fails, then
 * probes the same account-region's endpoints over TLS ({@code ProbeOne}, results stored next to each binding);
 * {@code Summarize} adds up the results (coverage, errors) the workers stored.
 *
 * <p>Why Step Functions rather than SQS: the end of the Map is the end of the scan, so coverage needs no completion
 * detector; each item has its own retries and catch; one execution shows the whole scan. It holds for 100 accounts
 * x 5 regions: 500 items make about 3,500 history events (limit 25,000) and a plan of about 75 KB (payload limit
 * 256 KB); workers return a few counts and store their full results in the table. (ProbeOne adds about 5 events
 * per item.) Beyond ~1,500 items, switch the
 * Map to a Distributed Map reading the plan from S3.
 */
public final class FleetScan extends Construct {

    static final String PLANNER = "io.certfleet.handlers.ScanPlannerHandler::handleRequest";
    static final String WORKER = "io.certfleet.handlers.ScanWorkerHandler::handleRequest";
    static final String SUMMARY = "io.certfleet.handlers.ScanSummaryHandler::handleRequest";
    static final String PROBER = "io.certfleet.handlers.ProbeWorkerHandler::handleRequest";
    static final String JUDGE = "io.certfleet.handlers.PolicyWorkerHandler::handleRequest";
    /** Fixed, so that member accounts' scanner roles can trust it by name. */
    static final String WORKER_ROLE_NAME = "certfleet-scan-worker";

    /** What the scan covers and how often. */
    public record Settings(String schedule, String accounts, List<String> regions, String scannerRoleName,
                           int maxConcurrency) {
    }

    private final Function planner;
    private final Function worker;
    private final Function summary;
    private final Function prober;
    private final Function judge;
    private final StateMachine stateMachine;

    public FleetScan(Construct scope, String id, InventoryTable inventory, Code code, Settings settings) {
        super(scope, id);
        Map<String, String> environment = new HashMap<>(Map.of(
                "CERTFLEET_TABLE", inventory.table().getTableName(),
                "CERTFLEET_SCANNER_ROLE", settings.scannerRoleName(),
                "CERTFLEET_ACCOUNTS", settings.accounts(),
                // Tiered compilation stopped at C1: the usual cold-start trade for short-lived Java Lambdas.
                "JAVA_TOOL_OPTIONS", "-XX:+TieredCompilation -XX:TieredStopAtLevel=1"));
        if (!settings.regions().isEmpty()) {
            environment.put("CERTFLEET_REGIONS", String.join(",", settings.regions()));
        }
        this.planner = function("Planner", "plans a fleet scan", PLANNER, code, environment, Duration.minutes(2), null);
        this.worker = function("Worker", "scans one account-region", WORKER, code, environment, Duration.minutes(10),
                Role.Builder.create(this, "WorkerRole").roleName(WORKER_ROLE_NAME)
                        .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
                        .managedPolicies(List.of(ManagedPolicy.fromAwsManagedPolicyName(
                                "service-role/AWSLambdaBasicExecutionRole")))
                        .build());
        this.summary = function("Summary", "sums up a fleet scan", SUMMARY, code, environment, Duration.minutes(2), null);
        // The prober needs no AWS read access beyond the inventory, only the network: TLS handshakes with every
        // public endpoint the scan found (outside any VPC, so internal load balancers are skipped and said so).
        this.prober = function("Prober", "probes one account-region's endpoints over TLS", PROBER, code,
                environment, Duration.minutes(10), null);
        // The judge reads the inventory, the probes and ELB's security policies, stores findings, publishes events.
        this.judge = function("Judge", "judges one account-region against the TLS policy", JUDGE, code,
                environment, Duration.minutes(5), null);
        grantLeastPrivilege(inventory, settings.scannerRoleName());
        this.stateMachine = StateMachine.Builder.create(this, "StateMachine")
                .stateMachineType(StateMachineType.STANDARD)
                .definitionBody(DefinitionBody.fromChainable(definition(settings.maxConcurrency())))
                .timeout(Duration.hours(2))
                .logs(LogOptions.builder()
                        .destination(LogGroup.Builder.create(this, "StateMachineLogs")
                                .retention(RetentionDays.ONE_MONTH).removalPolicy(RemovalPolicy.DESTROY).build())
                        .level(LogLevel.ERROR)
                        .build())
                .build();
        Rule.Builder.create(this, "Schedule")
                .description("certfleet: scheduled fleet scan")
                .schedule(Schedule.expression(settings.schedule()))
                .targets(List.of(new SfnStateMachine(stateMachine)))
                .build();
    }

    public StateMachine stateMachine() {
        return stateMachine;
    }

    /** The probe step's function (it judges the wire under the policy). */
    public Function prober() {
        return prober;
    }

    /** The policy step's function: it publishes findings' events on certfleet's bus (granted by the stack). */
    public Function judge() {
        return judge;
    }

    private IChainable definition(int maxConcurrency) {
        LambdaInvoke plan = LambdaInvoke.Builder.create(this, "Plan")
                .lambdaFunction(planner).payloadResponseOnly(true).build();
        // ScanOne keeps the item as its output (ResultPath null): ProbeOne probes the same account-region.
        LambdaInvoke scanOne = LambdaInvoke.Builder.create(this, "ScanOne")
                .lambdaFunction(worker).payloadResponseOnly(true).retryOnServiceExceptions(false)
                .resultPath(JsonPath.DISCARD).build();
        Pass itemNotScanned = Pass.Builder.create(this, "ItemNotScanned")
                .comment("The summary counts an item without a stored result as not scanned; its endpoints are "
                        + "probed all the same (the inventory still knows them).").build();
        scanOne.addRetry(RetryProps.builder()
                .errors(List.of("Lambda.ServiceException", "Lambda.AWSLambdaException", "Lambda.SdkClientException",
                        "Lambda.TooManyRequestsException", Errors.TIMEOUT))
                .interval(Duration.seconds(5)).backoffRate(2).maxAttempts(4).build());
        // The worker's own failures (e.g. a storage hiccup while recording its result) get two more chances.
        scanOne.addRetry(RetryProps.builder()
                .errors(List.of(Errors.TASKS_FAILED))
                .interval(Duration.seconds(10)).backoffRate(2).maxAttempts(2).build());
        scanOne.addCatch(itemNotScanned, CatchProps.builder().errors(List.of(Errors.ALL)).resultPath(JsonPath.DISCARD)
                .build());
        // The Step Functions Map state (java.util.Map is imported here).
        software.amazon.awscdk.services.stepfunctions.Map scanEach = software.amazon.awscdk.services.stepfunctions
                .Map.Builder.create(this, "ScanEach")
                .itemsPath("$.items").maxConcurrency(maxConcurrency).resultPath(JsonPath.DISCARD).build();
        Pass itemNotProbed = Pass.Builder.create(this, "ItemNotProbed")
                .comment("The bindings keep their previous probe results.").build();
        LambdaInvoke probeOne = probeOne(itemNotProbed);
        scanOne.next(probeOne);
        itemNotScanned.next(probeOne);
        LambdaInvoke judgeOne = judgeOne();
        probeOne.next(judgeOne);
        itemNotProbed.next(judgeOne);
        scanEach.itemProcessor(scanOne);
        LambdaInvoke summarize = LambdaInvoke.Builder.create(this, "Summarize")
                .lambdaFunction(summary).payloadResponseOnly(true)
                .payload(TaskInput.fromObject(Map.of("scanId", JsonPath.stringAt("$.scanId")))).build();
        return plan.next(scanEach).next(summarize);
    }

    /**
     * ProbeOne: the endpoints of the item's account-region, whether or not its scan went through. A failed probe
     * never fails the scan: it is retried on Lambda's own errors and then caught.
     */
    private LambdaInvoke probeOne(Pass itemNotProbed) {
        LambdaInvoke probeOne = LambdaInvoke.Builder.create(this, "ProbeOne")
                .lambdaFunction(prober).payloadResponseOnly(true).retryOnServiceExceptions(false)
                .resultPath(JsonPath.DISCARD).build();
        probeOne.addRetry(RetryProps.builder()
                .errors(List.of("Lambda.ServiceException", "Lambda.AWSLambdaException", "Lambda.SdkClientException",
                        "Lambda.TooManyRequestsException"))
                .interval(Duration.seconds(5)).backoffRate(2).maxAttempts(3).build());
        probeOne.addCatch(itemNotProbed, CatchProps.builder().errors(List.of(Errors.ALL))
                .resultPath(JsonPath.DISCARD).build());
        return probeOne;
    }

    /**
     * JudgeOne: the item's certificates and endpoints against the policy, after its probe (or its failure: the
     * configuration side is judged all the same, and unprobed endpoints keep their open wire findings).
     */
    private LambdaInvoke judgeOne() {
        LambdaInvoke judgeOne = LambdaInvoke.Builder.create(this, "JudgeOne")
                .lambdaFunction(judge).payloadResponseOnly(true).retryOnServiceExceptions(false)
                .resultPath(JsonPath.DISCARD).build();
        judgeOne.addRetry(RetryProps.builder()
                .errors(List.of("Lambda.ServiceException", "Lambda.AWSLambdaException", "Lambda.SdkClientException",
                        "Lambda.TooManyRequestsException"))
                .interval(Duration.seconds(5)).backoffRate(2).maxAttempts(3).build());
        judgeOne.addCatch(Pass.Builder.create(this, "ItemNotJudged")
                .comment("The item's findings stay as the last evaluation left them.").build(),
                CatchProps.builder().errors(List.of(Errors.ALL)).resultPath(JsonPath.DISCARD).build());
        return judgeOne;
    }

    private Function function(String id, String purpose, String handler, Code code, Map<String, String> environment,
                              Duration timeout, Role role) {
        Function.Builder builder = CertfleetFunctions.builder(this, id, purpose, handler, code, environment, timeout);
        if (role != null) {
            builder.role(role);
        }
        return builder.build();
    }

    private void grantLeastPrivilege(InventoryTable inventory, String scannerRoleName) {
        String table = inventory.table().getTableArn();
        List<String> tableAndIndexes = List.of(table, table + "/index/*");
        planner.addToRolePolicy(statement("ReadOrganization",
                List.of("organizations:ListAccounts", "organizations:ListTagsForResource"), List.of("*")));
        planner.addToRolePolicy(statement("StorePlan", List.of("dynamodb:PutItem"), List.of(table)));
        // The worker reads its own account directly and other accounts through their scanner role.
        worker.addToRolePolicy(statement("ReadCertificateSources", ScannerPermissions.READ_ACTIONS, List.of("*")));
        worker.addToRolePolicy(statement("AssumeScannerRoles", List.of("sts:AssumeRole"),
                List.of("arn:" + Stack.of(this).getPartition() + ":iam::*:role/" + scannerRoleName)));
        worker.addToRolePolicy(statement("WriteInventory",
                List.of("dynamodb:UpdateItem", "dynamodb:Query", "dynamodb:PutItem"), tableAndIndexes));
        summary.addToRolePolicy(statement("ReadScanResults",
                List.of("dynamodb:GetItem", "dynamodb:Query", "dynamodb:PutItem"), List.of(table)));
        prober.addToRolePolicy(statement("ReadBindingsWriteProbes",
                List.of("dynamodb:Query", "dynamodb:BatchWriteItem"), tableAndIndexes));
        // Query: the scope's bindings and certificates (byAccount), their probes and open findings; UpdateItem: findings.
        judge.addToRolePolicy(statement("ReadInventoryWriteFindings",
                List.of("dynamodb:Query", "dynamodb:UpdateItem"), tableAndIndexes));
        judge.addToRolePolicy(statement("ExpandSecurityPolicies",
                List.of("elasticloadbalancing:DescribeSSLPolicies"), List.of("*")));
        for (Function function : List.of(planner, worker, summary, prober, judge)) {
            inventory.key().grantEncryptDecrypt(function);
        }
    }

    private static PolicyStatement statement(String sid, List<String> actions, List<String> resources) {
        return PolicyStatement.Builder.create().sid(sid).actions(actions).resources(resources).build();
    }
}
