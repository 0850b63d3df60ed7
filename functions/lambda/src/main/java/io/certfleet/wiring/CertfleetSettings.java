package io.certfleet.wiring;

import io.certfleet.adapters.aws.RateLimits;
import io.certfleet.adapters.aws.dynamodb.InventoryTableDesign;
import io.certfleet.core.ownership.OwnershipRules;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a deployment configures: the inventory table, the role assumed in member accounts, how ownership is
 * resolved, the API rate limits, and what a scheduled scan covers. {@link #fromEnvironment} reads the variables
 * the CDK stack sets.
 *
 * @param scannerRoleName the role certfleet assumes in each member account
 * @param scanAccounts    what a scheduled scan covers: {@code organization}, {@code caller} or account ids
 * @param scanRegions     the regions a scheduled scan covers; empty means the configured region
 * @param probe           how the deployed prober works
 * @param alerts          where alerts and events go
 */
public record CertfleetSettings(String tableName, String scannerRoleName, OwnershipRules ownership,
                                RateLimits rateLimits, String scanAccounts, List<String> scanRegions,
                                ProbeOptions probe, AlertOptions alerts, RotationOptions rotation) {

    public static final String TABLE_VARIABLE = "CERTFLEET_TABLE";
    public static final String ROLE_VARIABLE = "CERTFLEET_SCANNER_ROLE";
    public static final String OWNER_TAGS_VARIABLE = "CERTFLEET_OWNER_TAGS";
    public static final String ENVIRONMENT_TAGS_VARIABLE = "CERTFLEET_ENVIRONMENT_TAGS";
    public static final String DEFAULT_OWNER_VARIABLE = "CERTFLEET_DEFAULT_OWNER";
    public static final String DEFAULT_ENVIRONMENT_VARIABLE = "CERTFLEET_DEFAULT_ENVIRONMENT";
    public static final String RATE_LIMITS_VARIABLE = "CERTFLEET_RATE_LIMITS";
    /** {@code organization}, {@code caller}, or a comma-separated list of account ids. */
    public static final String ACCOUNTS_VARIABLE = "CERTFLEET_ACCOUNTS";
    /** Comma-separated regions a scheduled scan covers (default: the function's own region). */
    public static final String REGIONS_VARIABLE = "CERTFLEET_REGIONS";
    public static final String DEFAULT_ROLE_NAME = "certfleet-scanner";

    public CertfleetSettings {
        Objects.requireNonNull(tableName, "tableName");
        Objects.requireNonNull(scannerRoleName, "scannerRoleName");
        Objects.requireNonNull(ownership, "ownership");
        Objects.requireNonNull(rateLimits, "rateLimits");
        Objects.requireNonNull(scanAccounts, "scanAccounts");
        scanRegions = List.copyOf(scanRegions);
        Objects.requireNonNull(probe, "probe");
        Objects.requireNonNull(alerts, "alerts");
        Objects.requireNonNull(rotation, "rotation");
    }

    public static CertfleetSettings defaults() {
        return new CertfleetSettings(InventoryTableDesign.DEFAULT_TABLE_NAME, DEFAULT_ROLE_NAME,
                OwnershipRules.DEFAULTS, RateLimits.AWS_QUOTAS, "caller", List.of(),
                ProbeOptions.DEFAULTS, AlertOptions.DEFAULTS, RotationOptions.DEFAULTS);
    }

    /** Settings from environment variables, each defaulting to {@link #defaults()}. */
    public static CertfleetSettings fromEnvironment(Map<String, String> env) {
        OwnershipRules rules = OwnershipRules.DEFAULTS;
        OwnershipRules ownership = new OwnershipRules(
                list(env.get(OWNER_TAGS_VARIABLE), rules.ownerTagKeys()),
                list(env.get(ENVIRONMENT_TAGS_VARIABLE), rules.environmentTagKeys()),
                env.getOrDefault(DEFAULT_OWNER_VARIABLE, rules.defaultOwner()),
                env.getOrDefault(DEFAULT_ENVIRONMENT_VARIABLE, rules.defaultEnvironment()));
        return new CertfleetSettings(
                env.getOrDefault(TABLE_VARIABLE, InventoryTableDesign.DEFAULT_TABLE_NAME),
                env.getOrDefault(ROLE_VARIABLE, DEFAULT_ROLE_NAME),
                ownership,
                rateLimits(env.getOrDefault(RATE_LIMITS_VARIABLE, "aws")),
                env.getOrDefault(ACCOUNTS_VARIABLE, "caller"),
                list(env.get(REGIONS_VARIABLE), List.of()),
                ProbeOptions.fromEnvironment(env), AlertOptions.fromEnvironment(env),
                RotationOptions.fromEnvironment(env));
    }

    public CertfleetSettings withTableName(String otherTableName) {
        return new CertfleetSettings(otherTableName, scannerRoleName, ownership, rateLimits, scanAccounts, scanRegions,
                probe, alerts, rotation);
    }

    public CertfleetSettings withScannerRoleName(String otherRoleName) {
        return new CertfleetSettings(tableName, otherRoleName, ownership, rateLimits, scanAccounts, scanRegions,
                probe, alerts, rotation);
    }

    public CertfleetSettings withRateLimits(RateLimits otherRateLimits) {
        return new CertfleetSettings(tableName, scannerRoleName, ownership, otherRateLimits, scanAccounts,
                scanRegions, probe, alerts, rotation);
    }

    public CertfleetSettings withProbe(ProbeOptions otherProbe) {
        return new CertfleetSettings(tableName, scannerRoleName, ownership, rateLimits, scanAccounts, scanRegions,
                otherProbe, alerts, rotation);
    }

    public CertfleetSettings withAlerts(AlertOptions otherAlerts) {
        return new CertfleetSettings(tableName, scannerRoleName, ownership, rateLimits, scanAccounts, scanRegions,
                probe, otherAlerts, rotation);
    }

    public CertfleetSettings withRotation(RotationOptions otherRotation) {
        return new CertfleetSettings(tableName, scannerRoleName, ownership, rateLimits, scanAccounts, scanRegions,
                probe, alerts, otherRotation);
    }

    /** {@code aws} (AWS's quotas, the default) or {@code off}. */
    static RateLimits rateLimits(String name) {
        return switch (name.strip()) {
            case "aws" -> RateLimits.AWS_QUOTAS;
            case "off" -> RateLimits.UNLIMITED;
            default -> throw new IllegalArgumentException(RATE_LIMITS_VARIABLE + " must be 'aws' or 'off', got '"
                    + name + "'");
        };
    }

    private static List<String> list(String commaSeparated, List<String> fallback) {
        if (commaSeparated == null || commaSeparated.isBlank()) {
            return fallback;
        }
        return Arrays.stream(commaSeparated.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
