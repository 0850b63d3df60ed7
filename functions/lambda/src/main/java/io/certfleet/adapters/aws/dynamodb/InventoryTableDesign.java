package io.certfleet.adapters.aws.dynamodb;

import java.util.List;

/**
 * The inventory table's fixed design, shared by the code that creates it locally ({@link InventoryTable}) and the
 * CDK stack that deploys it, so that the two cannot drift.
 *
 * <pre>
 * item                 pk                      sk                          indexed by
 * certificate record   CERT#&lt;sha256&gt;           AT#&lt;location ARN&gt;          byAccount, byExpiry*, byOwner*, byStatus*
 * binding              BIND#&lt;certificate ARN&gt;  &lt;TYPE&gt;#&lt;resource id&gt;       byAccount
 * binding probe        PROBE#&lt;certificate ARN&gt; &lt;TYPE&gt;#&lt;resource id&gt;       (none; expires 30 days after the last probe)
 * scan run             SCAN#&lt;scan id&gt;          PLAN | RESULT#... | SUMMARY (expire after 90 days)
 * (* only while present: removed records leave those indexes)
 * </pre>
 */
public final class InventoryTableDesign {

    /** Default table name for the CLI, the handlers and the CDK stack. */
    public static final String DEFAULT_TABLE_NAME = "certfleet-inventory";
    public static final String PARTITION_KEY = "pk";
    /** Time-to-live attribute (epoch seconds): scan-run items expire, inventory items never do. */
    public static final String TIME_TO_LIVE = "expiresAt";
    public static final String SORT_KEY = "sk";

    /** Everything one account holds or serves, by region: {@code accountId} / {@code scopeSort}. */
    public static final Index BY_ACCOUNT = new Index("byAccount", "accountId", "scopeSort");
    /**
     * Present certificates in listing order (unreadable first, then soonest expiry: {@code ListingOrder}):
     * {@code expiryIndexPk} (always {@code PRESENT}) / {@code expirySort}.
     */
    public static final Index BY_EXPIRY = new Index("byExpiry", "expiryIndexPk", "expirySort");
    /** Present certificates by owner, soonest expiry first. */
    public static final Index BY_OWNER = new Index("byOwner", "activeOwner", "expirySort");
    /** Present certificates by store status ({@code ISSUED}, {@code EXPIRED}, ...), soonest expiry first. */
    public static final Index BY_STATUS = new Index("byStatus", "activeStatus", "expirySort");
    public static final List<Index> INDEXES = List.of(BY_ACCOUNT, BY_EXPIRY, BY_OWNER, BY_STATUS);

    static final String CERTIFICATE_PREFIX = "CERT#";
    static final String LOCATION_PREFIX = "AT#";
    static final String BINDING_PREFIX = "BIND#";
    /**
     * The sort key of the item in each certificate's binding partition that lists the partition's binding sort keys
     * (a string set, {@code bindingKeys}): present and removed bindings, so that bindings are read by key, 100 a call,
     * not by one query per certificate. It sorts before every binding ({@code #} before the type names).
     */
    static final String BINDING_KEYS_SORT_KEY = "#KEYS";
    static final String BINDING_KEYS = "bindingKeys";
    /** The table's own facts: {@code pk = META#}, {@code sk = BINDING_KEYS} when every binding partition has its list. */
    static final String META_PARTITION = "META#";
    static final String PRESENT = "PRESENT";

    /** A global secondary index: name, partition and sort key attributes (strings), all attributes projected. */
    public record Index(String name, String partitionKey, String sortKey) {
    }

    private InventoryTableDesign() {
    }
}
