package lab.grader.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import lab.grader.batch.MachineSlots;
import lab.grader.rubric.CheckSpec;
import lab.grader.rubric.ExerciseSpec;
import lab.grader.rubric.Rubric;
import org.junit.jupiter.api.Test;

/**
 * Exercises graded in parts by the cores their checks need: how an exercise splits, how the parts'
 * results become one, and that the schedule runs one-core parts side by side but never anything beside
 * a part that needs the whole machine. Fake graders stand in for grading JVMs; simultaneity is proven
 * with a barrier, exclusion with an in-flight gauge, never with sleeps.
 */
@org.junit.jupiter.api.Tag(lab.grader.selftest.SideBySide.TAG)
class PartScheduleTest {

    private static CheckSpec check(String id, Integer cores) {
        return new CheckSpec(id, 1, false, null, null, cores);
    }

    private static ExerciseSpec exercise(String id, Integer cores, CheckSpec... checks) {
        return new ExerciseSpec(id, "lab.grader.X", "lesson.md", List.of(), 60, List.of(checks), cores);
    }

    private static ExerciseResult passed(ExerciseSpec checks, long millis) {
        return new ExerciseResult(checks, checks.checks().stream().map(c -> new CheckResult(c.id(), true, null, null, "", 1)).toList(),
                Map.of(checks.checks().get(0).id() + ".figure", 1), null, false, "", millis);
    }

    @Test
    void anExerciseSplitsByTheCoresItsChecksNeedInRubricOrder() {
        ExerciseSpec mixed = exercise("mixed", null, check("a", 1), check("b", null), check("c", 1), check("d", null));
        List<ExercisePart> parts = ExercisePart.of(mixed);
        assertEquals(2, parts.size());
        assertEquals(List.of("a", "c"), parts.get(0).checks().checks().stream().map(CheckSpec::id).toList());
        assertEquals(1, parts.get(0).cores());
        assertTrue(parts.get(0).besideOthers(2));
        assertFalse(parts.get(0).besideOthers(1), "on one core nothing runs beside anything");
        assertEquals(List.of("b", "d"), parts.get(1).checks().checks().stream().map(CheckSpec::id).toList());
        assertNull(parts.get(1).cores(), "no cores of its own: the exercise's, here the whole machine");
        assertFalse(parts.get(1).besideOthers(64));

        ExerciseSpec oneCore = exercise("one", 1, check("a", null), check("b", null));
        assertEquals(1, ExercisePart.of(oneCore).size());
        assertEquals(1, ExercisePart.of(oneCore).get(0).cores());
        assertEquals(oneCore, ExercisePart.of(oneCore).get(0).checks());

        ExerciseSpec withHidden = exercise("h", null, check("a", 1),
                new CheckSpec("secret", 1, true, "lab.grader.Hidden", null, 1), check("b", 1));
        assertEquals(List.of(List.of("a", "b"), List.of("secret")), ExercisePart.of(withHidden).stream()
                .map(p -> p.checks().checks().stream().map(CheckSpec::id).toList()).toList(),
                "hidden checks are a part of their own: their JVM may run beside the visible one");

        ExerciseSpec twoCores = exercise("two", 2, check("a", 4), check("b", 1));
        assertEquals(2, twoCores.coresOf(twoCores.checks().get(0)), "a check never needs more than its exercise");
        assertEquals(1, twoCores.coresOf(twoCores.checks().get(1)));
    }

    @Test
    void theShippedRubricGradesRacesAndTimingsOnTheWholeMachine() {
        // The checks whose verdicts rest on free cores or on time must never run beside other work.
        Map<String, List<String>> machine = Map.of(
                "counter", List.of("synchronizedSeedCase", "synchronizedExactProperty", "counterRunExactProperty", "unsafeCounterDemo",
                        "counterRunWaitsIdleAndInterruptibly"),
                "queue", List.of("bufferNoLostWakeup", "producerConsumerExactlyOnceProperty", "bufferWaitsWithoutBusyWaiting"),
                "pool", List.of("fasterThanSequential", "seedThreeVersusHundred", "peakEqualsWorkers", "mapIsInterruptible"),
                "parallel", List.of("fasterOnSeveralCores", "parallelIsInterruptible"),
                "downloads", List.of("fasterThanSequential", "interruptStopsDownloads"));
        for (ExerciseSpec e : Rubric.load().exercises()) {
            for (String id : machine.getOrDefault(e.id(), List.of())) {
                CheckSpec c = e.checks().stream().filter(x -> x.id().equals(id)).findFirst().orElseThrow();
                assertFalse(ExercisePart.of(e).stream().filter(p -> p.checks().checks().contains(c)).findFirst().orElseThrow()
                        .besideOthers(2), e.id() + "." + id + " must have the machine to itself");
            }
        }
    }

    @Test
    void partsMergeIntoOneResultInRubricOrder() {
        ExerciseSpec whole = exercise("mixed", null, check("a", 1), check("b", null), check("c", 1));
        List<ExercisePart> parts = ExercisePart.of(whole);
        ExerciseResult machine = new ExerciseResult(parts.get(1).checks(),
                List.of(CheckResult.notRun("b", "run.exited.not-run", "exited")), Map.of(), "it called System.exit", true, "out2", 30);
        ExerciseResult merged = ExerciseResult.merge(whole, List.of(machine, passed(parts.get(0).checks(), 20)));
        assertEquals(List.of("a", "b", "c"), merged.checks().stream().map(CheckResult::id).toList());
        assertTrue(merged.zeroed(), "a broken rule in one part zeroes the whole exercise");
        assertEquals(0, merged.points());
        assertEquals("it called System.exit", merged.problem());
        assertEquals(50, merged.millis());
        assertEquals(1, merged.figures().get("a.figure"));
        assertEquals(whole, merged.spec());
        assertThrows(IllegalArgumentException.class, () -> ExerciseResult.merge(whole, List.of(machine)),
                "a check no part graded is a bug of the grader, never a silent gap");
        ExerciseResult clean = ExerciseResult.merge(whole, List.of(passed(parts.get(0).checks(), 1), passed(parts.get(1).checks(), 1)));
        assertEquals(3, clean.points());
        assertNull(clean.problem());
    }

    @Test
    void oneCorePartsRunSideBySideAndAWholeMachinePartRunsAlone() throws Exception {
        // Two one-core parts meet at a barrier (only parts running at once pass it); the part that needs
        // the machine sees nothing else in flight; a one-core part listed after it starts only after it.
        ExerciseSpec x = exercise("x", null, check("x1", 1), check("x2", null));
        ExerciseSpec y = exercise("y", 1, check("y1", null));
        ExerciseSpec z = exercise("z", 1, check("z1", null));
        List<ExercisePart> parts = new ArrayList<>();
        parts.add(ExercisePart.of(x).get(0));
        parts.add(ExercisePart.of(y).get(0));
        parts.add(ExercisePart.of(x).get(1));
        parts.add(ExercisePart.of(z).get(0));
        CyclicBarrier together = new CyclicBarrier(2);
        AtomicInteger inFlight = new AtomicInteger();
        AtomicBoolean machineDone = new AtomicBoolean();
        List<String> wrong = Collections.synchronizedList(new ArrayList<>());
        MachineSlots slots = new MachineSlots(2);
        PartSchedule.Grader grader = (checks, deadline) -> {
            int now = inFlight.incrementAndGet();
            try {
                String first = checks.checks().get(0).id();
                switch (first) {
                    case "x1", "y1" -> together.await(20, TimeUnit.SECONDS);
                    case "x2" -> {
                        if (now != 1) {
                            wrong.add("the machine part ran beside " + (now - 1) + " other part(s)");
                        }
                        machineDone.set(true);
                    }
                    case "z1" -> {
                        if (!machineDone.get()) {
                            wrong.add("a later one-core part overtook the machine part");
                        }
                    }
                    default -> wrong.add("unknown part " + first);
                }
                return passed(checks, 1);
            } catch (Exception e) {
                wrong.add(checks.checks().get(0).id() + ": " + e);
                throw new IllegalStateException(e);
            } finally {
                inFlight.decrementAndGet();
            }
        };
        List<String> finished = new ArrayList<>();
        try (PartSchedule schedule = new PartSchedule(parts, part -> slots.hold(part.cores()), grader,
                Instant.now().plus(Duration.ofMinutes(1)), spec -> { throw new AssertionError("nothing is out of time"); })) {
            schedule.start(0);
            for (int i = 0; i < schedule.count(); i++) {
                PartSchedule.Done done = schedule.next();
                finished.add(done.result().checks().get(0).id());
            }
        }
        assertEquals(List.of(), wrong);
        assertEquals(4, finished.size());
        assertTrue(finished.indexOf("x2") < finished.indexOf("z1"));
    }

    @Test
    void aPartThatCannotStartBeforeTheDeadlineIsReportedOutOfTime() throws Exception {
        ExerciseSpec x = exercise("x", 1, check("x1", null));
        List<String> outOfTime = new ArrayList<>();
        try (PartSchedule schedule = new PartSchedule(ExercisePart.of(x), part -> new MachineSlots(2).hold(1),
                (checks, deadline) -> { throw new AssertionError("graded after its deadline"); },
                Instant.now().minusSeconds(1), spec -> {
                    outOfTime.add(spec.id());
                    return new ExerciseResult(spec, List.of(CheckResult.notRun("x1", "run.time-limit", "late")), Map.of(), "late", false, "", 0);
                })) {
            schedule.start(0);
            assertEquals("run.time-limit", schedule.next().result().checks().get(0).key());
        }
        assertEquals(List.of("x"), outOfTime);
    }
}
