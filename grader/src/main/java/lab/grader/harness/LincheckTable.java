package lab.grader.harness;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Lincheck's failure as {@link Events} for the report page's table: one column per thread, rows in
 * the order Lincheck gives, and, for wrong results, which result is wrong.
 *
 * <p>Lincheck prints its tables as ASCII art and says which run failed, not which result in it is
 * wrong. The harness (which knows Lincheck's format) reads the tables here, once, and records their
 * cells; the page never reads a message. To mark the wrong result, the calls are replayed one at a
 * time on fresh instances of the test class, in every order the threads allow, and the order that
 * matches the most results is taken: the results it does not match are the ones no one-at-a-time
 * run gives there (with what that run gives instead).
 */
final class LincheckTable {
    /** Series of the results table (with the marks) and of the interleaving table. */
    static final String RESULTS = "lincheck";
    static final String INTERLEAVING = "lincheck.interleaving";
    private static final int MAX_ROWS = 40;
    private static final long REPLAY_MILLIS = 2000;

    private LincheckTable() {
    }

    /** One parsed table: column heads and sections of rows (cells per column, "" for none). */
    record Table(List<String> heads, List<List<List<String>>> sections) {
    }

    /** Records the tables of {@code report}; marks wrong results by replaying on {@code testClass} (null: no marks). */
    static void record(String report, Class<?> testClass) {
        try {
            List<Table> tables = tables(report);
            if (tables.isEmpty()) {
                return;
            }
            Table results = tables.get(0);
            List<Mark> marks = testClass == null || !report.contains("Invalid execution results") ? List.of() : marks(results, testClass);
            recordTable(RESULTS, results, marks);
            if (tables.size() > 1) {
                recordTable(INTERLEAVING, tables.get(1), List.of());
            }
        } catch (RuntimeException e) {
            // the table is a help; the check's message says everything already
        }
    }

    private static void recordTable(String series, Table t, List<Mark> marks) {
        for (int c = 0; c < t.heads().size(); c++) {
            Events.record(new Events.Event(series, "head", t.heads().get(c), c, 0, 0, t.heads().get(c)));
        }
        int row = 0;
        for (int s = 0; s < t.sections().size(); s++) {
            for (List<String> cells : t.sections().get(s)) {
                if (row >= MAX_ROWS) {
                    return;
                }
                for (int c = 0; c < cells.size() && c < t.heads().size(); c++) {
                    if (cells.get(c).isBlank()) {
                        continue;
                    }
                    final int r = row;
                    final int col = c;
                    Mark m = marks.stream().filter(k -> k.row == r && k.column == col).findFirst().orElse(null);
                    // end = the section (init, parallel, post), value 1 = a wrong result
                    Events.record(new Events.Event(series, "cell", t.heads().get(c), row, s, m == null ? 0 : 1, cells.get(c)));
                    if (m != null) {
                        Events.record(new Events.Event(series, "expected", t.heads().get(c), row, s, 1, m.expected));
                    }
                }
                row++;
            }
        }
    }

    /** The tables of a Lincheck report, before its detailed trace. */
    static List<Table> tables(String report) {
        List<Table> out = new ArrayList<>();
        List<String> heads = null;
        List<List<List<String>>> sections = null;
        List<List<String>> section = null;
        boolean inTable = false;
        for (String line : (report == null ? "" : report).split("\n")) {
            if (line.startsWith("Detailed trace")) {
                break;
            }
            String t = line.strip();
            if (!t.startsWith("|")) {
                if (inTable && heads != null) {
                    sections.removeIf(List::isEmpty);
                    out.add(new Table(heads, sections));
                }
                inTable = false;
                heads = null;
                continue;
            }
            inTable = true;
            if (t.replace("|", "").replace("-", "").isBlank()) {
                if (heads != null) {
                    section = new ArrayList<>();
                    sections.add(section);
                }
                continue;
            }
            List<String> cells = new ArrayList<>();
            String[] parts = t.substring(1).split("\\|", -1);
            for (int i = 0; i < parts.length - 1; i++) {
                cells.add(parts[i].strip().isEmpty() ? "" : stripOne(parts[i]));
            }
            if (heads == null) {
                heads = cells.stream().map(String::strip).toList();
                sections = new ArrayList<>();
                section = null;
            } else if (section != null) {
                section.add(cells);
            }
        }
        if (inTable && heads != null) {
            sections.removeIf(List::isEmpty);
            out.add(new Table(heads, sections));
        }
        return out;
    }

    /** A cell's text without the table's padding, keeping the indent Lincheck uses for nesting. */
    private static String stripOne(String cell) {
        return (cell.startsWith(" ") ? cell.substring(1) : cell).stripTrailing();
    }

    private record Mark(int row, int column, String expected) {
    }

    /** A call from the table: its row and column, method name, arguments and the result Lincheck saw. */
    private record Call(int row, int column, String name, List<String> args, String result) {
    }

    private static List<Mark> marks(Table t, Class<?> testClass) {
        if (t.sections().size() != 1 && t.sections().size() != 3) {
            return List.of(); // which part is which is not certain: no marks rather than wrong ones
        }
        List<Call> init = new ArrayList<>();
        List<List<Call>> threads = new ArrayList<>();
        List<Call> post = new ArrayList<>();
        t.heads().forEach(h -> threads.add(new ArrayList<>()));
        int row = 0;
        for (int s = 0; s < t.sections().size(); s++) {
            boolean parallel = t.sections().size() == 1 || s == 1;
            for (List<String> cells : t.sections().get(s)) {
                for (int c = 0; c < cells.size() && c < threads.size(); c++) {
                    Call call = parse(row, c, cells.get(c));
                    if (cells.get(c).isBlank()) {
                        continue;
                    }
                    if (call == null) {
                        return List.of();
                    }
                    (parallel ? threads.get(c) : s == 0 ? init : post).add(call);
                }
                row++;
            }
        }
        AtomicReference<List<Mark>> found = new AtomicReference<>(List.of());
        Thread replay = new Thread(() -> found.set(bestOrder(testClass, init, threads, post)), "grader-lincheck-replay");
        replay.setDaemon(true);
        replay.start();
        try {
            replay.join(REPLAY_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return replay.isAlive() ? List.of() : found.get();
    }

    /** Of every one-at-a-time order of the calls, the one that gives the most of Lincheck's results; its misses. */
    private static List<Mark> bestOrder(Class<?> testClass, List<Call> init, List<List<Call>> threads, List<Call> post) {
        List<List<Call>> orders = new ArrayList<>();
        interleave(threads, new int[threads.size()], new ArrayList<>(), orders);
        List<Mark> best = null;
        for (List<Call> order : orders) {
            List<Call> all = new ArrayList<>(init);
            all.addAll(order);
            all.addAll(post);
            List<Mark> misses = new ArrayList<>();
            try {
                Object instance = testClass.getConstructor().newInstance();
                for (Call c : all) {
                    String got = invoke(instance, c);
                    if (c.result != null && !c.result.equals(got)) {
                        misses.add(new Mark(c.row, c.column, got));
                    }
                }
            } catch (ReflectiveOperationException | RuntimeException e) {
                return List.of();
            }
            if (best == null || misses.size() < best.size()) {
                best = misses;
            }
        }
        return best == null ? List.of() : best;
    }

    private static void interleave(List<List<Call>> threads, int[] next, List<Call> prefix, List<List<Call>> out) {
        if (out.size() > 5000) {
            return;
        }
        boolean any = false;
        for (int t = 0; t < threads.size(); t++) {
            if (next[t] < threads.get(t).size()) {
                any = true;
                prefix.add(threads.get(t).get(next[t]++));
                interleave(threads, next, prefix, out);
                next[t]--;
                prefix.remove(prefix.size() - 1);
            }
        }
        if (!any) {
            out.add(List.copyOf(prefix));
        }
    }

    /** Calls the test class's operation; its result as Lincheck prints it. */
    private static String invoke(Object instance, Call c) throws ReflectiveOperationException {
        for (Method m : instance.getClass().getMethods()) {
            if (!m.getName().equals(c.name) || m.getParameterCount() != c.args.size()) {
                continue;
            }
            Object[] args = new Object[c.args.size()];
            Class<?>[] types = m.getParameterTypes();
            for (int i = 0; i < args.length; i++) {
                args[i] = convert(types[i], c.args.get(i));
            }
            try {
                Object r = m.invoke(instance, args);
                return m.getReturnType() == void.class ? "void" : String.valueOf(r);
            } catch (java.lang.reflect.InvocationTargetException e) {
                return e.getCause() == null ? "?" : e.getCause().getClass().getSimpleName();
            }
        }
        throw new NoSuchMethodException(c.name);
    }

    private static Object convert(Class<?> type, String text) {
        if (type == int.class || type == Integer.class) {
            return Integer.parseInt(text);
        }
        if (type == long.class || type == Long.class) {
            return Long.parseLong(text);
        }
        if (type == boolean.class || type == Boolean.class) {
            return Boolean.parseBoolean(text);
        }
        return text;
    }

    /** "offer(3): true" as a call; a cell without a result ("inc()" in a trace) has a null result. */
    private static Call parse(int row, int column, String cell) {
        String text = cell.strip();
        var m = java.util.regex.Pattern.compile("([A-Za-z_$][\\w$]*)\\(([^)]*)\\)(?::\\s*(.*))?").matcher(text);
        if (!m.matches()) {
            return null;
        }
        List<String> args = m.group(2).isBlank() ? List.of()
                : java.util.Arrays.stream(m.group(2).split(",")).map(String::strip).toList();
        return new Call(row, column, m.group(1), args, m.group(3) == null ? null : m.group(3).strip());
    }
}
