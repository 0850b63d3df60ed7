package io.certfleet.core.policy.rotation;

import java.util.ArrayList;
import java.util.List;

/**
 * How far a rollout has gone after a wave: a number of bindings ({@code 1}) or a share of them ({@code 50%}),
 * counted from the start (cumulative), so {@code [1, 50%, 100%]} is a canary of one binding, then up to half of them,
 * then all.
 *
 * @param value   bindings, or percent when {@code percent}
 */
public record WaveSize(int value, boolean percent) {

    /** The default rollout: a canary of one, half, the rest. */
    public static final List<WaveSize> DEFAULT = List.of(new WaveSize(1, false), new WaveSize(50, true),
            new WaveSize(100, true));

    public WaveSize {
        if (value < 1 || (percent && value > 100)) {
            throw new IllegalArgumentException("a wave is a number of bindings (1 or more) or a share (1% to 100%), "
                    + "got " + value + (percent ? "%" : ""));
        }
    }

    /** Bindings covered once this wave is done, out of {@code total} (a share rounds up: never a wave of zero). */
    public int reach(int total) {
        return Math.min(total, percent ? (int) Math.ceil(total * value / 100.0) : value);
    }

    @Override
    public String toString() {
        return value + (percent ? "%" : "");
    }

    /**
     * Parses {@code ["1", "50%", "100%"]}: each wave must reach further than the one before, and the rollout ends
     * at 100% (added when the list stops short, so no binding is ever left out).
     */
    public static List<WaveSize> parse(List<String> texts) {
        if (texts.isEmpty()) {
            throw new IllegalArgumentException("waves: give at least one, e.g. [1, 50%, 100%]");
        }
        List<WaveSize> waves = new ArrayList<>();
        for (String text : texts) {
            String trimmed = text.strip();
            boolean percent = trimmed.endsWith("%");
            String number = percent ? trimmed.substring(0, trimmed.length() - 1).strip() : trimmed;
            try {
                waves.add(new WaveSize(Integer.parseInt(number), percent));
            } catch (NumberFormatException notANumber) {
                throw new IllegalArgumentException("waves: '" + text + "' is not a number of bindings or a share "
                        + "(e.g. 1, 5, 50%)");
            }
        }
        for (int i = 1; i < waves.size(); i++) {
            WaveSize before = waves.get(i - 1);
            WaveSize after = waves.get(i);
            if (before.percent() == after.percent() && after.value() <= before.value()) {
                throw new IllegalArgumentException("waves: " + after + " after " + before + " goes no further; each "
                        + "wave counts from the start (e.g. 1, 50%, 100%)");
            }
        }
        if (!waves.getLast().equals(new WaveSize(100, true))) {
            waves.add(new WaveSize(100, true));
        }
        return List.copyOf(waves);
    }
}
