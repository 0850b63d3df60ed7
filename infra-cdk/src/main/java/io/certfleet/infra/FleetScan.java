package io.certfleet.infra;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.events.EventField;
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
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.stepfunctions.CatchProps;
import software.amazon.awscdk.services.stepfunctions.Errors;
import software.amazon.awscdk.services.stepfunctions.IChainable;
import software.amazon.awscdk.services.stepfunctions.JsonPath;
import software.amazon.awscdk.services.stepfunctions.Pass;
import software.amazon.awscdk.services.stepfunctions.RetryProps;
import software.amazon.awscdk.services.stepfunctions.StateMachine;
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
    static final String ACM_CERTIFICATE_AVAILABLE = "ACM Certificate Available";
    /** Fixed, so that member accounts' scanner roles can trust it by name. */
    static final String WORKER_ROLE_NAME = "certfleet-scan-worker";

    /** What the scan covers and how often. */
    public record Settings(String schedule, String accounts, List<String> regions, String scannerRoleName,
                           int maxConcurrency) {
    }

    private final CertfleetFunctions.Deployed planner;
    private final CertfleetFunctions.Deployed worker;
    private final CertfleetFunctions.Deployed summary;
    private final CertfleetFunctions.Deployed prober;
    private final CertfleetFunctions.Deployed judge;
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
        // The worker's role has a fixed name: member accounts' scanner roles trust it by name.
        this.worker = function("Worker", "scans one account-region", WORKER, code, environment, Duration.minutes(10),
                WORKER_ROLE_NAME);
        this.summary = function("Summary", "sums up a fleet scan", SUMMARY, code, environment, Duration.minutes(2), null);
        // The prober needs no AWS read access beyond the inventory, only the network: TLS handshakes with every
        // public endpoint the scan found (outside any VPC, so internal load balancers are skipped and said so).
        this.prober = function("Prober", "probes one account-region's endpoints over TLS", PROBER, code,
                environment, Duration.minutes(10), null);
        // The judge reads the inventory, the probes and ELB's security policies, stores findings, publishes events.
        this.judge = function("Judge", "judges one account-region against the TLS policy", JUDGE, code,
                environment, Duration.minutes(5), null);
        grantLeastPrivilege(inventory, settings.scannerRoleName());
        this.stateMachine = Workflows.standard(this, "FleetScan", definition(settings.maxConcurrency()),
                Duration.hours(2), RetentionDays.ONE_MONTH);
        Rule.Builder.create(this, "Schedule")
                .description("certfleet: scheduled fleet scan")
                .schedule(Schedule.expression(settings.schedule()))
                .targets(List.of(new SfnStateMachine(stateMachine)))
                .build();
    }

    /**
     * A certificate ACM renewed (or that was re-imported) in place has a new body at the same ARN: the endpoints
     * serving it must pick it up. On ACM's {@code Certificate Available} event with action {@code RENEWAL} or
     * {@code REIMPORT} (this account's, on the default bus; members', forwarded to certfleet's bus), the scan
     * workflow runs for that account and region at once: the scan reads the new certificate, the probe expects it,
     * and an endpoint still serving the previous one is {@code WRONG_CERTIFICATE}, its owner told.
     */
    public void checkRenewals(IEventBus certfleetBus) {
        EventPattern renewed = EventPattern.builder().source(List.of("aws.acm"))
                .detailType(List.of(ACM_CERTIFICATE_AVAILABLE))
                .detail(Map.of("Action", List.of("RENEWAL", "REIMPORT"))).build();
        Map<String, Object> manualStart = new java.util.LinkedHashMap<>(); // the planner's manual start
        manualStart.put("accounts", List.of(EventField.getAccount()));
        manualStart.put("regions", List.of(EventField.getRegion()));
        RuleTargetInput scope = RuleTargetInput.fromObject(manualStart);
        Rule.Builder.create(this, "RenewalCheck")
                .description("certfleet: scan and probe an account-region where ACM renewed a certificate")
                .eventPattern(renewed)
                .targets(List.of(new SfnStateMachine(stateMachine, SfnStateMachineProps.builder().input(scope)
                        .build())))
                .build();
        Rule.Builder.create(this, "MemberRenewalCheck")
                .description("certfleet: scan and probe a member account-region where ACM renewed a certificate")
                .eventBus(certfleetBus)
                .eventPattern(renewed)
                .targets(List.of(new SfnStateMachine(stateMachine, SfnStateMachineProps.builder().input(scope)
                        .build())))
                .build();
    }

    public StateMachine stateMachine() {
        return stateMachine;
    }

    /** The probe step's function (it judges the wire under the policy). */
    public Function prober() {
        return prober.function();
    }

    /** The policy step's function: it publishes findings' events on certfleet's bus (granted by the stack). */
    public Function judge() {
        return judge.function();
    }

    private IChainable definition(int maxConcurrency) {
        LambdaInvoke plan = LambdaInvoke.Builder.create(this, "Plan")
                .lambdaFunction(planner.live()).payloadResponseOnly(true).build();
        // ScanOne keeps the item as its output (ResultPath null): ProbeOne probes the same account-region.
        LambdaInvoke scanOne = LambdaInvoke.Builder.create(this, "ScanOne")
                .lambdaFunction(worker.live()).payloadResponseOnly(true).retryOnServiceExceptions(false)
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
                .lambdaFunction(summary.live()).payloadResponseOnly(true)
                .payload(TaskInput.fromObject(Map.of("scanId", JsonPath.stringAt("$.scanId")))).build();
        return plan.next(scanEach).next(summarize);
    }

    /**
     * ProbeOne: the endpoints of the item's account-region, whether or not its scan went through. A failed probe
     * never fails the scan: it is retried on Lambda's own errors and then caught.
     */
    private LambdaInvoke probeOne(Pass itemNotProbed) {
        LambdaInvoke probeOne = LambdaInvoke.Builder.create(this, "ProbeOne")
                .lambdaFunction(prober.live()).payloadResponseOnly(true).retryOnServiceExceptions(false)
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
                .lambdaFunction(judge.live()).payloadResponseOnly(true).retryOnServiceExceptions(false)
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

    private CertfleetFunctions.Deployed function(String id, String purpose, String handler, Code code,
                                                 Map<String, String> environment, Duration timeout, String roleName) {
        return CertfleetFunctions.create(this, id, purpose, handler, code, environment, timeout, roleName, null);
    }

    private void grantLeastPrivilege(InventoryTable inventory, String scannerRoleName) {
        String table = inventory.table().getTableArn();
        List<String> tableAndIndexes = List.of(table, table + "/index/*");
        Function planner = this.planner.function();
        Function worker = this.worker.function();
        Function summary = this.summary.function();
        Function prober = this.prober.function();
        Function judge = this.judge.function();
        planner.addToRolePolicy(statement("ReadOrganization",
                List.of("organizations:ListAccounts", "organizations:ListTagsForResource"), List.of("*")));
        Nag.suppress(planner.getRole(), "AwsSolutions-IAM5", "organizations:ListAccounts takes no resource; the "
                + "planner reads accounts and their tags, nothing else", List.of("Resource::*"));
        planner.addToRolePolicy(statement("StorePlan", List.of("dynamodb:PutItem"), List.of(table)));
        // The worker reads its own account directly and other accounts through their scanner role.
        worker.addToRolePolicy(statement("ReadCertificateSources", ScannerPermissions.READ_ACTIONS, List.of("*")));
        worker.addToRolePolicy(statement("AssumeScannerRoles", List.of("sts:AssumeRole"),
                List.of("arn:" + Stack.of(this).getPartition() + ":iam::*:role/" + scannerRoleName)));
        Nag.suppress(worker.getRole(), "AwsSolutions-IAM5", "discovery reads every certificate source of the "
                + "account (List/Describe/Get calls, most without resource-level permissions), and enters each "
                + "member account through the scanner role of that one name (any account: the Organization's "
                + "accounts are known only at run time)", List.of("Resource::*",
                        "Resource::arn:<AWS::Partition>:iam::*:role/" + scannerRoleName));
        // GetItem and Scan: the table's mark and, once per table, the migration that gives bindings their lists.
        worker.addToRolePolicy(statement("WriteInventory", List.of("dynamodb:UpdateItem", "dynamodb:Query",
                "dynamodb:PutItem", "dynamodb:GetItem", "dynamodb:Scan"), tableAndIndexes));
        summary.addToRolePolicy(statement("ReadScanResults",
                List.of("dynamodb:GetItem", "dynamodb:Query", "dynamodb:PutItem"), List.of(table)));
        prober.addToRolePolicy(statement("ReadBindingsWriteProbes",
                List.of("dynamodb:Query", "dynamodb:BatchWriteItem"), tableAndIndexes));
        // Query: the scope's bindings and certificates (byAccount), their probes and open findings; UpdateItem: findings.
        judge.addToRolePolicy(statement("ReadInventoryWriteFindings",
                List.of("dynamodb:Query", "dynamodb:UpdateItem"), tableAndIndexes));
        judge.addToRolePolicy(statement("ExpandSecurityPolicies",
                List.of("elasticloadbalancing:DescribeSSLPolicies"), List.of("*")));
        Nag.suppress(judge.getRole(), "AwsSolutions-IAM5", "elasticloadbalancing:DescribeSSLPolicies takes no "
                + "resource: the judge expands listeners' security policies", List.of("Resource::*"));
        for (Function function : List.of(planner, worker, summary, prober, judge)) {
            inventory.key().grantEncryptDecrypt(function);
            Nag.suppressKeyGrant(function.getRole());
            Nag.suppressTableIndexes(function.getRole());
        }
    }

    private static PolicyStatement statement(String sid, List<String> actions, List<String> resources) {
        return PolicyStatement.Builder.create().sid(sid).actions(actions).resources(resources).build();
    }
}
