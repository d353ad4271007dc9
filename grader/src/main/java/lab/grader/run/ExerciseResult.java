package lab.grader.run;

import java.util.List;
import java.util.Map;
import lab.grader.rubric.CheckSpec;
import lab.grader.rubric.ExerciseSpec;

/**
 * An exercise after grading: one result per rubric check (never fewer), the figures its checks
 * measured, and anything that went wrong with the grading JVM itself.
 *
 * @param spec the rubric entry
 * @param checks a result for every check of the rubric, in rubric order
 * @param figures measured figures by name
 * @param problem what ended the exercise early (an exit, a crash), or null
 * @param zeroed true when a grading rule was broken (the JVM was exited) and the exercise scores 0
 * @param jvmOutput what the grading JVM printed outside the checks (capped)
 * @param millis the wall time of the exercise
 */
public record ExerciseResult(ExerciseSpec spec, List<CheckResult> checks, Map<String, Object> figures,
        String problem, boolean zeroed, String jvmOutput, long millis) {

    /** Points earned: the rubric's points of every passed check, 0 if a grading rule was broken. */
    public int points() {
        if (zeroed) {
            return 0;
        }
        int sum = 0;
        for (CheckResult r : checks) {
            if (r.passed()) {
                sum += pointsOf(r.id());
            }
        }
        return sum;
    }

    /** The rubric's points for one check. */
    public int pointsOf(String checkId) {
        return spec.checks().stream().filter(c -> c.id().equals(checkId)).mapToInt(CheckSpec::points).sum();
    }

    /** Whether the rubric marks the check hidden (an instructor's hidden check). */
    public boolean hidden(String checkId) {
        return spec.checks().stream().anyMatch(c -> c.id().equals(checkId) && c.hidden());
    }

    /** Whether the check earned its points. */
    public boolean earned(CheckResult r) {
        return r.passed() && !zeroed;
    }

    /** True when every check earned its points. */
    public boolean fullMarks() {
        return points() == spec.maxPoints();
    }
}
