package lab.grader.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import lab.grader.harness.Events;
import lab.grader.rubric.Rubric;
import lab.grader.rubric.ExerciseSpec;
import org.junit.jupiter.api.Test;

/**
 * What the runner keeps of the events a grading JVM sends for the report page's pictures: those of
 * the check in progress, up to a cap; none at all from a hidden check graded for someone else (they
 * could describe the hidden check's inputs), exactly as its message is replaced.
 */
@org.junit.jupiter.api.Tag(lab.grader.selftest.SideBySide.TAG)
class AttemptEventsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ExerciseSpec POOL = Rubric.load().select("pool").get(0);
    private static final String CHECK = POOL.checks().get(0).id();

    private static String line(Object... kv) throws Exception {
        java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return JSON.writeValueAsString(m);
    }

    private static String event(String check, String label) throws Exception {
        return line("type", "event", "check", check,
                "event", new Events.Event("timeline.concurrent", "span", label, 0, 10, 0, "").toMap());
    }

    @Test
    void keepsTheEventsOfTheCheckInProgress() throws Exception {
        ExerciseRunner.Attempt a = new ExerciseRunner.Attempt(POOL, List.of(CHECK), false);
        a.event(event(CHECK, "before its start")); // no check in progress: dropped
        a.event(line("type", "start", "check", CHECK));
        a.event(event(CHECK, "worker-1"));
        a.event(event("someOtherCheck", "worker-2")); // not the check in progress: dropped
        a.event(line("type", "end", "check", CHECK, "status", "passed"));
        assertEquals(List.of("worker-1"), a.events.get(CHECK).stream().map(Events.Event::lane).toList());
        assertEquals(null, a.tampered);
    }

    @Test
    void dropsEverythingAHiddenCheckRecordsForSomeoneElsesCode() throws Exception {
        ExerciseRunner.Attempt a = new ExerciseRunner.Attempt(POOL, List.of(CHECK), true);
        a.event(line("type", "start", "check", CHECK));
        a.event(event(CHECK, "secret input 42"));
        a.event(line("type", "end", "check", CHECK, "status", "failed", "message", "secret"));
        assertTrue(a.events.isEmpty(), "no event of a secret JVM is kept: " + a.events);
    }

    @Test
    void keepsNoMoreThanTheCap() throws Exception {
        ExerciseRunner.Attempt a = new ExerciseRunner.Attempt(POOL, List.of(CHECK), false);
        a.event(line("type", "start", "check", CHECK));
        for (int i = 0; i < Events.MAX_EVENTS + 500; i++) {
            a.event(event(CHECK, "t" + i));
        }
        assertEquals(Events.MAX_EVENTS, a.events.get(CHECK).size());
    }

    @Test
    void anEventWithoutItsFieldsIsIgnored() throws Exception {
        ExerciseRunner.Attempt a = new ExerciseRunner.Attempt(POOL, List.of(CHECK), false);
        a.event(line("type", "start", "check", CHECK));
        a.event(line("type", "event", "check", CHECK, "event", Map.of("nothing", 1)));
        a.event(line("type", "event", "check", CHECK, "event", "not a map"));
        assertTrue(a.events.getOrDefault(CHECK, List.of()).isEmpty());
    }
}
