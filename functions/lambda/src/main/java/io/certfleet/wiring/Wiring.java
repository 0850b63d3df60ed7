package io.certfleet.wiring;

import io.certfleet.adapters.aws.ApiCallRecorder;
import io.certfleet.adapters.aws.AwsClients;
import io.certfleet.core.compliance.Compliance;
import io.certfleet.core.compliance.ComputeKpis;
import io.certfleet.core.compliance.ExportCertificates;
import io.certfleet.core.compliance.ExportSpill;
import io.certfleet.core.compliance.ListCertificates;
import io.certfleet.core.compliance.ListEndpoints;
import io.certfleet.core.compliance.PageFindings;
import io.certfleet.core.compliance.PageRotations;
import io.certfleet.core.compliance.PublishKpis;
import io.certfleet.core.rotation.RotationStore;
import io.certfleet.adapters.aws.dynamodb.DynamoDbInventoryRepository;
import io.certfleet.adapters.aws.dynamodb.DynamoDbScanRunRepository;
import io.certfleet.adapters.aws.dynamodb.InventoryTable;
import io.certfleet.adapters.aws.fleet.AwsSourceFactory;
import io.certfleet.adapters.aws.metrics.EmfMetricsSink;
import io.certfleet.adapters.aws.organizations.OrganizationsAccountDirectory;
import io.certfleet.adapters.x509.BouncyCastleCertificateParser;
import io.certfleet.core.discovery.ScanAccountRegion;
import io.certfleet.core.fleet.AccountDirectory;
import io.certfleet.core.fleet.PlanScan;
import io.certfleet.core.fleet.RunScan;
import io.certfleet.core.fleet.ScanFleet;
import io.certfleet.core.fleet.ScanRunRepository;
import io.certfleet.core.fleet.ScanWorkItem;
import io.certfleet.core.fleet.StartScan;
import io.certfleet.core.fleet.SummarizeScan;
import io.certfleet.core.inventory.ListInventory;
import io.certfleet.core.inventory.ReportExpiry;
import io.certfleet.core.ownership.ResolveOwnership;
import io.certfleet.adapters.aws.dynamodb.DynamoDbAlertLedger;
import io.certfleet.adapters.aws.dynamodb.DynamoDbFindingStore;
import io.certfleet.adapters.aws.elb.ElbSecurityPolicyCatalog;
import io.certfleet.core.alerting.OwnerNotifier;
import io.certfleet.core.policy.EvaluatePolicy;
import io.certfleet.core.policy.ListFindings;
import io.certfleet.adapters.aws.dynamodb.DynamoDbProbeResults;
import io.certfleet.adapters.aws.dynamodb.DynamoDbRotationLocks;
import io.certfleet.adapters.aws.eventbridge.EventBridgePublisher;
import io.certfleet.adapters.aws.s3.S3ExportSpill;
import io.certfleet.adapters.aws.sns.SnsAlertSender;
import io.certfleet.core.alerting.SendExpiryAlerts;
import io.certfleet.adapters.policyfile.YamlPolicyFile;
import io.certfleet.adapters.tls.AddressResolver;
import io.certfleet.adapters.tls.ConnectTo;
import io.certfleet.adapters.tls.AiaIssuerLookup;
import io.certfleet.adapters.tls.TlsEndpointProber;
import io.certfleet.adapters.tls.TrustStores;
import io.certfleet.core.policy.PolicySet;
import io.certfleet.core.probe.DiagnoseEndpoint;
import io.certfleet.core.probe.ProbeEndpoints;
import io.certfleet.core.probe.TrustMaterial;
import io.certfleet.core.probe.fleet.BindingTargets;
import io.certfleet.core.probe.fleet.ProbeScope;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The composition root: builds use cases from adapters. Handlers and CLI commands ask it for a use case and
 * never construct adapters themselves.
 */
public final class Wiring {

    /** Connections at once to one host (a load balancer's name): enough to be quick, few enough to be polite. */
    static final int PROBES_PER_HOST = 4;

    private final AwsClients aws;
    private final Clock clock;
    private final CertfleetSettings settings;
    private final DynamoDbInventoryRepository inventory;
    private AccountDirectory accounts;
    private String callerAccountId;
    private PolicySet policies;
    private ElbSecurityPolicyCatalog securityPolicies;
    /** Held so that the checkpoint context (weak references) keeps the hook. */
    private SnapStartPriming priming;
    /** Trust and addresses the rotation canaries use instead of the settings' (the demo's stand-ins); or null. */
    private TrustMaterial canaryTrust;
    private AddressResolver canaryAddresses;
    private RotationWiring rotation;

    public Wiring(AwsClients aws, Clock clock, CertfleetSettings settings) {
        this.aws = Objects.requireNonNull(aws, "aws");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.inventory = new DynamoDbInventoryRepository(aws.dynamoDbEnhanced(), aws.dynamoDb(), settings.tableName());
    }

    /** Wiring for a Lambda function or CLI run: AWS settings and certfleet settings from the environment. */
    public static Wiring fromEnvironment() {
        return new Wiring(AwsClients.fromEnvironment(), Clock.systemUTC(),
                CertfleetSettings.fromEnvironment(System.getenv()));
    }

    /**
     * Wiring for a Lambda function: from the environment, with its SnapStart priming registered (it runs before the
     * snapshot; elsewhere it never runs). The wiring holds the hook, the handler holds the wiring: the checkpoint
     * context keeps resources weakly.
     */
    public static Wiring forLambda() {
        Wiring wiring = fromEnvironment();
        wiring.priming = SnapStartPriming.register(wiring);
        return wiring;
    }

    /** The SnapStart priming hook, when this wiring is a Lambda function's ({@link #forLambda()}). */
    public Optional<SnapStartPriming> priming() {
        return Optional.ofNullable(priming);
    }

    public AwsClients aws() {
        return aws;
    }

    /**
     * What these AWS clients do from now until the answer is asked for (calls, retried attempts, failed calls), when
     * they count calls ({@link AwsClients#fromEnvironment()}'s do); empty otherwise.
     */
    public Supplier<Optional<String>> awsCallsFromNow() {
        Optional<ApiCallRecorder> recorder = aws.callRecorder();
        Optional<ApiCallRecorder.Tally> before = recorder.map(ApiCallRecorder::tally);
        return () -> recorder.map(calls -> calls.tally().since(before.orElseThrow()).toString());
    }

    public Clock clock() {
        return clock;
    }

    public CertfleetSettings settings() {
        return settings;
    }

    public InventoryTable inventoryTable() {
        return new InventoryTable(aws.dynamoDb(), settings.tableName());
    }

    public DynamoDbInventoryRepository inventory() {
        return inventory;
    }

    /** Built on first use: only the planner and the worker read accounts (two SDK clients the others never load). */
    public synchronized AccountDirectory accounts() {
        if (accounts == null) {
            accounts = new OrganizationsAccountDirectory(aws.organizations(), aws.sts());
        }
        return accounts;
    }

    /** The account the configured credentials act in (asked once). */
    public synchronized String callerAccountId() {
        if (callerAccountId == null) {
            callerAccountId = accounts().caller().id();
        }
        return callerAccountId;
    }

    public PlanScan planScan() {
        return new PlanScan(accounts(), clock);
    }

    public ScanAccountRegion scanAccountRegion() {
        return new ScanAccountRegion(new BouncyCastleCertificateParser(), inventory,
                new ResolveOwnership(settings.ownership()), clock);
    }

    public ScanFleet scanFleet() {
        AwsSourceFactory sources = new AwsSourceFactory(aws, settings.scannerRoleName(), this::callerAccountId,
                settings.rateLimits());
        return new ScanFleet(sources, scanAccountRegion(), clock);
    }

    /** A whole fleet scan in this process, its summary kept (CLI, demo). */
    public RunScan runScan() {
        return new RunScan(scanFleet(), scanRuns());
    }

    public ScanRunRepository scanRuns() {
        return new DynamoDbScanRunRepository(aws.dynamoDb(), settings.tableName(), clock);
    }

    /** The regions a scheduled scan covers: the configured ones, else the region these clients use. */
    public List<String> scanRegions() {
        return settings.scanRegions().isEmpty() ? List.of(aws.settings().region().id()) : settings.scanRegions();
    }

    public StartScan startScan() {
        return new StartScan(planScan(), scanRuns());
    }

    public ScanWorkItem scanWorkItem() {
        return new ScanWorkItem(scanFleet(), scanRuns());
    }

    public SummarizeScan summarizeScan() {
        return new SummarizeScan(scanRuns(), clock);
    }

    public ListInventory listInventory() {
        return new ListInventory(inventory, clock);
    }

    /** The compliance listing of certificates (the inventory API's): with their findings, in a stable order. */
    public ListCertificates listCertificates() {
        return new ListCertificates(inventory, listInventory(), findingStore(), clock);
    }

    /** Everything the inventory API reads. */
    public Compliance compliance() {
        RotationStore rotations = rotation().rotations();
        return new Compliance(listCertificates(), new ListEndpoints(inventory, listInventory(), probeResults()),
                new PageFindings(findingStore()), new PageRotations(rotations), rotations, probeResults(),
                computeKpis(), new ExportCertificates(listCertificates(), findingStore()));
    }

    /** Where exports larger than a response go: the bucket's objects, read back by presigned URLs. */
    public ExportSpill exportSpill(String bucket) {
        return new S3ExportSpill(aws.s3(), aws::s3Presigner, bucket, clock);
    }

    /** The governance KPIs as metrics (EMF lines on standard output), with the circuit breaker's state. */
    public PublishKpis publishKpis() {
        return new PublishKpis(computeKpis(), rotation().breaker(), new EmfMetricsSink(System.getenv()));
    }

    /** The governance KPIs ({@code GET /metrics}, {@code certfleet metrics}, the dashboard's numbers). */
    public ComputeKpis computeKpis() {
        return new ComputeKpis(listCertificates(), probeResults(), findingStore(), rotation().rotations(),
                scanRuns(), settings.ownership().defaultOwner(), clock);
    }

    /**
     * The policies every judging use case applies: the policy file's profiles, else the built-in ones. Read once
     * (a warm Lambda keeps them); a broken file fails each use until it is fixed.
     */
    public synchronized PolicySet policies() {
        if (policies == null) {
            policies = settings.probe().policyFile().map(file -> YamlPolicyFile.read(Path.of(file)))
                    .orElseGet(PolicySet::builtIn);
        }
        return policies;
    }

    public DynamoDbProbeResults probeResults() {
        return new DynamoDbProbeResults(aws.dynamoDb(), settings.tableName());
    }

    /**
     * Probing an account-region's bindings, trusting the JDK's roots (and the configured CA files) and fetching
     * missing issuers (AIA), connecting where {@code CERTFLEET_CONNECT_TO} says.
     */
    public ProbeScope probeScope() {
        return probeScope(probeTrust(), ConnectTo.resolver(settings.probe().connectTo(), AddressResolver.DNS));
    }

    /** The JDK's roots, plus the roots and intermediates of the configured CA files. */
    public TrustMaterial probeTrust() {
        TrustMaterial jdk = TrustStores.jdkDefaults();
        List<String> files = settings.probe().caFiles();
        if (files.isEmpty()) {
            return jdk;
        }
        TrustMaterial extra = TrustStores.fromPemFiles(files.stream().map(Path::of).toList());
        List<X509Certificate> anchors = new ArrayList<>(jdk.anchors());
        anchors.addAll(extra.anchors());
        return new TrustMaterial(anchors, extra.knownIntermediates());
    }

    /** Probing with other trust (a private CA) and other addresses (the demo's local stand-ins). */
    public ProbeScope probeScope(TrustMaterial trust, AddressResolver addresses) {
        ProbeOptions options = settings.probe();
        ProbeEndpoints probe = new ProbeEndpoints(new TlsEndpointProber(PROBES_PER_HOST, addresses),
                new DiagnoseEndpoint(trust, new AiaIssuerLookup(options.timeout()), clock));
        return new ProbeScope(inventory, new BindingTargets(options.reachesInternalEndpoints()), probe,
                probeResults(), policies(), new ProbeScope.Settings(options.timeout(), options.concurrency()), clock);
    }

    /** Policy findings of an account-region, on the configuration and on the wire, stored with their history. */
    public EvaluatePolicy evaluatePolicy() {
        return new EvaluatePolicy(inventory, probeResults(), securityPolicies(), policies(), findingStore(), events(),
                owners(), clock);
    }

    public ListFindings listFindings() {
        return new ListFindings(findingStore());
    }

    /** The alert topic when one is configured; without it, handshake failures are events only. */
    public OwnerNotifier owners() {
        return settings.alerts().topicArn().<OwnerNotifier>map(topic -> new SnsAlertSender(aws.sns(), topic))
                .orElse(OwnerNotifier.NONE);
    }

    public DynamoDbFindingStore findingStore() {
        return new DynamoDbFindingStore(aws.dynamoDb(), settings.tableName());
    }

    /** Security policies expanded, cached for the life of this wiring (policies are immutable by name). */
    public synchronized ElbSecurityPolicyCatalog securityPolicies() {
        if (securityPolicies == null) {
            securityPolicies = new ElbSecurityPolicyCatalog(aws);
        }
        return securityPolicies;
    }

    /** The rotation use cases (built once: their canary trust reads the JDK's roots and the CA files). */
    public synchronized RotationWiring rotation() {
        if (rotation == null) {
            rotation = canaryTrust != null ? new RotationWiring(this, canaryTrust, canaryAddresses)
                    : RotationWiring.of(this);
        }
        return rotation;
    }

    /**
     * This wiring, with rotation canaries trusting {@code trust} and connecting through {@code addresses} (a local
     * run whose endpoints are stand-ins, and whose private CA is in memory).
     */
    public Wiring withCanaryNetwork(TrustMaterial trust, AddressResolver addresses) {
        Wiring other = new Wiring(aws, clock, settings);
        other.canaryTrust = Objects.requireNonNull(trust, "trust");
        other.canaryAddresses = Objects.requireNonNull(addresses, "addresses");
        return other;
    }

    /** This wiring (its settings, clock and canary network) over other clients: a drill's, that watch its calls. */
    public Wiring withAws(AwsClients otherAws) {
        Wiring other = new Wiring(otherAws, clock, settings);
        other.canaryTrust = canaryTrust;
        other.canaryAddresses = canaryAddresses;
        return other;
    }

    /** The rotation use cases with other trust and addresses (tests' and the demo's stand-ins). */
    public RotationWiring rotation(TrustMaterial trust, AddressResolver addresses) {
        return new RotationWiring(this, trust, addresses);
    }

    public DynamoDbRotationLocks rotationLocks() {
        return new DynamoDbRotationLocks(aws.dynamoDb(), settings.tableName(), clock);
    }

    public EventBridgePublisher events() {
        return new EventBridgePublisher(aws.eventBridge(), settings.alerts().eventBusName());
    }

    /** Expiry alerts to the owners' topic, once per threshold, with their events on certfleet's bus. */
    public SendExpiryAlerts sendExpiryAlerts() {
        return new SendExpiryAlerts(inventory, new DynamoDbAlertLedger(aws.dynamoDb(), settings.tableName()),
                rotationLocks(), new SnsAlertSender(aws.sns(), settings.alerts().requiredTopicArn()), events(),
                policies(), clock);
    }

    public ReportExpiry reportExpiry() {
        return new ReportExpiry(inventory, clock, ReportExpiry.DEFAULT_WARNING_WINDOW);
    }
}
