package io.certfleet.core.rotation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.certfleet.core.inventory.BindingRecord;
import io.certfleet.core.policy.rotation.WaveSize;
import io.certfleet.testing.InventoryFixtures;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Waves: a canary of one (the least exposed binding), then cumulative shares; every binding exactly once. */
class RolloutPlanTest {

    private static List<BindingRecord> bindings(int defaults, int sni) {
        List<BindingRecord> bindings = new ArrayList<>();
        for (int i = 0; i < defaults; i++) {
            bindings.add(InventoryFixtures.binding("listener/app/lb-" + i + "/default", "arn:old").build());
        }
        for (int i = 0; i < sni; i++) {
            bindings.add(InventoryFixtures.binding("listener/app/lb-" + i + "/sni", "arn:old").sni().build());
        }
        return bindings;
    }

    @Test
    void theDefaultRolloutIsACanaryThenHalfThenTheRest() {
        RolloutPlan plan = RolloutPlan.of(bindings(7, 3), WaveSize.DEFAULT);

        assertThat(plan.waves()).extracting(List::size).containsExactly(1, 4, 5);
        assertThat(plan.bindings()).isEqualTo(10);
        assertThat(plan.canary()).singleElement().satisfies(canary ->
                assertThat(canary.isDefault()).as("an SNI certificate is the least exposed canary").isFalse());
        assertThat(plan.waves().stream().flatMap(List::stream).map(BindingRecord::resourceId).distinct().count())
                .isEqualTo(10);
    }

    @Test
    void wavesThatAddNothingAreLeftOutAndASingleBindingIsOneWave() {
        assertThat(RolloutPlan.of(bindings(1, 0), WaveSize.DEFAULT).waves()).extracting(List::size).containsExactly(1);
        assertThat(RolloutPlan.of(bindings(2, 0), WaveSize.DEFAULT).waves()).extracting(List::size)
                .containsExactly(1, 1);
        assertThat(RolloutPlan.of(List.of(), WaveSize.DEFAULT).waves()).isEmpty();
    }

    @Test
    void removedBindingsAreNotRolledOut() {
        List<BindingRecord> bindings = new ArrayList<>(bindings(2, 0));
        BindingRecord gone = bindings.removeFirst();
        bindings.add(new BindingRecord(gone.type(), gone.resourceId(), gone.certificateArn(), gone.isDefault(),
                gone.dnsName(), gone.scheme(), gone.port(), gone.sslPolicy(), gone.scope(), gone.firstSeen(),
                gone.lastSeen(), gone.lastSeen()));

        assertThat(RolloutPlan.of(bindings, WaveSize.DEFAULT).bindings()).isEqualTo(1);
    }

    @Test
    void thePlanIsTheSameWhateverOrderTheBindingsComeIn() {
        List<BindingRecord> bindings = bindings(5, 2);
        List<BindingRecord> reversed = new ArrayList<>(bindings);
        java.util.Collections.reverse(reversed);

        assertThat(RolloutPlan.of(reversed, WaveSize.DEFAULT)).isEqualTo(RolloutPlan.of(bindings, WaveSize.DEFAULT));
    }

    @Test
    void wavesAreParsedAndChecked() {
        assertThat(WaveSize.parse(List.of("1", "50%", "100%"))).isEqualTo(WaveSize.DEFAULT);
        assertThat(WaveSize.parse(List.of("2", "10"))).extracting(WaveSize::toString)
                .as("a rollout always ends at 100%").containsExactly("2", "10", "100%");
        assertThatThrownBy(() -> WaveSize.parse(List.of("50%", "20%"))).hasMessageContaining("goes no further");
        assertThatThrownBy(() -> WaveSize.parse(List.of("half"))).hasMessageContaining("'half' is not a number");
        assertThatThrownBy(() -> WaveSize.parse(List.of("0"))).hasMessageContaining("1 or more");
        assertThatThrownBy(() -> WaveSize.parse(List.of("150%"))).hasMessageContaining("1% to 100%");
        assertThatThrownBy(() -> WaveSize.parse(List.of())).hasMessageContaining("at least one");
    }
}
