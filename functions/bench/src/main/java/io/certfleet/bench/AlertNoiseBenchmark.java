package io.certfleet.bench;

import io.certfleet.testing.InMemoryInventoryRepository;
import io.certfleet.testing.InMemoryAlertLedger;
import io.certfleet.core.alerting.RotationLocks;
import io.certfleet.core.alerting.SendExpiryAlerts;
import io.certfleet.core.inventory.InventoryRecord;
import io.certfleet.core.policy.ExpiryThresholds;
import io.certfleet.core.policy.PolicySet;
import io.certfleet.testing.InventoryFixtures;
import io.certfleet.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Alert noise and coverage, certfleet against the two habits the field has, over the same simulated fleet and the
 * same unreliable schedule, in one run:
 * <ul>
 *   <li><b>certfleet</b>: the real {@link SendExpiryAlerts} (ledger behind its port, in memory), hourly;</li>
 *   <li><b>equality rule</b> (Lemur's): a daily job alerting when days left <i>equal</i> a threshold, without a
 *       ledger: a missed day loses that threshold, a second job the same day sends it again;</li>
 *   <li><b>ACM events</b>: one event per certificate per day from 45 days before expiry.</li>
 * </ul>
 * The schedule misses 10% of its runs at random, has three 36-hour outages, and 5% of runs happen twice (two
 * evaluators at once). Run: {@code ./mvnw -B -q -Pbench-alerts -pl functions/bench -am verify -DskipTests}.
 */
public final class AlertNoiseBenchmark {

    private static final Instant START = Instant.parse("2026-12-01T00:00:00Z");
    private static final int CERTIFICATES = 400;
    private static final int HOURS = 24 * 110;
    private static final List<Integer> THRESHOLDS = ExpiryThresholds.DEFAULT.days();

    private AlertNoiseBenchmark() {
    }

    public static void main(String[] args) {
        Random random = new Random(20261127L);
        boolean[] missed = new boolean[HOURS];
        boolean[] twice = new boolean[HOURS];
        for (int hour = 0; hour < HOURS; hour++) {
            missed[hour] = random.nextDouble() < 0.10;
            twice[hour] = random.nextDouble() < 0.05;
        }
        for (int outage = 0; outage < 3; outage++) {
            int from = random.nextInt(HOURS - 36);
            for (int hour = from; hour < from + 36; hour++) {
                missed[hour] = true;
            }
        }
        MutableClock clock = new MutableClock(START);
        InMemoryInventoryRepository inventory = new InMemoryInventoryRepository();
        Map<String, Instant> expiry = new HashMap<>();
        for (int i = 0; i < CERTIFICATES; i++) {
            Instant notAfter = START.plus(Duration.ofDays(20 + random.nextInt(80))).plus(Duration.ofMinutes(
                    random.nextInt(24 * 60)));
            String arn = "arn:aws:acm:eu-west-1:111122223333:certificate/c" + i;
            InventoryRecord record = InventoryFixtures.record(arn).facts(InventoryFixtures.facts("c" + i
                    + ".example.com", notAfter)).build();
            inventory.recordSeen(record);
            expiry.put(arn, notAfter);
        }
        Map<String, List<Long>> certfleet = new HashMap<>();
        Map<String, List<Long>> equality = new HashMap<>();
        SendExpiryAlerts alerts = new SendExpiryAlerts(inventory, new InMemoryAlertLedger(), RotationLocks.NONE,
                (alert, message) -> certfleet.computeIfAbsent(alert.record().location().arn(), a -> new ArrayList<>())
                        .add(alert.threshold()), events -> { }, PolicySet.builtIn(), clock);
        long started = System.nanoTime();
        int runs = 0;
        for (int hour = 0; hour < HOURS; hour++) {
            clock.set(START.plus(Duration.ofHours(hour)));
            if (missed[hour]) {
                continue;
            }
            for (int round = 0; round < (twice[hour] ? 2 : 1); round++) {
                alerts.run();
                runs++;
                if (hour % 24 == 8) { // the daily job of the equality rule runs at 08:00 on the same schedule
                    equalityRule(expiry, clock.instant(), equality);
                }
            }
        }
        long elapsedMs = (System.nanoTime() - started) / 1_000_000;

        Tally ours = tally(certfleet, expiry, true);
        Tally lemur = tally(equality, expiry, false);
        long acm = acmEvents(expiry);
        System.out.printf(Locale.ROOT, "Alert noise over %d days, %d certificates, %d evaluations (%.0f ms, %.2f ms "
                + "each); schedule: 10%% runs missed, three 36 h outages, 5%% runs doubled%n", HOURS / 24,
                CERTIFICATES, runs, (double) elapsedMs, (double) elapsedMs / runs);
        System.out.printf(Locale.ROOT, "%-22s %12s %12s %12s %14s%n", "", "alerts/cert", "duplicates",
                "thresholds", "silent certs");
        System.out.printf(Locale.ROOT, "%-22s %12s %12s %12s %14s%n", "", "(pre-expiry)", "", "missed",
                "(none in 7 d)");
        print("certfleet (ledger)", ours);
        print("equality rule, daily", lemur);
        System.out.printf(Locale.ROOT, "%-22s %12.1f %12s %12s %14s%n", "ACM events (daily)",
                (double) acm / CERTIFICATES, "-", "0", "0");
        System.out.printf(Locale.ROOT, "certfleet sends %.1fx fewer messages than ACM's daily events, with %d "
                + "duplicates (equality rule: %d) and %d missed thresholds (equality rule: %d)%n",
                (double) acm / ours.alerts, ours.duplicates, lemur.duplicates, ours.missed, lemur.missed);
    }

    /** Lemur's rule: days left equal to a threshold, no memory of what was sent. */
    private static void equalityRule(Map<String, Instant> expiry, Instant now, Map<String, List<Long>> sent) {
        expiry.forEach((arn, notAfter) -> {
            long daysLeft = Math.floorDiv(notAfter.getEpochSecond() - now.getEpochSecond(), 86_400L);
            if (THRESHOLDS.contains((int) daysLeft)) {
                sent.computeIfAbsent(arn, a -> new ArrayList<>()).add(daysLeft);
            }
        });
    }

    /** ACM: one event a day per certificate, from 45 days before expiry until it expires. */
    private static long acmEvents(Map<String, Instant> expiry) {
        long events = 0;
        Instant end = START.plus(Duration.ofHours(HOURS));
        for (Instant notAfter : expiry.values()) {
            for (Instant day = START; day.isBefore(end); day = day.plus(Duration.ofDays(1))) {
                long left = Math.floorDiv(notAfter.getEpochSecond() - day.getEpochSecond(), 86_400L);
                if (left >= 0 && left <= 45) {
                    events++;
                }
            }
        }
        return events;
    }

    private record Tally(long alerts, long duplicates, long missed, long silent) {
    }

    /**
     * Pre-expiry alerts, duplicates (a threshold alerted twice), thresholds crossed during the run but never
     * alerted, and certificates that expired without any alert in their last 7 days.
     */
    private static Tally tally(Map<String, List<Long>> sent, Map<String, Instant> expiry, boolean certfleet) {
        long alerts = 0;
        long duplicates = 0;
        long missed = 0;
        long silent = 0;
        for (Map.Entry<String, Instant> certificate : expiry.entrySet()) {
            List<Long> thresholds = sent.getOrDefault(certificate.getKey(), List.of()).stream()
                    .filter(threshold -> threshold >= 0).toList();
            alerts += thresholds.size();
            Set<Long> distinct = new HashSet<>(thresholds);
            duplicates += thresholds.size() - distinct.size();
            long daysAtStart = Math.floorDiv(certificate.getValue().getEpochSecond() - START.getEpochSecond(),
                    86_400L);
            for (int threshold : THRESHOLDS) {
                if (threshold < daysAtStart && !distinct.contains((long) threshold)) {
                    missed++;
                }
            }
            if (distinct.stream().noneMatch(threshold -> threshold <= 7)) {
                silent++;
            }
        }
        return new Tally(alerts, duplicates, missed, silent);
    }

    private static void print(String name, Tally tally) {
        System.out.printf(Locale.ROOT, "%-22s %12.1f %12d %12d %14d%n", name, (double) tally.alerts / CERTIFICATES,
                tally.duplicates, tally.missed, tally.silent);
    }
}
