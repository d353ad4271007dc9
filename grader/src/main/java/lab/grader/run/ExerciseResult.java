package lab.grader.run;

import java.util.List;
import java.util.Map;
import lab.grader.harness.Events;
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
 * @param millis the time its grading JVMs ran (added up over its parts, which may run side by side)
 * @param events what each check recorded for the report page's pictures, by check id (empty for a
 *        hidden check graded for someone else: see ExerciseRunner)
 */
public record ExerciseResult(ExerciseSpec spec, List<CheckResult> checks, Map<String, Object> figures,
        String problem, boolean zeroed, String jvmOutput, long millis, Map<String, List<Events.Event>> events) {

    public ExerciseResult {
        events = events == null ? Map.of() : Map.copyOf(events);
    }

    /** An exercise whose checks recorded no events (not run, say). */
    public ExerciseResult(ExerciseSpec spec, List<CheckResult> checks, Map<String, Object> figures,
            String problem, boolean zeroed, String jvmOutput, long millis) {
        this(spec, checks, figures, problem, zeroed, jvmOutput, millis, Map.of());
    }

    /**
     * One result for {@code whole} from the results of its parts ({@link ExercisePart}), graded in JVMs of
     * their own: every check in rubric order, the figures and events of all, every part's problem, zeroed
     * when any part broke a grading rule, and the parts' grading time added up.
     */
    public static ExerciseResult merge(ExerciseSpec whole, List<ExerciseResult> parts) {
        if (parts.size() == 1 && parts.get(0).spec().equals(whole)) {
            return parts.get(0);
        }
        Map<String, CheckResult> byId = new java.util.HashMap<>();
        Map<String, Object> figures = new java.util.LinkedHashMap<>();
        Map<String, List<Events.Event>> events = new java.util.LinkedHashMap<>();
        java.util.LinkedHashSet<String> problems = new java.util.LinkedHashSet<>();
        StringBuilder output = new StringBuilder();
        boolean zeroed = false;
        long millis = 0;
        for (ExerciseResult part : parts) {
            part.checks().forEach(c -> byId.put(c.id(), c));
            figures.putAll(part.figures());
            events.putAll(part.events());
            if (part.problem() != null) {
                problems.add(part.problem());
            }
            if (!part.jvmOutput().isEmpty()) {
                output.append(output.length() == 0 ? "" : "\n").append(part.jvmOutput());
            }
            zeroed |= part.zeroed();
            millis += part.millis();
        }
        List<CheckResult> checks = new java.util.ArrayList<>();
        for (CheckSpec c : whole.checks()) {
            CheckResult r = byId.get(c.id());
            if (r == null) {
                throw new IllegalArgumentException("no part graded " + whole.id() + "." + c.id());
            }
            checks.add(r);
        }
        return new ExerciseResult(whole, checks, figures, problems.isEmpty() ? null : String.join("\n\n", problems), zeroed,
                output.toString(), millis, events);
    }

    /** The events of one check (none when it recorded none). */
    public List<Events.Event> eventsOf(String checkId) {
        return events.getOrDefault(checkId, List.of());
    }

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
