package io.certfleet.adapters.aws.dynamodb;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
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

    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);

    public static String format(Instant instant) {
        return FORMAT.format(instant);
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
