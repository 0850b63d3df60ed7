package io.certfleet.core.compliance;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One page of a listing in a stable order: its items, and the position to continue after (empty when the walk is
 * complete). A page may hold fewer items than asked, even none, and still go on: a page reads a bounded part of the
 * inventory, and a selective filter may drop most of it.
 */
public record Paged<T>(List<T> items, Optional<String> continueAfter) {

    public Paged {
        items = List.copyOf(items);
        Objects.requireNonNull(continueAfter, "continueAfter");
    }

    /**
     * A page cut from items already in order with their positions: those after {@code after}, at most {@code limit}.
     */
    public static <T> Paged<T> of(List<T> ordered, java.util.function.Function<T, String> position, String after,
                                  int limit) {
        List<T> rest = ordered.stream().filter(item -> after == null || position.apply(item).compareTo(after) > 0)
                .limit(limit + 1L).toList();
        return rest.size() > limit ? new Paged<>(rest.subList(0, limit), Optional.of(position.apply(
                rest.get(limit - 1)))) : new Paged<>(rest, Optional.empty());
    }
}
