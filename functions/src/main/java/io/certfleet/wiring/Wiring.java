package io.certfleet.wiring;

import io.certfleet.adapters.aws.AwsClients;
import io.certfleet.adapters.aws.acm.AcmCertificateStore;
import io.certfleet.adapters.aws.dynamodb.DynamoDbInventoryRepository;
import io.certfleet.adapters.aws.dynamodb.InventoryTable;
import io.certfleet.adapters.aws.dynamodb.InventoryTableDesign;
import io.certfleet.adapters.x509.BouncyCastleCertificateParser;
import io.certfleet.core.discovery.CertificateStore;
import io.certfleet.core.discovery.ScanCertificates;
import io.certfleet.core.discovery.ScanScope;
import io.certfleet.core.inventory.InventoryRepository;
import io.certfleet.core.inventory.ReportExpiry;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;

/**
 * The composition root: builds use cases from adapters. Handlers and CLI commands ask it for a use case and
 * never construct adapters themselves.
 */
public final class Wiring {

    /** Environment variable naming the inventory table (the CDK stack sets it on every function). */
    public static final String TABLE_VARIABLE = "CERTFLEET_TABLE";

    private final AwsClients aws;
    private final Clock clock;
    private final String tableName;
    private final BouncyCastleCertificateParser parser = new BouncyCastleCertificateParser();
    private final InventoryRepository inventory;

    public Wiring(AwsClients aws, Clock clock, String tableName) {
        this.aws = Objects.requireNonNull(aws, "aws");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.tableName = Objects.requireNonNull(tableName, "tableName");
        this.inventory = new DynamoDbInventoryRepository(aws.dynamoDbEnhanced(), tableName);
    }

    /** Wiring for a Lambda function or CLI run: AWS settings and table name from the environment. */
    public static Wiring fromEnvironment() {
        return fromEnvironment(System.getenv(), AwsClients.fromEnvironment());
    }

    static Wiring fromEnvironment(Map<String, String> env, AwsClients aws) {
        String table = env.getOrDefault(TABLE_VARIABLE, InventoryTableDesign.DEFAULT_TABLE_NAME);
        return new Wiring(aws, Clock.systemUTC(), table);
    }

    public AwsClients aws() {
        return aws;
    }

    public Clock clock() {
        return clock;
    }

    public InventoryTable inventoryTable() {
        return new InventoryTable(aws.dynamoDb(), tableName);
    }

    public InventoryRepository inventory() {
        return inventory;
    }

    /** ACM of the given account and region, read with this wiring's credentials. */
    public CertificateStore acm(ScanScope scope) {
        return new AcmCertificateStore(aws.acm(), scope);
    }

    /** The account these credentials act in, and the configured region. */
    public ScanScope ownScope() {
        String account = aws.sts().getCallerIdentity().account();
        return new ScanScope(account, aws.settings().region().id());
    }

    public ScanCertificates scanCertificates() {
        return new ScanCertificates(parser, inventory, clock);
    }

    public ReportExpiry reportExpiry() {
        return new ReportExpiry(inventory, clock, ReportExpiry.DEFAULT_WARNING_WINDOW);
    }
}
