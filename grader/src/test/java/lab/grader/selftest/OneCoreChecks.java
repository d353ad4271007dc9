package lab.grader.selftest;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * On a canary test (or a whole canary class): every check it runs is one the rubric grades on one core
 * ({@code "cores": 1}, or an exercise of one core), so its verdicts hold beside other work, as they do
 * in grading, where such checks run two JVMs at a time. It runs in the side-by-side round
 * ({@link SideBySide}). Unmarked, keeping the machine to themselves: canaries of timing and race
 * checks, and those of parallel's thread-count check, which tells the call's threads from work left
 * over by earlier tests by watching the threads for 20 ms first (in the side-by-side round, another
 * test's left-over thread could go unseen in so short a window on a busy machine).
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Tag(SideBySide.TAG)
public @interface OneCoreChecks {
}
