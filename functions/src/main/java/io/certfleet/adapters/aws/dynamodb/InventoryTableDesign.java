package io.certfleet.adapters.aws.dynamodb;

/**
 * The inventory table's fixed design, shared by the code that creates it locally ({@link InventoryTable}) and the
 * CDK stack that deploys it, so that the two cannot drift.
 */
public final class InventoryTableDesign {

    /** Default table name for the CLI, the handlers and the CDK stack. */
    public static final String DEFAULT_TABLE_NAME = "certfleet-inventory";
    /** Partition key (string): {@code CERT#<certificate id>}. */
    public static final String PARTITION_KEY = "pk";
    /** Sort key (string): {@code AT#<location ARN>}. */
    public static final String SORT_KEY = "sk";

    static final String CERTIFICATE_PREFIX = "CERT#";
    static final String LOCATION_PREFIX = "AT#";

    private InventoryTableDesign() {
    }
}
