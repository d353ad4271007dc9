package lab.grader.run;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lab.grader.rubric.CheckSpec;
import lab.grader.rubric.ExerciseSpec;

/**
 * The checks of one exercise that need the same cores ({@link ExerciseSpec#coresOf}), all visible or all
 * hidden, graded by one
 * call of {@link ExerciseRunner#run} while those cores are held: a part that needs one core runs beside
 * other such parts, one that needs the whole machine runs alone.
 *
 * @param exercise the whole exercise, as the rubric has it
 * @param checks the same exercise with only this part's checks
 * @param cores the cores this part's grading JVMs must have to themselves; null: the whole machine
 */
public record ExercisePart(ExerciseSpec exercise, ExerciseSpec checks, Integer cores) {

    /**
     * The parts of {@code exercise}: one per number of cores its checks need and visibility (visible or
     * hidden), in the order they first appear.
     */
    public static List<ExercisePart> of(ExerciseSpec exercise) {
        Map<String, List<CheckSpec>> byCores = new LinkedHashMap<>();
        Map<String, Integer> cores = new LinkedHashMap<>();
        for (CheckSpec check : exercise.checks()) {
            Integer need = exercise.coresOf(check);
            // Visible and hidden checks never share a JVM anyway (ExerciseRunner): as parts of their own,
            // two such one-core JVMs of one exercise can run side by side.
            String key = need + "/" + check.hidden();
            byCores.computeIfAbsent(key, k -> new ArrayList<>()).add(check);
            cores.put(key, need);
        }
        List<ExercisePart> parts = new ArrayList<>();
        byCores.forEach((key, checks) -> parts.add(new ExercisePart(exercise, exercise.withChecks(checks), cores.get(key))));
        return parts;
    }

    /** True when this part needs fewer cores than {@code machineCores}: it may run beside other work. */
    public boolean besideOthers(int machineCores) {
        return cores != null && cores < machineCores;
    }
}
