package io.certfleet.core.drill;

import io.certfleet.core.discovery.BindingType;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A rotation that is a drill: a deliberately broken certificate rotated into one binding through the normal
 * workflow, to prove that the canary catches it and the rollback restores the binding. The preflight's objections
 * to the broken certificate are recorded instead of refusing it (they would stop every drill before the canary);
 * the rotation always ends rolled back, counts for no circuit breaker and opens no finding.
 *
 * @param fault      what is broken
 * @param type       the drilled binding's type
 * @param resourceId the drilled binding's resource (load balancer listener, distribution, domain)
 * @param preflight  what the preflight said of the broken certificate (empty: nothing, or not checked yet)
 */
public record DrillSpec(DrillFault fault, BindingType type, String resourceId, List<String> preflight) {

    public DrillSpec {
        Objects.requireNonNull(fault, "fault");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(resourceId, "resourceId");
        preflight = preflight == null ? List.of() : List.copyOf(preflight);
    }

    public static DrillSpec of(DrillFault fault, Binding binding) {
        return new DrillSpec(fault, binding.type(), binding.resourceId(), List.of());
    }

    public DrillSpec withPreflight(List<String> problems) {
        return new DrillSpec(fault, type, resourceId, problems);
    }

    /** {@code TYPE:RESOURCE_ID}, as the command line names it. */
    public String binding() {
        return type.name() + ":" + resourceId;
    }

    /** A binding as the command line names it: {@code TYPE:RESOURCE_ID}. */
    public record Binding(BindingType type, String resourceId) {

        public Binding {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(resourceId, "resourceId");
        }

        /**
         * {@code ELBV2_LISTENER:arn:aws:elasticloadbalancing:...}, {@code CLOUDFRONT:E2ABC...}: the type (any letter
         * case) before the first colon, the resource id after it.
         */
        public static Binding parse(String text) {
            String given = text == null ? "" : text.strip();
            int colon = given.indexOf(':');
            if (colon <= 0 || colon == given.length() - 1) {
                throw new IllegalArgumentException("name the binding as TYPE:RESOURCE_ID (TYPE one of " + types()
                        + "), got '" + given + "'");
            }
            String type = given.substring(0, colon).toUpperCase(Locale.ROOT).replace('-', '_');
            BindingType parsed = Arrays.stream(BindingType.values()).filter(value -> value.name().equals(type))
                    .findFirst().orElseThrow(() -> new IllegalArgumentException("unknown binding type '"
                            + given.substring(0, colon) + "': use one of " + types()));
            return new Binding(parsed, given.substring(colon + 1));
        }

        private static String types() {
            return Arrays.stream(BindingType.values()).map(Enum::name).collect(Collectors.joining(", "));
        }

        @Override
        public String toString() {
            return type.name() + ":" + resourceId;
        }
    }
}
