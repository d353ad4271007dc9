package lab.grader.rubric;

import java.util.List;

/**
 * The SpotBugs findings that fail a check (the rubric's {@code "spotbugs"} on a check): a finding of
 * one of {@code patterns} in the contract class {@code in} (or a class nested in it) of the
 * check's exercise. The check then fails even when its run passed, because what it tests for can
 * happen on another run or machine (a spurious wakeup, say) and the bytecode shows it for certain.
 * Listed only for detectors that flag every known wrong implementation of that class and never a
 * right one; every other finding is advice.
 *
 * @param in the contract class's simple name ("BoundedBuffer")
 * @param patterns SpotBugs bug patterns ("WA_NOT_IN_LOOP")
 */
public record SpotBugsGate(String in, List<String> patterns) {

    public SpotBugsGate {
        patterns = List.copyOf(patterns);
    }

    /** True when a finding of {@code pattern} in class {@code className} of exercise {@code exercise} fails the check. */
    public boolean fails(String exercise, String pattern, String className) {
        String contract = "lab." + exercise + "." + in;
        return patterns.contains(pattern) && (className.equals(contract) || className.startsWith(contract + "$"));
    }
}
