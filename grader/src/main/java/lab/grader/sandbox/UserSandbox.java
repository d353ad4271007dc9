package lab.grader.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The fallback where no namespaces can be had (a Gradescope container): every process runs as a user id
 * of its own (one per process, from the same range as {@link Bubblewrap}'s), with no capabilities, no
 * supplementary groups, an empty environment and the same limits; what it may read is what file
 * permissions let any user read. Folders it must read (the grader's classes, the submission's) are copied
 * into its own working folder first, so the kit itself, hidden checks and sources included, can stay
 * readable by root only. When the process ends, every process of its user is killed: a detached one
 * cannot outlive grading. The network is not isolated in this mode, which the reports say.
 *
 * <p>Needs the grader to run as root (to change user) and util-linux's {@code setpriv} and {@code prlimit}.
 */
public final class UserSandbox implements Sandbox {
    private final Bubblewrap.Limits limits;
    private final String prlimit;
    private final String setpriv;
    private final Map<ProcessBuilder, SandboxUids.Lease> users = new ConcurrentHashMap<>();
    /** The user of each working folder: {@link #stage} picks it, {@link #prepare} starts the process as it. */
    private final Map<Path, SandboxUids.Lease> folders = new ConcurrentHashMap<>();

    private UserSandbox(Bubblewrap.Limits limits, String prlimit, String setpriv) {
        this.limits = limits;
        this.prlimit = prlimit;
        this.setpriv = setpriv;
    }

    /** The user sandbox, or why it cannot run here. */
    public static UserSandbox start(Bubblewrap.Limits limits) throws SandboxUnavailable {
        String prlimit = Bubblewrap.find("prlimit");
        String setpriv = Bubblewrap.find("setpriv");
        if (prlimit == null || setpriv == null) {
            throw new SandboxUnavailable("sandbox.no-util-linux");
        }
        if (!Bubblewrap.isRoot()) {
            throw new SandboxUnavailable("sandbox.user-needs-root");
        }
        return new UserSandbox(limits, prlimit, setpriv);
    }

    @Override
    public String mode() {
        return "user";
    }

    /** The uid (held, see SandboxUids) the process working in {@code workDir} will run as. */
    private SandboxUids.Lease user(Path workDir) {
        return folders.computeIfAbsent(workDir.toAbsolutePath().normalize(),
                k -> SandboxUids.claim(Bubblewrap.FIRST_UID + Bubblewrap.UIDS, Bubblewrap.UIDS));
    }

    @Override
    public Map<Path, Path> stage(List<Path> readable, Path workDir) throws IOException {
        int uid = user(workDir).uid();
        Map<Path, Path> view = new LinkedHashMap<>();
        int n = 0;
        for (Path p : readable) {
            view.put(p, ReadableView.stage(p, workDir, n++));
        }
        Bubblewrap.chown(workDir, uid);
        return view;
    }

    @Override
    public ProcessBuilder prepare(List<String> command, Path workDir, List<Path> readable) {
        SandboxUids.Lease lease = user(workDir);
        int uid = lease.uid();
        folders.remove(workDir.toAbsolutePath().normalize());
        Bubblewrap.chown(workDir, uid);
        List<String> cmd = new ArrayList<>(List.of(prlimit, "--nproc=" + limits.tasks(), "--fsize=" + limits.fileBytes(),
                "--cpu=" + limits.cpuSeconds(), "--core=0", "--", setpriv, "--reuid=" + uid, "--regid=" + uid, "--clear-groups",
                "--inh-caps=-all", "--bounding-set=-all", "--no-new-privs", "--"));
        cmd.addAll(command);
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile());
        pb.environment().clear();
        pb.environment().put("PATH", "/usr/bin:/bin");
        pb.environment().put("HOME", workDir.toString());
        pb.environment().put("LANG", "C.UTF-8");
        users.put(pb, lease);
        return pb;
    }

    @Override
    public void ended(ProcessBuilder started) {
        SandboxUids.Lease lease = users.remove(started);
        if (lease == null) {
            return;
        }
        try {
            // Kill every process of that user until none is left (a fork races the kill a few times at most).
            int uid = lease.uid();
            for (int round = 0; round < 20; round++) {
                List<ProcessHandle> left = ProcessHandle.allProcesses().filter(h -> ownedBy(h, uid)).toList();
                if (left.isEmpty()) {
                    return;
                }
                left.forEach(ProcessHandle::destroyForcibly);
                left.forEach(h -> h.onExit().completeOnTimeout(h, 200, TimeUnit.MILLISECONDS).join());
            }
        } finally {
            lease.close(); // only now may another process run as that user
        }
    }

    private static boolean ownedBy(ProcessHandle h, int uid) {
        try {
            Object owner = Files.getAttribute(Path.of("/proc", String.valueOf(h.pid())), "unix:uid");
            return owner instanceof Integer i && i == uid;
        } catch (IOException | RuntimeException e) {
            return false; // already gone
        }
    }

}
