package lab.grader.spotbugs;

import java.util.ArrayList;
import java.util.List;
import lab.grader.i18n.Messages;
import lab.grader.rubric.CheckSpec;
import lab.grader.rubric.SpotBugsGate;
import lab.grader.run.CheckResult;
import lab.grader.run.ExerciseResult;

/**
 * What SpotBugs' findings do to an exercise's result: a finding that a check's {@link SpotBugsGate}
 * names fails that check (decided here, on the trusted side, never in the JVM that ran the student's
 * code); every other finding is advice, shown with the run's notes and costing nothing.
 */
public final class SpotBugsVerdicts {
    /** At most this many advice lines per exercise: a long list would bury the failed checks. */
    static final int MAX_ADVICE = 10;

    private SpotBugsVerdicts() {
    }

    /** {@code result} with every check whose gate one of {@code findings} meets failed, the findings named in its message. */
    public static ExerciseResult apply(ExerciseResult result, List<Finding> findings) {
        if (findings.isEmpty()) {
            return result;
        }
        String exercise = result.spec().id();
        List<CheckResult> checks = new ArrayList<>();
        boolean changed = false;
        for (CheckResult r : result.checks()) {
            List<Finding> gated = gated(result.spec().checks().stream().filter(c -> c.id().equals(r.id())).findFirst().orElse(null),
                    exercise, findings);
            if (gated.isEmpty()) {
                checks.add(r);
                continue;
            }
            changed = true;
            StringBuilder lines = new StringBuilder();
            gated.forEach(f -> lines.append("- ").append(f.describe()).append('\n'));
            String found = Messages.get("spotbugs.check", lines.toString().strip());
            checks.add(r.passed()
                    ? new CheckResult(r.id(), false, "spotbugs." + gated.get(0).pattern(), found, r.output(), r.millis())
                    : new CheckResult(r.id(), false, r.key(), (r.message() == null ? "" : r.message() + "\n") + found, r.output(),
                            r.millis()));
        }
        return changed ? new ExerciseResult(result.spec(), checks, result.figures(), result.problem(), result.zeroed(),
                result.jvmOutput(), result.millis()) : result;
    }

    /** The findings of {@code exercise} that no check's gate takes: advice. */
    public static List<Finding> advice(lab.grader.rubric.ExerciseSpec spec, List<Finding> findings) {
        return findings.stream().filter(f -> spec.checks().stream().noneMatch(c -> gated(c, spec.id(), List.of(f)).size() > 0))
                .toList();
    }

    /** The run's note for the advice findings of every exercise, or null when there are none. */
    public static String note(List<lab.grader.rubric.ExerciseSpec> specs, SecondOpinion opinion) {
        StringBuilder b = new StringBuilder();
        for (lab.grader.rubric.ExerciseSpec spec : specs) {
            List<Finding> advice = advice(spec, opinion.of(spec.id()));
            advice.stream().limit(MAX_ADVICE).forEach(f -> b.append("- ").append(spec.id()).append(": ").append(f.describe()).append('\n'));
            if (advice.size() > MAX_ADVICE) {
                b.append("- ").append(spec.id()).append(": ").append(Messages.get("spotbugs.more", advice.size() - MAX_ADVICE))
                        .append('\n');
            }
        }
        if (opinion.failure() != null) {
            return Messages.get("spotbugs.failed", opinion.failure());
        }
        return b.length() == 0 ? null : Messages.get("spotbugs.advice", b.toString().strip());
    }

    private static List<Finding> gated(CheckSpec check, String exercise, List<Finding> findings) {
        SpotBugsGate gate = check == null ? null : check.spotbugs();
        if (gate == null) {
            return List.of();
        }
        return findings.stream().filter(f -> gate.fails(exercise, f.pattern(), f.className())).toList();
    }
}
