package io.certfleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.certfleet.core.inventory.StoreStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

class SuggestionsTest {

    @Test
    void theNearestKnownValueIsSuggestedOnlyWhenItIsNearEnough() {
        List<String> commands = List.of("demo", "scan", "inventory", "probe", "report");

        assertThat(Suggestions.nearest("scna", commands)).contains("scan");
        assertThat(Suggestions.nearest("INVENTROY", commands)).contains("inventory");
        assertThat(Suggestions.nearest("frobnicate", commands)).isEmpty();
        assertThat(Suggestions.nearest("expirng_soon", List.of("EXPIRED", "EXPIRING_SOON"))).contains("EXPIRING_SOON");
        assertThat(Suggestions.distance("kitten", "sitting")).isEqualTo(3);
        assertThat(Suggestions.distance("", "abc")).isEqualTo(3);
    }

    @Test
    void storeStatusesAreNamedInAnyLetterCase() {
        assertThat(StoreStatus.named("issued")).contains("ISSUED");
        assertThat(StoreStatus.named(" Pending_Validation ")).contains("PENDING_VALIDATION");
        assertThat(StoreStatus.named("FOO")).isEmpty();
    }
}
