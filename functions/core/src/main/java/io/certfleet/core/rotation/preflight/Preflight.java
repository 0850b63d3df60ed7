package io.certfleet.core.rotation.preflight;

import java.util.ArrayList;
import java.util.List;

/**
 * The checks a replacement passes before any binding is touched, as a chain of small named checks; every problem
 * of every check is reported, so a refused replacement says everything that is wrong with it at once.
 */
public final class Preflight {

    /** The checks, in the order their problems are reported. */
    public static final List<PreflightCheck> CHECKS = List.of(new CoversNamesCheck(), new ValidityCheck(),
            new ChainCompleteCheck(), new ProfileCheck());

    private Preflight() {
    }

    /** The verdict: no problems means the replacement may be rolled out. */
    public record Verdict(List<String> problems) {
        public Verdict {
            problems = List.copyOf(problems);
        }

        public boolean passed() {
            return problems.isEmpty();
        }
    }

    public static Verdict check(PreflightContext context) {
        List<String> problems = new ArrayList<>();
        for (PreflightCheck check : CHECKS) {
            check.problems(context).forEach(problem -> problems.add(check.name() + ": " + problem));
        }
        return new Verdict(problems);
    }
}
