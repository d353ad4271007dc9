package lab.grader.counter;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import lab.grader.harness.BytecodeScan;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Which synchronisation a counter class is built with, read from its bytecode: {@code synchronized}
 * (methods or blocks), a lock from {@code java.util.concurrent.locks}, atomics
 * ({@code java.util.concurrent.atomic}, {@code VarHandle}).
 *
 * <p>Why bytecode: the three counters of the lesson differ only in the tool they use, and all three
 * count exactly when written right, so running them cannot tell a LockCounter written with
 * {@code synchronized} from the real thing. The scan follows the classes the counter uses from the
 * exercise's package ({@code lab.counter}: a helper, or another counter it delegates to) and its own
 * nested and anonymous classes, so a lock hidden one class away is found too.
 */
final class CounterTools {
    private static final String EXERCISE_PACKAGE = "lab/counter/";

    /** Where each tool was seen, as "Class.method (File:line)". */
    record Found(List<String> monitors, List<String> locks, List<String> atomics) {
    }

    private CounterTools() {
    }

    static Found scan(Class<?> type) throws IOException {
        String root = Type.getInternalName(type);
        Found found = new Found(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        Set<String> seen = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of(root));
        while (!todo.isEmpty()) {
            String name = todo.pop();
            if (!seen.add(name)) {
                continue;
            }
            try (InputStream in = type.getClassLoader().getResourceAsStream(name + ".class")) {
                if (in == null) {
                    continue; // a JDK class, or one this class loader cannot see
                }
                scan(new ClassReader(in), found, used -> {
                    if (used.startsWith(root + "$") || used.startsWith(EXERCISE_PACKAGE)) {
                        todo.add(used);
                    }
                });
            }
        }
        return found;
    }

    private static void scan(ClassReader reader, Found found, Consumer<String> follow) {
        new BytecodeScan() {
            @Override
            protected void method(int access, String place) {
                if ((access & Opcodes.ACC_SYNCHRONIZED) != 0) {
                    found.monitors.add(place);
                }
            }

            @Override
            protected void instruction(int opcode, String place) {
                if (opcode == Opcodes.MONITORENTER) {
                    found.monitors.add(place);
                }
            }

            @Override
            protected void usesClass(String internalName, String place) {
                if (internalName.startsWith("java/util/concurrent/locks/")) {
                    found.locks.add(place);
                } else if (internalName.startsWith("java/util/concurrent/atomic/") || internalName.equals("java/lang/invoke/VarHandle")) {
                    found.atomics.add(place);
                } else {
                    follow.accept(internalName);
                }
            }
        }.scan(reader);
    }
}
