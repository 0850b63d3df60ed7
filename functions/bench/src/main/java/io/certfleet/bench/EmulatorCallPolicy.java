package io.certfleet.bench;

import io.certfleet.adapters.aws.AwsCallPolicy;
import java.time.Duration;

/**
 * The call ceiling of the benchmarks' clients: moto answers a DynamoDB query by reading the whole table, so at
 * thousands of items and several scans at once one query can take longer than the 15 s that stops a dead endpoint
 * in production. The benchmarks measure certfleet, not that ceiling: 5 minutes, the usual 10 attempts.
 */
final class EmulatorCallPolicy {

    static final AwsCallPolicy AT_SCALE = new AwsCallPolicy(Duration.ofMinutes(5), AwsCallPolicy.DEFAULT.maxAttempts());

    private EmulatorCallPolicy() {
    }
}
