package io.certfleet.core.alerting;

import io.certfleet.core.inventory.InventoryRecord;
import java.util.ArrayList;
import java.util.List;

/**
 * What one evaluation did: how many certificates it looked at, the alerts it sent, those already sent by an
 * earlier or concurrent run, those held back by a rotation in progress, and those that could not be sent (sent by
 * the next run), and certificates an ACM event named that the inventory does not hold yet.
 */
public record AlertRun(int evaluated, List<ExpiryAlert> sent, List<String> alreadySent, List<String> suppressed,
                       List<String> failed, List<String> notInInventory) {

    public AlertRun {
        notInInventory = List.copyOf(notInInventory);
        sent = List.copyOf(sent);
        alreadySent = List.copyOf(alreadySent);
        suppressed = List.copyOf(suppressed);
        failed = List.copyOf(failed);
    }

    static final class Builder {
        private final int evaluated;
        private final List<ExpiryAlert> sent = new ArrayList<>();
        private final List<String> alreadySent = new ArrayList<>();
        private final List<String> suppressed = new ArrayList<>();
        private final List<String> failed = new ArrayList<>();
        private final List<String> notInInventory = new ArrayList<>();

        Builder(int evaluated) {
            this.evaluated = evaluated;
        }

        void sent(ExpiryAlert alert) {
            sent.add(alert);
        }

        void alreadySent(InventoryRecord record) {
            alreadySent.add(record.location().arn());
        }

        void suppressed(InventoryRecord record) {
            suppressed.add(record.location().arn());
        }

        void failed(InventoryRecord record, RuntimeException cause) {
            failed.add(record.location().arn() + ": " + cause.getMessage());
        }

        Builder notInInventory(String arn) {
            notInInventory.add(arn);
            return this;
        }

        AlertRun build() {
            return new AlertRun(evaluated, sent, alreadySent, suppressed, failed, notInInventory);
        }
    }
}
