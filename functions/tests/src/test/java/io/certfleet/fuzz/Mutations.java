package io.certfleet.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Mutations of valid inputs for the property tests: a few edits (flip a byte, set it to an edge value, delete a
 * run, duplicate a run, insert random bytes, truncate) at positions jqwik chooses and can shrink.
 */
public final class Mutations {

    /** One edit: what, where (a share of the length), a value and a run length. */
    record Edit(int kind, double where, int value, int run) {

        byte[] applyTo(byte[] input) {
            if (input.length == 0) {
                return new byte[] {(byte) value};
            }
            int at = Math.min(input.length - 1, (int) (where * input.length));
            int length = Math.min(run, input.length - at);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            switch (kind) {
                case 0 -> { // flip bits
                    byte[] copy = input.clone();
                    copy[at] ^= (byte) (value == 0 ? 1 : value);
                    return copy;
                }
                case 1 -> { // an edge value: lengths and tags love 0x00, 0x7f, 0x80, 0xff
                    byte[] copy = input.clone();
                    copy[at] = (byte) List.of(0x00, 0x7f, 0x80, 0xff, 0x01, 0x30, 0x82).get(Math.abs(value) % 7).intValue();
                    return copy;
                }
                case 2 -> { // delete a run
                    out.write(input, 0, at);
                    out.write(input, at + length, input.length - at - length);
                }
                case 3 -> { // duplicate a run
                    out.write(input, 0, at + length);
                    out.write(input, at, length);
                    out.write(input, at + length, input.length - at - length);
                }
                case 4 -> { // insert bytes
                    out.write(input, 0, at);
                    for (int i = 0; i < length; i++) {
                        out.write(value + i * 31);
                    }
                    out.write(input, at, input.length - at);
                }
                default -> out.write(input, 0, at); // truncate
            }
            return out.toByteArray();
        }
    }

    private Mutations() {
    }

    static Arbitrary<Edit> edits() {
        return Combinators.combine(Arbitraries.integers().between(0, 5), Arbitraries.doubles().between(0, 1),
                Arbitraries.integers().between(0, 255), Arbitraries.integers().between(1, 64)).as(Edit::new);
    }

    /** {@code base} with 1 to {@code maxEdits} edits. */
    public static Arbitrary<byte[]> of(byte[] base, int maxEdits) {
        return edits().list().ofMinSize(1).ofMaxSize(maxEdits).map(list -> {
            byte[] result = base;
            for (Edit edit : list) {
                result = edit.applyTo(result);
            }
            return result;
        });
    }

    /** One of {@code bases}, mutated. */
    public static Arbitrary<byte[]> ofAny(List<byte[]> bases, int maxEdits) {
        return Arbitraries.of(bases).flatMap(base -> of(base, maxEdits));
    }

    /** Text mutated as UTF-8 bytes, read back leniently (invalid sequences become U+FFFD, as a file reader would). */
    public static Arbitrary<String> ofText(String base, int maxEdits) {
        return of(base.getBytes(StandardCharsets.UTF_8), maxEdits)
                .map(bytes -> new String(bytes, StandardCharsets.UTF_8));
    }
}
