package io.certfleet.infra;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awscdk.regioninfo.RegionInfo;
import software.constructs.Construct;

/**
 * Reads the deployment's CDK context ({@code -c certfleet:KEY=VALUE} or {@code cdk.json}) and checks every value
 * before anything is built: a wrong value fails {@code cdk synth} with a message that starts with its key, says what
 * was given and what is expected. All problems are reported at once. The README's "Deployment parameters" table
 * lists the keys; {@link #KEYS} is the same list (a test keeps the two equal).
 */
final class DeploymentContext {

    static final String TABLE_NAME = "certfleet:tableName";
    static final String LAMBDA_JAR = "certfleet:lambdaJar";
    static final String SCAN_SCHEDULE = "certfleet:scanSchedule";
    static final String SCAN_ACCOUNTS = "certfleet:scanAccounts";
    static final String SCAN_REGIONS = "certfleet:scanRegions";
    static final String SCANNER_ROLE_NAME = "certfleet:scannerRoleName";
    static final String SCAN_CONCURRENCY = "certfleet:scanConcurrency";
    static final String ALERT_SCHEDULE = "certfleet:alertSchedule";
    static final String ALERT_TOPIC_NAME = "certfleet:alertTopicName";
    static final String EVENT_BUS_NAME = "certfleet:eventBusName";
    static final String ALERT_SUBSCRIPTIONS = "certfleet:alertSubscriptions";
    static final String POLICY_FILE = "certfleet:policyFile";
    static final String ORGANIZATION_ID = "certfleet:organizationId";
    static final String API_RATE_LIMIT = "certfleet:apiRateLimit";
    static final String API_BURST_LIMIT = "certfleet:apiBurstLimit";
    static final String KPI_SCHEDULE = "certfleet:kpiSchedule";
    static final String HANDSHAKE_SLO = "certfleet:handshakeSlo";
    static final String DRILLABLE_ENVIRONMENTS = "certfleet:drillableEnvironments";

    static final List<String> KEYS = List.of(TABLE_NAME, LAMBDA_JAR, SCAN_SCHEDULE, SCAN_ACCOUNTS, SCAN_REGIONS,
            SCANNER_ROLE_NAME, SCAN_CONCURRENCY, ALERT_SCHEDULE, ALERT_TOPIC_NAME, EVENT_BUS_NAME, ALERT_SUBSCRIPTIONS,
            POLICY_FILE, ORGANIZATION_ID, API_RATE_LIMIT, API_BURST_LIMIT, KPI_SCHEDULE, HANDSHAKE_SLO,
            DRILLABLE_ENVIRONMENTS);

    /** Step Functions' inline Map runs at most 40 iterations at once. */
    static final int MAX_SCAN_CONCURRENCY = 40;

    private static final Pattern RATE = Pattern.compile("rate\\((\\d+) (minute|minutes|hour|hours|day|days)\\)");
    private static final Pattern CRON = Pattern.compile("cron\\((\\S+ ){5}\\S+\\)");
    private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");
    private static final Pattern ROLE_NAME = Pattern.compile("[\\w+=,.@-]{1,64}");
    private static final Pattern TABLE = Pattern.compile("[a-zA-Z0-9_.-]{3,255}");
    private static final Pattern TOPIC = Pattern.compile("[a-zA-Z0-9_-]{1,256}");
    private static final Pattern BUS = Pattern.compile("[/.\\-_A-Za-z0-9]{1,256}");
    private static final Pattern ORGANIZATION = Pattern.compile("o-[a-z0-9]{10,32}");
    /** Environment tag values, comma-separated; empty: nothing may be drilled. */
    private static final Pattern ENVIRONMENTS = Pattern.compile("|[\\w.:/+=@-]{1,256}(,[\\w.:/+=@-]{1,256})*");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s,=]+@[^@\\s,=]+\\.[^@\\s,=]+");

    private final Construct scope;
    private final List<String> problems = new ArrayList<>();

    private DeploymentContext(Construct scope) {
        this.scope = scope;
    }

    /** Reads and checks every key; throws {@link InvalidContextException} listing every wrong value. */
    static CertfleetStack.Settings read(Construct scope) {
        DeploymentContext context = new DeploymentContext(scope);
        CertfleetStack.Settings settings = context.settings(CertfleetStack.Settings.defaults());
        if (!context.problems.isEmpty()) {
            throw new InvalidContextException(context.problems);
        }
        return settings;
    }

    private CertfleetStack.Settings settings(CertfleetStack.Settings defaults) {
        FleetScan.Settings scan = new FleetScan.Settings(
                schedule(SCAN_SCHEDULE, defaults.scan().schedule()),
                accounts(),
                regions(),
                matching(SCANNER_ROLE_NAME, defaults.scan().scannerRoleName(), ROLE_NAME,
                        "an IAM role name (letters, digits, +=,.@_-; at most 64)"),
                concurrency(defaults.scan().maxConcurrency()));
        ExpiryAlerts.Settings alerts = new ExpiryAlerts.Settings(
                schedule(ALERT_SCHEDULE, defaults.alerts().schedule()),
                matching(ALERT_TOPIC_NAME, defaults.alerts().topicName(), TOPIC,
                        "an SNS topic name (letters, digits, _ and -; at most 256)"),
                matching(EVENT_BUS_NAME, defaults.alerts().eventBusName(), BUS,
                        "an EventBridge bus name (letters, digits, /._-; at most 256)"),
                ownerEmails(),
                text(ORGANIZATION_ID).filter(id -> !id.isEmpty()).map(id -> {
                    if (!ORGANIZATION.matcher(id).matches()) {
                        problem(ORGANIZATION_ID, id, "an AWS Organizations id (o- and 10 to 32 lowercase letters or "
                                + "digits)");
                    }
                    return id;
                }));
        ComplianceApi.Settings api = new ComplianceApi.Settings(
                whole(API_RATE_LIMIT, defaults.api().rateLimit(), 1, 10_000, "requests per second"),
                whole(API_BURST_LIMIT, defaults.api().burstLimit(), 1, 5_000, "requests at once"),
                alerts.organizationId());
        return new CertfleetStack.Settings(
                matching(TABLE_NAME, defaults.tableName(), TABLE,
                        "a DynamoDB table name (letters, digits, _.-; 3 to 255)"),
                Path.of(text(LAMBDA_JAR).orElse(defaults.lambdaJar().toString())),
                scan, alerts,
                text(POLICY_FILE).filter(file -> !file.isBlank()).map(java.nio.file.Path::of))
                .withApi(api)
                .withGovernance(new Governance.Settings(schedule(KPI_SCHEDULE, defaults.governance().schedule()),
                        percent(HANDSHAKE_SLO, defaults.governance().handshakeSlo())))
                .withRotation(new StagedRotation.Settings(defaults.rotation().rotationRoleName(),
                        defaults.rotation().maxConcurrency(), matching(DRILLABLE_ENVIRONMENTS,
                        defaults.rotation().drillableEnvironments(), ENVIRONMENTS,
                        "environment tag values, comma-separated without spaces (or empty: no drills)")));
    }

    private Optional<String> text(String key) {
        return Optional.ofNullable(scope.getNode().tryGetContext(key)).map(Object::toString).map(String::strip);
    }

    private void problem(String key, String given, String expected) {
        problems.add(key + ": '" + given + "' is not " + expected);
    }

    private String matching(String key, String fallback, Pattern pattern, String expected) {
        String value = text(key).orElse(fallback);
        if (!pattern.matcher(value).matches()) {
            problem(key, value, expected);
        }
        return value;
    }

    /** EventBridge's schedule expressions: {@code rate(N unit)} (singular for 1) or {@code cron(...)}, six fields. */
    private String schedule(String key, String fallback) {
        String value = text(key).orElse(fallback);
        Matcher rate = RATE.matcher(value);
        boolean valid = rate.matches()
                ? Long.parseLong(rate.group(1)) >= 1 && (rate.group(1).equals("1") == !rate.group(2).endsWith("s"))
                : CRON.matcher(value).matches();
        if (!valid) {
            problem(key, value, "a schedule expression: rate(1 hour), rate(N minutes|hours|days) or cron(min hour "
                    + "day-of-month month day-of-week year), e.g. rate(6 hours), cron(0 */6 * * ? *)");
        }
        return value;
    }

    private String accounts() {
        String value = text(SCAN_ACCOUNTS).orElse("organization");
        if (value.equals("organization")) {
            return value;
        }
        List<String> wrong = list(value).stream().filter(id -> !ACCOUNT_ID.matcher(id).matches()).toList();
        if (list(value).isEmpty() || !wrong.isEmpty()) {
            problem(SCAN_ACCOUNTS, value, "'organization' or a comma-separated list of 12-digit account ids"
                    + (wrong.isEmpty() ? "" : " (not an account id: " + String.join(", ", wrong) + ")"));
        }
        return String.join(",", list(value));
    }

    private List<String> regions() {
        List<String> regions = list(text(SCAN_REGIONS).orElse(""));
        Set<String> known = knownRegions();
        List<String> unknown = regions.stream().filter(region -> !known.contains(region)).toList();
        if (!unknown.isEmpty()) {
            problem(SCAN_REGIONS, String.join(",", regions), "a comma-separated list of AWS regions (unknown: "
                    + String.join(", ", unknown) + "; known: " + String.join(", ", known) + ")");
        }
        return regions;
    }

    /** The regions CDK's region facts know (commercial, China and GovCloud partitions). */
    static Set<String> knownRegions() {
        Set<String> names = new TreeSet<>();
        for (RegionInfo region : RegionInfo.getRegions()) {
            names.add(region.getName());
        }
        return names;
    }

    private double percent(String key, double fallback) {
        String value = text(key).orElse(Double.toString(fallback));
        try {
            double parsed = Double.parseDouble(value);
            if (parsed > 0 && parsed <= 100) {
                return parsed;
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        problem(key, value, "a percentage above 0 and at most 100 (e.g. 99.5)");
        return fallback;
    }

    private int whole(String key, int fallback, int least, int most, String unit) {
        String value = text(key).orElse(Integer.toString(fallback));
        try {
            int parsed = Integer.parseInt(value);
            if (parsed >= least && parsed <= most) {
                return parsed;
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        problem(key, value, "a whole number from " + least + " to " + most + " (" + unit + ")");
        return fallback;
    }

    private int concurrency(int fallback) {
        String value = text(SCAN_CONCURRENCY).orElse(Integer.toString(fallback));
        try {
            int parsed = Integer.parseInt(value);
            if (parsed >= 1 && parsed <= MAX_SCAN_CONCURRENCY) {
                return parsed;
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        problem(SCAN_CONCURRENCY, value, "a whole number from 1 to " + MAX_SCAN_CONCURRENCY
                + " (account-regions scanned at once)");
        return fallback;
    }

    /** {@code owner=email,owner=email}: each owner's mailbox, subscribed with a filter on its owner. */
    private Map<String, String> ownerEmails() {
        Map<String, String> emails = new LinkedHashMap<>();
        for (String pair : list(text(ALERT_SUBSCRIPTIONS).orElse(""))) {
            String[] parts = pair.split("=", 2);
            if (parts.length != 2 || parts[0].isBlank() || !EMAIL.matcher(parts[1].strip()).matches()) {
                problem(ALERT_SUBSCRIPTIONS, pair, "owner=email (e.g. payments-team=payments@example.com; pairs "
                        + "separated by commas)");
                continue;
            }
            String owner = parts[0].strip();
            if (emails.putIfAbsent(owner, parts[1].strip()) != null) {
                problem(ALERT_SUBSCRIPTIONS, pair, "a new owner: '" + owner + "' is subscribed twice");
            }
        }
        return emails;
    }

    private static List<String> list(String text) {
        return Arrays.stream(text.split(",")).map(String::strip).filter(item -> !item.isEmpty()).toList();
    }

    /** Every wrong context value of a deployment, one line each, each starting with its key. */
    static final class InvalidContextException extends IllegalArgumentException {

        private static final long serialVersionUID = 1L;

        InvalidContextException(List<String> problems) {
            super("certfleet: wrong deployment parameter" + (problems.size() == 1 ? "" : "s") + " (cdk -c KEY=VALUE "
                    + "or cdk.json):\n  " + String.join("\n  ", problems));
        }
    }
}
