package lab.grader.harness;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.FieldNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LineNumberNode;
import org.objectweb.asm.tree.LookupSwitchInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TableSwitchInsnNode;
import org.objectweb.asm.tree.TryCatchBlockNode;
import org.objectweb.asm.tree.TypeInsnNode;

/**
 * Data races that no run can show: a field written while a lock is held and read (or written)
 * elsewhere while none is, read from the bytecode of the code under test.
 *
 * <p>Why bytecode: a plain read of a field that other threads write under a lock has no
 * happens-before with those writes, so it may see a stale value (or, for a {@code long}, half of one:
 * JLS 17.7). Lincheck's model checker explores interleavings under sequential consistency, and the
 * property checks read after {@code join()}, so neither ever sees it; the code is still wrong.
 *
 * <p>How: for every method of the classes scanned (the root classes, their nested classes and the
 * classes of the exercise's package they use), a data-flow pass over the control-flow graph says at
 * each instruction whether a lock is held: inside a {@code synchronized} method or block, or between
 * {@code lock()}/{@code lockInterruptibly()}/{@code tryLock()} of a {@code java.util.concurrent.locks}
 * lock and its {@code unlock()} (a {@code StampedLock}'s read and write locks too). Code that runs
 * only where a lock is already held counts as locked: a private helper (any method that is not a
 * public or protected method of a root class) whose every call site holds a lock, or is in such a
 * helper. A field is <em>guarded</em> when some method writes it holding a lock; every access to a
 * guarded field in a method that outsiders can call (public API) or that is called without a lock,
 * holding none itself, is a race. Not races: {@code volatile} and {@code final} fields, constructors
 * and static initialisers (nothing else sees the object yet), and code whose callers the scan
 * cannot see (a lambda, a method reference): when in doubt, the scan does not accuse.
 *
 * <p>It does not tell one lock from another: a read under the wrong lock is not found here.
 */
public final class GuardScan {
    /** How deep nested locks are followed (a loop that locks without unlocking ends here). */
    private static final int MAX_DEPTH = 4;

    /**
     * A race: {@code field} ("BoundedBuffer.count") is written holding a lock at {@code lockedWrite}
     * and accessed holding none at {@code unlocked}, both as "Class.method (File.java:line)".
     */
    public record Race(String field, String lockedWrite, String unlocked, boolean unlockedIsRead) {
    }

    private enum Held { HELD, UNKNOWN, UNLOCKED }

    private record Access(String field, boolean write, boolean locked, String method, String place) {
    }

    private record Site(String callee, boolean locked, String caller) {
    }

    private GuardScan() {
    }

    /**
     * The races in {@code roots} and the classes they use from the package {@code exercisePackage}
     * ("lab.counter"), loaded as class files through {@code roots}' class loader.
     */
    public static List<Race> races(String exercisePackage, Class<?>... roots) throws IOException {
        List<String> rootNames = Arrays.stream(roots).map(Type::getInternalName).toList();
        Map<String, ClassNode> classes = new LinkedHashMap<>();
        classFiles(exercisePackage, roots).forEach((name, bytes) -> classes.put(name, node(bytes)));
        return analyse(classes, rootNames);
    }

    /**
     * The class files of {@code roots}, their nested classes and the classes of {@code exercisePackage}
     * they use (a helper, a superclass, another class of the exercise), by internal name, roots first:
     * what a scan of "the student's code for this class" reads.
     */
    public static Map<String, byte[]> classFiles(String exercisePackage, Class<?>... roots) throws IOException {
        ClassLoader loader = roots[0].getClassLoader();
        String pkg = exercisePackage.replace('.', '/') + "/";
        List<String> rootNames = Arrays.stream(roots).map(Type::getInternalName).toList();
        Map<String, byte[]> files = new LinkedHashMap<>();
        Deque<String> todo = new ArrayDeque<>(rootNames);
        while (!todo.isEmpty()) {
            String name = todo.pop();
            if (files.containsKey(name)) {
                continue;
            }
            try (InputStream in = loader.getResourceAsStream(name + ".class")) {
                if (in == null) {
                    continue; // a JDK class, or one this class loader cannot see
                }
                byte[] bytes = in.readAllBytes();
                files.put(name, bytes);
                for (String used : used(node(bytes))) {
                    boolean nested = rootNames.stream().anyMatch(r -> used.startsWith(r + "$"));
                    if ((nested || used.startsWith(pkg)) && !files.containsKey(used)) {
                        todo.add(used);
                    }
                }
            }
        }
        return files;
    }

    private static ClassNode node(byte[] bytes) {
        ClassNode node = new ClassNode();
        new ClassReader(bytes).accept(node, ClassReader.SKIP_FRAMES);
        return node;
    }

    private static Set<String> used(ClassNode node) {
        Set<String> used = new LinkedHashSet<>();
        if (node.superName != null) {
            used.add(node.superName);
        }
        node.innerClasses.forEach(ic -> used.add(ic.name));
        for (MethodNode m : node.methods) {
            for (AbstractInsnNode insn : m.instructions) {
                if (insn instanceof FieldInsnNode f) {
                    used.add(f.owner);
                } else if (insn instanceof MethodInsnNode mi) {
                    used.add(mi.owner);
                } else if (insn instanceof TypeInsnNode t) {
                    used.add(t.desc);
                } else if (insn instanceof InvokeDynamicInsnNode indy) {
                    for (Object a : indy.bsmArgs) {
                        if (a instanceof Handle h) {
                            used.add(h.getOwner());
                        }
                    }
                }
            }
        }
        return used;
    }

    private static List<Race> analyse(Map<String, ClassNode> classes, List<String> roots) {
        Set<String> candidates = new LinkedHashSet<>(); // owner.name of fields that could race
        for (ClassNode c : classes.values()) {
            for (FieldNode f : c.fields) {
                if ((f.access & (Opcodes.ACC_VOLATILE | Opcodes.ACC_FINAL)) == 0) {
                    candidates.add(c.name + "." + f.name);
                }
            }
        }
        Map<String, MethodNode> methods = new LinkedHashMap<>();
        Map<String, Held> held = new HashMap<>();
        List<Access> accesses = new ArrayList<>();
        List<Site> sites = new ArrayList<>();
        Set<String> api = new LinkedHashSet<>(); // the roots and their superclasses: their public methods are what outsiders call
        for (String r : roots) {
            for (ClassNode c = classes.get(r); c != null; c = classes.get(c.superName)) {
                api.add(c.name);
            }
        }
        for (ClassNode c : classes.values()) {
            boolean root = api.contains(c.name);
            for (MethodNode m : c.methods) {
                String key = c.name + "." + m.name + m.desc;
                methods.put(key, m);
                boolean entry = root && (m.access & (Opcodes.ACC_PUBLIC | Opcodes.ACC_PROTECTED)) != 0
                        && !m.name.startsWith("<") && (m.access & Opcodes.ACC_SYNTHETIC) == 0;
                boolean init = m.name.equals("<init>") || m.name.equals("<clinit>");
                held.put(key, entry ? Held.UNLOCKED : Held.HELD); // helpers start optimistic, see below
                if (!init) {
                    walk(c, m, key, classes, candidates, accesses, sites);
                }
                if (init) {
                    held.put(key, Held.HELD);
                }
            }
        }
        // A helper's state follows its callers': a fixpoint that only ever moves away from HELD.
        Map<String, List<Site>> byCallee = new HashMap<>();
        for (Site s : sites) {
            byCallee.computeIfAbsent(s.callee, k -> new ArrayList<>()).add(s);
        }
        for (boolean changed = true; changed;) {
            changed = false;
            for (Map.Entry<String, Held> e : held.entrySet()) {
                String key = e.getKey();
                if (e.getValue() == Held.UNLOCKED || key.contains(".<init>") || key.contains(".<clinit>")) {
                    continue;
                }
                List<Site> calls = byCallee.getOrDefault(key, List.of());
                Held next = calls.isEmpty() ? Held.UNKNOWN : Held.HELD;
                for (Site s : calls) {
                    if (s.locked) {
                        continue;
                    }
                    Held caller = held.getOrDefault(s.caller, Held.UNKNOWN);
                    if (caller == Held.UNLOCKED) {
                        next = Held.UNLOCKED;
                    } else if (caller == Held.UNKNOWN && next == Held.HELD) {
                        next = Held.UNKNOWN;
                    }
                }
                if (next.ordinal() > e.getValue().ordinal()) {
                    e.setValue(next);
                    changed = true;
                }
            }
        }
        Map<String, String> lockedWrite = new LinkedHashMap<>();
        for (Access a : accesses) {
            boolean locked = a.locked || isSynchronized(methods.get(a.method)) || held.get(a.method) == Held.HELD;
            if (a.write && locked) {
                lockedWrite.putIfAbsent(a.field, a.place);
            }
        }
        List<Race> races = new ArrayList<>();
        Set<String> reported = new LinkedHashSet<>();
        for (Access a : accesses) {
            boolean unlocked = !a.locked && !isSynchronized(methods.get(a.method)) && held.get(a.method) == Held.UNLOCKED;
            if (unlocked && lockedWrite.containsKey(a.field) && reported.add(a.field + "@" + a.place)) {
                String shown = a.field.substring(a.field.lastIndexOf('/') + 1);
                races.add(new Race(shown, lockedWrite.get(a.field), a.place, !a.write));
            }
        }
        return races;
    }

    private static boolean isSynchronized(MethodNode m) {
        return m != null && (m.access & Opcodes.ACC_SYNCHRONIZED) != 0;
    }

    /** One method: the lock depth at every instruction (a data-flow fixpoint), then its field accesses and calls. */
    private static void walk(ClassNode c, MethodNode m, String key, Map<String, ClassNode> classes, Set<String> candidates,
            List<Access> accesses, List<Site> sites) {
        AbstractInsnNode[] insns = m.instructions.toArray();
        int n = insns.length;
        if (n == 0) {
            return;
        }
        int[] depth = new int[n];
        Arrays.fill(depth, -1);
        Deque<Integer> work = new ArrayDeque<>();
        depth[0] = isSynchronized(m) ? 1 : 0; // a synchronized method holds its monitor throughout
        work.push(0);
        while (!work.isEmpty()) {
            int i = work.pop();
            int d = depth[i];
            AbstractInsnNode insn = insns[i];
            for (TryCatchBlockNode tcb : m.tryCatchBlocks) {
                int from = m.instructions.indexOf(tcb.start);
                int to = m.instructions.indexOf(tcb.end);
                if (i >= from && i < to) {
                    flow(depth, work, m.instructions.indexOf(tcb.handler), d);
                }
            }
            int out = Math.min(MAX_DEPTH, Math.max(0, d + effect(insn)));
            int op = insn.getOpcode();
            if (insn instanceof JumpInsnNode j) {
                flow(depth, work, m.instructions.indexOf(j.label), out);
                if (op != Opcodes.GOTO) {
                    flow(depth, work, i + 1, out);
                }
            } else if (insn instanceof TableSwitchInsnNode t) {
                flow(depth, work, m.instructions.indexOf(t.dflt), out);
                for (LabelNode l : t.labels) {
                    flow(depth, work, m.instructions.indexOf(l), out);
                }
            } else if (insn instanceof LookupSwitchInsnNode t) {
                flow(depth, work, m.instructions.indexOf(t.dflt), out);
                for (LabelNode l : t.labels) {
                    flow(depth, work, m.instructions.indexOf(l), out);
                }
            } else if (!(op >= Opcodes.IRETURN && op <= Opcodes.RETURN) && op != Opcodes.ATHROW && op != Opcodes.RET) {
                flow(depth, work, i + 1, out);
            }
        }
        String source = sourcePrefix(c, m);
        int line = -1;
        for (int i = 0; i < n; i++) {
            AbstractInsnNode insn = insns[i];
            if (insn instanceof LineNumberNode ln) {
                line = ln.line;
                continue;
            }
            if (depth[i] < 0) {
                continue; // unreachable
            }
            boolean locked = depth[i] > 0;
            String place = source + ":" + line + ")";
            if (insn instanceof FieldInsnNode f) {
                String field = declaring(classes, f.owner, f.name, null) + "." + f.name;
                if (candidates.contains(field)) {
                    boolean write = f.getOpcode() == Opcodes.PUTFIELD || f.getOpcode() == Opcodes.PUTSTATIC;
                    accesses.add(new Access(field, write, locked, key, place));
                }
            } else if (insn instanceof MethodInsnNode mi && classes.containsKey(mi.owner)) {
                sites.add(new Site(declaring(classes, mi.owner, mi.name, mi.desc) + "." + mi.name + mi.desc, locked, key));
            }
        }
    }

    /** The class among {@code classes}, from {@code owner} up, that declares the field (desc null) or method; else owner. */
    private static String declaring(Map<String, ClassNode> classes, String owner, String name, String desc) {
        for (ClassNode c = classes.get(owner); c != null; c = classes.get(c.superName)) {
            boolean found = desc == null ? c.fields.stream().anyMatch(f -> f.name.equals(name))
                    : c.methods.stream().anyMatch(m -> m.name.equals(name) && m.desc.equals(desc));
            if (found) {
                return c.name;
            }
        }
        return owner;
    }

    private static String sourcePrefix(ClassNode c, MethodNode m) {
        return c.name.replace('/', '.') + "." + m.name + " (" + (c.sourceFile == null ? "?" : c.sourceFile);
    }

    private static void flow(int[] depth, Deque<Integer> work, int to, int d) {
        if (to >= 0 && to < depth.length && depth[to] < d) {
            depth[to] = d;
            work.push(to);
        }
    }

    /** +1 where an instruction takes a lock, -1 where it lets one go, 0 otherwise. */
    private static int effect(AbstractInsnNode insn) {
        int op = insn.getOpcode();
        if (op == Opcodes.MONITORENTER) {
            return 1;
        }
        if (op == Opcodes.MONITOREXIT) {
            return -1;
        }
        if (insn instanceof MethodInsnNode mi && mi.owner.startsWith("java/util/concurrent/locks/")) {
            boolean stamped = mi.owner.equals("java/util/concurrent/locks/StampedLock");
            String name = mi.name;
            if (stamped) {
                if (List.of("writeLock", "readLock", "writeLockInterruptibly", "readLockInterruptibly", "tryWriteLock",
                        "tryReadLock").contains(name)) {
                    return 1;
                }
                return List.of("unlockWrite", "unlockRead", "unlock").contains(name) ? -1 : 0;
            }
            if (name.equals("lock") || name.equals("lockInterruptibly") || name.equals("tryLock")) {
                return Type.getReturnType(mi.desc).getSort() == Type.OBJECT ? 0 : 1;
            }
            if (name.equals("unlock")) {
                return -1;
            }
        }
        return 0;
    }
}
