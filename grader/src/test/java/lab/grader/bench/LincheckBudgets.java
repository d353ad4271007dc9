package lab.grader.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import lab.counter.Counter;
import lab.grader.counter.CounterBudgetProbe;
import lab.grader.harness.CheckFailure;
import lab.grader.queue.QueueBudgetProbe;

/**
 * Finds, for each Lincheck check, the smallest budget (iterations x invocations) that rejects every
 * canary of that check in each of RUNS runs: the figure behind the budgets the checks use.
 * Run by {@code grader/bench/lincheck-budgets.sh}; prints one line per check, canary and budget.
 * Not a test: it times nothing and asserts nothing; its output goes into the note.
 */
public final class LincheckBudgets {
    private LincheckBudgets() {
    }

    /** One model check of one canary at a budget: true if it was rejected. */
    @FunctionalInterface
    interface Probe {
        boolean rejects(int iterations, int invocations) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        Map<String, Map<String, Probe>> checks = new LinkedHashMap<>();
        Map<String, Probe> counters = new LinkedHashMap<>();
        for (Map.Entry<String, Supplier<Counter>> c : CounterBudgetProbe.racyCounters().entrySet()) {
            counters.put(c.getKey(), (it, inv) -> rejected(() -> CounterBudgetProbe.modelCheck(c.getValue(), it, inv)));
        }
        checks.put("counter *Linearizable (and the hidden larger budget)", counters);
        Map<String, Probe> buffers = new LinkedHashMap<>();
        for (Map.Entry<String, QueueBudgetProbe.Factory> b : QueueBudgetProbe.brokenBuffers().entrySet()) {
            buffers.put(b.getKey(), (it, inv) -> rejected(() -> QueueBudgetProbe.modelCheck(b.getValue(), it, inv)));
        }
        checks.put("queue bufferLinearizable (capacities 1 and 2)", buffers);
        // Budgets to try, smallest first ("2x10,3x20" as the second argument replaces them).
        int[][] budgets = {{1, 5}, {1, 10}, {1, 20}, {2, 5}, {2, 10}, {2, 20}, {2, 30}, {3, 30}, {3, 100}, {6, 200}};
        if (args.length > 1) {
            budgets = java.util.Arrays.stream(args[1].split(",")).map(b -> b.split("x"))
                    .map(p -> new int[] {Integer.parseInt(p[0].trim()), Integer.parseInt(p[1].trim())}).toArray(int[][]::new);
        }
        for (Map.Entry<String, Map<String, Probe>> check : checks.entrySet()) {
            System.out.println("== " + check.getKey() + " (" + runs + " runs each)");
            for (int[] b : budgets) {
                List<String> cells = new ArrayList<>();
                long start = System.nanoTime();
                boolean all = true;
                for (Map.Entry<String, Probe> canary : check.getValue().entrySet()) {
                    int rejected = 0;
                    for (int r = 0; r < runs; r++) {
                        if (canary.getValue().rejects(b[0], b[1])) {
                            rejected++;
                        }
                    }
                    all &= rejected == runs;
                    cells.add(canary.getKey() + " " + rejected + "/" + runs);
                }
                System.out.printf("%d x %d: %s%s  (%.2f s for all)%n", b[0], b[1], String.join(", ", cells),
                        all ? "  ALL REJECTED" : "", (System.nanoTime() - start) / 1e9);
            }
        }
        Runtime.getRuntime().halt(0);
    }

    private static boolean rejected(lab.grader.harness.StudentCall.Body body) throws Exception {
        try {
            body.run();
            return false;
        } catch (CheckFailure f) {
            return true;
        }
    }
}
