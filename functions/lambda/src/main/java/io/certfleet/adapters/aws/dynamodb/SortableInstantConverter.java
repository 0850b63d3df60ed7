package io.certfleet.adapters.aws.dynamodb;

import io.certfleet.core.inventory.ListingOrder;
import java.time.Instant;
import software.amazon.awssdk.enhanced.dynamodb.AttributeConverter;
import software.amazon.awssdk.enhanced.dynamodb.AttributeValueType;
import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Stores an {@link Instant} as fixed-width UTC ISO-8601 with nanoseconds ({@code 2026-11-27T11:00:00.000000000Z}),
 * so that string order is time order in conditions and sort keys. (The SDK's default writes {@code ...00Z} for
 * whole seconds and {@code ...00.123Z} otherwise, which compare the wrong way round as strings.)
 */
public final class SortableInstantConverter implements AttributeConverter<Instant> {

    public static String format(Instant instant) {
        return ListingOrder.sortable(instant);
    }

    @Override
    public AttributeValue transformFrom(Instant input) {
        return AttributeValue.fromS(format(input));
    }

    @Override
    public Instant transformTo(AttributeValue input) {
        return Instant.parse(input.s());
    }

    @Override
    public EnhancedType<Instant> type() {
        return EnhancedType.of(Instant.class);
    }

    @Override
    public AttributeValueType attributeValueType() {
        return AttributeValueType.S;
    }
}
