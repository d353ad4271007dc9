package lab.grader.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The OS sandbox on Linux: bubblewrap ({@code bwrap}). A process started through it has
 * <ul>
 * <li>no {@code /proc} (nothing of its own process to read or reopen: memory, file descriptors);</li>
 * <li>its own PID namespace, and dies with the grader ({@code --die-with-parent}): when its main process
 *     ends, every process it started ends too, detached ones included;</li>
 * <li>its own network namespace with only loopback: the downloads exercise's server in the same JVM
 *     works, nothing else is reachable, the host's loopback included;</li>
 * <li>a read-only view of the system's programs and libraries ({@code /usr}), the JDK and what it is
 *     told it may read (the grader's class path, the submission's classes), a size-limited private
 *     {@code /tmp}, one writable folder, and nothing else: no home folder, no kit sources, no other
 *     student's folder, no results;</li>
 * <li>an empty environment but {@code PATH}, {@code HOME} (its own folder) and {@code LANG};</li>
 * <li>limits: tasks (processes and threads), size of a file written, CPU time; and, when the grader
 *     runs as root, a user id of its own (one per process started, so that one submission's fork bomb
 *     cannot use up another's task limit), with no capabilities.</li>
 * </ul>
 * The heap stays bounded by the JVM's {@code -Xmx}, and the grader's time limits stay.
 */
public final class Bubblewrap implements Sandbox {
    /** The user ids a sandboxed process runs as when the grader is root: one per process started, in turn. */
    static final int FIRST_UID = 61_000;
    static final int UIDS = 1_000;
    /** The uid each started process runs as, held until it has ended. */
    private final Map<ProcessBuilder, SandboxUids.Lease> leases = new java.util.concurrent.ConcurrentHashMap<>();
    private static final String JDK_LIBRARIES = System.getProperty("java.home") + "/lib:" + System.getProperty("java.home") + "/lib/server";

    /**
     * @param tasks processes and threads a sandboxed process may have (RLIMIT_NPROC of its own user)
     * @param fileBytes the largest file it may write
     * @param cpuSeconds the CPU time it may use
     * @param scratchBytes the size of its private {@code /tmp} and of a scratch working folder
     */
    public record Limits(int tasks, long fileBytes, long cpuSeconds, long scratchBytes) {
        public static final Limits DEFAULT = new Limits(1024, 64L << 20, 1800, 256L << 20);
    }

    private final Limits limits;
    private final String bwrap;
    private final String prlimit;
    private final String setpriv;
    private final boolean root;
    private final List<String> system;

    private Bubblewrap(Limits limits, String bwrap, String prlimit, String setpriv, boolean root, List<String> system) {
        this.limits = limits;
        this.bwrap = bwrap;
        this.prlimit = prlimit;
        this.setpriv = setpriv;
        this.root = root;
        this.system = system;
    }

    /**
     * The sandbox, after proving that it starts here; or an exception whose message says why not and what
     * would fix it (install bubblewrap, allow user namespaces).
     */
    public static Bubblewrap start(Limits limits) throws SandboxUnavailable {
        return start(limits, Bubblewrap::find);
    }

    /** As {@link #start(Limits)}, finding the programs it needs with {@code find} (null: not installed). */
    static Bubblewrap start(Limits limits, java.util.function.UnaryOperator<String> find) throws SandboxUnavailable {
        if (!System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux")) {
            throw new SandboxUnavailable("sandbox.not-linux");
        }
        String bwrap = find.apply("bwrap");
        String prlimit = find.apply("prlimit");
        String setpriv = find.apply("setpriv");
        if (bwrap == null) {
            throw new SandboxUnavailable("sandbox.no-bwrap");
        }
        if (prlimit == null || setpriv == null) {
            throw new SandboxUnavailable("sandbox.no-util-linux");
        }
        boolean root = isRoot();
        Bubblewrap sandbox = new Bubblewrap(limits, bwrap, prlimit, setpriv, root, systemBinds());
        String failure = sandbox.probe();
        if (failure != null) {
            throw new SandboxUnavailable("sandbox.cannot-start", failure);
        }
        return sandbox;
    }

    @Override
    public String mode() {
        return "bubblewrap";
    }

    /** Views made for each working folder (of what its process must read but its user may not), removed when it ends. */
    private final java.util.Map<Path, Path> views = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * Mounts what it may read where it is; where the grader runs as root and something is not readable by
     * every user (a kit kept root's alone), a readable view of it instead.
     */
    @Override
    public java.util.Map<Path, Path> stage(List<Path> readable, Path workDir) throws IOException {
        java.util.Map<Path, Path> view = new java.util.LinkedHashMap<>();
        int n = 0;
        for (Path p : readable) {
            if (!root || ReadableView.openToAll(p)) {
                view.put(p, p);
                continue;
            }
            Path dir = views.computeIfAbsent(workDir.toAbsolutePath().normalize(), k -> {
                try {
                    Path made = Files.createTempDirectory("lab-view-");
                    Files.setPosixFilePermissions(made, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
                    return made;
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            view.put(p, ReadableView.stage(p, dir, n++));
        }
        return view;
    }

    @Override
    public void ended(ProcessBuilder started) {
        SandboxUids.Lease lease = leases.remove(started);
        if (lease != null) {
            lease.close();
        }
        if (started.directory() != null) {
            Path view = views.remove(started.directory().toPath().toAbsolutePath().normalize());
            if (view != null) {
                lab.grader.run.Folders.deleteQuietly(view);
            }
        }
    }

    @Override
    public ProcessBuilder prepare(List<String> command, Path workDir, List<Path> readable) {
        return build(command, workDir, readable, false);
    }

    @Override
    public ProcessBuilder prepareScratch(List<String> command, Path workDir, List<Path> readable) {
        return build(command, workDir, readable, true);
    }

    private ProcessBuilder build(List<String> command, Path workDir, List<Path> readable, boolean scratch) {
        Path work = workDir.toAbsolutePath().normalize();
        List<String> cmd = new ArrayList<>(List.of(prlimit, "--nproc=" + limits.tasks(), "--fsize=" + limits.fileBytes(),
                "--cpu=" + limits.cpuSeconds(), "--core=0", "--", bwrap));
        // As root, bwrap makes the namespaces and mounts (it can read what the grader can), and the process
        // inside drops to a user of its own with no capabilities; as anyone else, bwrap makes a user
        // namespace and everything inside runs as that user.
        SandboxUids.Lease lease = root ? SandboxUids.claim(FIRST_UID, UIDS) : null;
        int uid = lease == null ? -1 : lease.uid();
        cmd.addAll(root ? List.of("--unshare-pid", "--unshare-net", "--unshare-ipc", "--unshare-uts", "--unshare-cgroup-try")
                : List.of("--unshare-all"));
        cmd.addAll(List.of("--die-with-parent", "--new-session"));
        cmd.addAll(system);
        // No procfs: /proc/self/mem would show the grading JVM's memory (its report line's token with it) and
        // /proc/self/fd/1 would reopen its report line; the JVM runs without it (the JDK's libraries are
        // found through LD_LIBRARY_PATH instead of /proc/self/exe).
        cmd.addAll(List.of("--dir", "/proc", "--dev", "/dev", "--perms", "1777", "--size", String.valueOf(limits.scratchBytes()),
                "--tmpfs", "/tmp"));
        Set<String> bound = new LinkedHashSet<>();
        Set<Path> folders = new LinkedHashSet<>();
        for (Path p : readable) {
            Path abs = p.toAbsolutePath().normalize();
            if (Files.exists(abs) && !abs.startsWith("/usr") && !abs.startsWith(work) && bound.add(abs.toString())) {
                openFolders(abs, folders, cmd);
                cmd.addAll(List.of("--ro-bind", abs.toString(), abs.toString()));
            }
        }
        openFolders(work, folders, cmd);
        if (scratch) {
            cmd.addAll(List.of("--perms", "1777", "--size", String.valueOf(limits.scratchBytes()), "--tmpfs", work.toString()));
        } else {
            if (root) {
                chown(work, uid);
            }
            cmd.addAll(List.of("--bind", work.toString(), work.toString()));
        }
        cmd.addAll(List.of("--chdir", work.toString(), "--clearenv", "--setenv", "PATH", "/usr/bin:/bin",
                "--setenv", "HOME", work.toString(), "--setenv", "LANG", "C.UTF-8", "--setenv", "LD_LIBRARY_PATH", JDK_LIBRARIES, "--"));
        if (root) {
            cmd.addAll(List.of(setpriv, "--reuid=" + uid, "--regid=" + uid, "--clear-groups", "--inh-caps=-all",
                    "--bounding-set=-all", "--no-new-privs", "--"));
        }
        cmd.addAll(command);
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(work.toFile());
        pb.environment().clear();
        pb.environment().put("PATH", "/usr/bin:/bin");
        if (lease != null) {
            leases.put(pb, lease);
        }
        return pb;
    }

    /**
     * Makes the folders above {@code path} inside the sandbox, traversable by its user (bwrap would make
     * them private to root); {@code /tmp} is a mount of its own, made before.
     */
    private static void openFolders(Path path, Set<Path> made, List<String> cmd) {
        Path parent = path.getParent();
        List<Path> chain = new ArrayList<>();
        for (Path p = parent; p != null && p.getNameCount() > 0; p = p.getParent()) {
            chain.add(0, p);
        }
        for (Path p : chain) {
            if (!p.equals(Path.of("/tmp")) && !p.startsWith("/usr") && made.add(p)) {
                cmd.addAll(List.of("--perms", "0755", "--dir", p.toString()));
            }
        }
    }

    /** Runs {@code true} in the sandbox: null when it worked, else what went wrong. */
    private String probe() {
        try {
            Path dir = Files.createTempDirectory("lab-sandbox-probe-");
            try {
                Process p = prepareScratch(List.of("/usr/bin/true"), dir, List.of()).redirectErrorStream(true).start();
                if (!p.waitFor(30, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    return "bwrap did not start in 30 s";
                }
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
                return p.exitValue() == 0 ? null : out.isEmpty() ? "exit status " + p.exitValue() : out;
            } finally {
                Files.deleteIfExists(dir);
            }
        } catch (IOException e) {
            return e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    /**
     * What every sandboxed process sees of the system, read-only: {@code /usr} (with the merged-usr links
     * {@code /bin}, {@code /lib} ... as the host has them), the JDK wherever it is, and the folders outside
     * {@code /usr} that the JDK's own files link to (Debian keeps the JDK's configuration in {@code /etc}).
     */
    private static List<String> systemBinds() {
        List<String> binds = new ArrayList<>(List.of("--ro-bind", "/usr", "/usr"));
        for (String top : List.of("/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32")) {
            Path p = Path.of(top);
            if (Files.isSymbolicLink(p)) {
                try {
                    binds.addAll(List.of("--symlink", Files.readSymbolicLink(p).toString(), top));
                } catch (IOException e) {
                    // leave it out
                }
            } else if (Files.isDirectory(p)) {
                binds.addAll(List.of("--ro-bind", top, top));
            }
        }
        Set<Path> outside = new LinkedHashSet<>();
        try {
            Path home = Path.of(System.getProperty("java.home")).toRealPath();
            if (!home.startsWith("/usr")) {
                outside.add(home);
            }
            try (Stream<Path> walk = Files.walk(home, 4)) {
                for (Path link : walk.filter(Files::isSymbolicLink).toList()) {
                    try {
                        Path target = link.toRealPath();
                        if (!target.startsWith("/usr") && !target.startsWith(home) && target.getNameCount() >= 2) {
                            outside.add(target.getRoot().resolve(target.subpath(0, 2)));
                        }
                    } catch (IOException e) {
                        // a dangling link (docs, sources): nothing to bind
                    }
                }
            }
        } catch (IOException e) {
            // the JDK under /usr is bound already
        }
        Set<Path> made = new LinkedHashSet<>();
        for (Path p : outside) {
            openFolders(p, made, binds);
            binds.addAll(List.of("--ro-bind", p.toString(), p.toString()));
        }
        return List.copyOf(binds);
    }

    /** True when the grader runs as root. */
    static boolean isRoot() {
        return uid() == 0;
    }

    /**
     * Hands the folders under {@code dir} (not the files: some are hard links to the grader's own) to the
     * sandbox's user, so it can create files there.
     */
    static void chown(Path dir, int uid) {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.filter(f -> Files.isDirectory(f, LinkOption.NOFOLLOW_LINKS)).toList()) {
                Files.setAttribute(p, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
                Files.setAttribute(p, "unix:gid", uid, LinkOption.NOFOLLOW_LINKS);
            }
        } catch (IOException | UnsupportedOperationException e) {
            throw new IllegalStateException("cannot hand " + dir + " to the sandbox's user " + uid + ": " + e.getMessage(), e);
        }
    }

    private static int uid() {
        try {
            Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
            return uid instanceof Integer i ? i : -1;
        } catch (IOException | UnsupportedOperationException e) {
            return -1;
        }
    }

    static String find(String program) {
        for (String dir : List.of("/usr/bin", "/bin", "/usr/sbin", "/sbin", "/usr/local/bin")) {
            Path p = Path.of(dir, program);
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        return null;
    }
}
