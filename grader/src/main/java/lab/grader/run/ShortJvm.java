package lab.grader.run;

import java.util.List;

/**
 * The JIT and GC flags of the JVMs the grader starts, which live seconds: grading JVMs, the compiler's
 * and SpotBugs' JVMs. One place, so that a measured choice is made once.
 */
public final class ShortJvm {
    /**
     * C1 only: in a JVM that lives seconds, C2's compiler threads spent more CPU than they saved.
     * Lincheck's start-up (ASM rewriting JDK classes, cold) took 3.9 s with C2 and 1.2 s without on 2
     * cores, and a counter JVM's CPU time fell from 9.5 to 5.4 s. The checks compare like with like
     * (sequential and concurrent runs under the same compiler), and C1 keeps every read and write a
     * race needs (it hoists no field read out of a loop).
     */
    public static final String C1_ONLY = "-XX:TieredStopAtLevel=1";

    /** A tool's JVM (compiler, SpotBugs): C1 only, and the serial GC, which starts fastest in a small heap. */
    public static final List<String> TOOL = List.of(C1_ONLY, "-XX:+UseSerialGC");

    private ShortJvm() {
    }
}
