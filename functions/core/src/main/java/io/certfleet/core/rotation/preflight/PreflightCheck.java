package io.certfleet.core.rotation.preflight;

import java.util.List;

/** One named rule a replacement must pass before anything is swapped; each problem is one sentence. */
public interface PreflightCheck {

    String name();

    List<String> problems(PreflightContext context);
}
